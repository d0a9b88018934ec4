#include "CommuterSchedule.h"

#include "CameraNetwork.h"
#include "DemoRandom.h"
#include "TrafficModel.h"

#include <cmath>

namespace alpr {

namespace {

constexpr double kWeekdayShare = 0.88;
constexpr double kWeekendShare = 0.15;
constexpr double kMeanTripReads = 2.3; // trips of two or three cameras, a few cut short at a corridor's end

double hashNormal(quint64 h)
{
    const double u1 = 1.0 - DemoRandom::unit(DemoRandom::hash(h, 11));
    const double u2 = DemoRandom::unit(DemoRandom::hash(h, 12));
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

} // namespace

double CommuterSchedule::expectedReads(int days)
{
    return days * (5.0 / 7.0 * kWeekdayShare * 2 + 2.0 / 7.0 * kWeekendShare * 2) * kMeanTripReads;
}

void CommuterSchedule::build(int count, const CameraNetwork& network, PlateFormats& formats, DemoRandom& random)
{
    m_commuters.clear();
    m_commuters.reserve(size_t(std::max(0, count)));
    for (int i = 0; i < count; ++i) {
        Commuter c;
        c.plate = formats.allocate(random);
        c.hash = random.next();
        c.length = network.trip(network.pickFixed(random), 2 + int(random.below(2)), random, c.cameras, c.gapsM);
        c.morningMinute = std::clamp(450.0 + 40.0 * random.normal(), 360.0, 570.0);
        c.eveningMinute = std::clamp(1035.0 + 45.0 * random.normal(), 900.0, 1170.0);
        m_commuters.push_back(c);
    }
}

void CommuterSchedule::appendEvents(qint64 startMs, qint64 endMs, std::vector<DemoEvent>& out) const
{
    const QDate first = TrafficModel::localDate(startMs);
    const QDate last = TrafficModel::localDate(endMs);
    for (QDate date = first; date <= last; date = date.addDays(1)) {
        const bool weekend = date.dayOfWeek() >= 6;
        const qint64 midnight = TrafficModel::localToUtc(date, 0);
        // Within a day the offset is fixed except on the two DST days; localToUtc handles those.
        const bool dstDay = TrafficModel::localToUtc(date, 1439) - midnight != 1439 * 60 * 1000;
        for (const Commuter& c : m_commuters) {
            const quint64 h = DemoRandom::hash(c.hash, quint64(date.toJulianDay()));
            const double u = DemoRandom::unit(h);
            double out1 = 0;
            double back = 0;
            if (!weekend && u < kWeekdayShare) {
                out1 = c.morningMinute + 7.0 * hashNormal(h);
                back = c.eveningMinute + 9.0 * hashNormal(h + 1);
            } else if (weekend && u < kWeekendShare) {
                out1 = 600.0 + 120.0 * DemoRandom::unit(DemoRandom::hash(h, 2));
                back = out1 + 90.0 + 240.0 * DemoRandom::unit(DemoRandom::hash(h, 3));
            } else {
                continue;
            }
            auto toUtc = [&](double minute) {
                return dstDay ? TrafficModel::localToUtc(date, minute) : midnight + qint64(minute * 60000.0);
            };
            appendTrip(c, toUtc(out1), false, h + 5, startMs, endMs, out);
            appendTrip(c, toUtc(back), true, h + 6, startMs, endMs, out);
        }
    }
}

void CommuterSchedule::appendTrip(const Commuter& c, qint64 departMs, bool reverse, quint64 h, qint64 startMs,
                                  qint64 endMs, std::vector<DemoEvent>& out) const
{
    const double speed = 11.0 + 5.0 * DemoRandom::unit(DemoRandom::hash(h, 1)); // m/s
    qint64 t = departMs;
    for (int k = 0; k < c.length; ++k) {
        const int i = reverse ? c.length - 1 - k : k;
        if (k > 0) {
            const double gap = reverse ? c.gapsM[i + 1] : c.gapsM[i];
            const double signalDelay = 20.0 + 40.0 * DemoRandom::unit(DemoRandom::hash(h, quint64(10 + k)));
            t += qint64((gap / speed + signalDelay) * 1000.0);
        }
        if (t >= startMs && t < endMs) {
            DemoEvent e;
            e.timeMs = t;
            e.plate = c.plate;
            e.camera = qint16(c.cameras[i]);
            out.push_back(e);
        }
    }
}

} // namespace alpr

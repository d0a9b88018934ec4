#include "TrafficModel.h"

#include <QDateTime>
#include <QTimeZone>
#include <cmath>

namespace alpr {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

// Relative vehicles per hour on a Southern California arterial (shape of Caltrans/SCAG count profiles):
// weekdays peak 07-08 and 16-18, weekends rise slowly to a midday plateau; nights are a tenth of the peak.
constexpr double kWeekday[24] = { 1.0, 0.6, 0.45, 0.4, 0.6, 1.5, 3.5, 6.0, 6.5, 5.0, 4.6, 4.9,
                                  5.3, 5.3, 5.7,  6.5, 7.0, 7.3, 6.0, 4.3, 3.4, 2.8, 2.2, 1.5 };
constexpr double kWeekend[24] = { 1.6, 1.1, 0.8, 0.5, 0.5, 0.8, 1.4, 2.2, 3.3, 4.4, 5.2, 5.8,
                                  6.0, 6.0, 5.8, 5.6, 5.4, 5.1, 4.6, 3.9, 3.3, 2.8, 2.3, 1.7 };

const QTimeZone& pacificZone()
{
    static const QTimeZone zone("America/Los_Angeles");
    return zone;
}

// The n-th (1-based) Sunday of month in year, as UTC ms of that date's midnight.
qint64 nthSundayMs(int year, int month, int n)
{
    QDate d(year, month, 1);
    d = d.addDays((7 - d.dayOfWeek()) % 7 + 7 * (n - 1)); // dayOfWeek: Monday 1 .. Sunday 7
    return QDateTime(d, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

TrafficModel::TrafficModel(qint64 startMs, qint64 endMs)
    : m_endMs(endMs)
{
    for (qint64 t = startMs; t < endMs; t += kHourMs)
        m_slotStarts.append(t);
}

double TrafficModel::hourWeight(bool weekend, int localHour)
{
    return (weekend ? kWeekend : kWeekday)[((localHour % 24) + 24) % 24];
}

QList<qint64> TrafficModel::slotQuotas(qint64 total) const
{
    QList<double> cumulative;
    cumulative.reserve(slotCount());
    double sum = 0;
    for (int i = 0; i < slotCount(); ++i) {
        const qint64 middle = (slotStart(i) + slotEnd(i)) / 2;
        const qint64 local = toLocalMs(middle);
        const QDateTime localTime = QDateTime::fromMSecsSinceEpoch(local, Qt::UTC);
        const bool weekend = localTime.date().dayOfWeek() >= 6;
        sum += hourWeight(weekend, localTime.time().hour()) * double(slotEnd(i) - slotStart(i)) / kHourMs;
        cumulative.append(sum);
    }
    QList<qint64> quotas(slotCount(), 0);
    qint64 given = 0;
    for (int i = 0; i < slotCount(); ++i) {
        // Rounding the running total (not each slot) keeps the sum exact whatever the weights.
        const qint64 upTo = i + 1 == slotCount() ? total : qint64(std::floor(double(total) * cumulative[i] / sum));
        quotas[i] = std::max<qint64>(0, upTo - given);
        given += quotas[i];
    }
    return quotas;
}

int TrafficModel::pacificOffsetSeconds(qint64 utcMs)
{
    if (!pacificZone().isValid())
        return pacificRuleOffsetSeconds(utcMs);
    return pacificZone().offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC));
}

int TrafficModel::pacificRuleOffsetSeconds(qint64 utcMs)
{
    const int year = QDateTime::fromMSecsSinceEpoch(utcMs - 8 * kHourMs, Qt::UTC).date().year();
    const qint64 dstStart = nthSundayMs(year, 3, 2) + 10 * kHourMs; // 02:00 PST = 10:00 UTC
    const qint64 dstEnd = nthSundayMs(year, 11, 1) + 9 * kHourMs; // 02:00 PDT = 09:00 UTC
    return utcMs >= dstStart && utcMs < dstEnd ? -7 * 3600 : -8 * 3600;
}

QString TrafficModel::pacificAbbreviation(qint64 utcMs)
{
    return pacificOffsetSeconds(utcMs) == -7 * 3600 ? QStringLiteral("PDT") : QStringLiteral("PST");
}

QDate TrafficModel::localDate(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(toLocalMs(utcMs), Qt::UTC).date();
}

qint64 TrafficModel::localToUtc(QDate date, double minuteOfDay)
{
    const qint64 naive = QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() + qint64(minuteOfDay * 60000.0);
    // Two fixed-point steps settle the offset, also next to a DST change.
    const qint64 guess = naive - qint64(pacificOffsetSeconds(naive + 8 * kHourMs)) * 1000;
    return naive - qint64(pacificOffsetSeconds(guess)) * 1000;
}

QString TrafficModel::formatLocal(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(toLocalMs(utcMs), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
        + u' ' + pacificAbbreviation(utcMs);
}

} // namespace alpr

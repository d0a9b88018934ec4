#pragma once
// Generated reads for the canvass tests and the slow, obvious reference answers they are checked against.

#include "Read.h"
#include "Store.h"

#include <QList>
#include <QString>
#include <catch2/catch_test_macros.hpp>
#include <random>

namespace alpr::test {

/** Random reads in a 3 km square of West Covina: most at a dozen fixed "cameras" (so places repeat), the rest anywhere,
    at minute-aligned times with a few exact ties, over spanMs from startMs; plates drawn from a pool of plateCount. */
inline QList<Read> randomReads(std::mt19937& rng, int count, qint64 startMs, qint64 spanMs, int plateCount)
{
    static const double kSouth = 34.03, kWest = -117.97, kSize = 0.03;
    std::uniform_real_distribution<double> unit(0, 1);
    QList<std::pair<double, double>> cameras;
    for (int i = 0; i < 12; ++i)
        cameras.append({ kSouth + unit(rng) * kSize, kWest + unit(rng) * kSize });
    QList<Read> reads;
    for (int i = 0; i < count; ++i) {
        Read r;
        r.plate = QStringLiteral("P%1").arg(int(rng() % unsigned(plateCount)), 4, 10, QLatin1Char('0'));
        r.state = QStringLiteral("CA");
        r.timeMs = startMs + qint64(unit(rng) * double(spanMs / 60000)) * 60000 + (rng() % 3 == 0 ? 0 : rng() % 1000);
        if (rng() % 10 < 6) {
            const auto& c = cameras.at(int(rng() % unsigned(cameras.size())));
            r.lat = c.first;
            r.lon = c.second;
        } else {
            r.lat = kSouth + unit(rng) * kSize;
            r.lon = kWest + unit(rng) * kSize;
        }
        r.confidence = 90;
        reads.append(r);
    }
    return reads;
}

/** Every stored read (id, plate text, time, place). */
inline QList<Read> allReads(Store& store)
{
    QList<Read> all;
    REQUIRE(
        store.forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), [&](const Read& r) {
            all.append(r);
            return true;
        }));
    return all;
}

} // namespace alpr::test

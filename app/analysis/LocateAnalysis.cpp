#include "LocateAnalysis.h"

#include "GeoMath.h"
#include "Plate.h"
#include "SightingClusterer.h"
#include "Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LocateAnalysis", text);
}

} // namespace

QList<int> LocateAnalysis::usualHours(const std::array<int, 24>& byHour)
{
    const int total = std::accumulate(byHour.begin(), byHour.end(), 0);
    if (total == 0)
        return {};
    QList<int> hours(24);
    std::iota(hours.begin(), hours.end(), 0);
    std::stable_sort(hours.begin(), hours.end(), [&](int a, int b) { return byHour[a] > byHour[b]; });
    QList<int> out;
    int covered = 0;
    for (int h : std::as_const(hours)) {
        if (2 * covered >= total || byHour[h] == 0)
            break;
        out.append(h);
        covered += byHour[h];
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString LocateAnalysis::formatHours(const QList<int>& hours)
{
    QStringList ranges;
    for (qsizetype i = 0; i < hours.size();) {
        qsizetype j = i;
        while (j + 1 < hours.size() && hours.at(j + 1) == hours.at(j) + 1)
            ++j;
        ranges.append(QStringLiteral("%1:00–%2:00")
                          .arg(hours.at(i), 2, 10, QLatin1Char('0'))
                          .arg((hours.at(j) + 1) % 24, 2, 10, QLatin1Char('0')));
        i = j + 1;
    }
    return ranges.join(QStringLiteral(", "));
}

Status LocateAnalysis::check(const LocateQuery& query)
{
    if (!isValidNormalisedPlate(normalisePlate(query.plate)))
        return usageError(tr("Give the plate to locate (letters and digits)."));
    if (!std::isfinite(query.clusterMetres) || query.clusterMetres < 0)
        return usageError(tr("The cluster radius cannot be negative."));
    if (query.fromMs >= query.toMs)
        return usageError(tr("The time window is empty: 'from' must be before 'to'."));
    if (!query.zone.isValid())
        return usageError(tr("No valid time zone for the hours of the day."));
    return {};
}

Result<LocateResult> LocateAnalysis::run(Store& store, const LocateQuery& query)
{
    if (Status s = check(query); !s)
        return s.error();
    const QString plate = normalisePlate(query.plate);
    LocateResult out;
    auto points = store.readPointsOfPlate(plate, query.fromMs, query.toMs);
    if (!points)
        return points.error();
    out.sightings = int(points->size());
    if (points->isEmpty())
        return out;
    out.plateId = points->first().plateId;
    for (const QList<int>& members : SightingClusterer::cluster(points.value(), query.clusterMetres)) {
        SightingCluster c;
        const ReadPoint& founder = points->at(members.first());
        c.lat = founder.lat;
        c.lon = founder.lon;
        c.sightings = int(members.size());
        c.firstMs = std::numeric_limits<qint64>::max();
        c.lastMs = std::numeric_limits<qint64>::min();
        QSet<QDate> days;
        for (int i : members) {
            const ReadPoint& p = points->at(i);
            c.meanLat += p.lat;
            c.meanLon += p.lon;
            c.spreadMetres = std::max(c.spreadMetres, GeoMath::metres(c.lat, c.lon, p.lat, p.lon));
            c.firstMs = std::min(c.firstMs, p.timeMs);
            c.lastMs = std::max(c.lastMs, p.timeMs);
            // Wall-clock time in the zone: a sighting at 01:30 on the night the clocks go back is in hour 1 either
            // time round, and none is ever in the skipped 02:00 hour in March.
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(p.timeMs, query.zone);
            ++c.byHour[size_t(local.time().hour())];
            days.insert(local.date());
            c.reads.append(p);
        }
        c.meanLat /= c.sightings;
        c.meanLon /= c.sightings;
        c.days = int(days.size());
        c.usualHours = usualHours(c.byHour);
        std::sort(c.reads.begin(), c.reads.end(), [](const ReadPoint& a, const ReadPoint& b) {
            return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.readId < b.readId;
        });
        out.clusters.append(c);
    }
    std::stable_sort(out.clusters.begin(), out.clusters.end(), [](const SightingCluster& a, const SightingCluster& b) {
        if (a.sightings != b.sightings)
            return a.sightings > b.sightings;
        return a.firstMs < b.firstMs;
    });
    return out;
}

} // namespace alpr

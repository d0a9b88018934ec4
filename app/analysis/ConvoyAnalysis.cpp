#include "ConvoyAnalysis.h"

#include "GeoMath.h"
#include "Plate.h"
#include "SceneCanvass.h"
#include "Store.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ConvoyAnalysis", text);
}

struct Companion
{
    QSet<int> sightings; ///< indexes of the target sightings it was seen near
    QList<ReadPoint> reads;
};

} // namespace

Status ConvoyAnalysis::check(const ConvoyQuery& query)
{
    if (!isValidNormalisedPlate(normalisePlate(query.plate)))
        return usageError(tr("Give the target plate (letters and digits)."));
    if (query.withinMs < 0 || !std::isfinite(query.withinMetres) || query.withinMetres < 0)
        return usageError(tr("The time and distance a companion must be within cannot be negative."));
    if (query.minTimes < 1)
        return usageError(tr("A companion must be seen near the target at least once."));
    if (query.fromMs >= query.toMs)
        return usageError(tr("The time window is empty: 'from' must be before 'to'."));
    return {};
}

Result<ConvoyResult> ConvoyAnalysis::run(Store& store, const ConvoyQuery& query)
{
    if (Status s = check(query); !s)
        return s.error();
    const QString plate = normalisePlate(query.plate);
    ConvoyResult out;
    auto sightings = store.readPointsOfPlate(plate, query.fromMs, query.toMs);
    if (!sightings)
        return sightings.error();
    out.targetSightings = sightings.value();
    if (out.targetSightings.isEmpty())
        return out;
    out.targetPlateId = out.targetSightings.first().plateId;

    QList<GeoTimeBox> boxes;
    boxes.reserve(out.targetSightings.size());
    for (const ReadPoint& t : std::as_const(out.targetSightings)) {
        double dLat = 0;
        double dLon = 0;
        GeoMath::boxAround(t.lat, query.withinMetres, &dLat, &dLon);
        GeoTimeBox box;
        box.south = std::max(-90.0, t.lat - dLat);
        box.north = std::min(90.0, t.lat + dLat);
        box.west = std::max(-180.0, t.lon - dLon);
        box.east = std::min(180.0, t.lon + dLon);
        // [t - within, t + within] both inclusive, as a half-open window.
        box.fromMs = t.timeMs - query.withinMs;
        box.toMs = t.timeMs + query.withinMs + 1;
        boxes.append(box);
    }
    QHash<qint64, Companion> companions;
    Status s = store.forEachReadInBoxes(boxes, [&](int i, const ReadPoint& p) {
        const ReadPoint& t = out.targetSightings.at(i);
        if (p.plateId == out.targetPlateId || GeoMath::metres(t.lat, t.lon, p.lat, p.lon) > query.withinMetres)
            return true;
        Companion& c = companions[p.plateId];
        c.sightings.insert(i);
        c.reads.append(p);
        return true;
    });
    if (!s)
        return s.error();
    for (auto it = companions.begin(); it != companions.end(); ++it) {
        if (it->sightings.size() < query.minTimes)
            continue;
        std::sort(it->reads.begin(), it->reads.end(), [](const ReadPoint& a, const ReadPoint& b) {
            return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.readId < b.readId;
        });
        it->reads.erase(std::unique(it->reads.begin(), it->reads.end()), it->reads.end());
        ConvoyPlate c;
        c.plateId = it.key();
        c.sightingsMatched = int(it->sightings.size());
        c.coReads = it->reads.size();
        c.firstMs = it->reads.first().timeMs;
        c.lastMs = it->reads.last().timeMs;
        c.reads = it->reads;
        out.plates.append(c);
    }
    if (Status named = SceneCanvass::namePlates(store, out.plates); !named)
        return named.error();
    std::sort(out.plates.begin(), out.plates.end(), [](const ConvoyPlate& a, const ConvoyPlate& b) {
        if (a.sightingsMatched != b.sightingsMatched)
            return a.sightingsMatched > b.sightingsMatched;
        if (a.coReads != b.coReads)
            return a.coReads > b.coReads;
        return a.plate < b.plate;
    });
    return out;
}

} // namespace alpr

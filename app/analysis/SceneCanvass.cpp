#include "SceneCanvass.h"

#include "Store.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>

namespace alpr {

Result<std::pair<SceneArea, GeoTimeBox>> SceneCanvass::prepare(const Scene& scene)
{
    if (scene.fromMs >= scene.toMs)
        return usageError(QCoreApplication::translate("SceneCanvass",
                                                      "The scene's time window is empty: 'from' must be before 'to'."));
    auto area = SceneArea::fromShape(scene.area);
    if (!area)
        return area.error();
    GeoTimeBox box;
    area->bounds(&box.south, &box.west, &box.north, &box.east);
    box.fromMs = scene.fromMs;
    box.toMs = scene.toMs;
    return std::make_pair(area.value(), box);
}

Result<SceneResult> SceneCanvass::run(Store& store, const Scene& scene)
{
    auto prepared = prepare(scene);
    if (!prepared)
        return prepared.error();
    const SceneArea& area = prepared->first;
    SceneResult out;
    Status s = store.forEachReadInBoxes({ prepared->second }, [&](int, const ReadPoint& p) {
        if (area.contains(p.lat, p.lon))
            out.reads.append(p);
        return true;
    });
    if (!s)
        return s.error();
    std::sort(out.reads.begin(), out.reads.end(), [](const ReadPoint& a, const ReadPoint& b) {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.readId < b.readId;
    });
    QHash<qint64, qsizetype> index;
    for (const ReadPoint& p : std::as_const(out.reads)) {
        auto it = index.constFind(p.plateId);
        if (it == index.constEnd()) {
            index.insert(p.plateId, out.plates.size());
            out.plates.append(ScenePlate { p.plateId, QString(), 1, p.timeMs, p.timeMs });
        } else {
            ScenePlate& plate = out.plates[*it];
            ++plate.reads;
            plate.lastMs = p.timeMs; // reads are in time order
        }
    }
    if (Status named = namePlates(store, out.plates); !named)
        return named.error();
    std::sort(out.plates.begin(), out.plates.end(), [](const ScenePlate& a, const ScenePlate& b) {
        if (a.reads != b.reads)
            return a.reads > b.reads;
        if (a.firstMs != b.firstMs)
            return a.firstMs < b.firstMs;
        return a.plate < b.plate;
    });
    return out;
}

} // namespace alpr

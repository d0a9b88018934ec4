#include "CommonPlatesCanvass.h"

#include "SceneCanvass.h"
#include "Store.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>

namespace alpr {

namespace {

bool earlier(const ReadPoint& a, const ReadPoint& b)
{
    return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.readId < b.readId;
}

struct PerPlate
{
    QList<qint64> counts;
    QList<ReadPoint> sightings;
};

} // namespace

Status CommonPlatesCanvass::check(const QList<Scene>& scenes, int minScenes)
{
    if (scenes.isEmpty())
        return usageError(QCoreApplication::translate("CommonPlatesCanvass", "Give at least one scene."));
    if (minScenes < 1 || minScenes > scenes.size())
        return usageError(QCoreApplication::translate("CommonPlatesCanvass",
                                                      "The number of scenes a plate must be seen at must be between "
                                                      "1 and %1 (the number of scenes).")
                              .arg(scenes.size()));
    for (qsizetype i = 0; i < scenes.size(); ++i) {
        auto prepared = SceneCanvass::prepare(scenes.at(i));
        if (!prepared) {
            Error e = prepared.error();
            e.message = QCoreApplication::translate("CommonPlatesCanvass", "Scene %1: %2").arg(i + 1).arg(e.message);
            return e;
        }
    }
    return {};
}

Result<MultiSceneResult> CommonPlatesCanvass::run(Store& store, const QList<Scene>& scenes, int minScenes)
{
    if (Status s = check(scenes, minScenes); !s)
        return s.error();
    QList<SceneArea> areas;
    QList<GeoTimeBox> boxes;
    for (const Scene& scene : scenes) {
        auto prepared = SceneCanvass::prepare(scene);
        areas.append(prepared->first);
        boxes.append(prepared->second);
    }
    MultiSceneResult out;
    out.readsPerScene.resize(scenes.size(), 0);
    QHash<qint64, PerPlate> perPlate;
    Status s = store.forEachReadInBoxes(boxes, [&](int scene, const ReadPoint& p) {
        if (!areas.at(scene).contains(p.lat, p.lon))
            return true;
        ++out.readsPerScene[scene];
        PerPlate& plate = perPlate[p.plateId];
        if (plate.counts.isEmpty())
            plate.counts.resize(scenes.size(), 0);
        ++plate.counts[scene];
        plate.sightings.append(p);
        return true;
    });
    if (!s)
        return s.error();
    for (auto it = perPlate.begin(); it != perPlate.end(); ++it) {
        const int seenAt = int(std::count_if(it->counts.cbegin(), it->counts.cend(), [](qint64 n) { return n > 0; }));
        if (seenAt < minScenes)
            continue;
        CommonPlate c;
        c.plateId = it.key();
        c.scenes = seenAt;
        c.readsPerScene = it->counts;
        // A read inside two overlapping scenes is one read.
        std::sort(it->sightings.begin(), it->sightings.end(), earlier);
        it->sightings.erase(std::unique(it->sightings.begin(), it->sightings.end()), it->sightings.end());
        c.totalReads = it->sightings.size();
        c.reads = it->sightings;
        out.plates.append(c);
    }
    if (Status named = SceneCanvass::namePlates(store, out.plates); !named)
        return named.error();
    std::sort(out.plates.begin(), out.plates.end(), [](const CommonPlate& a, const CommonPlate& b) {
        if (a.scenes != b.scenes)
            return a.scenes > b.scenes;
        if (a.totalReads != b.totalReads)
            return a.totalReads > b.totalReads;
        return a.plate < b.plate;
    });
    return out;
}

} // namespace alpr

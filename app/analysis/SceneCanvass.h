#pragma once

#include "CanvassTypes.h"
#include "Result.h"
#include "SceneArea.h"

namespace alpr {

class Store;

/**
 * Scene canvass and its building blocks (no policy here: CanvassService gates and logs). The store's box query
 * preselects by grid cell and time; the exact area test (SceneArea) decides.
 */
class SceneCanvass
{
public:
    /** The scene's exact area and its coarse box; a Usage error when the area or the window is not usable. */
    static Result<std::pair<SceneArea, GeoTimeBox>> prepare(const Scene& scene);
    /** The reads at the scene (oldest first) and its plates ranked by reads. */
    static Result<SceneResult> run(Store& store, const Scene& scene);
    /** Fills the plate text of plates (by plateId) from the store. */
    template<typename T> static Status namePlates(Store& store, QList<T>& plates);
};

template<typename T> Status SceneCanvass::namePlates(Store& store, QList<T>& plates)
{
    QList<qint64> ids;
    ids.reserve(plates.size());
    for (const T& p : plates)
        ids.append(p.plateId);
    auto names = store.plateTexts(ids);
    if (!names)
        return names.error();
    for (T& p : plates)
        p.plate = names->value(p.plateId);
    return {};
}

} // namespace alpr

#pragma once

#include "CanvassTypes.h"
#include "Result.h"

namespace alpr {

class Store;

/** Several scenes, each with its own window: the plates read at at least minScenes of them. No policy here. */
class CommonPlatesCanvass
{
public:
    /** A Usage error when there are no scenes, a scene is not usable (named by number), or minScenes is not 1..scenes.
     */
    static Status check(const QList<Scene>& scenes, int minScenes);
    static Result<MultiSceneResult> run(Store& store, const QList<Scene>& scenes, int minScenes);
};

} // namespace alpr

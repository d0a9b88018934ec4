#pragma once

#include "CanvassTypes.h"
#include "Result.h"

#include <QJsonObject>

namespace alpr {

class Session;

/**
 * The canvass analyses of policy 462.3(c) for the workstation and alpr-cli: scene canvass, plates common to several
 * scenes, convoy and locate. Every call checks its input (Usage errors name the field), passes the session's case gate
 * (Session::authorise with Permission::Canvass) and leaves an access record naming the areas, windows and plates
 * queried and the result count. The work itself is in SceneCanvass, CommonPlatesCanvass, ConvoyAnalysis and
 * LocateAnalysis, over the session's store. Like the store, use it from the thread that opened the session.
 */
class CanvassService
{
public:
    explicit CanvassService(Session& session);

    Result<SceneResult> scene(const Scene& scene);
    Result<MultiSceneResult> commonPlates(const QList<Scene>& scenes, int minScenes);
    Result<ConvoyResult> convoy(const ConvoyQuery& query);
    Result<LocateResult> locate(const LocateQuery& query);
    /**
     * Whole reads of a result (for its reads table and details), in the order given: a data access of its own,
     * authorised and logged with `about` (what the reads belong to, e.g. the scene's description).
     */
    Result<QList<Read>> reads(const QList<qint64>& readIds, const QJsonObject& about);

    /** What the access log records of a scene: area and window. */
    static QJsonObject describe(const Scene& scene);

private:
    Session& m_session;
};

} // namespace alpr

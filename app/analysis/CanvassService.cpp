#include "CanvassService.h"

#include "CommonPlatesCanvass.h"
#include "ConvoyAnalysis.h"
#include "LocateAnalysis.h"
#include "Plate.h"
#include "SceneCanvass.h"
#include "Session.h"

#include <QDateTime>
#include <QJsonArray>

namespace alpr {

namespace {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void addWindow(QJsonObject& o, qint64 fromMs, qint64 toMs)
{
    if (fromMs != std::numeric_limits<qint64>::min())
        o.insert(QStringLiteral("from"), isoUtc(fromMs));
    if (toMs != std::numeric_limits<qint64>::max())
        o.insert(QStringLiteral("to"), isoUtc(toMs));
}

} // namespace

CanvassService::CanvassService(Session& session)
    : m_session(session)
{
}

QJsonObject CanvassService::describe(const Scene& scene)
{
    QJsonObject o;
    auto area = SceneArea::fromShape(scene.area);
    o.insert(QStringLiteral("area"), area ? QJsonValue(area->toJson()) : QJsonValue(QStringLiteral("invalid")));
    addWindow(o, scene.fromMs, scene.toMs);
    return o;
}

Result<SceneResult> CanvassService::scene(const Scene& scene)
{
    if (auto prepared = SceneCanvass::prepare(scene); !prepared)
        return prepared.error();
    if (Status s = m_session.authorise(Permission::Canvass, QStringLiteral("scene canvass")); !s)
        return s.error();
    auto result = SceneCanvass::run(m_session.store(), scene);
    if (!result)
        return result;
    QJsonObject elements = describe(scene);
    elements.insert(QStringLiteral("query"), QStringLiteral("canvass scene"));
    elements.insert(QStringLiteral("plates"), double(result->plates.size()));
    if (Status s = m_session.recordAccess(Permission::Canvass, elements, result->reads.size()); !s)
        return s.error();
    return result;
}

Result<MultiSceneResult> CanvassService::commonPlates(const QList<Scene>& scenes, int minScenes)
{
    // Input errors first: they need no case, and the gate records only real queries.
    if (Status s = CommonPlatesCanvass::check(scenes, minScenes); !s)
        return s.error();
    if (Status s = m_session.authorise(Permission::Canvass, QStringLiteral("common plates of several scenes")); !s)
        return s.error();
    auto result = CommonPlatesCanvass::run(m_session.store(), scenes, minScenes);
    if (!result)
        return result;
    QJsonArray list;
    for (const Scene& s : scenes)
        list.append(describe(s));
    const QJsonObject elements { { QStringLiteral("query"), QStringLiteral("canvass common plates") },
                                 { QStringLiteral("scenes"), list },
                                 { QStringLiteral("min_scenes"), minScenes } };
    if (Status s = m_session.recordAccess(Permission::Canvass, elements, result->plates.size()); !s)
        return s.error();
    return result;
}

Result<ConvoyResult> CanvassService::convoy(const ConvoyQuery& query)
{
    if (Status s = ConvoyAnalysis::check(query); !s)
        return s.error();
    ConvoyQuery checked = query;
    checked.plate = normalisePlate(query.plate);
    if (Status s = m_session.authorise(Permission::Canvass, QStringLiteral("convoy analysis")); !s)
        return s.error();
    auto result = ConvoyAnalysis::run(m_session.store(), checked);
    if (!result)
        return result;
    QJsonObject elements { { QStringLiteral("query"), QStringLiteral("canvass convoy") },
                           { QStringLiteral("plate"), checked.plate },
                           { QStringLiteral("within_seconds"), double(checked.withinMs) / 1000.0 },
                           { QStringLiteral("within_metres"), checked.withinMetres },
                           { QStringLiteral("min_times"), checked.minTimes },
                           { QStringLiteral("target_sightings"), double(result->targetSightings.size()) } };
    addWindow(elements, checked.fromMs, checked.toMs);
    if (Status s = m_session.recordAccess(Permission::Canvass, elements, result->plates.size()); !s)
        return s.error();
    return result;
}

Result<LocateResult> CanvassService::locate(const LocateQuery& query)
{
    if (Status s = LocateAnalysis::check(query); !s)
        return s.error();
    LocateQuery checked = query;
    checked.plate = normalisePlate(query.plate);
    if (Status s = m_session.authorise(Permission::Canvass, QStringLiteral("locate a plate")); !s)
        return s.error();
    auto result = LocateAnalysis::run(m_session.store(), checked);
    if (!result)
        return result;
    QJsonObject elements { { QStringLiteral("query"), QStringLiteral("canvass locate") },
                           { QStringLiteral("plate"), checked.plate },
                           { QStringLiteral("cluster_metres"), checked.clusterMetres },
                           { QStringLiteral("places"), double(result->clusters.size()) } };
    addWindow(elements, checked.fromMs, checked.toMs);
    if (Status s = m_session.recordAccess(Permission::Canvass, elements, result->sightings); !s)
        return s.error();
    return result;
}

Result<QList<Read>> CanvassService::reads(const QList<qint64>& readIds, const QJsonObject& about)
{
    if (Status s = m_session.authorise(Permission::Canvass, QStringLiteral("reads of a canvass")); !s)
        return s.error();
    auto reads = m_session.store().readsByIds(readIds);
    if (!reads)
        return reads;
    QJsonObject elements = about;
    elements.insert(QStringLiteral("query"), QStringLiteral("canvass reads"));
    if (Status s = m_session.recordAccess(Permission::Canvass, elements, reads->size()); !s)
        return s.error();
    return reads;
}

} // namespace alpr

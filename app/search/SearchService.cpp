#include "SearchService.h"

#include "Session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGeoCoordinate>
#include <QHash>
#include <QJsonArray>
#include <algorithm>

namespace alpr {

namespace {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

Result<QList<Read>> ReadSearch::next(int n)
{
    if (m_atEnd)
        return QList<Read> {};
    if (Status s = m_session->authorise(Permission::Search, QStringLiteral("plate search")); !s)
        return s.error();
    auto page = m_session->store().readsForPlates(m_plateIds, m_alternates, m_filter, n, m_cursor, m_walkByTime);
    if (!page)
        return page.error();
    if (page->size() < n)
        m_atEnd = true;
    if (!page->isEmpty())
        m_cursor = ReadCursor { page->last().timeMs, page->last().id };
    QJsonObject elements = m_elements;
    elements.insert(QStringLiteral("page_from"), double(m_fetched));
    m_fetched += page->size();
    if (Status s = m_session->recordAccess(Permission::Search, elements, page->size()); !s)
        return s.error();
    return page;
}

SearchService::SearchService(Session& session, PlateDictionary& dictionary)
    : m_session(session)
    , m_dictionary(dictionary)
{
}

Result<PlatePattern> SearchService::parse(const PlateQuery& query)
{
    auto pattern = PlatePattern::parse(query.pattern, query.misread);
    if (!pattern)
        return pattern;
    // Only unknowns (`*`, `???????`) is not a plate search but every read at a place and time: a canvass, which has
    // its own permission (records clerks may search plates but not canvass).
    if (!pattern->hasKnownCharacter())
        return usageError(QCoreApplication::translate("SearchService",
                                                      "Give at least one character of the plate; to list every read "
                                                      "at a place and time, use a canvass."));
    return pattern;
}

QJsonObject SearchService::describe(const PlateQuery& query, const ReadFilter& filter)
{
    QJsonObject o { { QStringLiteral("plate_pattern"), query.pattern },
                    { QStringLiteral("misread"), query.misread },
                    { QStringLiteral("alternates"), query.alternates } };
    if (filter.fromMs != std::numeric_limits<qint64>::min())
        o.insert(QStringLiteral("from"), isoUtc(filter.fromMs));
    if (filter.toMs != std::numeric_limits<qint64>::max())
        o.insert(QStringLiteral("to"), isoUtc(filter.toMs));
    if (!filter.cameraIds.isEmpty()) {
        QJsonArray cams;
        for (qint64 id : filter.cameraIds)
            cams.append(double(id));
        o.insert(QStringLiteral("cameras"), cams);
    }
    if (!filter.state.isEmpty())
        o.insert(QStringLiteral("state"), filter.state);
    if (filter.hotlistOnly)
        o.insert(QStringLiteral("hotlist_only"), true);
    if (!filter.make.isEmpty())
        o.insert(QStringLiteral("make"), filter.make);
    if (!filter.colour.isEmpty())
        o.insert(QStringLiteral("colour"), filter.colour);
    return o;
}

void SearchService::rank(QList<CandidatePlate>& candidates, bool withScene)
{
    std::stable_sort(
        candidates.begin(), candidates.end(), [withScene](const CandidatePlate& a, const CandidatePlate& b) {
            if (a.misreads != b.misreads)
                return a.misreads < b.misreads;
            if (a.onlyAsAlternate != b.onlyAsAlternate)
                return !a.onlyAsAlternate;
            if (withScene) {
                // With a scene, being seen there outranks being seen often: a commuter read a hundred times elsewhere
                // is a worse suspect than a plate read once, 30 m from the scene, during the window. (The issue lists
                // read count before nearness; on the demo scene that put the suspect third behind plates never seen
                // within a day of it, so nearness goes first when the detective gives a scene.)
                const double da = a.sceneDistanceM < 0 ? 1e12 : a.sceneDistanceM + a.sceneTimeGapMs / 60000.0 * 50;
                const double db = b.sceneDistanceM < 0 ? 1e12 : b.sceneDistanceM + b.sceneTimeGapMs / 60000.0 * 50;
                if (da != db)
                    return da < db;
            }
            if (a.readCount != b.readCount)
                return a.readCount > b.readCount;
            if (a.lastSeenMs != b.lastSeenMs)
                return a.lastSeenMs > b.lastSeenMs;
            return a.plate < b.plate;
        });
}

Status SearchService::addSceneNearness(QList<CandidatePlate>& candidates, const SceneHint& scene)
{
    // Only the head of the list is worth a look at the reads: one query for up to 500 plates around the scene's
    // day, then the nearest sighting of each in metres and minutes.
    constexpr int kConsidered = 500;
    constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
    QList<qint64> ids;
    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < candidates.size() && i < kConsidered; ++i) {
        ids.append(candidates.at(i).plateId);
        position.insert(candidates.at(i).plateId, i);
    }
    ReadFilter filter;
    filter.fromMs = scene.fromMs - kDayMs;
    filter.toMs = scene.toMs + kDayMs;
    auto reads = m_session.store().readsForPlates(ids, false, filter, 20000, ReadCursor {});
    if (!reads)
        return reads.error();
    const QGeoCoordinate centre(scene.lat, scene.lon);
    QHash<QString, qsizetype> byPlate;
    for (qsizetype i = 0; i < candidates.size() && i < kConsidered; ++i)
        byPlate.insert(candidates.at(i).plate, i);
    for (const Read& r : reads.value()) {
        const auto it = byPlate.constFind(r.plate);
        if (it == byPlate.constEnd())
            continue;
        CandidatePlate& c = candidates[*it];
        const double d = centre.distanceTo(QGeoCoordinate(r.lat, r.lon));
        const qint64 gap = r.timeMs < scene.fromMs ? scene.fromMs - r.timeMs
            : r.timeMs >= scene.toMs               ? r.timeMs - scene.toMs
                                                   : 0;
        const double score = d + gap / 60000.0 * 50;
        const double current = c.sceneDistanceM < 0 ? 1e18 : c.sceneDistanceM + c.sceneTimeGapMs / 60000.0 * 50;
        if (score < current) {
            c.sceneDistanceM = d;
            c.sceneTimeGapMs = gap;
        }
    }
    return {};
}

Result<QList<CandidatePlate>> SearchService::candidates(const PlateQuery& query, const std::optional<SceneHint>& scene,
                                                        int limit)
{
    auto pattern = parse(query);
    if (!pattern)
        return pattern.error();
    if (Status s = m_session.authorise(Permission::Search, QStringLiteral("partial plate candidates")); !s)
        return s.error();
    qsizetype total = 0;
    QList<CandidatePlate> found = m_dictionary.top(pattern.value(), query.alternates, limit, &total);
    if (scene) {
        if (Status s = addSceneNearness(found, *scene); !s)
            return s.error();
        rank(found, true);
    }
    if (found.size() > limit)
        found.resize(limit);
    QJsonObject elements = describe(query, ReadFilter {});
    elements.insert(QStringLiteral("query"), QStringLiteral("candidates"));
    if (scene) {
        elements.insert(QStringLiteral("scene"),
                        QStringLiteral("%1,%2 %3/%4")
                            .arg(scene->lat, 0, 'f', 5)
                            .arg(scene->lon, 0, 'f', 5)
                            .arg(isoUtc(scene->fromMs), isoUtc(scene->toMs)));
    }
    if (Status s = m_session.recordAccess(Permission::Search, elements, total); !s)
        return s.error();
    return found;
}

Result<ReadSearch> SearchService::search(const PlateQuery& query, const ReadFilter& filter)
{
    auto pattern = parse(query);
    if (!pattern)
        return pattern.error();
    if (Status s = m_session.authorise(Permission::Search, QStringLiteral("plate search")); !s)
        return s.error();
    ReadSearch search;
    search.m_session = &m_session;
    for (quint32 id : m_dictionary.matchIds(pattern.value(), query.alternates))
        search.m_plateIds.append(id);
    search.m_alternates = query.alternates;
    search.m_filter = filter;
    search.m_elements = describe(query, filter);
    search.m_elements.insert(QStringLiteral("query"), QStringLiteral("reads"));
    // Which plan: fetching each plate's reads costs about as many rows as they have; walking all reads newest-first
    // costs about pageSize / share-of-all-reads rows. Pick the cheaper (a page is ~1,000 rows).
    const double setReads = double(m_dictionary.readsOf(search.m_plateIds));
    const double allReads = double(std::max<qint64>(1, m_dictionary.totalReads()));
    search.m_walkByTime = setReads > 0 && setReads * setReads > 1000.0 * allReads;
    // No matching plate: nothing to fetch, but the query itself is still a logged access.
    if (search.m_plateIds.isEmpty()) {
        search.m_atEnd = true;
        if (Status s = m_session.recordAccess(Permission::Search, search.m_elements, 0); !s)
            return s.error();
    }
    return search;
}

Result<ReadSearch> SearchService::readsOfPlate(const CandidatePlate& plate, bool alternates, const ReadFilter& filter)
{
    if (Status s = m_session.authorise(Permission::Search, QStringLiteral("reads of a plate")); !s)
        return s.error();
    ReadSearch search;
    search.m_session = &m_session;
    search.m_plateIds = { plate.plateId };
    search.m_alternates = alternates;
    search.m_filter = filter;
    search.m_elements = describe(PlateQuery { plate.plate, false, alternates }, filter);
    search.m_elements.insert(QStringLiteral("query"), QStringLiteral("reads of plate"));
    return search;
}

} // namespace alpr

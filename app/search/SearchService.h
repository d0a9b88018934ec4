#pragma once

#include "PlateDictionary.h"
#include "PlatePattern.h"
#include "Result.h"
#include "Store.h"

#include <QJsonObject>

#include <optional>

namespace alpr {

class Session;

/** A plate or partial plate as a user enters it. */
struct PlateQuery
{
    QString pattern;
    bool misread = false; ///< widen known characters to their OCR confusion groups
    bool alternates = false; ///< also match each read's OCR alternatives
};

/** An optional crime scene for ranking candidates by how near in place and time they were seen. */
struct SceneHint
{
    double lat = 0;
    double lon = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/**
 * A newest-first list of reads for a query, fetched a page at a time (keyset paging): what a results table with a
 * million rows needs. Every page is a data access: authorised and access-logged.
 */
class ReadSearch
{
public:
    bool atEnd() const { return m_atEnd; }
    /** The next page of up to n reads. */
    Result<QList<Read>> next(int n);
    qint64 fetched() const { return m_fetched; }
    const QJsonObject& elements() const { return m_elements; }

private:
    friend class SearchService;
    Session* m_session = nullptr;
    QList<qint64> m_plateIds;
    bool m_alternates = false;
    bool m_walkByTime = false;
    ReadFilter m_filter;
    ReadCursor m_cursor;
    QJsonObject m_elements;
    bool m_atEnd = false;
    qint64 m_fetched = 0;
};

/**
 * Plate search and the partial-plate tool's engine (KeePassXC's EntrySearcher: the widgets only ask). Patterns go
 * to the in-memory PlateDictionary, then reads are fetched by plate id with the other filters. Every query passes
 * the session's case gate and leaves an access record.
 */
class SearchService
{
public:
    SearchService(Session& session, PlateDictionary& dictionary);

    /** Parses the query's pattern; a Usage error names the position. */
    static Result<PlatePattern> parse(const PlateQuery& query);

    /**
     * Distinct matching plates, ranked: exact matches over misread-widened ones, plates with reads of their own over
     * alternative-only ones, then (with a scene) nearness to it in place and time, then read count, then most recent.
     */
    Result<QList<CandidatePlate>> candidates(const PlateQuery& query, const std::optional<SceneHint>& scene = {},
                                             int limit = 1000);
    /** Starts a read search for the query and filter; fetch pages with ReadSearch::next(). */
    Result<ReadSearch> search(const PlateQuery& query, const ReadFilter& filter);
    /** Reads of one candidate plate (the partial-plate tool's second list). */
    Result<ReadSearch> readsOfPlate(const CandidatePlate& plate, bool alternates, const ReadFilter& filter);

    /** What the access log records for a query: pattern, options and filters. */
    static QJsonObject describe(const PlateQuery& query, const ReadFilter& filter);

    /** Orders candidates as candidates() does (exposed for tests). */
    static void rank(QList<CandidatePlate>& candidates, bool withScene);

private:
    Status addSceneNearness(QList<CandidatePlate>& candidates, const SceneHint& scene);

    Session& m_session;
    PlateDictionary& m_dictionary;
};

} // namespace alpr

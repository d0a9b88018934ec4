#pragma once

#include "Read.h"
#include "Result.h"
#include "UserRecord.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <limits>

namespace alpr {

/** Counts and date range of a store (alpr-cli stats, the main window's status). */
struct StoreStats
{
    qint64 reads = 0;
    qint64 plates = 0; ///< distinct plates
    qint64 cameras = 0;
    qint64 images = 0; ///< reads with images
    qint64 firstMs = 0; ///< earliest read, 0 when empty
    qint64 lastMs = 0;
    qint64 hotlistEntries = 0;
    int schemaVersion = 0;
};

/** A distinct plate with its read statistics: the rows the plate dictionary is built from. */
struct PlateSummary
{
    qint64 id = 0;
    QString plate;
    qint64 readCount = 0;
    qint64 altCount = 0; ///< reads carrying this plate as an OCR alternative
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
};

/** One row of the hash-chained audit log (app/security computes the hashes; the store only keeps rows). */
struct AuditRow
{
    qint64 id = 0;
    qint64 timeMs = 0; ///< UTC ms
    QString username;
    QString event; ///< e.g. "login", "query", "case.switch"
    QString outcome; ///< "success", "failure", "denied"
    QString source; ///< "workstation", "cli", host name
    QString detail; ///< JSON text
    QByteArray prevHash;
    QByteArray hash;
};

/** One access-log record per data query (Civil Code 1798.90.52): who, when, what was queried, for which case. */
struct AccessRecord
{
    qint64 id = 0;
    qint64 timeMs = 0;
    QString username;
    QString agency;
    QString caseNumber;
    QString purpose;
    QString elements; ///< JSON: plate/pattern, area, time range, filters
    qint64 resultCount = 0;
};

/** Filters applied to reads after the plate dictionary chose the plates (DESIGN.md "Plate search"). */
struct ReadFilter
{
    qint64 fromMs = std::numeric_limits<qint64>::min(); ///< inclusive
    qint64 toMs = std::numeric_limits<qint64>::max(); ///< exclusive
    QList<qint64> cameraIds; ///< empty = all
    QString state; ///< empty = any
    bool hotlistOnly = false; ///< only plates on a hotlist
    QString make; ///< case-insensitive substring; empty = any
    QString colour;
};

/** Where the previous page of a newest-first read list ended (keyset paging: no OFFSET scans). */
struct ReadCursor
{
    qint64 timeMs = std::numeric_limits<qint64>::max();
    qint64 id = std::numeric_limits<qint64>::max();
};

struct HotlistEntry
{
    qint64 id = 0;
    QString list; ///< hotlist name, e.g. "stolen vehicles"
    QString plate;
    QString state;
    QString reason;
    qint64 addedMs = 0;
};

/** A read's place and time without plate text or images: what the canvass analyses (app/analysis) work on. */
struct ReadPoint
{
    qint64 readId = 0;
    qint64 plateId = 0;
    qint64 timeMs = 0; ///< UTC ms
    double lat = 0;
    double lon = 0;
    bool operator==(const ReadPoint&) const = default;
};

/**
 * The coarse part of a geo-time query: a latitude/longitude box in degrees, edges included (south <= north,
 * west <= east; no box crosses the antimeridian), and a half-open time window [fromMs, toMs) in UTC ms.
 */
struct GeoTimeBox
{
    double south = 0;
    double west = 0;
    double north = 0;
    double east = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/** A circular scene for the benchmark baselines: centre, radius in metres (haversine, edge in), [fromMs, toMs). */
struct CircleWindow
{
    double lat = 0;
    double lon = 0;
    double radiusM = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/**
 * The one interface to ALPR data, implemented by the encrypted local store (SQLCipher) and, later, the
 * department's server (PostgreSQL). Callers never see SQL. A Store object is used by one thread at a time
 * (the thread that opened it), like the database connection under it.
 *
 * Policy checks (case, role, training) are NOT made here but in the services above; the store only keeps data.
 */
class Store
{
public:
    virtual ~Store() = default;

    /** "local file /path" or "server host:port/db", for the status bar and the audit log. */
    virtual QString describe() const = 0;

    virtual Result<StoreStats> stats() = 0;

    // Cameras and units
    /** Inserts cameras; cameras whose name already exists keep their row. Returns name -> id for all given. */
    virtual Result<QList<Camera>> upsertCameras(const QList<Camera>& cameras) = 0;
    virtual Result<QList<Camera>> cameras() = 0;

    // Reads
    /**
     * Adds reads in one transaction (all or nothing). Reads whose (sourceFile, sourceId) is already stored are
     * skipped, so re-importing a file adds nothing. Returns the number actually inserted. Keeps the distinct plate
     * table current.
     */
    virtual Result<qint64> addReads(const QList<Read>& reads) = 0;
    /** The newest reads first, at most limit. */
    virtual Result<QList<Read>> latestReads(int limit) = 0;
    /** Streams reads with fromMs <= time < toMs in time order; stops when sink returns false. */
    virtual Status forEachRead(qint64 fromMs, qint64 toMs, const std::function<bool(const Read&)>& sink) = 0;
    /**
     * Reads of the given plates (by plate id), newest first, filtered, at most limit, starting after cursor. With
     * includeAlternates, also reads that carry one of the plates among their OCR alternatives. walkByTime asks
     * for the plan that walks all reads newest-first and keeps the members (best when the plates hold a large share
     * of all reads); otherwise each plate's reads are fetched through its index.
     */
    virtual Result<QList<Read>> readsForPlates(const QList<qint64>& plateIds, bool includeAlternates,
                                               const ReadFilter& filter, int limit, const ReadCursor& after,
                                               bool walkByTime = false) = 0;
    /** Baseline for benchmarks: distinct plates matching an SQL GLOB pattern by scanning the plates table. */
    virtual Result<QStringList> platesMatchingGlob(const QString& glob) = 0;
    /** Baseline for benchmarks: the newest reads whose plate matches an SQL GLOB, by a scan. */
    virtual Result<QList<qint64>> readIdsMatchingGlob(const QString& glob, int limit) = 0;
    /** The highest plate id in use (0 when none): to size the dictionary once. */
    virtual Result<qint64> maxPlateId() = 0;
    /** Distinct plates with counts, streamed (dictionary build). */
    virtual Status forEachPlate(const std::function<void(const PlateSummary&)>& sink) = 0;
    /** Overview and plate-crop JPEGs of one read (empty when none). */
    virtual Result<std::pair<QByteArray, QByteArray>> readImages(qint64 readId) = 0;

    // Geo-time queries for the canvass analyses (app/analysis tests the exact shape on the points returned)
    /**
     * For each box, every read inside it (see GeoTimeBox). sink(boxIndex, point) is called once per (box, read) pair,
     * so a read inside two boxes comes twice; order unspecified; stops when sink returns false. Must be served by a
     * spatio-temporal index (local store: grid cell + time; server: PostGIS GiST + time), so the cost follows the
     * reads found, not the reads stored.
     */
    virtual Status forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                                      const std::function<bool(int, const ReadPoint&)>& sink) = 0;
    /** The reads of one plate (normalised text) with fromMs <= time < toMs, oldest first; none for an unknown plate. */
    virtual Result<QList<ReadPoint>> readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs) = 0;
    /** Plate text by plate id; ids not found are left out. */
    virtual Result<QHash<qint64, QString>> plateTexts(const QList<qint64>& plateIds) = 0;
    /** Whole reads by id (no images), in the order given; ids not found are skipped. */
    virtual Result<QList<Read>> readsByIds(const QList<qint64>& readIds) = 0;

    // Baselines for `alpr-cli bench canvass`: the same questions answered by plain SQL over the reads table (time
    // index, distance computed in SQL), to be measured beside the index and checked against it. Optional.
    /** Reads within the circle and window. */
    virtual Result<QList<ReadPoint>> circleReadsBaseline(const CircleWindow& scene)
    {
        Q_UNUSED(scene);
        return failure(QStringLiteral("no canvass baseline on this store"));
    }
    /** Plate id -> reads at each scene (list index = scene), for plates read at at least minScenes of the scenes. */
    virtual Result<QHash<qint64, QList<qint64>>> commonPlatesBaseline(const QList<CircleWindow>& scenes, int minScenes)
    {
        Q_UNUSED(scenes);
        Q_UNUSED(minScenes);
        return failure(QStringLiteral("no canvass baseline on this store"));
    }
    /**
     * Plate id -> number of distinct reads of plate (in [fromMs, toMs)) that it was read within withinMs (inclusive)
     * and withinM metres (inclusive) of, for plates with at least minTimes such reads; the plate itself left out.
     */
    virtual Result<QHash<qint64, qint64>> convoyBaseline(const QString& plate, qint64 fromMs, qint64 toMs,
                                                         qint64 withinMs, double withinM, int minTimes)
    {
        Q_UNUSED(plate);
        Q_UNUSED(fromMs);
        Q_UNUSED(toMs);
        Q_UNUSED(withinMs);
        Q_UNUSED(withinM);
        Q_UNUSED(minTimes);
        return failure(QStringLiteral("no canvass baseline on this store"));
    }

    /**
     * Baseline for `alpr-cli bench ingest`: the rows addReads writes (plates, reads, OCR alternatives, plate counts),
     * written the plain way, one prepared single-row statement per row, in one transaction. Optional.
     */
    virtual Result<qint64> addReadsBaseline(const QList<Read>& reads)
    {
        Q_UNUSED(reads);
        return failure(QStringLiteral("no ingest baseline on this store"));
    }

    // Users (passwords are never here: key slots or server roles hold the secrets)
    virtual Result<UserRecord> addUser(const UserRecord& user) = 0;
    virtual Status updateUser(const UserRecord& user) = 0;
    virtual Result<QList<UserRecord>> users() = 0;
    /** The user, or an Error of kind Failure "no such user" when absent. */
    virtual Result<UserRecord> user(const QString& name) = 0;

    // Hotlists
    virtual Result<qint64> addHotlistEntry(const HotlistEntry& entry) = 0;
    virtual Result<QList<HotlistEntry>> hotlistEntries() = 0;

    // Accountability
    /**
     * Appends an audit row in one transaction: fills id and prevHash from the current last row (prevHash of the
     * first row is 32 zero bytes), then asks hashOf for the row's hash. Concurrent appends cannot interleave.
     */
    virtual Result<AuditRow> appendAudit(AuditRow row, const std::function<QByteArray(const AuditRow&)>& hashOf) = 0;
    /** Streams audit rows in id order; stops when sink returns false. */
    virtual Status forEachAudit(const std::function<bool(const AuditRow&)>& sink) = 0;
    virtual Result<qint64> appendAccess(const AccessRecord& record) = 0;
    /** Access records, newest first, optionally only those whose elements mention text; at most limit. */
    virtual Result<QList<AccessRecord>> accessLog(const QString& elementsContaining, int limit) = 0;
    /** Remembers a case opened or switched to (number, purpose, who, when). */
    virtual Status recordCase(const QString& number, const QString& category, const QString& purpose,
                              const QString& user, qint64 timeMs) = 0;

    // Multi-factor authentication: the TOTP secret is kept inside the encrypted store.
    virtual Result<QByteArray> totpSecret(const QString& user) = 0;
    virtual Status setTotpSecret(const QString& user, const QByteArray& secret) = 0;

    // Settings kept inside the store (retention, case-number pattern, ...)
    virtual Result<QString> setting(const QString& key, const QString& fallback = {}) = 0;
    virtual Status setSetting(const QString& key, const QString& value) = 0;
    /** All settings, for the policies that keep several (password rules). */
    virtual Result<QMap<QString, QString>> settings() = 0;
};

} // namespace alpr

#include "ReadAreaQueries.h"

#include "ReadRow.h"

#include "LocalStore.h"
#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <sqlite3.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalStore", text);
}

// The haversine distance as app/analysis computes it (GeoMath::metres), so the baselines answer with the same edge:
// the same constants, the same operations in the same order. Qt's QGeoCoordinate::distanceTo uses this radius.
constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
constexpr double kEarthRadiusM = 6371007.2;

/** SQL for the distance in metres from (lat1, lon1) to (lat2, lon2); k and r name the two constants' parameters. */
QByteArray distanceSql(const char* lat1, const char* lon1, const char* lat2, const char* lon2, const char* k,
                       const char* r)
{
    const QByteArray dLat = QByteArray("sin((") + lat2 + " - " + lat1 + ") * " + k + " / 2.0)";
    const QByteArray dLon = QByteArray("sin((") + lon2 + " - " + lon1 + ") * " + k + " / 2.0)";
    return "(2.0 * asin(sqrt(" + dLat + " * " + dLat + " + cos(" + lat1 + " * " + k + ") * cos(" + lat2 + " * " + k
        + ") * (" + dLon + " * " + dLon + "))) * " + r + ")";
}

/** A prepared statement on the C API, finalized on scope exit. The hot paths skip QSqlQuery's QVariants. */
class Statement
{
public:
    Statement(sqlite3* db, const QByteArray& sql)
        : m_db(db)
    {
        m_rc = db ? sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_stmt, nullptr) : SQLITE_MISUSE;
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_rc == SQLITE_OK && m_stmt; }
    QString errorText() const { return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : tr("the store is not open"); }
    sqlite3_stmt* get() const { return m_stmt; }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
    void bind(int i, const QString& text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    /** SQLITE_ROW, SQLITE_DONE or an error code. */
    int step() { return sqlite3_step(m_stmt); }
    void reset() { sqlite3_reset(m_stmt); }
    qint64 int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const { return sqlite3_column_double(m_stmt, column); }
    ReadPoint point() const { return ReadPoint { int64(0), int64(1), int64(2), real(3), real(4) }; }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

bool inside(const GeoTimeBox& box, double lat, double lon)
{
    return lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
}

} // namespace

const char* ReadAreaQueries::createIndexSql()
{
    return "CREATE INDEX IF NOT EXISTS reads_cell_time ON reads (cell, time_ms, plate_id, lat, lon)";
}

const char* ReadAreaQueries::dropIndexSql()
{
    return "DROP INDEX IF EXISTS reads_cell_time";
}

ReadAreaQueries::ReadAreaQueries(QSqlDatabase db, QString storePath)
    : m_db(std::move(db))
    , m_path(std::move(storePath))
{
}

Error ReadAreaQueries::error(const QString& what, const QString& detail) const
{
    return failure(tr("%1: %2 failed: %3").arg(m_path, what, detail));
}

Status ReadAreaQueries::forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                                           const std::function<bool(int, const ReadPoint&)>& sink)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_db);
    // One statement per plan, prepared once for all boxes: with cipher_memory_security every allocation SQLite makes
    // is an mlock/munlock pair, and preparing is hundreds of them.
    Statement byCell(handle,
                     "SELECT rowid, plate_id, time_ms, lat, lon FROM reads INDEXED BY reads_cell_time WHERE "
                     "cell = ?1 AND time_ms >= ?2 AND time_ms < ?3");
    if (!byCell.ok())
        return error(QStringLiteral("area query"), byCell.errorText());
    std::unique_ptr<Statement> byTime;
    auto drain = [&](Statement& s, int index, const GeoTimeBox& box, bool* stop) -> Status {
        int rc = SQLITE_ROW;
        while ((rc = s.step()) == SQLITE_ROW) {
            const ReadPoint p = s.point();
            if (inside(box, p.lat, p.lon) && !sink(index, p)) {
                *stop = true;
                break;
            }
        }
        const bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
        const QString text = failed ? s.errorText() : QString();
        s.reset();
        if (failed)
            return error(QStringLiteral("area query"), text);
        return {};
    };
    bool stop = false;
    for (int index = 0; index < boxes.size() && !stop; ++index) {
        const GeoTimeBox& box = boxes.at(index);
        if (box.fromMs >= box.toMs || box.south > box.north || box.west > box.east)
            continue;
        const qint64 y0 = latCell(box.south);
        const qint64 y1 = latCell(box.north);
        const qint64 x0 = lonCell(box.west);
        const qint64 x1 = lonCell(box.east);
        if ((y1 - y0 + 1) * (x1 - x0 + 1) > kMaxCellsPerBox) {
            // A county-sized area: walking the window's reads by time beats tens of thousands of cell seeks.
            if (!byTime) {
                byTime = std::make_unique<Statement>(
                    handle,
                    "SELECT rowid, plate_id, time_ms, lat, lon FROM reads INDEXED BY reads_time WHERE "
                    "time_ms >= ?1 AND time_ms < ?2 AND lat BETWEEN ?3 AND ?4 AND lon BETWEEN ?5 AND ?6");
                if (!byTime->ok())
                    return error(QStringLiteral("area query"), byTime->errorText());
            }
            byTime->bind(1, box.fromMs);
            byTime->bind(2, box.toMs);
            byTime->bind(3, box.south);
            byTime->bind(4, box.north);
            byTime->bind(5, box.west);
            byTime->bind(6, box.east);
            if (Status s = drain(*byTime, index, box, &stop); !s)
                return s;
            continue;
        }
        for (qint64 y = y0; y <= y1 && !stop; ++y) {
            for (qint64 x = x0; x <= x1 && !stop; ++x) {
                byCell.bind(1, y * kRowStride + x);
                byCell.bind(2, box.fromMs);
                byCell.bind(3, box.toMs);
                if (Status s = drain(byCell, index, box, &stop); !s)
                    return s;
            }
        }
    }
    return {};
}

Result<QList<ReadPoint>> ReadAreaQueries::readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs)
{
    Statement s(SqlCipherDriver::nativeHandle(m_db),
                "SELECT r.id, r.plate_id, r.time_ms, r.lat, r.lon FROM reads r WHERE r.plate_id = (SELECT id FROM "
                "plates WHERE plate = ?1) AND r.time_ms >= ?2 AND r.time_ms < ?3 ORDER BY r.time_ms, r.id");
    if (!s.ok())
        return error(QStringLiteral("reads of a plate"), s.errorText());
    s.bind(1, plate);
    s.bind(2, fromMs);
    s.bind(3, toMs);
    QList<ReadPoint> out;
    int rc = SQLITE_ROW;
    while ((rc = s.step()) == SQLITE_ROW)
        out.append(s.point());
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("reads of a plate"), s.errorText());
    return out;
}

Result<QHash<qint64, QString>> ReadAreaQueries::plateTexts(const QList<qint64>& plateIds)
{
    QHash<qint64, QString> out;
    if (plateIds.isEmpty())
        return out;
    // One statement for all ids (a JSON array of integers we format ourselves, bound as one parameter), walked in id
    // order: neighbouring ids share leaf pages, each page is decrypted once, and there is one statement execution
    // instead of one per plate (each costs SQLite allocations, every one an mlock with cipher_memory_security).
    QList<qint64> ids = plateIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QByteArray list = "[";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            list += ',';
        list += QByteArray::number(ids.at(i));
    }
    list += ']';
    Statement s(SqlCipherDriver::nativeHandle(m_db),
                "SELECT p.id, p.plate FROM json_each(?1) j JOIN plates p ON p.id = j.value ORDER BY p.id");
    if (!s.ok())
        return error(QStringLiteral("plate names"), s.errorText());
    sqlite3_bind_text(s.get(), 1, list.constData(), int(list.size()), SQLITE_STATIC);
    out.reserve(ids.size());
    int rc = SQLITE_ROW;
    while ((rc = s.step()) == SQLITE_ROW) {
        out.insert(s.int64(0), QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 1)),
                                                 sqlite3_column_bytes(s.get(), 1)));
    }
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("plate names"), s.errorText());
    return out;
}

Result<QList<Read>> ReadAreaQueries::readsByIds(const QList<qint64>& readIds)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id, p.plate, r.state, r.time_ms, r.lat, r.lon, r.heading, r.camera_id, "
                             "r.confidence, r.candidates, r.make, r.model, r.colour, r.source_file, r.source_id, "
                             "r.has_images FROM reads r JOIN plates p ON p.id = r.plate_id WHERE r.id = ?"));
    QList<Read> out;
    out.reserve(readIds.size());
    for (qint64 id : readIds) {
        q.addBindValue(id);
        if (!q.exec())
            return error(QStringLiteral("reads by id"), q.lastError().text());
        if (q.next()) {
            Read r = readFromRow(q);
            out.append(r);
        }
        q.finish();
    }
    return out;
}

// ---- baselines: plain SQL over reads through the time index, the distance computed by SQLite

Result<QList<ReadPoint>> ReadAreaQueries::circleReadsBaseline(const CircleWindow& scene)
{
    const QByteArray sql
        = "SELECT id, plate_id, time_ms, lat, lon FROM reads INDEXED BY reads_time WHERE time_ms >= ?1 "
          "AND time_ms < ?2 AND "
        + distanceSql("?3", "?4", "lat", "lon", "?5", "?6") + " <= ?7 ORDER BY time_ms, id";
    Statement s(SqlCipherDriver::nativeHandle(m_db), sql);
    if (!s.ok())
        return error(QStringLiteral("canvass baseline"), s.errorText());
    s.bind(1, scene.fromMs);
    s.bind(2, scene.toMs);
    s.bind(3, scene.lat);
    s.bind(4, scene.lon);
    s.bind(5, kRadiansPerDegree);
    s.bind(6, kEarthRadiusM);
    s.bind(7, scene.radiusM);
    QList<ReadPoint> out;
    int rc = SQLITE_ROW;
    while ((rc = s.step()) == SQLITE_ROW)
        out.append(s.point());
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("canvass baseline"), s.errorText());
    return out;
}

Result<QHash<qint64, QList<qint64>>> ReadAreaQueries::commonPlatesBaseline(const QList<CircleWindow>& scenes,
                                                                           int minScenes)
{
    if (scenes.isEmpty())
        return QHash<qint64, QList<qint64>> {};
    // ?1 = k, ?2 = earth radius, ?3 = minScenes; scene i uses ?(4 + 5i) .. ?(8 + 5i).
    QByteArray hits;
    for (int i = 0; i < scenes.size(); ++i) {
        auto param = [&](int n) { return QByteArray("?") + QByteArray::number(4 + 5 * i + n); };
        if (i)
            hits += " UNION ALL ";
        hits += "SELECT " + QByteArray::number(i)
            + " AS scene, plate_id FROM reads INDEXED BY reads_time WHERE "
              "time_ms >= "
            + param(0) + " AND time_ms < " + param(1) + " AND "
            + distanceSql(param(2).constData(), param(3).constData(), "lat", "lon", "?1", "?2") + " <= " + param(4);
    }
    const QByteArray sql = "WITH hits AS (" + hits
        + "), per AS (SELECT plate_id, scene, count(*) AS n FROM hits GROUP BY plate_id, scene) SELECT plate_id, "
          "scene, "
          "n FROM per WHERE plate_id IN (SELECT plate_id FROM per GROUP BY plate_id HAVING count(*) >= ?3)";
    Statement s(SqlCipherDriver::nativeHandle(m_db), sql);
    if (!s.ok())
        return error(QStringLiteral("common plates baseline"), s.errorText());
    s.bind(1, kRadiansPerDegree);
    s.bind(2, kEarthRadiusM);
    s.bind(3, qint64(minScenes));
    for (int i = 0; i < scenes.size(); ++i) {
        const CircleWindow& c = scenes.at(i);
        s.bind(4 + 5 * i, c.fromMs);
        s.bind(5 + 5 * i, c.toMs);
        s.bind(6 + 5 * i, c.lat);
        s.bind(7 + 5 * i, c.lon);
        s.bind(8 + 5 * i, c.radiusM);
    }
    QHash<qint64, QList<qint64>> out;
    int rc = SQLITE_ROW;
    while ((rc = s.step()) == SQLITE_ROW) {
        QList<qint64>& counts = out[s.int64(0)];
        if (counts.isEmpty())
            counts.resize(scenes.size(), 0);
        counts[int(s.int64(1))] = s.int64(2);
    }
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("common plates baseline"), s.errorText());
    return out;
}

Result<QHash<qint64, qint64>> ReadAreaQueries::convoyBaseline(const QString& plate, qint64 fromMs, qint64 toMs,
                                                              qint64 withinMs, double withinM, int minTimes)
{
    const QByteArray sql
        = "SELECT o.plate_id, count(DISTINCT t.id) AS n FROM reads t INDEXED BY reads_plate_time JOIN reads o INDEXED "
          "BY reads_time ON o.time_ms >= t.time_ms - ?4 AND o.time_ms <= t.time_ms + ?4 WHERE t.plate_id = (SELECT id "
          "FROM plates WHERE plate = ?1) AND t.time_ms >= ?2 AND t.time_ms < ?3 AND o.plate_id <> t.plate_id AND "
        + distanceSql("t.lat", "t.lon", "o.lat", "o.lon", "?6", "?7") + " <= ?5 GROUP BY o.plate_id HAVING n >= ?8";
    Statement s(SqlCipherDriver::nativeHandle(m_db), sql);
    if (!s.ok())
        return error(QStringLiteral("convoy baseline"), s.errorText());
    s.bind(1, plate);
    s.bind(2, fromMs);
    s.bind(3, toMs);
    s.bind(4, withinMs);
    s.bind(5, withinM);
    s.bind(6, kRadiansPerDegree);
    s.bind(7, kEarthRadiusM);
    s.bind(8, qint64(minTimes));
    QHash<qint64, qint64> out;
    int rc = SQLITE_ROW;
    while ((rc = s.step()) == SQLITE_ROW)
        out.insert(s.int64(0), s.int64(1));
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("convoy baseline"), s.errorText());
    return out;
}

} // namespace alpr

#include "PgCopyWriter.h"

#include "PgArray.h"
#include "PgBinaryCopy.h"
#include "PgConnection.h"
#include "ReadRow.h" // formatCandidates: the same text form in both stores
#include "RemoteStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVarLengthArray>
#include <algorithm>
#include <chrono>
#include <libpq-fe.h>
#include <limits>
#include <map>
#include <utility>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RemoteStore", text);
}

// The staging tables live in this session only (pg_temp) and empty themselves when the transaction that filled them
// ends. The COPY draws each read's server id from the sequence: a new batch's reads keep it, and so do the reads
// write() finds new; those it finds stored take their stored id (a re-sent batch is rare, the gap harmless).
const char* const kStaging = R"SQL(
CREATE TEMP TABLE IF NOT EXISTS transfer_reads (
    n int NOT NULL, source_file text NOT NULL, source_id text NOT NULL, plate text NOT NULL, state text NOT NULL,
    time_ms bigint NOT NULL, lat float8 NOT NULL, lon float8 NOT NULL, heading real, camera_id bigint,
    confidence real, candidates text NOT NULL, make text NOT NULL, model text NOT NULL, colour text NOT NULL,
    overview bytea, plate_jpeg bytea, id bigint DEFAULT nextval('alpr.reads_id_seq'),
    is_new boolean NOT NULL DEFAULT false
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS transfer_alts (n int NOT NULL, k int NOT NULL, plate text NOT NULL, confidence real)
    ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS transfer_plates (
    plate text NOT NULL, n bigint NOT NULL, a bigint NOT NULL, f bigint, l bigint, id bigint
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS transfer_deltas (
    plate_id bigint PRIMARY KEY, n bigint NOT NULL, a bigint NOT NULL, f bigint, l bigint
) ON COMMIT DELETE ROWS;
)SQL";

// A new batch is stored in two transactions so that two of them (two connections of one transfer, or two laptops)
// run side by side. First its plates the server does not know yet (an array parameter: the staging tables belong to
// the batch's own transaction), committed at once with no counts: another batch inserting the same new plate waits
// only for this short statement, not for a whole batch (a plate row with no counts is invisible to searches, and the
// next batch or re-send counts it). In plate order, like every writer of plates, so two inserters cannot deadlock.
const char* const kNewPlates = R"SQL(
INSERT INTO alpr.plates (agency, plate) SELECT $1::text, plate FROM unnest($2::text[]) AS plate ORDER BY plate
    ON CONFLICT (agency, plate) DO NOTHING
)SQL";

// Then the batch. Its row in transfer_batches goes in first, in a statement of its own (kBatchRow, no ON CONFLICT): a
// batch that was there after all fails there with a unique violation, before any of its reads is stored, and is sent
// again through write(). Past it the batch's key is not on the server, so none of its reads can be, and nothing needs
// the idempotent look-ups of write(). Each plate's id is looked up by the unique index, one probe per plate of
// the batch (as a join, a server whose statistics lag behind would read every plate of the agency); the reads go in in
// id order (the order the COPY drew the ids). A plate missing by now (LEFT
// JOIN: NULL) violates NOT NULL and fails the whole batch instead of storing part of it. The plate counts come last
// (kCountPlates): only those take row locks another batch could wait for, and only until this transaction commits.
// The receipt is computed from what the read insert RETURNS: the rows as stored, their plate by the stored plate id
// (the same string as write()'s read-back). They are hashed in id order, which is the order of the receipt's hash
// (RemoteStore::batchHash: by key) because start() COPYs them in that order and the COPY draws the ids in row order:
// sorting 20,000 keys on the server (a long common prefix, compared again and again) took 30 ms a batch, sorting
// ids that come in order takes none. Were they ever out of order, the hash would not match and the batch would not be
// confirmed.
const char* const kBatchRow = "INSERT INTO alpr.transfer_batches (agency, batch_key) VALUES ($1::text, $2::text)";
const char* const kNewBatch = R"SQL(
WITH p AS (
    UPDATE pg_temp.transfer_plates t
       SET id = (SELECT p.id FROM alpr.plates p WHERE p.agency = $1::text AND p.plate = t.plate)
    RETURNING t.id, t.plate
), r AS (
    INSERT INTO alpr.reads (agency, id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence,
                            candidates, make, model, colour, source_file, source_id, has_images)
    SELECT $1::text, t.id, p.id, t.state, t.time_ms, t.lat, t.lon, t.heading, t.camera_id, t.confidence,
           t.candidates, t.make, t.model, t.colour, t.source_file, t.source_id,
           (t.overview IS NOT NULL OR t.plate_jpeg IS NOT NULL)
      FROM pg_temp.transfer_reads t LEFT JOIN p ON p.plate = t.plate ORDER BY t.id
    RETURNING id, plate_id, state, time_ms, source_file, source_id
), i AS (
    INSERT INTO alpr.read_images (agency, read_id, overview_jpeg, plate_jpeg)
    SELECT $1::text, id, overview, plate_jpeg FROM pg_temp.transfer_reads
     WHERE overview IS NOT NULL OR plate_jpeg IS NOT NULL
), x AS (
    INSERT INTO alpr.read_alternates (agency, plate_id, read_id, confidence)
    SELECT $1::text, p.id, t.id, x.confidence
      FROM pg_temp.transfer_alts x JOIN pg_temp.transfer_reads t ON t.n = x.n LEFT JOIN p ON p.plate = x.plate
)
SELECT count(*), encode(sha256(convert_to(coalesce(string_agg(r.source_file || E'\x1f' || r.source_id || E'\x1f'
           || p.plate || E'\x1f' || r.state || E'\x1f' || r.time_ms::text || E'\x1e', ''
           ORDER BY r.id), ''), 'UTF8')), 'hex')
  FROM r JOIN p ON p.id = r.plate_id
)SQL";

// A batch's transaction, in both paths (one statement: one round trip):
// - the receipt lets the laptop purge, so the commit it describes must be on the server's disk before it is answered,
//   whatever the server's default (with synchronous_commit off, a server crash loses commits it already confirmed,
//   which the resume test saw happen);
// - the batch's sorts and hashes fit in work_mem: no ALPR rows spill into the server's temporary files;
// - no JIT: the staging tables have no statistics, so the planner's estimates of a batch's joins are far too high
//   and compiling the statement (1.6 s measured) took longer than running it;
// - hash joins only: a merge join sorts the batch's reads by plate first, and the reads then go in in plate order.
const char* const kBatchSettings = "SELECT set_config('synchronous_commit', 'on', true), set_config('work_mem', "
                                   "'32MB', true), set_config('jit', 'off', true), set_config('enable_mergejoin', "
                                   "'off', true)";

// The counts, from the sums the laptop computed for the batch, updated in plate id order: that is the order every
// writer of plate counts takes their row locks in, so two batches touching the same plates queue instead of
// deadlocking. The order is the plan's: with hash and merge joins off for it (kNestedLoop), the only join left is a
// nested loop over the batch's plates sorted by id, probing the primary key, so each row is locked as it is updated,
// in that order, without a separate locking pass (which cost a second probe and a lock record per plate).
const char* const kNestedLoop = "SELECT set_config('enable_hashjoin', 'off', true)";
const char* const kCountPlates = R"SQL(
UPDATE alpr.plates p SET read_count = p.read_count + t.n, alt_count = p.alt_count + t.a,
    first_seen_ms = least(p.first_seen_ms, t.f), last_seen_ms = greatest(p.last_seen_ms, t.l)
  FROM (SELECT id, n, a, f, l FROM pg_temp.transfer_plates ORDER BY id) t WHERE p.id = t.id
)SQL";

// What start() queues after the COPY, in this order; finish() collects one result set per statement.
enum Queued { Settings, Partitions, BatchRow, Batch, NestedLoop, CountPlates, Commit, kQueued };

} // namespace

PgCopyWriter::PgCopyWriter(PgConnection& connection, QString agency, QString batchKey)
    : m_c(connection)
    , m_conn(connection.handle())
    , m_agency(std::move(agency))
    , m_batchKey(std::move(batchKey))
{
}

Error PgCopyWriter::libpqError(const QString& what, const QString& reason) const
{
    return m_c.error(what, nullptr, reason);
}

Status PgCopyWriter::prepareStaging()
{
    // Once per connection (temp tables live as long as the session); asking first keeps the server log free of
    // "already exists" notices. libpq only: this may run on a transfer worker thread, and the connection's
    // QSqlDatabase belongs to the thread that opened it.
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK)
        return libpqError(QStringLiteral("transfer staging"), tr("the connection is lost"));
    PGresult* res = PQexec(m_conn, "SELECT to_regclass('pg_temp.transfer_plates') IS NOT NULL");
    const bool asked = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    const bool ready = asked && qstrcmp(PQgetvalue(res, 0, 0), "t") == 0;
    const QString reason = asked ? QString() : QString::fromUtf8(PQerrorMessage(m_conn));
    PQclear(res);
    if (!asked)
        return libpqError(QStringLiteral("transfer staging"), reason);
    return ready ? Status() : exec(kStaging, QStringLiteral("transfer staging"));
}

Status PgCopyWriter::copy(const QByteArray& statement, const QByteArray& data)
{
    PGconn* conn = m_conn;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return libpqError(QStringLiteral("copy"), tr("the connection is lost"));
    PGresult* res = PQexec(conn, statement.constData());
    const ExecStatusType started = PQresultStatus(res);
    PQclear(res);
    if (started != PGRES_COPY_IN)
        return libpqError(QStringLiteral("copy"), QString::fromUtf8(PQerrorMessage(conn)));
    constexpr qsizetype kChunk = 1 << 20;
    bool sent = true;
    for (qsizetype at = 0; at < data.size() && sent; at += kChunk)
        sent = PQputCopyData(conn, data.constData() + at, int(std::min(kChunk, data.size() - at))) == 1;
    if (PQputCopyEnd(conn, sent ? nullptr : "transfer aborted") != 1)
        sent = false;
    // Drain every result so QPSQL finds the connection idle again.
    QString reason;
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && reason.isEmpty())
            reason = QString::fromUtf8(PQresultErrorMessage(r));
        PQclear(r);
    }
    if (!sent && reason.isEmpty())
        reason = QString::fromUtf8(PQerrorMessage(conn));
    if (!reason.isEmpty())
        return libpqError(QStringLiteral("copy"), reason);
    return {};
}

PgCopyWriter::Staged PgCopyWriter::build(const QList<Read>& reads, bool withPlates)
{
    // The batch as binary COPY rows: one per read; one per OCR alternative, the first the OCR listed of each plate
    // and never the read's own (what the server stores); and, for a new batch, one per plate with what the batch adds
    // to its counts (reads, reads listing it as an alternative, first and last sighting), so the server only adds.
    struct PlateDelta
    {
        qint64 reads = 0, alternates = 0, firstMs = std::numeric_limits<qint64>::max(), lastMs = 0;
    };
    QHash<QString, PlateDelta> plates;
    PgBinaryCopy readRows, altRows;
    readRows.reserve(reads.size() * 220);
    std::map<int, qint64> monthTimes; // one time per UTC month the batch touches
    QVarLengthArray<QStringView, 8> listed;
    for (qsizetype i = 0; i < reads.size(); ++i) {
        const Read& r = reads.at(i);
        const QDate d = QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).date();
        monthTimes.emplace(d.year() * 12 + d.month(), r.timeMs);
        if (withPlates) {
            PlateDelta& p = plates[r.plate];
            ++p.reads;
            p.firstMs = std::min(p.firstMs, r.timeMs);
            p.lastMs = std::max(p.lastMs, r.timeMs);
        }
        // In the order of the COPY column list (copyStaged).
        readRows.beginRow(17);
        readRows.addInt32(qint32(i));
        readRows.addText(r.sourceFile);
        readRows.addText(r.sourceId);
        readRows.addText(r.plate);
        readRows.addText(r.state);
        readRows.addInt64(r.timeMs);
        readRows.addFloat8(r.lat);
        readRows.addFloat8(r.lon);
        if (r.heading < 0)
            readRows.addNull();
        else
            readRows.addFloat4(r.heading);
        if (r.cameraId > 0)
            readRows.addInt64(r.cameraId);
        else
            readRows.addNull();
        readRows.addFloat4(r.confidence);
        readRows.addText(formatCandidates(r.candidates));
        readRows.addText(r.make);
        readRows.addText(r.model);
        readRows.addText(r.colour);
        for (const QByteArray* image : { &r.overviewJpeg, &r.plateJpeg }) {
            if (image->isEmpty())
                readRows.addNull();
            else
                readRows.addBytes(*image);
        }
        listed.clear();
        for (qsizetype k = 0; k < r.candidates.size(); ++k) {
            const QString& plate = r.candidates.at(k).plate;
            if (plate == r.plate || std::find(listed.cbegin(), listed.cend(), plate) != listed.cend())
                continue;
            listed.append(plate);
            if (withPlates)
                ++plates[plate].alternates;
            altRows.beginRow(4);
            altRows.addInt32(qint32(i));
            altRows.addInt32(qint32(k));
            altRows.addText(plate);
            altRows.addFloat4(r.candidates.at(k).confidence);
        }
    }
    Staged staged;
    staged.reads = readRows.finish();
    staged.alternateRows = altRows.rows();
    staged.alternates = altRows.finish();
    if (withPlates) {
        PgBinaryCopy plateRows;
        plateRows.reserve(plates.size() * 60);
        PgArray names;
        for (auto it = plates.cbegin(); it != plates.cend(); ++it) {
            const PlateDelta& p = it.value();
            names.add(it.key());
            plateRows.beginRow(5);
            plateRows.addText(it.key());
            plateRows.addInt64(p.reads);
            plateRows.addInt64(p.alternates);
            if (p.reads > 0) {
                plateRows.addInt64(p.firstMs);
                plateRows.addInt64(p.lastMs);
            } else {
                plateRows.addNull(); // seen only as an alternative: no sighting times
                plateRows.addNull();
            }
        }
        staged.plateRows = plateRows.rows();
        staged.plates = plateRows.finish();
        staged.plateNames = names.literal().toUtf8();
    }
    PgArray times;
    for (const auto& [month, ms] : monthTimes)
        times.add(ms);
    staged.months = times.literal().toUtf8();
    return staged;
}

Status PgCopyWriter::copyStaged(const Staged& staged)
{
    if (Status s = prepareStaging(); !s)
        return s;
    if (Status s = copy("COPY pg_temp.transfer_reads (n, source_file, source_id, plate, state, time_ms, lat, lon, "
                        "heading, camera_id, confidence, candidates, make, model, colour, overview, plate_jpeg) FROM "
                        "STDIN WITH (FORMAT binary)",
                        staged.reads);
        !s)
        return s;
    if (staged.alternateRows > 0)
        if (Status s = copy("COPY pg_temp.transfer_alts (n, k, plate, confidence) FROM STDIN WITH (FORMAT binary)",
                            staged.alternates);
            !s)
            return s;
    if (staged.plateRows > 0)
        if (Status s = copy("COPY pg_temp.transfer_plates (plate, n, a, f, l) FROM STDIN WITH (FORMAT binary)",
                            staged.plates);
            !s)
            return s;
    return {};
}

Result<ReadBatchReceipt> PgCopyWriter::write(const QList<Read>& reads)
{
    ReadBatchReceipt receipt;
    if (reads.isEmpty()) {
        receipt.hash = RemoteStore::batchHash(reads);
        return receipt;
    }
    // Durable commit, sorts in memory, no JIT: see kBatchSettings.
    if (Status s = m_c.execScript(QStringLiteral("transfer settings"), QString::fromLatin1(kBatchSettings)); !s)
        return s.error();

    const Staged staged = build(reads, false);
    if (Status s = copyStaged(staged); !s)
        return s.error();
    const QString months = QString::fromUtf8(staged.months);

    // 2. Set-based from the staging tables into the agency's tables (what PgReadWriter::write does with arrays).
    QSqlQuery q(m_c.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT alpr.ensure_read_partitions(?::bigint[])"));
    q.addBindValue(months);
    if (!q.exec())
        return m_c.error(QStringLiteral("monthly partitions"), q.lastError());
    q.finish();
    struct Step
    {
        QString what, sql;
        bool keyed = false; ///< binds the agency and the batch key; otherwise the agency for each ?::text
    };
    const QList<Step> steps = {
        // One writer of a batch at a time (the same batch sent again from two connections would otherwise find none
        // of its reads in both and store them twice), then its row, if it is new. start()'s insert of the row waits
        // for this transaction and then fails (unique violation), and comes here.
        { QStringLiteral("transfer batch"),
          QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(?::text || E'\\x1f' || ?::text, 0))"), true },
        { QStringLiteral("transfer batch"),
          QStringLiteral("INSERT INTO alpr.transfer_batches (agency, batch_key) VALUES (?::text, ?::text) ON CONFLICT "
                         "DO NOTHING"),
          true },
        { QStringLiteral("plate insert"),
          QStringLiteral("INSERT INTO alpr.plates (agency, plate) SELECT ?::text, plate FROM (SELECT plate FROM "
                         "pg_temp.transfer_reads UNION SELECT plate FROM pg_temp.transfer_alts) s ORDER BY plate "
                         "ON CONFLICT (agency, plate) DO NOTHING") },
        // The reads of the batch the server holds already, found by their key at their time (one probe of the time
        // index of one month's partition per read: the batch's reads are found without a key table); they take
        // their server id, the others keep the one the COPY drew and are new.
        { QStringLiteral("stored reads"),
          QStringLiteral("UPDATE pg_temp.transfer_reads t SET id = coalesce(s.id, t.id), is_new = s.id IS NULL FROM "
                         "(SELECT k.n, (SELECT r.id FROM alpr.reads r WHERE r.agency = ?::text AND r.time_ms = "
                         "k.time_ms AND r.source_file = k.source_file AND r.source_id = k.source_id LIMIT 1) AS id "
                         "FROM pg_temp.transfer_reads k) s WHERE s.n = t.n") },
        { QStringLiteral("read insert"),
          QStringLiteral("INSERT INTO alpr.reads (agency, id, plate_id, state, time_ms, lat, lon, heading, "
                         "camera_id, confidence, candidates, make, model, colour, source_file, source_id, has_images) "
                         "SELECT ?::text, t.id, p.id, t.state, t.time_ms, t.lat, t.lon, t.heading, t.camera_id, "
                         "t.confidence, t.candidates, t.make, t.model, t.colour, t.source_file, t.source_id, "
                         "(t.overview IS NOT NULL OR t.plate_jpeg IS NOT NULL) FROM pg_temp.transfer_reads t JOIN "
                         "alpr.plates p ON p.agency = ?::text AND p.plate = t.plate WHERE t.is_new ORDER BY t.id") },
        { QStringLiteral("image insert"),
          QStringLiteral("INSERT INTO alpr.read_images (agency, read_id, overview_jpeg, plate_jpeg) SELECT ?::text, "
                         "id, overview, plate_jpeg FROM pg_temp.transfer_reads WHERE is_new AND (overview IS NOT "
                         "NULL OR plate_jpeg IS NOT NULL)") },
        // One alternative per (read, plate), the first the OCR listed, never the read's own plate.
        { QStringLiteral("alternate insert"),
          QStringLiteral("INSERT INTO alpr.read_alternates (agency, plate_id, read_id, confidence) SELECT ?::text, "
                         "plate_id, read_id, confidence FROM (SELECT DISTINCT ON (t.id, p.id) t.id AS read_id, p.id "
                         "AS plate_id, x.confidence FROM pg_temp.transfer_alts x JOIN pg_temp.transfer_reads t ON "
                         "t.n = x.n JOIN alpr.plates p ON p.agency = ?::text AND p.plate = x.plate WHERE t.is_new AND "
                         "x.plate <> t.plate ORDER BY t.id, p.id, x.k) a ON CONFLICT DO NOTHING") },
        { QStringLiteral("plate counts"),
          QStringLiteral("INSERT INTO pg_temp.transfer_deltas SELECT p.id, count(*), 0, min(t.time_ms), "
                         "max(t.time_ms) FROM pg_temp.transfer_reads t JOIN alpr.plates p ON p.agency = ?::text AND "
                         "p.plate = t.plate WHERE t.is_new GROUP BY p.id") },
        { QStringLiteral("plate counts"),
          QStringLiteral("INSERT INTO pg_temp.transfer_deltas (plate_id, n, a) SELECT ra.plate_id, 0, count(*) FROM "
                         "alpr.read_alternates ra JOIN pg_temp.transfer_reads t ON ra.read_id = t.id WHERE t.is_new "
                         "AND ra.agency = ?::text GROUP BY ra.plate_id ON CONFLICT (plate_id) DO UPDATE SET a = "
                         "excluded.a") },
        // Lock the plates in id order first: two batches touching the same plates then queue, not deadlock.
        { QStringLiteral("plate counts"),
          QStringLiteral("SELECT count(*) FROM (SELECT id FROM alpr.plates WHERE id IN (SELECT plate_id FROM "
                         "pg_temp.transfer_deltas) ORDER BY id FOR UPDATE) l") },
        { QStringLiteral("plate counts"),
          QStringLiteral("UPDATE alpr.plates p SET read_count = p.read_count + d.n, alt_count = p.alt_count + d.a, "
                         "first_seen_ms = least(p.first_seen_ms, d.f), last_seen_ms = greatest(p.last_seen_ms, d.l) "
                         "FROM pg_temp.transfer_deltas d WHERE p.id = d.plate_id") },
    };
    for (const Step& step : steps) {
        q.prepare(step.sql);
        if (step.keyed) {
            q.addBindValue(m_agency);
            q.addBindValue(m_batchKey);
        } else {
            for (qsizetype i = step.sql.count(QStringLiteral("?::text")); i > 0; --i)
                q.addBindValue(m_agency);
        }
        if (!q.exec())
            return m_c.error(step.what, q.lastError());
        q.finish();
    }
    QElapsedTimer confirming;
    confirming.start();
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_temp.transfer_reads WHERE is_new"));
    if (!q.exec() || !q.next())
        return m_c.error(QStringLiteral("batch confirmation"), q.lastError());
    receipt.inserted = q.value(0).toLongLong();
    q.finish();
    // The receipt: what the server STORED for the batch's reads (each by its server id at its time, joined back through
    // plates), hashed like RemoteStore::batchHash; COLLATE "C" sorts by bytes like the sending side.
    q.prepare(QStringLiteral(
        "SELECT count(*), sha256(convert_to(coalesce(string_agg(r.source_file || E'\\x1f' || r.source_id || "
        "E'\\x1f' || p.plate || E'\\x1f' || r.state || E'\\x1f' || r.time_ms::text || E'\\x1e', '' ORDER BY "
        "r.source_file COLLATE \"C\", r.source_id COLLATE \"C\"), ''), 'UTF8')) "
        "FROM pg_temp.transfer_reads k CROSS JOIN LATERAL (SELECT r.source_file, r.source_id, r.state, r.time_ms, "
        "r.plate_id FROM alpr.reads r WHERE r.agency = ?::text AND r.time_ms = k.time_ms AND r.id = k.id LIMIT 1) r "
        "JOIN alpr.plates p ON p.id = r.plate_id"));
    q.addBindValue(m_agency);
    if (!q.exec() || !q.next())
        return m_c.error(QStringLiteral("batch confirmation"), q.lastError());
    receipt.confirmed = q.value(0).toLongLong();
    receipt.hash = q.value(1).toByteArray();
    receipt.confirmSeconds = confirming.nsecsElapsed() / 1e9;
    return receipt;
}

Status PgCopyWriter::exec(const char* statement, const QString& what)
{
    PGconn* conn = m_conn;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return libpqError(what, tr("the connection is lost"));
    PGresult* res = PQexec(conn, statement);
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    const QString reason = ok ? QString() : QString::fromUtf8(PQresultErrorMessage(res));
    PQclear(res);
    if (!ok)
        return libpqError(what, reason.isEmpty() ? QString::fromUtf8(PQerrorMessage(conn)) : reason);
    return {};
}

Status PgCopyWriter::start(const QList<Read>& reads, const std::function<void()>& platesStored)
{
    PGconn* conn = m_conn;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return libpqError(QStringLiteral("transfer"), tr("the connection is lost"));
    auto rollback = [&](const Error& e) {
        // Queued partly: a sync makes the server answer what it got (and skip the rest), then the pipeline is empty.
        if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF && PQpipelineSync(conn) == 1) {
            for (bool synced = false; !synced;) {
                PGresult* r = PQgetResult(conn);
                if (!r && PQstatus(conn) != CONNECTION_OK)
                    break;
                synced = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
                PQclear(r);
            }
        }
        PQexitPipelineMode(conn);
        if (PQtransactionStatus(conn) != PQTRANS_IDLE)
            ignoreError(exec("ROLLBACK", QStringLiteral("rollback")));
        return Status(e);
    };
    // In the order of the receipt's hash, so that the server hashes the reads as they come (kNewBatch).
    const Staged staged = build(RemoteStore::inKeyOrder(reads), true);
    const QByteArray agency = m_agency.toUtf8();
    // 1. The batch's new plates, committed at once (kNewPlates).
    {
        const char* params[] = { agency.constData(), staged.plateNames.constData() };
        PGresult* res = PQexecParams(conn, kNewPlates, 2, nullptr, params, nullptr, nullptr, 0);
        const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        const QString reason = ok ? QString() : QString::fromUtf8(PQresultErrorMessage(res));
        PQclear(res);
        if (platesStored)
            platesStored();
        if (!ok)
            return libpqError(QStringLiteral("plate insert"),
                              reason.isEmpty() ? QString::fromUtf8(PQerrorMessage(conn)) : reason);
    }
    // 2. The batch's transaction: the staging COPY, then the rest queued in libpq's pipeline mode.
    if (Status s = exec("BEGIN", QStringLiteral("begin")); !s)
        return s;
    if (Status s = copyStaged(staged); !s)
        return rollback(s.error());
    const QByteArray batchKey = m_batchKey.toUtf8();
    const char* batchParams[] = { agency.constData(), batchKey.constData() };
    const char* timesParam[] = { staged.months.constData() };
    auto send = [conn](const char* sql, int count = 0, const char* const* params = nullptr) {
        return PQsendQueryParams(conn, sql, count, nullptr, params, nullptr, nullptr, 0) == 1;
    };
    // Queued in the order of Queued.
    const bool queued = PQenterPipelineMode(conn) == 1 && send(kBatchSettings)
        && send("SELECT alpr.ensure_read_partitions($1::bigint[])", 1, timesParam) && send(kBatchRow, 2, batchParams)
        && send(kNewBatch, 1, batchParams) && send(kNestedLoop) && send(kCountPlates) && send("COMMIT")
        && PQpipelineSync(conn) == 1;
    if (!queued)
        return rollback(libpqError(QStringLiteral("transfer"), QString::fromUtf8(PQerrorMessage(conn))));
    return {};
}

Result<ReadBatchReceipt> PgCopyWriter::finish(bool& conflict)
{
    conflict = false;
    PGconn* conn = m_conn;
    if (!conn || PQpipelineStatus(conn) == PQ_PIPELINE_OFF)
        return libpqError(QStringLiteral("transfer"), tr("no batch is being sent"));
    ReadBatchReceipt receipt;
    QString reason;
    bool committed = false, synced = false, lost = false;
    // One result set per queued statement, each ended by a null result, then the sync. A lost connection ends it early.
    int statement = 0;
    while (!synced && !lost) {
        PGresult* r = PQgetResult(conn);
        if (!r) {
            if (PQstatus(conn) != CONNECTION_OK || ++statement > kQueued)
                lost = true;
            continue;
        }
        switch (PQresultStatus(r)) {
        case PGRES_PIPELINE_SYNC:
            synced = true;
            break;
        case PGRES_TUPLES_OK:
            if (statement == Batch && PQntuples(r) == 1) {
                receipt.confirmed = QByteArray(PQgetvalue(r, 0, 0)).toLongLong();
                receipt.inserted = receipt.confirmed;
                receipt.hash = QByteArray::fromHex(QByteArray(PQgetvalue(r, 0, 1)));
            }
            break;
        case PGRES_COMMAND_OK:
            // COMMIT of a failed transaction answers "ROLLBACK": only the tag COMMIT means the rows are stored.
            committed = committed || (statement == Commit && qstrcmp(PQcmdStatus(r), "COMMIT") == 0);
            break;
        case PGRES_PIPELINE_ABORTED:
            break;
        default:
            if (reason.isEmpty()) {
                reason = QString::fromUtf8(PQresultErrorMessage(r));
                conflict = qstrcmp(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23505") == 0 && statement == BatchRow;
            }
        }
        PQclear(r);
    }
    if (synced)
        PQexitPipelineMode(conn);
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_IDLE)
        ignoreError(exec("ROLLBACK", QStringLiteral("rollback")));
    if (!committed || receipt.hash.size() != 32) {
        if (reason.isEmpty())
            reason = PQstatus(conn) == CONNECTION_OK ? tr("no receipt came back")
                                                     : QString::fromUtf8(PQerrorMessage(conn));
        return libpqError(QStringLiteral("transfer"), reason);
    }
    conflict = false;
    return receipt;
}

Result<ReadBatchReceipt> PgCopyWriter::send(const QList<Read>& reads, bool& conflict,
                                            const std::function<void()>& platesStored)
{
    conflict = false;
    if (Status s = start(reads, platesStored); !s)
        return s.error();
    return finish(conflict);
}

namespace {

/**
 * Every read of a batch sent for confirmation carries a key, and no key twice, and its source file is the batch's key
 * or starts with it and a colon: so no read can be in two batches, which the server's one row per batch relies on.
 */
Status checkKeys(const QList<Read>& reads, const QString& batchKey)
{
    if (batchKey.isEmpty())
        return usageError(tr("A transfer batch needs a key."));
    if (batchKey.contains(u'\x1f'))
        return usageError(tr("The transfer batch key %1 holds a control character.").arg(batchKey));
    QSet<std::pair<QString, QString>> keys;
    keys.reserve(reads.size());
    for (const Read& r : reads) {
        if (r.sourceId.isEmpty())
            return usageError(tr("A read sent for confirmation has no source id (plate read at %1).").arg(r.timeMs));
        if (r.sourceFile != batchKey
            && !(r.sourceFile.startsWith(batchKey) && r.sourceFile.at(batchKey.size()) == u':'))
            return usageError(
                tr("The read %1/%2 does not belong to transfer batch %3.").arg(r.sourceFile, r.sourceId, batchKey));
        if (keys.contains({ r.sourceFile, r.sourceId }))
            return usageError(tr("The batch holds the source key %1/%2 twice.").arg(r.sourceFile, r.sourceId));
        keys.insert({ r.sourceFile, r.sourceId });
    }
    return {};
}

} // namespace

Status RemoteStore::startBatch(const QList<Read>& reads, const QString& batchKey, qint64 tag)
{
    PgConnection* lane = freeConnection();
    if (!lane)
        return usageError(tr("The server %1 is still storing the previous transfer batch.").arg(address().describe()));
    if (Status s = checkKeys(reads, batchKey); !s)
        return s;
    // The batch goes to the server from a thread of its own: building the COPY text and waiting for the server to take
    // it in would otherwise hold up the caller, whose work (the laptop's reads and purges) overlaps the server's.
    PendingBatch pending { lane, tag, batchKey, reads, {}, {} };
    if (!reads.isEmpty()) {
        // Said once the batch's new plates are in (or will not be): the plate index flush waits for it (see there).
        auto platesIn = std::make_shared<std::promise<void>>();
        pending.platesIn = platesIn->get_future().share();
        PgCopyWriter writer(*lane, m_agency, batchKey);
        pending.outcome = std::async(std::launch::async, [writer, reads, platesIn]() mutable {
            bool conflict = false, said = false;
            auto receipt = writer.send(reads, conflict, [&] {
                said = true;
                platesIn->set_value();
            });
            if (!said) // start() failed before the plates' transaction
                platesIn->set_value();
            return BatchOutcome { std::move(receipt), conflict };
        });
    }
    m_pending.push_back(std::move(pending));
    return {};
}

Result<ReadBatchReceipt> RemoteStore::finishBatch(qint64* tag, const std::function<void()>& whileWaiting)
{
    if (m_pending.empty())
        return usageError(tr("No transfer batch is being sent to the server %1.").arg(address().describe()));
    // The first batch done, not the oldest: at the end of a transfer a small batch may be stored well before the big
    // one started ahead of it, and its purge (and the plate index merge on its connection) need not wait. Futures
    // cannot be waited on together: the oldest is waited on a millisecond at a time, the others looked at in between.
    const auto done = [](const PendingBatch& b) {
        return !b.outcome.valid() || b.outcome.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    auto it = std::find_if(m_pending.begin(), m_pending.end(), done);
    auto lastCall = std::chrono::steady_clock::now();
    while (it == m_pending.end()) {
        m_pending.front().outcome.wait_for(std::chrono::milliseconds(1));
        it = std::find_if(m_pending.begin(), m_pending.end(), done);
        if (whileWaiting && it == m_pending.end()
            && std::chrono::steady_clock::now() - lastCall >= std::chrono::milliseconds(10)) {
            whileWaiting();
            lastCall = std::chrono::steady_clock::now();
        }
    }
    PendingBatch batch = std::move(*it);
    m_pending.erase(it);
    if (tag)
        *tag = batch.tag;
    if (batch.reads.isEmpty()) {
        ReadBatchReceipt empty;
        empty.hash = batchHash(batch.reads);
        return empty;
    }
    BatchOutcome outcome = batch.outcome.get();
    // The batch was there already (a lost confirmation, a journal restored from a backup): the idempotent path, on the
    // connection the batch had (its thread is done with it).
    if (!outcome.receipt && outcome.conflict)
        return copyReadsConfirmed(*batch.connection, batch.reads, batch.batchKey);
    return std::move(outcome.receipt);
}

Result<qint64> RemoteStore::flushPlateIndex()
{
    if (Status s = startPlateIndexFlush(); !s)
        return s.error();
    return finishPlateIndexFlush();
}

PgConnection* RemoteStore::freeConnection() const
{
    if (m_flushConnection)
        return nullptr; // the flush is started last: nothing else after it (finishPlateIndexFlush() says so)
    const auto busy = [this](const PgConnection* c) {
        return std::any_of(m_pending.cbegin(), m_pending.cend(),
                           [c](const PendingBatch& b) { return b.connection == c; });
    };
    if (!busy(m_c.get()))
        return m_c.get();
    for (const auto& lane : m_lanes)
        if (!busy(lane.get()))
            return lane.get();
    return nullptr;
}

Status RemoteStore::startPlateIndexFlush()
{
    // On a connection no batch holds: the transfer starts it as soon as its last batch is sent and a connection is
    // free, so the merge overlaps the batches still being stored and the laptop's purges.
    PgConnection* c = freeConnection();
    if (!c)
        return usageError(tr("The server %1 is still storing the previous transfer batch.").arg(address().describe()));
    // The merge takes what the pending list holds when it starts: the batches still being stored have their new
    // plates committed first (a short transaction at their start), waited for here so the merge covers them too.
    for (const PendingBatch& b : m_pending)
        if (b.platesIn.valid())
            b.platesIn.wait();
    // Sent, not waited for: libpq queues the query and the server works on it while the caller does something else.
    PGconn* conn = c->handle();
    if (!conn || PQstatus(conn) != CONNECTION_OK
        || PQsendQueryParams(conn, "SELECT alpr.flush_plate_index()", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
        return c->error(tr("plate index upkeep"), nullptr,
                        conn ? QString::fromUtf8(PQerrorMessage(conn)) : tr("the connection is lost"));
    m_flushConnection = c;
    return {};
}

Result<qint64> RemoteStore::finishPlateIndexFlush()
{
    PgConnection* c = std::exchange(m_flushConnection, nullptr);
    if (!c)
        return usageError(tr("No plate index upkeep is running on the server %1.").arg(address().describe()));
    PGconn* conn = c->handle();
    qint64 pages = -1;
    QString reason;
    QByteArray sqlstate;
    // Every result, so QPSQL finds the connection idle again.
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
            pages = QByteArray(PQgetvalue(r, 0, 0)).toLongLong();
        else if (reason.isEmpty() && PQresultStatus(r) != PGRES_TUPLES_OK) {
            reason = QString::fromUtf8(PQresultErrorMessage(r));
            sqlstate = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        }
        PQclear(r);
    }
    if (pages < 0)
        return c->error(tr("plate index upkeep"), sqlstate.constData(),
                        reason.isEmpty() ? QString::fromUtf8(PQerrorMessage(conn)) : reason);
    return pages;
}

Result<ReadBatchReceipt> RemoteStore::copyReadsConfirmed(const QList<Read>& reads, const QString& batchKey)
{
    if (batchPending() || m_flushConnection)
        return usageError(tr("The server %1 is still storing the previous transfer batch.").arg(address().describe()));
    return copyReadsConfirmed(*m_c, reads, batchKey);
}

Result<ReadBatchReceipt> RemoteStore::copyReadsConfirmed(PgConnection& connection, const QList<Read>& reads,
                                                         const QString& batchKey)
{
    if (Status s = checkKeys(reads, batchKey); !s)
        return s.error();
    QSqlDatabase db = connection.db();
    if (!db.transaction())
        return connection.error(QStringLiteral("begin"), db.lastError());
    auto receipt = PgCopyWriter(connection, m_agency, batchKey).write(reads);
    if (!receipt) {
        db.rollback();
        return receipt.error();
    }
    // The receipt describes committed rows only once the commit succeeded.
    if (!db.commit())
        return connection.error(QStringLiteral("commit"), db.lastError());
    return receipt;
}

} // namespace alpr

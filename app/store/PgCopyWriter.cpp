#include "PgCopyWriter.h"

#include "ReadRow.h" // formatCandidates: the same text form in both stores
#include "PgArray.h"
#include "PgConnection.h"
#include "RemoteStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <map>
#include <utility>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RemoteStore", text);
}

PGconn* pgconn(const PgConnection& c)
{
    const QVariant handle = c.db().driver()->handle();
    // QPSQL hands out its PGconn* as an opaque pointer (see PgConnection::scramVerifier).
    return handle.isValid() && (handle.metaType().flags() & QMetaType::IsPointer)
        ? *static_cast<PGconn* const*>(handle.constData())
        : nullptr;
}

void appendNumber(QByteArray& out, qint64 v)
{
    out += QByteArray::number(v);
}

void appendDouble(QByteArray& out, double v)
{
    out += QByteArray::number(v, 'g', 17); // 17 digits: the server parses back the very same double
}

void appendReal(QByteArray& out, float v)
{
    out += QByteArray::number(double(v), 'g', 9);
}

// The staging tables live in this session only (pg_temp) and empty themselves at commit or rollback. The COPY draws
// each read's server id from the sequence (what a new batch's reads keep; write() draws again for the reads it finds
// new: a re-sent batch is rare, the gap harmless).
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
CREATE TEMP TABLE IF NOT EXISTS transfer_deltas (
    plate_id bigint PRIMARY KEY, n bigint NOT NULL, a bigint NOT NULL, f bigint, l bigint
) ON COMMIT DELETE ROWS;
)SQL";


// A new batch in one statement: its keys cannot be on the server yet, so nothing needs the idempotent look-ups of
// write(). The plates are upserted with their counts at once, in plate order (two transfers lock them in the same
// order); the reads take the ids the staging COPY drew from the sequence; read_sources has no ON CONFLICT, so a batch
// that was there after all fails with a unique violation and is sent again through write(). The receipt is computed
// from what the inserts RETURN: the rows as stored, joined key -> read -> plate exactly like write()'s read-back.
const char* const kNewBatch = R"SQL(
WITH p AS (
    INSERT INTO alpr.plates AS p (agency, plate, read_count, alt_count, first_seen_ms, last_seen_ms)
    SELECT $1::text, plate, sum(n), sum(a), min(f), max(l) FROM (
        SELECT plate, 1::bigint AS n, 0::bigint AS a, time_ms AS f, time_ms AS l FROM pg_temp.transfer_reads
        UNION ALL
        SELECT plate, 0, 1, NULL, NULL FROM (SELECT DISTINCT x.n, x.plate FROM pg_temp.transfer_alts x
            JOIN pg_temp.transfer_reads t ON t.n = x.n WHERE x.plate <> t.plate) d
    ) s GROUP BY plate ORDER BY plate
    ON CONFLICT (agency, plate) DO UPDATE SET read_count = p.read_count + excluded.read_count,
        alt_count = p.alt_count + excluded.alt_count, first_seen_ms = least(p.first_seen_ms, excluded.first_seen_ms),
        last_seen_ms = greatest(p.last_seen_ms, excluded.last_seen_ms)
    RETURNING p.id, p.plate
), s AS (
    INSERT INTO alpr.read_sources (agency, source_file, source_id, read_id, read_time_ms)
    SELECT $1::text, source_file, source_id, id, time_ms FROM pg_temp.transfer_reads ORDER BY n
    RETURNING source_file, source_id, read_id, read_time_ms
), r AS (
    INSERT INTO alpr.reads (agency, id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence,
                            candidates, make, model, colour, source_file, source_id, has_images)
    SELECT $1::text, t.id, p.id, t.state, t.time_ms, t.lat, t.lon, t.heading, t.camera_id, t.confidence,
           t.candidates, t.make, t.model, t.colour, t.source_file, t.source_id,
           (t.overview IS NOT NULL OR t.plate_jpeg IS NOT NULL)
      FROM pg_temp.transfer_reads t JOIN p ON p.plate = t.plate ORDER BY t.id
    RETURNING id, plate_id, state, time_ms
), i AS (
    INSERT INTO alpr.read_images (agency, read_id, overview_jpeg, plate_jpeg)
    SELECT $1::text, id, overview, plate_jpeg FROM pg_temp.transfer_reads
     WHERE overview IS NOT NULL OR plate_jpeg IS NOT NULL
    RETURNING read_id
), x AS (
    INSERT INTO alpr.read_alternates (agency, plate_id, read_id, confidence)
    SELECT $1::text, plate_id, read_id, confidence FROM (
        SELECT DISTINCT ON (t.id, p.id) t.id AS read_id, p.id AS plate_id, x.confidence
          FROM pg_temp.transfer_alts x JOIN pg_temp.transfer_reads t ON t.n = x.n JOIN p ON p.plate = x.plate
         WHERE x.plate <> t.plate ORDER BY t.id, p.id, x.k) a
    RETURNING read_id
)
SELECT count(*), encode(sha256(convert_to(coalesce(string_agg(s.source_file || E'\x1f' || s.source_id || E'\x1f'
           || p.plate || E'\x1f' || r.state || E'\x1f' || r.time_ms::text || E'\x1e', ''
           ORDER BY s.source_file COLLATE "C", s.source_id COLLATE "C"), ''), 'UTF8')), 'hex')
  FROM s JOIN r ON r.id = s.read_id AND r.time_ms = s.read_time_ms JOIN p ON p.id = r.plate_id
)SQL";

// What start() queues after the COPY, in this order (finish() collects one result set per statement).
constexpr int kQueued = 5;

} // namespace

PgCopyWriter::PgCopyWriter(PgConnection& connection, QString agency)
    : m_c(connection)
    , m_agency(std::move(agency))
{
}

void PgCopyWriter::appendText(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    for (char ch : utf8) {
        switch (ch) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += ch;
        }
    }
}

void PgCopyWriter::appendBytes(QByteArray& out, const QByteArray& bytes)
{
    if (bytes.isEmpty()) {
        out += kNull;
        return;
    }
    out += "\\\\x"; // bytea hex input "\x..."; its backslash doubled for COPY's text format
    out += bytes.toHex();
}

Error PgCopyWriter::libpqError(const QString& what, const QString& reason) const
{
    return failure(tr("The server %1: %2 failed: %3").arg(m_c.address().describe(), what, reason.simplified()));
}

Status PgCopyWriter::prepareStaging()
{
    // Once per connection (temp tables live as long as the session); asking first keeps the server log free of
    // "already exists" notices.
    QSqlQuery q(m_c.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT to_regclass('pg_temp.transfer_deltas') IS NOT NULL")) || !q.next())
        return m_c.error(QStringLiteral("transfer staging"), q.lastError());
    const bool ready = q.value(0).toBool();
    q.finish();
    if (ready)
        return {};
    return m_c.execScript(QStringLiteral("transfer staging"), QString::fromUtf8(kStaging));
}

Status PgCopyWriter::copy(const QByteArray& statement, const QByteArray& data)
{
    PGconn* conn = pgconn(m_c);
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

Status PgCopyWriter::stage(const QList<Read>& reads, QString& months)
{
    if (Status s = prepareStaging(); !s)
        return s;
    // 1. The batch as COPY text: one line per read, one per OCR alternative.
    QByteArray readRows, altRows;
    readRows.reserve(reads.size() * 200);
    std::map<int, qint64> monthTimes; // one time per UTC month the batch touches
    for (qsizetype i = 0; i < reads.size(); ++i) {
        const Read& r = reads.at(i);
        const QDate d = QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).date();
        monthTimes.emplace(d.year() * 12 + d.month(), r.timeMs);
        appendNumber(readRows, i);
        readRows += '\t';
        appendText(readRows, r.sourceFile);
        readRows += '\t';
        appendText(readRows, r.sourceId);
        readRows += '\t';
        appendText(readRows, r.plate);
        readRows += '\t';
        appendText(readRows, r.state);
        readRows += '\t';
        appendNumber(readRows, r.timeMs);
        readRows += '\t';
        appendDouble(readRows, r.lat);
        readRows += '\t';
        appendDouble(readRows, r.lon);
        readRows += '\t';
        if (r.heading < 0)
            readRows += kNull;
        else
            appendReal(readRows, r.heading);
        readRows += '\t';
        if (r.cameraId > 0)
            appendNumber(readRows, r.cameraId);
        else
            readRows += kNull;
        readRows += '\t';
        appendReal(readRows, r.confidence);
        readRows += '\t';
        appendText(readRows, formatCandidates(r.candidates));
        readRows += '\t';
        appendText(readRows, r.make);
        readRows += '\t';
        appendText(readRows, r.model);
        readRows += '\t';
        appendText(readRows, r.colour);
        readRows += '\t';
        appendBytes(readRows, r.overviewJpeg);
        readRows += '\t';
        appendBytes(readRows, r.plateJpeg);
        readRows += '\n';
        for (qsizetype k = 0; k < r.candidates.size(); ++k) {
            appendNumber(altRows, i);
            altRows += '\t';
            appendNumber(altRows, k);
            altRows += '\t';
            appendText(altRows, r.candidates.at(k).plate);
            altRows += '\t';
            appendReal(altRows, r.candidates.at(k).confidence);
            altRows += '\n';
        }
    }
    if (Status s = copy("COPY pg_temp.transfer_reads (n, source_file, source_id, plate, state, time_ms, lat, lon, "
                        "heading, camera_id, confidence, candidates, make, model, colour, overview, plate_jpeg) FROM "
                        "STDIN",
                        readRows);
        !s)
        return s;
    if (!altRows.isEmpty())
        if (Status s = copy("COPY pg_temp.transfer_alts (n, k, plate, confidence) FROM STDIN", altRows); !s)
            return s;

    PgArray times;
    for (const auto& [month, ms] : monthTimes)
        times.add(ms);
    months = times.literal();
    return {};
}

Result<ReadBatchReceipt> PgCopyWriter::write(const QList<Read>& reads)
{
    ReadBatchReceipt receipt;
    if (reads.isEmpty()) {
        receipt.hash = RemoteStore::batchHash(reads);
        return receipt;
    }
    // The receipt lets the laptop purge: the commit it describes must be on the server's disk before it is answered,
    // whatever the server's default (with synchronous_commit off, a server crash loses commits it already confirmed,
    // which the resume test saw happen).
    if (Status s = m_c.execScript(QStringLiteral("transfer durability"), QStringLiteral("SET LOCAL synchronous_commit = on"));
        !s)
        return s.error();

    QString months;
    if (Status s = stage(reads, months); !s)
        return s.error();

    // 2. Set-based from the staging tables into the agency's tables (what PgReadWriter::write does with arrays).
    QSqlQuery q(m_c.db());
    q.setForwardOnly(true);
    auto run = [&](const QString& what, const QString& sql, int agencies) -> Status {
        q.prepare(sql);
        for (int i = 0; i < agencies; ++i)
            q.addBindValue(m_agency);
        if (!q.exec())
            return m_c.error(what, q.lastError());
        return {};
    };
    q.prepare(QStringLiteral("SELECT alpr.ensure_read_partitions(?::bigint[])"));
    q.addBindValue(months);
    if (!q.exec())
        return m_c.error(QStringLiteral("monthly partitions"), q.lastError());
    q.finish();
    const QList<std::pair<QString, QString>> steps = {
        { QStringLiteral("plate insert"),
          QStringLiteral("INSERT INTO alpr.plates (agency, plate) SELECT ?::text, plate FROM (SELECT plate FROM "
                         "pg_temp.transfer_reads UNION SELECT plate FROM pg_temp.transfer_alts) s ORDER BY plate "
                         "ON CONFLICT (agency, plate) DO NOTHING") },
        // The source keys the agency did not hold yet tell which reads are new; they get their ids here.
        { QStringLiteral("source keys"),
          QStringLiteral("WITH ins AS (INSERT INTO alpr.read_sources (agency, source_file, source_id, read_id, "
                         "read_time_ms) SELECT ?::text, source_file, source_id, nextval('alpr.reads_id_seq'), time_ms "
                         "FROM pg_temp.transfer_reads ORDER BY n ON CONFLICT DO NOTHING RETURNING source_file, "
                         "source_id, read_id) UPDATE pg_temp.transfer_reads t SET id = ins.read_id, is_new = true "
                         "FROM ins WHERE t.source_file = ins.source_file AND t.source_id = ins.source_id") },
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
    for (const auto& [what, sql] : steps) {
        if (Status s = run(what, sql, int(sql.count(QStringLiteral("?::text")))); !s)
            return s.error();
        q.finish();
    }
    QElapsedTimer confirming;
    confirming.start();
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_temp.transfer_reads WHERE is_new"));
    if (!q.exec() || !q.next())
        return m_c.error(QStringLiteral("batch confirmation"), q.lastError());
    receipt.inserted = q.value(0).toLongLong();
    q.finish();
    // The receipt: what the server STORED for the batch's keys (joined back through plates), hashed like
    // RemoteStore::batchHash; COLLATE "C" sorts by bytes like the sending side.
    q.prepare(QStringLiteral(
        "SELECT count(*), sha256(convert_to(coalesce(string_agg(s.source_file || E'\\x1f' || s.source_id || "
        "E'\\x1f' || p.plate || E'\\x1f' || r.state || E'\\x1f' || r.time_ms::text || E'\\x1e', '' ORDER BY "
        "s.source_file COLLATE \"C\", s.source_id COLLATE \"C\"), ''), 'UTF8')) "
        "FROM pg_temp.transfer_reads k JOIN alpr.read_sources s ON s.agency = ?::text AND s.source_file = "
        "k.source_file AND s.source_id = k.source_id "
        "JOIN alpr.reads r ON r.id = s.read_id AND r.time_ms = s.read_time_ms "
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
    PGconn* conn = pgconn(m_c);
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

Status PgCopyWriter::start(const QList<Read>& reads)
{
    PGconn* conn = pgconn(m_c);
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return libpqError(QStringLiteral("transfer"), tr("the connection is lost"));
    if (Status s = exec("BEGIN", QStringLiteral("begin")); !s)
        return s;
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
    QString months;
    if (Status s = stage(reads, months); !s)
        return rollback(s.error());
    const QByteArray agency = m_agency.toUtf8(), times = months.toUtf8();
    const char* agencyParam[] = { agency.constData() };
    const char* timesParam[] = { times.constData() };
    // The receipt lets the laptop purge: the commit it describes must be on the server's disk before it is answered,
    // whatever the server's default (see write()).
    const bool queued = PQenterPipelineMode(conn) == 1
        && PQsendQueryParams(conn, "SET LOCAL synchronous_commit = on", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1
        // The batch's sorts (the reads by id, the plates by text) fit in memory: no spill of ALPR rows into the
        // server's temporary files (at the default 4 MB the read insert's sort wrote ~3.6 MB per 20,000 reads), and
        // no time spent writing and reading them back.
        && PQsendQueryParams(conn, "SET LOCAL work_mem = '32MB'", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1
        && PQsendQueryParams(conn, "SELECT alpr.ensure_read_partitions($1::bigint[])", 1, nullptr, timesParam, nullptr,
                             nullptr, 0)
            == 1
        && PQsendQueryParams(conn, kNewBatch, 1, nullptr, agencyParam, nullptr, nullptr, 0) == 1
        && PQsendQueryParams(conn, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1
        && PQpipelineSync(conn) == 1;
    if (!queued)
        return rollback(libpqError(QStringLiteral("transfer"), QString::fromUtf8(PQerrorMessage(conn))));
    return {};
}

Result<ReadBatchReceipt> PgCopyWriter::finish(bool& conflict)
{
    conflict = false;
    PGconn* conn = pgconn(m_c);
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
            if (statement == 3 && PQntuples(r) == 1) {
                receipt.confirmed = QByteArray(PQgetvalue(r, 0, 0)).toLongLong();
                receipt.inserted = receipt.confirmed;
                receipt.hash = QByteArray::fromHex(QByteArray(PQgetvalue(r, 0, 1)));
            }
            break;
        case PGRES_COMMAND_OK:
            // COMMIT of a failed transaction answers "ROLLBACK": only the tag COMMIT means the rows are stored.
            committed = committed || (statement == 4 && qstrcmp(PQcmdStatus(r), "COMMIT") == 0);
            break;
        case PGRES_PIPELINE_ABORTED:
            break;
        default:
            if (reason.isEmpty()) {
                reason = QString::fromUtf8(PQresultErrorMessage(r));
                conflict = qstrcmp(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23505") == 0 && statement == 3;
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

namespace {

/** Every read of a batch sent for confirmation carries a key, and no key twice. */
Status checkKeys(const QList<Read>& reads)
{
    QSet<std::pair<QString, QString>> keys;
    keys.reserve(reads.size());
    for (const Read& r : reads) {
        if (r.sourceId.isEmpty())
            return usageError(tr("A read sent for confirmation has no source id (plate read at %1).").arg(r.timeMs));
        if (keys.contains({ r.sourceFile, r.sourceId }))
            return usageError(tr("The batch holds the source key %1/%2 twice.").arg(r.sourceFile, r.sourceId));
        keys.insert({ r.sourceFile, r.sourceId });
    }
    return {};
}

} // namespace

Status RemoteStore::startBatch(const QList<Read>& reads)
{
    if (m_pending)
        return usageError(tr("The server %1 is still storing the previous transfer batch.").arg(address().describe()));
    if (Status s = checkKeys(reads); !s)
        return s;
    m_pendingReads = reads;
    if (reads.isEmpty()) {
        m_pending = true;
        return {};
    }
    if (Status s = PgCopyWriter(*m_c, m_agency).start(reads); !s) {
        m_pendingReads.clear();
        return s;
    }
    m_pending = true;
    return {};
}

Result<ReadBatchReceipt> RemoteStore::finishBatch()
{
    if (!m_pending)
        return usageError(tr("No transfer batch is being sent to the server %1.").arg(address().describe()));
    m_pending = false;
    const QList<Read> reads = std::exchange(m_pendingReads, {});
    if (reads.isEmpty()) {
        ReadBatchReceipt empty;
        empty.hash = batchHash(reads);
        return empty;
    }
    bool conflict = false;
    auto receipt = PgCopyWriter(*m_c, m_agency).finish(conflict);
    // The batch was there already (a lost confirmation, a journal restored from a backup): the idempotent path.
    if (!receipt && conflict)
        return copyReadsConfirmed(reads);
    return receipt;
}

Result<qint64> RemoteStore::flushPlateIndex()
{
    if (m_pending)
        return usageError(tr("The server %1 is still storing the previous transfer batch.").arg(address().describe()));
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT alpr.flush_plate_index()")) || !q.next())
        return m_c->error(QStringLiteral("plate index upkeep"), q.lastError());
    return q.value(0).toLongLong();
}

Result<ReadBatchReceipt> RemoteStore::copyReadsConfirmed(const QList<Read>& reads)
{
    if (Status s = checkKeys(reads); !s)
        return s.error();
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    auto receipt = PgCopyWriter(*m_c, m_agency).write(reads);
    if (!receipt) {
        db.rollback();
        return receipt.error();
    }
    // The receipt describes committed rows only once the commit succeeded.
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    return receipt;
}

} // namespace alpr

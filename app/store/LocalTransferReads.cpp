#include "LocalTransferReads.h"

#include "ReadRow.h"

#include "ForeignKeysOff.h"
#include "LocalStore.h"
#include "NativeStatement.h"
#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <limits>
#include <sqlite3.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalTransferReads", text);
}

} // namespace

LocalTransferReads::LocalTransferReads(LocalStore& store)
    : m_store(store)
{
}

Result<QList<Read>> LocalTransferReads::select(const QString& where, const QList<qint64>& values, int limit,
                                               qint64 maxImageBytes)
{
    // The C API, not QSqlQuery: a batch is 20,000 rows of 18 columns, and a QVariant per value was a third of the
    // time the laptop spends reading a batch.
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_store.db());
    if (!handle)
        return m_store.sqlError(QStringLiteral("transfer read"), tr("the store is not open"));
    NativeStatement q;
    if (!q.prepare(handle, QStringLiteral("SELECT r.id, p.plate, r.state, r.time_ms, r.lat, r.lon, r.heading, "
                                          "r.camera_id, r.confidence, r.candidates, r.make, r.model, r.colour, "
                                          "r.source_file, r.source_id, r.has_images, i.overview_jpeg, i.plate_jpeg "
                                          "FROM reads r JOIN plates p ON p.id = r.plate_id LEFT JOIN read_images i "
                                          "ON i.read_id = r.id WHERE %1 ORDER BY r.id LIMIT ?")
                                .arg(where)))
        return m_store.sqlError(QStringLiteral("transfer read"), q.error());
    int position = 1;
    for (qint64 v : values)
        q.bindInt64(position++, v);
    q.bindInt64(position, limit);
    QList<Read> out;
    qint64 imageBytes = 0;
    while (imageBytes < maxImageBytes && q.next()) {
        Read r;
        r.id = q.columnInt64(0);
        r.plate = q.columnText(1);
        r.state = q.columnText(2);
        r.timeMs = q.columnInt64(3);
        r.lat = q.columnDouble(4);
        r.lon = q.columnDouble(5);
        r.heading = q.columnIsNull(6) ? -1.0f : float(q.columnDouble(6));
        r.cameraId = q.columnInt64(7);
        r.confidence = float(q.columnDouble(8));
        r.candidates = parseCandidates(q.columnText(9));
        r.make = q.columnText(10);
        r.model = q.columnText(11);
        r.colour = q.columnText(12);
        r.sourceFile = q.columnText(13);
        r.sourceId = q.columnText(14);
        r.hasImages = q.columnInt64(15) != 0;
        r.overviewJpeg = q.columnBlob(16);
        r.plateJpeg = q.columnBlob(17);
        imageBytes += r.overviewJpeg.size() + r.plateJpeg.size();
        out.append(std::move(r));
    }
    if (!q.ok())
        return m_store.sqlError(QStringLiteral("transfer read"), q.error());
    return out;
}

Result<QList<Read>> LocalTransferReads::next(qint64 afterId, int limit, qint64 imageBytes)
{
    return select(QStringLiteral("r.id > ?"), { afterId }, limit, imageBytes);
}

Result<QList<Read>> LocalTransferReads::range(qint64 firstId, qint64 lastId)
{
    // A batch being re-sent is the whole of it, whatever its images weigh: its range is in the journal.
    return select(QStringLiteral("r.id BETWEEN ? AND ?"), { firstId, lastId }, std::numeric_limits<int>::max(),
                  std::numeric_limits<qint64>::max());
}

Result<qint64> LocalTransferReads::count()
{
    QSqlQuery q(m_store.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM reads")) || !q.next())
        return m_store.sqlError(QStringLiteral("read count"), q.lastError().text());
    return q.value(0).toLongLong();
}

Status LocalTransferReads::purge(qint64 batchId, const QList<qint64>& readIds, qint64 timeMs)
{
    QList<qint64> wanted = readIds;
    std::sort(wanted.begin(), wanted.end());
    if (std::adjacent_find(wanted.cbegin(), wanted.cend()) != wanted.cend())
        return failure(tr("%1: the purge of transfer batch %2 names a read twice.").arg(m_store.path()).arg(batchId));
    QSqlDatabase db = m_store.db();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // The children of the reads are deleted explicitly below, so the per-row ON DELETE CASCADE lookups (three index
    // probes per read) are pure cost: foreign keys are off for this transaction.
    ForeignKeysOff keysOff(db);
    if (!keysOff.ok())
        return m_store.sqlError(QStringLiteral("purge"), keysOff.error());
    // IMMEDIATE: the write lock first, so an import cannot slip between the checks and the deletes.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return m_store.sqlError(QStringLiteral("purge"), q.lastError().text());
    auto fail = [&](const QString& what, const QString& detail) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return Status(m_store.sqlError(what, detail));
    };
    auto run = [&](const QString& sql, const QVariantList& binds = {}) {
        q.prepare(sql);
        for (const QVariant& v : binds)
            q.addBindValue(v);
        return q.exec();
    };
    // The journal must say the server confirmed this batch: the purge never runs ahead of the receipt.
    if (!run(QStringLiteral("SELECT first_read, last_read FROM transfer_batches WHERE id = ? AND state = 'confirmed'"),
             { batchId }))
        return fail(QStringLiteral("purge"), q.lastError().text());
    if (!q.next()) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return failure(tr("%1: transfer batch %2 is not confirmed by the server; nothing was purged.")
                           .arg(m_store.path())
                           .arg(batchId));
    }
    const qint64 first = q.value(0).toLongLong(), last = q.value(1).toLongLong();
    q.finish();

    // Exactly the confirmed reads: the reads stored in the batch's id range must be the very ids confirmed, no more
    // and no fewer. Then every delete below can take the range (one index range scan per table) instead of a list
    // of ids, with no temporary table; the write lock keeps the range as checked until COMMIT. The same pass reads
    // what the purge takes from each plate. Why the C API and so few statements: with cipher_memory_security every
    // SQLite allocation is an mlock/munlock pair; a plain statement stepped over rows allocates almost nothing, where
    // temporary tables, sorters (GROUP BY), JSON parsed per row or a correlated subquery per row cost 5-20 us each.
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!handle)
        return fail(QStringLiteral("purge"), tr("the store is not open"));
    struct Plate
    {
        qint64 reads = 0, alternates = 0, firstMs = std::numeric_limits<qint64>::max(), lastMs = 0;
        qint64 readCount = 0, altCount = 0, firstSeenMs = 0, lastSeenMs = 0; ///< as stored before the purge
    };
    QHash<qint64, Plate> plates;
    qsizetype stored = 0, matched = 0;
    {
        NativeStatement scan;
        if (!scan.prepare(handle, QStringLiteral("SELECT r.id, r.plate_id, r.time_ms, p.read_count, p.alt_count, "
                                                 "p.first_seen_ms, p.last_seen_ms FROM reads r JOIN plates p ON p.id = "
                                                 "r.plate_id WHERE r.id BETWEEN ?1 AND ?2 ORDER BY r.id")))
            return fail(QStringLiteral("purge"), scan.error());
        scan.bindInt64(1, first);
        scan.bindInt64(2, last);
        while (scan.next()) {
            const qint64 id = scan.columnInt64(0);
            if (matched < wanted.size() && wanted.at(matched) == id)
                ++matched;
            ++stored;
            Plate& p = plates[scan.columnInt64(1)];
            const qint64 t = scan.columnInt64(2);
            ++p.reads;
            p.firstMs = std::min(p.firstMs, t);
            p.lastMs = std::max(p.lastMs, t);
            p.readCount = scan.columnInt64(3);
            p.altCount = scan.columnInt64(4);
            p.firstSeenMs = scan.columnInt64(5);
            p.lastSeenMs = scan.columnInt64(6);
        }
        if (!scan.ok())
            return fail(QStringLiteral("purge"), scan.error());
    }
    if (stored != wanted.size() || matched != wanted.size()) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return failure(tr("%1: transfer batch %2 (reads %3-%4): %5 of the %6 confirmed reads are stored in that "
                          "range, beside %7 reads the server did not confirm; nothing was purged.")
                           .arg(m_store.path())
                           .arg(batchId)
                           .arg(first)
                           .arg(last)
                           .arg(matched)
                           .arg(readIds.size())
                           .arg(stored - matched));
    }
    {
        NativeStatement scan;
        if (!scan.prepare(handle, QStringLiteral("SELECT a.plate_id, p.read_count, p.alt_count FROM read_alternates a "
                                                 "JOIN plates p ON p.id = a.plate_id WHERE a.read_id BETWEEN ?1 AND ?2")))
            return fail(QStringLiteral("purge"), scan.error());
        scan.bindInt64(1, first);
        scan.bindInt64(2, last);
        while (scan.next()) {
            Plate& p = plates[scan.columnInt64(0)];
            ++p.alternates;
            p.readCount = scan.columnInt64(1);
            p.altCount = scan.columnInt64(2);
        }
        if (!scan.ok())
            return fail(QStringLiteral("purge"), scan.error());
    }

    // The reads and what hangs off them, by the checked range.
    for (const char* sql : { "DELETE FROM read_alternates WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM read_images WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM hits WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM reads WHERE id BETWEEN ? AND ?" })
        if (!run(QString::fromLatin1(sql), { first, last }))
            return fail(QStringLiteral("purge"), q.lastError().text());

    // Then each plate the batch touched, in id order, in two statements each executed once: a plate no read carries
    // any more is ALPR data too and leaves the laptop with its reads (one DELETE over a JSON id list); the others lose
    // the purged reads and alternatives from their counts, and their first/last sighting is looked up again (an
    // index probe on reads_plate_time) only where a purged read was that sighting, in one UPDATE that takes each
    // plate's figures from the scan above through a function of this purge (alpr_purge). Why once: every execution
    // of a statement allocates its cursors anew, each allocation an mlock pair with cipher_memory_security; an
    // UPDATE stepped per plate cost ~20 us a plate, UPDATEs over id lists per distinct delta ~30, this one ~4.
    QList<qint64> ids = plates.keys();
    std::sort(ids.begin(), ids.end());
    QByteArray dropped = "[", kept = "[";
    for (qint64 id : ids) {
        const Plate& p = plates.value(id);
        QByteArray& list = p.readCount - p.reads <= 0 && p.altCount - p.alternates <= 0 ? dropped : kept;
        list += (list.size() > 1 ? "," : "") + QByteArray::number(id);
    }
    dropped += ']';
    kept += ']';
    // What the purge takes from a plate, for the UPDATE below: alpr_purge(id, 0) reads, (id, 1) alternatives, (id, 2)
    // and (id, 3) what happens to the first and last sighting (0 kept, 1 none left, 2 looked up again).
    auto delta = [](sqlite3_context* context, int, sqlite3_value** argv) {
        const auto* all = static_cast<const QHash<qint64, Plate>*>(sqlite3_user_data(context));
        const auto it = all->constFind(sqlite3_value_int64(argv[0]));
        if (it == all->cend()) {
            sqlite3_result_int64(context, 0);
            return;
        }
        const Plate& p = it.value();
        const int what = sqlite3_value_int(argv[1]);
        const qint64 readsLeft = p.readCount - p.reads;
        qint64 out = 0;
        if (what == 0)
            out = p.reads;
        else if (what == 1)
            out = p.alternates;
        else if (p.reads > 0 && readsLeft <= 0)
            out = 1;
        else if (p.reads > 0 && (what == 2 ? p.firstMs <= p.firstSeenMs : p.lastMs >= p.lastSeenMs))
            out = 2;
        sqlite3_result_int64(context, out);
    };
    // DIRECTONLY: callable from this statement, never from a trigger or view. Registered for this purge only.
    constexpr int kFlags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
    if (sqlite3_create_function_v2(handle, "alpr_purge", 2, kFlags, &plates, delta, nullptr, nullptr, nullptr)
        != SQLITE_OK)
        return fail(QStringLiteral("purge"), QString::fromUtf8(sqlite3_errmsg(handle)));
    struct Unregister
    {
        sqlite3* handle;
        ~Unregister()
        {
            sqlite3_create_function_v2(handle, "alpr_purge", 2, kFlags, nullptr, nullptr, nullptr, nullptr, nullptr);
        }
    } unregister { handle }; // declared before the statements: they are finalized first
    NativeStatement drop, update;
    if (!drop.prepare(handle, QStringLiteral("DELETE FROM plates WHERE id IN (SELECT value FROM json_each(?1))")))
        return fail(QStringLiteral("purge"), drop.error());
    if (!update.prepare(handle,
                        QStringLiteral("UPDATE plates SET read_count = read_count - alpr_purge(id, 0), alt_count = "
                                       "alt_count - alpr_purge(id, 1), first_seen_ms = CASE alpr_purge(id, 2) WHEN 0 "
                                       "THEN first_seen_ms WHEN 1 THEN NULL ELSE (SELECT time_ms FROM reads WHERE "
                                       "plate_id = plates.id ORDER BY time_ms LIMIT 1) END, last_seen_ms = CASE "
                                       "alpr_purge(id, 3) WHEN 0 THEN last_seen_ms WHEN 1 THEN NULL ELSE (SELECT "
                                       "time_ms FROM reads WHERE plate_id = plates.id ORDER BY time_ms DESC LIMIT 1) "
                                       "END WHERE id IN (SELECT value FROM json_each(?1))")))
        return fail(QStringLiteral("purge"), update.error());
    drop.bindText(1, dropped);
    if (!drop.exec())
        return fail(QStringLiteral("purge"), drop.error());
    drop.reset();
    update.bindText(1, kept);
    if (!update.exec())
        return fail(QStringLiteral("purge"), update.error());
    update.reset();
    if (!run(QStringLiteral("UPDATE transfer_batches SET state = 'purged', purged_ms = ? WHERE id = ? AND state = "
                            "'confirmed'"),
             { timeMs, batchId })
        || q.numRowsAffected() != 1)
        return fail(QStringLiteral("purge journal"), q.lastError().text());
    if (!run(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("purge commit"), q.lastError().text());

    return {};
}

} // namespace alpr

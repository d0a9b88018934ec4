#include "LocalTransferReads.h"

#include "ReadRow.h"

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
#include <map>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalTransferReads", text);
}

/** The ids as one JSON array: a single parameter however many ids (json_each unpacks it inside SQLite). */
QString jsonIds(const QList<qint64>& ids)
{
    QString out;
    out.reserve(ids.size() * 8 + 2);
    out += u'[';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += u',';
        out += QString::number(ids.at(i));
    }
    out += u']';
    return out;
}

} // namespace

LocalTransferReads::LocalTransferReads(LocalStore& store)
    : m_store(store)
{
}

Result<QList<Read>> LocalTransferReads::select(const QString& where, const QList<qint64>& values, int limit)
{
    QSqlQuery q(m_store.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id, p.plate, r.state, r.time_ms, r.lat, r.lon, r.heading, r.camera_id, "
                             "r.confidence, r.candidates, r.make, r.model, r.colour, r.source_file, r.source_id, "
                             "r.has_images, i.overview_jpeg, i.plate_jpeg FROM reads r JOIN plates p ON p.id = "
                             "r.plate_id LEFT JOIN read_images i ON i.read_id = r.id WHERE %1 ORDER BY r.id LIMIT ?")
                  .arg(where));
    for (qint64 v : values)
        q.addBindValue(v);
    q.addBindValue(limit);
    if (!q.exec())
        return m_store.sqlError(QStringLiteral("transfer read"), q.lastError().text());
    QList<Read> out;
    while (q.next()) {
        Read r = readFromRow(q);
        r.overviewJpeg = q.value(16).toByteArray();
        r.plateJpeg = q.value(17).toByteArray();
        out.append(std::move(r));
    }
    return out;
}

Result<QList<Read>> LocalTransferReads::next(qint64 afterId, int limit)
{
    return select(QStringLiteral("r.id > ?"), { afterId }, limit);
}

Result<QList<Read>> LocalTransferReads::range(qint64 firstId, qint64 lastId)
{
    return select(QStringLiteral("r.id BETWEEN ? AND ?"), { firstId, lastId }, std::numeric_limits<int>::max());
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
    // probes per read) are pure cost: foreign keys are off for this transaction (the pragma is a no-op inside one).
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return m_store.sqlError(QStringLiteral("purge"), q.lastError().text());
    struct KeysBackOn
    {
        QSqlDatabase db;
        ~KeysBackOn() { QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON")); }
    } keysBackOn { db };
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

    // What happens to each plate, as id lists (one JSON parameter each, unpacked by json_each): the counts go down by
    // the same amounts for most plates, so one UPDATE per distinct (reads, alternates) pair; a plate no read carries
    // any more is ALPR data too and leaves the laptop with its reads; the first/last sighting is recomputed only
    // where a purged read was that sighting (reads_plate_time answers each from the index).
    std::map<std::pair<qint64, qint64>, QList<qint64>> byDelta;
    QList<qint64> drop, noSightings, newFirst, newLast;
    for (auto it = plates.cbegin(); it != plates.cend(); ++it) {
        const Plate& p = it.value();
        const qint64 readsLeft = p.readCount - p.reads, altsLeft = p.altCount - p.alternates;
        if (readsLeft <= 0 && altsLeft <= 0) {
            drop.append(it.key());
            continue;
        }
        byDelta[{ p.reads, p.alternates }].append(it.key());
        if (p.reads == 0)
            continue;
        if (readsLeft <= 0) {
            noSightings.append(it.key());
            continue;
        }
        if (p.firstMs <= p.firstSeenMs)
            newFirst.append(it.key());
        if (p.lastMs >= p.lastSeenMs)
            newLast.append(it.key());
    }
    QList<std::pair<QString, QVariantList>> steps;
    for (const char* sql : { "DELETE FROM read_alternates WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM read_images WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM hits WHERE read_id BETWEEN ? AND ?",
                             "DELETE FROM reads WHERE id BETWEEN ? AND ?" })
        steps.append({ QString::fromLatin1(sql), { first, last } });
    const QString in = QStringLiteral(" WHERE id IN (SELECT value FROM json_each(?))");
    if (!drop.isEmpty())
        steps.append({ QStringLiteral("DELETE FROM plates") + in, { jsonIds(drop) } });
    for (const auto& [delta, ids] : byDelta)
        steps.append({ QStringLiteral("UPDATE plates SET read_count = read_count - ?, alt_count = alt_count - ?") + in,
                       { delta.first, delta.second, jsonIds(ids) } });
    if (!noSightings.isEmpty())
        steps.append({ QStringLiteral("UPDATE plates SET first_seen_ms = NULL, last_seen_ms = NULL") + in,
                       { jsonIds(noSightings) } });
    if (!newFirst.isEmpty())
        steps.append({ QStringLiteral("UPDATE plates SET first_seen_ms = (SELECT min(time_ms) FROM reads WHERE "
                                      "plate_id = plates.id)")
                           + in,
                       { jsonIds(newFirst) } });
    if (!newLast.isEmpty())
        steps.append({ QStringLiteral("UPDATE plates SET last_seen_ms = (SELECT max(time_ms) FROM reads WHERE "
                                      "plate_id = plates.id)")
                           + in,
                       { jsonIds(newLast) } });
    for (const auto& [sql, binds] : steps)
        if (!run(sql, binds))
            return fail(QStringLiteral("purge"), q.lastError().text());
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

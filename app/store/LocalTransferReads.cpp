#include "LocalTransferReads.h"

#include "ReadRow.h"

#include "LocalStore.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>

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
    const QSet<qint64> distinct(readIds.cbegin(), readIds.cend());
    if (distinct.size() != readIds.size())
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
    if (!run(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id INTEGER PRIMARY KEY)"))
        || !run(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS purge_counts (plate_id INTEGER PRIMARY KEY, n INTEGER "
                               "NOT NULL, a INTEGER NOT NULL)"))
        || !run(QStringLiteral("DELETE FROM temp.purge_ids")) || !run(QStringLiteral("DELETE FROM temp.purge_counts"))
        || !run(QStringLiteral("INSERT INTO temp.purge_ids SELECT value FROM json_each(?) WHERE value BETWEEN ? AND ?"),
                { jsonIds(readIds), first, last }))
        return fail(QStringLiteral("purge"), q.lastError().text());
    if (!run(QStringLiteral("SELECT count(*) FROM reads WHERE id IN (SELECT id FROM temp.purge_ids)")) || !q.next())
        return fail(QStringLiteral("purge"), q.lastError().text());
    if (q.value(0).toLongLong() != readIds.size()) {
        const qint64 found = q.value(0).toLongLong();
        q.finish();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return failure(tr("%1: transfer batch %2 (reads %3-%4): %5 of the %6 confirmed reads are stored in that "
                          "range; nothing was purged.")
                           .arg(m_store.path())
                           .arg(batchId)
                           .arg(first)
                           .arg(last)
                           .arg(found)
                           .arg(readIds.size()));
    }
    q.finish();
    const QString in = QStringLiteral("(SELECT id FROM temp.purge_ids)");
    const QStringList steps = {
        // What the purged reads and alternatives took from each plate's counts.
        QStringLiteral("INSERT INTO temp.purge_counts SELECT plate_id, count(*), 0 FROM reads WHERE id IN %1 "
                       "GROUP BY plate_id")
            .arg(in),
        QStringLiteral("INSERT INTO temp.purge_counts (plate_id, n, a) SELECT plate_id, 0, count(*) FROM "
                       "read_alternates WHERE read_id IN %1 GROUP BY plate_id ON CONFLICT (plate_id) DO UPDATE SET "
                       "a = excluded.a")
            .arg(in),
        QStringLiteral("DELETE FROM read_alternates WHERE read_id IN %1").arg(in),
        QStringLiteral("DELETE FROM read_images WHERE read_id IN %1").arg(in),
        QStringLiteral("DELETE FROM hits WHERE read_id IN %1").arg(in),
        QStringLiteral("DELETE FROM reads WHERE id IN %1").arg(in),
        QStringLiteral("UPDATE plates SET read_count = read_count - c.n, alt_count = alt_count - c.a FROM "
                       "temp.purge_counts c WHERE plates.id = c.plate_id"),
        // The plate's sightings that remain (reads_plate_time answers each from the index).
        QStringLiteral("UPDATE plates SET first_seen_ms = (SELECT min(time_ms) FROM reads WHERE plate_id = "
                       "plates.id), last_seen_ms = (SELECT max(time_ms) FROM reads WHERE plate_id = plates.id) "
                       "WHERE id IN (SELECT plate_id FROM temp.purge_counts WHERE n > 0)"),
        // A plate no read carries any more is ALPR data too: it leaves the laptop with its reads.
        QStringLiteral("DELETE FROM plates WHERE id IN (SELECT plate_id FROM temp.purge_counts) AND read_count <= 0 "
                       "AND alt_count <= 0"),
    };
    for (const QString& sql : steps)
        if (!run(sql))
            return fail(QStringLiteral("purge"), q.lastError().text());
    if (!run(QStringLiteral("UPDATE transfer_batches SET state = 'purged', purged_ms = ? WHERE id = ? AND state = "
                            "'confirmed'"),
             { timeMs, batchId })
        || q.numRowsAffected() != 1)
        return fail(QStringLiteral("purge journal"), q.lastError().text());
    if (!run(QStringLiteral("DELETE FROM temp.purge_ids")) || !run(QStringLiteral("DELETE FROM temp.purge_counts")))
        return fail(QStringLiteral("purge"), q.lastError().text());
    if (!run(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("purge commit"), q.lastError().text());
    return {};
}

} // namespace alpr

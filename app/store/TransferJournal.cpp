#include "TransferJournal.h"

#include "LocalStore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace alpr {

namespace {

const QString kColumns = QStringLiteral("id, server_id, server, first_read, last_read, read_count, hash, state, receipt, "
                                        "sent_ms, confirmed_ms, purged_ms");

TransferBatch batchFromQuery(const QSqlQuery& q)
{
    TransferBatch b;
    b.id = q.value(0).toLongLong();
    b.serverId = q.value(1).toString();
    b.server = q.value(2).toString();
    b.firstRead = q.value(3).toLongLong();
    b.lastRead = q.value(4).toLongLong();
    b.count = q.value(5).toLongLong();
    b.hash = q.value(6).toByteArray();
    const QString state = q.value(7).toString();
    b.state = state == u"purged" ? TransferBatch::State::Purged
        : state == u"confirmed"  ? TransferBatch::State::Confirmed
                                 : TransferBatch::State::Sent;
    b.receipt = q.value(8).toString();
    b.sentMs = q.value(9).toLongLong();
    b.confirmedMs = q.value(10).toLongLong();
    b.purgedMs = q.value(11).toLongLong();
    return b;
}

} // namespace

TransferJournal::TransferJournal(LocalStore& store)
    : m_store(store)
{
}

QString TransferJournal::stateName(TransferBatch::State state)
{
    switch (state) {
    case TransferBatch::State::Sent:
        return QStringLiteral("sent");
    case TransferBatch::State::Confirmed:
        return QStringLiteral("confirmed");
    case TransferBatch::State::Purged:
        return QStringLiteral("purged");
    }
    return {};
}

Result<TransferBatch> TransferJournal::begin(const TransferBatch& batch)
{
    QSqlQuery q(m_store.db());
    q.prepare(QStringLiteral("INSERT INTO transfer_batches (server_id, server, first_read, last_read, read_count, "
                             "hash, state, sent_ms) VALUES (?, ?, ?, ?, ?, ?, 'sent', ?)"));
    q.addBindValue(batch.serverId);
    q.addBindValue(batch.server);
    q.addBindValue(batch.firstRead);
    q.addBindValue(batch.lastRead);
    q.addBindValue(batch.count);
    q.addBindValue(batch.hash);
    q.addBindValue(batch.sentMs);
    if (!q.exec())
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    TransferBatch out = batch;
    out.id = q.lastInsertId().toLongLong();
    out.state = TransferBatch::State::Sent;
    return out;
}

Status TransferJournal::updateContents(qint64 batchId, qint64 count, const QByteArray& hash)
{
    QSqlQuery q(m_store.db());
    q.prepare(QStringLiteral("UPDATE transfer_batches SET read_count = ?, hash = ? WHERE id = ? AND state <> "
                             "'purged'"));
    q.addBindValue(count);
    q.addBindValue(hash);
    q.addBindValue(batchId);
    if (!q.exec())
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    return {};
}

Status TransferJournal::markConfirmed(qint64 batchId, const QString& receiptJson, qint64 timeMs)
{
    QSqlQuery q(m_store.db());
    q.prepare(QStringLiteral("UPDATE transfer_batches SET state = 'confirmed', receipt = ?, confirmed_ms = ? WHERE id "
                             "= ? AND state <> 'purged'"));
    q.addBindValue(receiptJson);
    q.addBindValue(timeMs);
    q.addBindValue(batchId);
    if (!q.exec())
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    if (q.numRowsAffected() != 1)
        return failure(QCoreApplication::translate("TransferJournal",
                                                   "%1: transfer batch %2 is not in the journal or already purged.")
                           .arg(m_store.path())
                           .arg(batchId));
    return {};
}

Result<QList<TransferBatch>> TransferJournal::unfinished()
{
    QSqlQuery q(m_store.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM transfer_batches WHERE state <> 'purged' ORDER BY id").arg(kColumns)))
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    QList<TransferBatch> out;
    while (q.next())
        out.append(batchFromQuery(q));
    return out;
}

Result<TransferBatch> TransferJournal::batch(qint64 batchId)
{
    QSqlQuery q(m_store.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM transfer_batches WHERE id = ?").arg(kColumns));
    q.addBindValue(batchId);
    if (!q.exec())
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    if (!q.next())
        return failure(QCoreApplication::translate("TransferJournal", "%1: no transfer batch %2 in the journal.")
                           .arg(m_store.path())
                           .arg(batchId));
    return batchFromQuery(q);
}

Result<QList<TransferBatch>> TransferJournal::all()
{
    QSqlQuery q(m_store.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM transfer_batches ORDER BY id").arg(kColumns)))
        return m_store.sqlError(QStringLiteral("transfer journal"), q.lastError().text());
    QList<TransferBatch> out;
    while (q.next())
        out.append(batchFromQuery(q));
    return out;
}

} // namespace alpr

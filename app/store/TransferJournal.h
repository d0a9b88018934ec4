#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace alpr {

class LocalStore;

/** One batch of the end-of-shift transfer as the local journal keeps it. */
struct TransferBatch
{
    enum class State { Sent, Confirmed, Purged };

    qint64 id = 0; ///< journal row id: never reused, part of the reads' key on the server
    QString serverId; ///< the server's identity (RemoteStore::serverId)
    QString server; ///< "host:port/db", for messages
    qint64 firstRead = 0; ///< local read ids, inclusive
    qint64 lastRead = 0;
    qint64 count = 0;
    QByteArray hash; ///< RemoteStore::batchHash of the batch as sent
    State state = State::Sent;
    QString receipt; ///< JSON of the server's receipt once confirmed
    qint64 sentMs = 0;
    qint64 confirmedMs = 0;
    qint64 purgedMs = 0;
};

/**
 * The local store's journal of the end-of-shift transfer (table transfer_batches): a batch is recorded as "sent"
 * BEFORE it goes to the server, "confirmed" once the server's receipt matched it, "purged" in the same transaction
 * that deletes its reads (LocalTransferReads::purge). A transfer cut short by a crash or a lost connection resumes
 * from the batches not yet purged.
 */
class TransferJournal
{
public:
    explicit TransferJournal(LocalStore& store);

    /** Records a new batch as sent; returns it with its id. */
    Result<TransferBatch> begin(const TransferBatch& batch);
    /** Replaces the count and hash of a batch being re-sent (its reads changed since, e.g. a retention purge). */
    Status updateContents(qint64 batchId, qint64 count, const QByteArray& hash);
    Status markConfirmed(qint64 batchId, const QString& receiptJson, qint64 timeMs);
    /** Batches not yet purged, oldest first. */
    Result<QList<TransferBatch>> unfinished();
    Result<TransferBatch> batch(qint64 batchId);
    /** Every batch, oldest first (for tests and the receipt of a whole run). */
    Result<QList<TransferBatch>> all();

    static QString stateName(TransferBatch::State state);

private:
    LocalStore& m_store;
};

} // namespace alpr

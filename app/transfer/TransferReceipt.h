#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace alpr {

/** Where a transfer stands, for a progress bar: reads purged so far of the reads the store held at the start. */
struct TransferProgress
{
    qint64 done = 0;
    qint64 total = 0;
    qint64 batches = 0; ///< batches confirmed and purged in this run
    qint64 lastBatchId = 0; ///< journal id of the batch just finished
};

/**
 * What one run of the end-of-shift transfer did, as written to BOTH audit logs (event "transfer.receipt") and shown
 * to the user: counts, the local read id range, the batches with their hashes, the two stores' identities.
 */
struct TransferReceipt
{
    QString user;
    QString localStore; ///< file path
    QString localStoreId; ///< the store's store_id setting
    QString server; ///< "host:port/db"
    QString serverId; ///< the server's store_id
    qint64 reads = 0; ///< reads confirmed by the server and purged locally in this run
    qint64 inserted = 0; ///< of those, new on the server (the rest were there from an interrupted run)
    qint64 batches = 0;
    qint64 resumedBatches = 0; ///< batches of an earlier, interrupted run finished by this one
    qint64 firstRead = 0; ///< lowest local read id purged (0 when none)
    qint64 lastRead = 0;
    QList<qint64> batchIds; ///< journal ids, in order
    QByteArray digest; ///< SHA-256 over the batches' hashes in order (32 bytes; of nothing when no batch)
    qint64 remaining = 0; ///< reads left in the local store afterwards
    bool cancelled = false;
    double seconds = 0;

    QJsonObject toJson() const;
    /** A few lines for a person (CLI output, the dialog's last page); translated. */
    QString toText() const;
};

} // namespace alpr

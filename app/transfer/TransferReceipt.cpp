#include "TransferReceipt.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace alpr {

QJsonObject TransferReceipt::toJson() const
{
    QJsonArray ids;
    for (qint64 id : batchIds)
        ids.append(id);
    return {
        { QStringLiteral("user"), user },
        { QStringLiteral("local_store"), localStore },
        { QStringLiteral("local_store_id"), localStoreId },
        { QStringLiteral("server"), server },
        { QStringLiteral("server_id"), serverId },
        { QStringLiteral("reads"), reads },
        { QStringLiteral("inserted"), inserted },
        { QStringLiteral("batches"), batches },
        { QStringLiteral("resumed_batches"), resumedBatches },
        { QStringLiteral("first_read"), firstRead },
        { QStringLiteral("last_read"), lastRead },
        { QStringLiteral("batch_ids"), ids },
        { QStringLiteral("digest"), QString::fromLatin1(digest.toHex()) },
        { QStringLiteral("remaining"), remaining },
        { QStringLiteral("cancelled"), cancelled },
        { QStringLiteral("seconds"), seconds },
    };
}

QString TransferReceipt::toText() const
{
    auto tr = [](const char* text) { return QCoreApplication::translate("TransferReceipt", text); };
    QString out;
    out += (cancelled ? tr("Transfer cancelled after %1 batch(es).") : tr("Transfer complete: %1 batch(es)."))
               .arg(batches)
        + u'\n';
    out += tr("Reads confirmed by the server and purged: %1 (new on the server: %2)").arg(reads).arg(inserted)
        + u'\n';
    if (reads > 0)
        out += tr("Local read ids: %1 to %2").arg(firstRead).arg(lastRead) + u'\n';
    if (resumedBatches > 0)
        out += tr("Batches resumed from an interrupted transfer: %1").arg(resumedBatches) + u'\n';
    out += tr("Server: %1 (id %2)").arg(server, serverId) + u'\n';
    out += tr("Local store: %1 (id %2)").arg(localStore, localStoreId) + u'\n';
    out += tr("Receipt digest (SHA-256): %1").arg(QString::fromLatin1(digest.toHex())) + u'\n';
    out += tr("Reads left in the local store: %1").arg(remaining) + u'\n';
    out += tr("Time: %1 s").arg(seconds, 0, 'f', 2) + u'\n';
    return out;
}

} // namespace alpr

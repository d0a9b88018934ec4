#include "TransferService.h"

#include "AuditLog.h"
#include "Clock.h"
#include "LocalStore.h"
#include "LocalTransferReads.h"
#include "RemoteStore.h"
#include "Session.h"
#include "TransferJournal.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <algorithm>
#include <deque>
#include <optional>
#include <utility>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TransferService", text);
}

const QString kEvent = QStringLiteral("transfer.receipt");

} // namespace

TransferService::TransferService(Session& local, Session& server)
    : m_local(local)
    , m_server(server)
{
}

Status TransferService::authorise()
{
    m_localStore = m_local.vault().localStore();
    m_remote = m_server.vault().remoteStore();
    if (!m_localStore || !m_remote)
        return usageError(tr("The transfer moves a local store's reads to the department's server: sign in to a local "
                             "store and to a server."));
    const QString what = tr("transfer %1 to %2 and purge it").arg(m_localStore->path(), m_remote->address().describe());
    if (Status s = m_local.authorise(Permission::TransferData, what); !s)
        return s;
    if (Status s = m_server.authorise(Permission::TransferData, what); !s)
        return s;
    if (m_local.user().name != m_server.user().name)
        return policyError(tr("The transfer needs the same user on both sides (local %1, server %2).")
                               .arg(m_local.user().name, m_server.user().name));
    if (!m_local.trainingCurrent()) {
        const QString reason = m_local.user().trainedOn.isValid()
            ? tr("Your ALPR training refresher is overdue (policy 462.3(d)).")
            : tr("No ALPR training is on record for you (policy 462.3(d)).");
        ignoreError(m_local.audit().record(m_local.user().name, QStringLiteral("access.denied"), QStringLiteral("denied"),
                                           { { QStringLiteral("action"), what },
                                             { QStringLiteral("permission"),
                                               Permissions::label(Permission::TransferData) },
                                             { QStringLiteral("reason"), reason } }));
        return policyError(reason);
    }
    return {};
}

QString TransferService::batchKey(const QString& storeId, qint64 batchId)
{
    return QStringLiteral("store:%1:%2").arg(storeId).arg(batchId);
}

QList<Read> TransferService::keyed(const QList<Read>& reads, const QString& storeId, qint64 batchId,
                                   const QHash<qint64, qint64>& cameraIds)
{
    // The local id makes the key unique within the batch (it is the digits before the first ':'), the batch id
    // (never reused by the journal) across batches, the store id across laptops; the original source rides along.
    const QString file = batchKey(storeId, batchId);
    QList<Read> out;
    out.reserve(reads.size());
    for (Read r : reads) {
        r.sourceFile = r.sourceFile.isEmpty() ? file : file + u':' + r.sourceFile;
        r.sourceId = r.sourceId.isEmpty() ? QString::number(r.id) : QString::number(r.id) + u':' + r.sourceId;
        r.cameraId = r.cameraId > 0 ? cameraIds.value(r.cameraId, 0) : 0;
        out.append(std::move(r));
    }
    return out;
}

Status TransferService::mapCameras()
{
    auto local = m_localStore->cameras();
    if (!local)
        return local.error();
    if (local->isEmpty())
        return {};
    // Camera ids differ between stores: the server matches them by name (upsert) and hands out its ids.
    auto remote = m_remote->upsertCameras(local.value());
    if (!remote)
        return remote.error();
    if (remote->size() != local->size())
        return failure(tr("The server %1 returned %2 cameras for %3.")
                           .arg(m_remote->address().describe())
                           .arg(remote->size())
                           .arg(local->size()));
    for (qsizetype i = 0; i < local->size(); ++i)
        m_cameraIds.insert(local->at(i).id, remote->at(i).id);
    return {};
}

Status TransferService::fail(const Error& error)
{
    QJsonObject detail = m_receipt.toJson();
    detail.insert(QStringLiteral("error"), error.message);
    ignoreError(m_local.audit().record(m_local.user().name, QStringLiteral("transfer"), QStringLiteral("failure"),
                                       detail));
    // The server may be the reason; its log gets the row when it can still be reached.
    ignoreError(m_server.audit().record(m_server.user().name, QStringLiteral("transfer"), QStringLiteral("failure"),
                                        detail));
    foldPurges(); // the batches purged before the failure
    return error;
}

void TransferService::foldPurges()
{
    // The purges (secure_delete: freed space zeroed) are committed to the store's write-ahead log. Folded back into the
    // file, where they overwrite the purged reads' pages, and the log truncated: SQLite reuses a log from its start
    // without shrinking it, so frames of earlier, larger transactions (pages still holding reads purged since) would
    // stay in the file until overwritten. Best effort: a reader elsewhere may hold the log; the next checkpoint
    // (each 1,000 pages of commits) folds it then.
    ignoreError(m_localStore->checkpoint());
}

Status TransferService::finish(TransferBatch batch, const QList<Read>& reads, bool resumed, QList<Read> sent)
{
    QElapsedTimer phase;
    phase.start();
    auto lap = [&phase](double& into) { into += phase.nsecsElapsed() / 1e9; phase.restart(); };
    TransferJournal journal(*m_localStore);
    const bool keyedHere = sent.isEmpty() && !reads.isEmpty();
    if (keyedHere)
        sent = keyed(reads, m_storeId, batch.id, m_cameraIds);
    const QByteArray hash = keyedHere || resumed ? RemoteStore::batchHash(sent) : batch.hash;
    if (resumed && (hash != batch.hash || sent.size() != batch.count)) {
        // The batch's reads changed since it was sent (e.g. a retention purge): confirm what is there now.
        if (Status s = journal.updateContents(batch.id, sent.size(), hash); !s)
            return s;
    }
    lap(m_timings.journal);
    auto receipt = m_remote->copyReadsConfirmed(sent, batchKey(m_storeId, batch.id));
    if (!receipt)
        return receipt.error();
    lap(m_timings.send);
    m_timings.send -= receipt->confirmSeconds;
    m_timings.confirm += receipt->confirmSeconds;
    if (Status s = confirm(batch, sent.size(), hash, receipt.value()); !s)
        return s;
    lap(m_timings.journal);
    return purge(batch, reads, hash, receipt->inserted, resumed);
}

Status TransferService::confirm(const TransferBatch& batch, qsizetype count, const QByteArray& hash,
                                const ReadBatchReceipt& receipt)
{
    if (receipt.confirmed != count || receipt.hash != hash)
        return failure(tr("The server %1 did not confirm transfer batch %2 (local reads %3 to %4): it holds %5 of the "
                          "%6 reads sent, hash %7 where %8 was expected. Nothing of this batch was purged.")
                           .arg(m_remote->address().describe())
                           .arg(batch.id)
                           .arg(batch.firstRead)
                           .arg(batch.lastRead)
                           .arg(receipt.confirmed)
                           .arg(count)
                           .arg(QString::fromLatin1(receipt.hash.toHex().left(16)),
                                QString::fromLatin1(hash.toHex().left(16))));
    const QJsonObject serverReceipt { { QStringLiteral("inserted"), receipt.inserted },
                                      { QStringLiteral("confirmed"), receipt.confirmed },
                                      { QStringLiteral("hash"), QString::fromLatin1(receipt.hash.toHex()) } };
    return TransferJournal(*m_localStore)
        .markConfirmed(batch.id, QString::fromUtf8(QJsonDocument(serverReceipt).toJson(QJsonDocument::Compact)),
                       m_local.clock().nowMs());
}

Status TransferService::purge(const TransferBatch& batch, const QList<Read>& reads, const QByteArray& hash,
                              qint64 inserted, bool resumed)
{
    QElapsedTimer timer;
    timer.start();
    QList<qint64> ids;
    ids.reserve(reads.size());
    for (const Read& r : reads)
        ids.append(r.id);
    if (Status s = LocalTransferReads(*m_localStore).purge(batch.id, ids, m_local.clock().nowMs()); !s)
        return s;
    m_timings.purge += timer.nsecsElapsed() / 1e9;

    m_receipt.reads += ids.size();
    m_receipt.inserted += inserted;
    ++m_receipt.batches;
    if (resumed)
        ++m_receipt.resumedBatches;
    m_receipt.batchIds.append(batch.id);
    if (!ids.isEmpty()) {
        m_receipt.firstRead = m_receipt.firstRead ? std::min(m_receipt.firstRead, ids.first()) : ids.first();
        m_receipt.lastRead = std::max(m_receipt.lastRead, ids.last());
    }
    m_batchHashes.insert(batch.id, hash);
    if (m_progress)
        m_progress({ m_receipt.reads, m_total, m_receipt.batches, batch.id });
    return {};
}

Status TransferService::sendNew(int batchSize, const std::atomic<bool>* cancel)
{
    // A batch, from its local read to its purge: read + journalled "sent" -> on the server -> confirmed -> purged.
    struct Batch
    {
        TransferBatch journalled;
        QList<Read> reads;
        qint64 inserted = 0; ///< new rows on the server, from its receipt
    };
    LocalTransferReads source(*m_localStore);
    TransferJournal journal(*m_localStore);
    qint64 after = 0;
    const std::size_t lanes = m_remote->batchLanes();
    // Reads left to send (an estimate: what the store held at the start, less the resumed batches).
    qint64 left = m_total - m_receipt.reads;
    // The next batch, read and journalled as "sent" (the journal row first: its id is part of the reads' key, and it
    // is what a crash resumes from; a batch journalled but never sent is simply re-sent by the next run).
    auto readNext = [&](std::optional<Batch>& out, QList<Read>& sent) -> Status {
        out.reset();
        if (cancel && cancel->load()) {
            m_receipt.cancelled = true;
            return {};
        }
        QElapsedTimer phase;
        phase.start();
        // The first batch is small: nothing overlaps the server's work on it, so the pipeline fills sooner. Towards
        // the end, batches shrink to a share of what is left per connection, so the connections finish about together
        // (a big batch alone at the end would keep the server to one core while the laptop waits).
        qint64 share = std::max<qint64>(kFirstBatch, left / qint64(lanes));
        if (left - share < kFirstBatch)
            share = left; // no crumb of a batch after this one
        const int limit = after == 0 ? std::min(batchSize, kFirstBatch) : int(std::min<qint64>(batchSize, share));
        auto reads = source.next(after, limit);
        m_timings.localRead += phase.nsecsElapsed() / 1e9;
        phase.restart();
        if (!reads)
            return reads.error();
        if (reads->isEmpty())
            return {};
        after = reads->last().id;
        left -= reads->size();
        TransferBatch b;
        b.serverId = m_remote->serverId();
        b.server = m_receipt.server;
        b.firstRead = reads->first().id;
        b.lastRead = reads->last().id;
        b.count = reads->size();
        b.sentMs = m_local.clock().nowMs();
        b.hash = QByteArray(32, '\0'); // until the id is known: the hash covers the keys, which hold the id
        auto begun = journal.begin(b);
        if (!begun)
            return begun.error();
        TransferBatch journalled = begun.value();
        sent = keyed(reads.value(), m_storeId, journalled.id, m_cameraIds);
        journalled.hash = RemoteStore::batchHash(sent);
        if (Status s = journal.updateContents(journalled.id, journalled.count, journalled.hash); !s)
            return s;
        // The images travel with `sent` only (up to four batches are alive at once; the purge needs the ids).
        for (Read& r : reads.value()) {
            r.overviewJpeg.clear();
            r.plateJpeg.clear();
        }
        m_timings.journal += phase.nsecsElapsed() / 1e9;
        out = Batch { std::move(journalled), std::move(reads.value()) };
        return {};
    };

    std::optional<Batch> next, confirmed;
    std::deque<Batch> flying; // started on the server, oldest first
    QList<Read> sent;
    if (Status s = readNext(next, sent); !s)
        return s;
    // Whatever fails once a batch is started, every connection belongs to its batch until its result is in: collect
    // them first (a batch may be stored and unconfirmed: the next run re-sends it, idempotently). The batch confirmed
    // before needs no server for its purge.
    auto land = [&](const Error& e) {
        while (m_remote->batchPending())
            static_cast<void>(m_remote->finishBatch()); // their outcome is moot: the journal still says "sent"
        if (std::exchange(m_flushStarted, false))
            static_cast<void>(m_remote->finishPlateIndexFlush());
        if (confirmed)
            ignoreError(purge(confirmed->journalled, confirmed->reads, confirmed->journalled.hash,
                              confirmed->inserted, false));
        return Status(e);
    };
    // While the server stores batches N and N+1 on two connections (two cores), the laptop purges batch N-1
    // (confirmed) and reads batch N+2. The journal order per batch stays sent -> confirmed -> purged; batches may be
    // confirmed and purged out of order (each purge is of its own confirmed id range).
    while (next || !flying.empty() || confirmed) {
        while (next && flying.size() < lanes) {
            QElapsedTimer phase;
            phase.start();
            if (Status s = m_remote->startBatch(sent, batchKey(m_storeId, next->journalled.id), next->journalled.id);
                !s)
                return land(s.error());
            m_timings.send += phase.nsecsElapsed() / 1e9;
            flying.push_back(std::move(*next));
            next.reset();
            if (Status s = readNext(next, sent); !s)
                return land(s.error());
        }
        // Every batch sent: the plate index's pending list is merged (see run()) on the first free connection, while
        // the server stores the batch still in flight and the laptop purges.
        if (!next && flying.size() < lanes && !m_flushStarted)
            m_flushStarted = m_remote->startPlateIndexFlush().ok();
        if (confirmed) {
            if (Status s = purge(confirmed->journalled, confirmed->reads, confirmed->journalled.hash,
                                 confirmed->inserted, false);
                !s) {
                confirmed.reset(); // its purge failed: it stays confirmed in the journal for the next run
                return land(s.error());
            }
            confirmed.reset();
        }
        if (!flying.empty()) {
            QElapsedTimer phase;
            phase.start();
            // Whichever is stored first: a small batch started after a big one does not wait for it (nor does its
            // connection: it takes the plate index merge at the end).
            qint64 id = 0;
            auto receipt = m_remote->finishBatch(&id, m_whileWaiting);
            m_timings.send += phase.nsecsElapsed() / 1e9;
            if (!receipt)
                return land(receipt.error());
            const auto it
                = std::find_if(flying.begin(), flying.end(), [id](const Batch& b) { return b.journalled.id == id; });
            if (it == flying.end())
                return land(failure(tr("The server %1 answered for transfer batch %2, which was not being sent.")
                                        .arg(m_remote->address().describe())
                                        .arg(id)));
            Batch& landed = *it;
            phase.restart();
            if (Status s = confirm(landed.journalled, landed.reads.size(), landed.journalled.hash, receipt.value()); !s)
                return land(s.error());
            m_timings.journal += phase.nsecsElapsed() / 1e9;
            landed.inserted = receipt->inserted;
            confirmed = std::move(landed);
            flying.erase(it);
        }
    }
    return {};
}

Result<TransferReceipt> TransferService::run(int batchSize, const Progress& progress, const std::atomic<bool>* cancel)
{
    QElapsedTimer timer;
    timer.start();
    if (Status s = authorise(); !s)
        return s.error();
    m_progress = progress;
    m_receipt = {};
    m_batchHashes.clear();
    m_cameraIds.clear();
    m_flushStarted = false;
    m_timings = {};
    batchSize = std::max(1, batchSize);
    auto storeId = m_localStore->setting(QStringLiteral("store_id"));
    if (!storeId)
        return storeId.error();
    if (storeId->isEmpty())
        return failure(tr("%1 has no store id; it cannot be transferred.").arg(m_localStore->path()));
    m_storeId = storeId.value();
    m_receipt.user = m_local.user().name;
    m_receipt.localStore = m_localStore->path();
    m_receipt.localStoreId = m_storeId;
    m_receipt.server = m_remote->address().describe();
    m_receipt.serverId = m_remote->serverId();

    LocalTransferReads source(*m_localStore);
    TransferJournal journal(*m_localStore);
    auto total = source.count();
    if (!total)
        return total.error();
    m_total = total.value();
    if (Status s = mapCameras(); !s)
        return fail(s.error()).error();

    // 1. What an interrupted run left: re-send (idempotent on the server), re-confirm, purge.
    auto unfinished = journal.unfinished();
    if (!unfinished)
        return unfinished.error();
    for (const TransferBatch& b : unfinished.value()) {
        if (b.serverId != m_remote->serverId())
            return fail(failure(tr("%1 has an unfinished transfer to another server (%2, id %3): finish it there "
                                   "first; nothing was sent to %4.")
                                    .arg(m_localStore->path(), b.server, b.serverId, m_receipt.server)))
                .error();
        QElapsedTimer reading;
        reading.start();
        auto reads = source.range(b.firstRead, b.lastRead);
        m_timings.localRead += reading.nsecsElapsed() / 1e9;
        if (!reads)
            return fail(reads.error()).error();
        if (Status s = finish(b, reads.value(), true); !s)
            return fail(s.error()).error();
    }

    // 2. The reads left, in id order, batch by batch.
    if (Status s = sendNew(batchSize, cancel); !s)
        return fail(s.error()).error();
    // The plates the batches left in the server's trigram index pending list, merged now: counted in the transfer,
    // not in someone's next search. Not a reason to fail a transfer whose batches are confirmed and purged (a server
    // whose init predates the function merges them itself later, at its next vacuum).
    QElapsedTimer flushing;
    flushing.start();
    if (std::exchange(m_flushStarted, false))
        static_cast<void>(m_remote->finishPlateIndexFlush());
    // Then what is left: everything when no merge was started; else what a batch stored meanwhile added after the
    // merge began (its new plates were in before, startPlateIndexFlush() waits for that, but its count updates that
    // could not stay on their page add index entries): a page or so, or nothing (one round trip).
    static_cast<void>(m_remote->flushPlateIndex());
    m_timings.send += flushing.nsecsElapsed() / 1e9;

    auto left = source.count();
    m_receipt.remaining = left ? left.value() : -1;
    // In batch order, whatever order they were purged in.
    std::sort(m_receipt.batchIds.begin(), m_receipt.batchIds.end());
    QByteArray digestInput;
    for (const QByteArray& hash : std::as_const(m_batchHashes)) // a QMap: by batch id
        digestInput += hash;
    m_receipt.digest = QCryptographicHash::hash(digestInput, QCryptographicHash::Sha256);
    m_receipt.seconds = timer.nsecsElapsed() / 1e9;
    const QJsonObject detail = m_receipt.toJson();
    const QString outcome = m_receipt.cancelled ? QStringLiteral("cancelled") : QStringLiteral("success");
    // The receipt in both logs: the laptop's (kept until the store itself goes) and the server's.
    if (Status s = m_server.audit().record(m_server.user().name, kEvent, outcome, detail); !s)
        return s.error();
    if (Status s = m_local.audit().record(m_local.user().name, kEvent, outcome, detail); !s)
        return s.error();
    foldPurges();
    return m_receipt;
}

} // namespace alpr

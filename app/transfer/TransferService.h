#pragma once

#include "Read.h"
#include "Result.h"
#include "TransferReceipt.h"

#include <QHash>
#include <QMap>
#include <atomic>
#include <functional>

namespace alpr {

class LocalStore;
class RemoteStore;
class Session;
struct ReadBatchReceipt;
struct TransferBatch;

/**
 * The end-of-shift transfer (policy 462.4(b)): moves every read of a local store to the department's server in
 * batches, each confirmed by the server (row count and a SHA-256 the server computes from what it stored), and purges
 * locally exactly the reads of each confirmed batch. The same user is signed in to both (two Sessions).
 *
 * Crash- and disconnect-safe: each batch is written to the local journal (TransferJournal) as "sent" before it goes
 * out; every read carries a key no other read has (store id, journal batch id, local read id), so re-sending a batch
 * whose confirmation was lost adds nothing on the server. A run first finishes the batches an earlier run left
 * unfinished (re-sent, re-confirmed, then purged), then continues with the reads left.
 *
 * Batches overlap (two cores: the laptop's and the server's): while the server stores batch N (sent as one COPY and
 * one statement, RemoteStore::startBatch), the laptop purges batch N-1 and reads and journals batch N+1; per batch
 * the journal order stays sent -> confirmed -> purged. Cancel and errors wait for the batch in flight first.
 *
 * Key of a read on the server: sourceFile "store:<local store id>:<batch id>[:<original source file>]", sourceId
 * "<local read id>[:<original source id>]": the original import provenance is kept inside the key.
 *
 * Runs on the thread that owns both sessions' stores (the GUI runs it on a worker thread that opened them).
 */
class TransferService
{
public:
    /** Where the last run() spent its time, in seconds (for `alpr-cli bench transfer`). */
    struct Timings
    {
        double localRead = 0; ///< reading the batches from the local store
        double journal = 0; ///< keying, hashing and the local journal rows
        double send = 0; ///< the server: COPY, the inserts and the commit (only the time the laptop waits for it)
        double confirm = 0; ///< the server computing the receipt in a query of its own (resumed batches only; a new
                            ///< batch's receipt comes from the statement that stores it, inside send)
        double purge = 0; ///< the local purge of the confirmed reads
    };

    /**
     * Reads per batch. Measured on 100,000 reads (2 cores shared with PostgreSQL): the local purge's cost per batch
     * (its commit re-encrypts every page of the random-order plate and index pages it touched) makes 20,000 faster
     * than 5,000; a batch also ends at LocalTransferReads::kImageBytes of images, so memory stays bounded.
     */
    static constexpr int kDefaultBatch = 20000;
    /** The first new batch of a run is at most this big: nothing overlaps the server's work on it. Towards the end,
        batches shrink to a share of what is left per server connection (never below this, nor leaving less). */
    static constexpr int kFirstBatch = 2000;
    /**
     * Connections a transfer's server sign-in opens (Credentials::serverConnections): the server stores that many
     * batches at once, each in its own backend process, while the laptop purges and reads. Two: the server's work is
     * about twice the laptop's, and a batch's row locks are the few plate counts it updates at its end.
     */
    static constexpr int kServerConnections = 2;
    using Progress = std::function<void(const TransferProgress&)>;

    TransferService(Session& local, Session& server);

    /**
     * Who may transfer: the same user on both sides, a role with Permission::TransferData on both (detectives and
     * supervisors), current training, and a local store on one side and a server on the other. Refusals are audited
     * (by Session) and returned as Policy errors.
     */
    Status authorise();

    /**
     * Transfers and purges. progress is called after each purged batch; cancel is checked between batches (a
     * cancelled run returns its receipt with cancelled set; the rest stays for the next run). An error leaves the
     * journal where it stopped: run again to resume. The receipt goes to both audit logs (also for a cancelled run);
     * a failure is audited in the local log, and in the server's when it can still be reached.
     */
    Result<TransferReceipt> run(int batchSize = kDefaultBatch, const Progress& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

    /** Called on the caller's thread about every 10 ms while the server stores a batch and the laptop has nothing to
        do but wait: a GUI pumps its events there, so its window repaints and Cancel is read during big batches. */
    void setWhileWaiting(std::function<void()> whileWaiting) { m_whileWaiting = std::move(whileWaiting); }

    const Timings& timings() const { return m_timings; }

    /** What names a transfer batch on the server: the laptop's store id and the journal's batch id. */
    static QString batchKey(const QString& storeId, qint64 batchId);
    /** The reads as the server receives them: keyed for batchId (their source files start with its batchKey()) and
        with the server's camera ids. */
    static QList<Read> keyed(const QList<Read>& reads, const QString& storeId, qint64 batchId,
                             const QHash<qint64, qint64>& cameraIds);

private:
    Status mapCameras();
    /**
     * Sends the batch's current reads, checks the receipt, marks it confirmed, purges exactly those reads. sent: the
     * reads keyed for the batch when the caller has them already (their hash is then batch.hash), else empty.
     */
    Status finish(TransferBatch batch, const QList<Read>& reads, bool resumed, QList<Read> sent = {});
    /** Checks the server's receipt against what was sent (count, hash) and records the batch as confirmed. */
    Status confirm(const TransferBatch& batch, qsizetype count, const QByteArray& hash,
                   const ReadBatchReceipt& receipt);
    /** Purges a confirmed batch's reads and adds it to the run's receipt. */
    Status purge(const TransferBatch& batch, const QList<Read>& reads, const QByteArray& hash, qint64 inserted,
                 bool resumed);
    /** The new batches: each one's server work overlaps the purge of the one before and the read of the next. */
    Status sendNew(int batchSize, const std::atomic<bool>* cancel);
    Status fail(const Error& error);
    /** The store's write-ahead log folded back into its file and truncated once the purges are done (see there). */
    void foldPurges();

    Session& m_local;
    Session& m_server;
    LocalStore* m_localStore = nullptr;
    RemoteStore* m_remote = nullptr;
    QString m_storeId;
    QHash<qint64, qint64> m_cameraIds; ///< local camera id -> the server's
    TransferReceipt m_receipt;
    std::function<void()> m_whileWaiting;
    QMap<qint64, QByteArray> m_batchHashes; ///< of the batches purged, by journal id (for the receipt's digest)
    Progress m_progress;
    qint64 m_total = 0;
    bool m_flushStarted = false; ///< sendNew() left the plate index upkeep running on the server
    Timings m_timings;
};

} // namespace alpr

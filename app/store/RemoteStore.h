#pragma once

#include "ServerAddress.h"
#include "Store.h"

#include <QByteArray>
#include <QString>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <vector>

namespace alpr {

class PgConnection;

/**
 * What the server confirmed for one batch of reads (the end-of-shift transfer's receipt): how many of the batch's
 * (sourceFile, sourceId) keys the server now holds, and a SHA-256 over those stored rows computed by the server
 * from what it stored (see RemoteStore::batchHash for the canonical form). A batch is confirmed when confirmed equals
 * the batch size and hash equals batchHash(batch) computed on the sending side.
 */
struct ReadBatchReceipt
{
    qint64 inserted = 0; ///< new rows (the rest were there already: the batch is idempotent)
    qint64 confirmed = 0; ///< batch keys now stored on the server
    QByteArray hash; ///< server-side SHA-256 of the stored rows, 32 bytes
    double confirmSeconds = 0; ///< of the call's time, the server computing count and hash in a query of its own
                               ///< (for benchmarks; 0 from finishBatch(): the storing statement computes them)
};

/**
 * The department's home server: the Store interface on PostgreSQL 15+ through QPSQL (schema: ServerSchema).
 *
 * Each user connects as their own database role (SCRAM), always over TLS with the certificate verified
 * (PgConnection). The server decides what the role may do: the same call that works for a detective fails with
 * ErrorKind::Policy ("the server refused ...") for a role the server does not allow it, and every row read or
 * written belongs to the agency of the signed-in role (row-level security).
 *
 * Differences from the local store a caller can see:
 *  - forEachAudit() returns the contents of the rows only to auditors (supervisors, administrators); other roles
 *    get ids and hashes with empty fields (enough to extend and anchor the chain, not to read it);
 *  - stats() works for every role (a server-side count), the read lists need a reading role;
 *  - settings are per agency; "mfa_pending:<user>" is kept in the user's own TOTP row, not in the settings;
 *  - addUser() adds the users row only; createUser() adds the row and the login role together.
 */
class RemoteStore final : public Store
{
public:
    /**
     * Connects as role; refuses a server without TLS, an unverifiable certificate and a server without schema.
     * connections > 1 (a sign-in for the end-of-shift transfer): up to that many connections as the role, so that
     * many transfer batches are stored at once (startBatch); fewer when the server or the role is at its connection
     * limit (batchLanes() says how many). The password is not kept.
     */
    static Result<std::unique_ptr<RemoteStore>> connect(const ServerAddress& address, const QString& role,
                                                        const QString& password, int connections = 1);
    ~RemoteStore() override;

    RemoteStore(const RemoteStore&) = delete;
    RemoteStore& operator=(const RemoteStore&) = delete;

    const ServerAddress& address() const;
    /** The signed-in database role. */
    QString role() const;
    /** The role may read the audit and access logs (supervisor, administrator). */
    bool isAuditor() const { return m_auditor; }
    bool isAdmin() const { return m_admin; }
    /** The server's identity (meta store_id), e.g. for transfer receipts. */
    QString serverId() const { return m_serverId; }
    /**
     * 32 bytes shared by the server's users, from which the audit anchor's key is derived. Every user can read it:
     * on the server the logs' protection is the server's refusal of UPDATE and DELETE, the anchor only detects
     * changes made by whoever could bypass that (the owner, a superuser), who could also read this secret.
     */
    QByteArray auditSecret() const { return m_auditSecret; }

    // ---- accounts (the login roles behind the users table)
    /** Adds the users row and its login role (in the group of user.role) in one transaction. Administrators only. */
    Result<UserRecord> createUser(const UserRecord& user, const QString& password);
    /** Sets the password of a login role: one's own, or (administrators) one of the same agency. */
    Status setPassword(const QString& user, const QString& password);
    /** True when password is the password of this connection's role (a second connection proves it). */
    bool checkPassword(const QString& password) const;
    /** An administrator removes a user's TOTP enrolment (lost phone). */
    Status resetMfa(const QString& user);

    // ---- end-of-shift transfer
    /**
     * Adds the reads like addReads() and, in the same transaction, confirms them: every read must carry a sourceId
     * (the transfer gives each its origin key). Safe to repeat after a lost connection: reads already stored are
     * not added again and are still confirmed.
     */
    Result<ReadBatchReceipt> addReadsConfirmed(const QList<Read>& reads);
    /**
     * The same as addReadsConfirmed() for the reads of one transfer batch, through COPY into staging tables
     * (PgCopyWriter): the transfer's path. batchKey names the batch (TransferService::batchKey); every read's source
     * file is that key or starts with it and a colon. The server keeps one row per batch key, not one per read, so a
     * read is known to be there by its key within its batch only (it is never in another batch), and by its time:
     * a read sent again with another time would be stored as a new one (the laptop never changes a read's time).
     */
    Result<ReadBatchReceipt> copyReadsConfirmed(const QList<Read>& reads, const QString& batchKey);
    /**
     * The transfer's path for a batch never sent before, in two halves so the caller can work while the server does:
     * startBatch() hands the batch to a thread of its own, which COPYs the reads and runs their inserts, the receipt
     * and COMMIT, and returns at once; finishBatch() waits and returns the receipt of a committed batch (the same
     * contract as copyReadsConfirmed(); a batch whose row was on the server after all is sent again through
     * copyReadsConfirmed()). Up to batchLanes() batches may be started, each on a connection of its own; finishBatch()
     * finishes the first to be done (the oldest of those done) and says which by the tag it was started with. While
     * any is pending, no other call on this store (but startPlateIndexFlush()). startBatch() refuses only a malformed
     * batch or one too many (and then adds nothing pending); what goes wrong on the way to the server is
     * finishBatch()'s error.
     */
    Status startBatch(const QList<Read>& reads, const QString& batchKey, qint64 tag = 0);
    /** whileWaiting, if given, is called on the caller's thread about every 10 ms while no batch is done yet (a GUI
        pumps its events there). */
    Result<ReadBatchReceipt> finishBatch(qint64* tag = nullptr, const std::function<void()>& whileWaiting = {});
    /** A batch was started and not finished yet. */
    bool batchPending() const { return !m_pending.empty(); }
    /** How many batches may be pending at once: the connections opened (see connect()). */
    std::size_t batchLanes() const { return 1 + m_lanes.size(); }
    /**
     * The end of a transfer on the server: the plates its batches left in the trigram index's pending list are merged
     * into the index (alpr.flush_plate_index(), for the roles that write reads), so the transfer pays for them and
     * searches find a tidy index. Returns the pending-list pages merged.
     */
    Result<qint64> flushPlateIndex();
    /** flushPlateIndex() in two halves, so the caller can work while the server merges. It may start while batches
        are pending, on a connection none of them holds (and is refused when there is none); between the two halves,
        only finishBatch() and finishPlateIndexFlush() on this store (no batch may start after it). */
    Status startPlateIndexFlush();
    Result<qint64> finishPlateIndexFlush();
    /** The hash a receipt must carry for these reads: SHA-256 over the reads sorted by (sourceFile, sourceId), each
        as sourceFile US sourceId US plate US state US timeMs RS (US = 0x1f, RS = 0x1e, UTF-8). */
    static QByteArray batchHash(const QList<Read>& reads);
    /** The reads in the order batchHash() hashes them. */
    static QList<Read> inKeyOrder(const QList<Read>& reads);

    QString describe() const override;
    Result<StoreStats> stats() override;
    Result<QList<Camera>> upsertCameras(const QList<Camera>& cameras) override;
    Result<QList<Camera>> cameras() override;
    Result<qint64> addReads(const QList<Read>& reads) override;
    Result<QList<Read>> latestReads(int limit) override;
    Status forEachRead(qint64 fromMs, qint64 toMs, const std::function<bool(const Read&)>& sink) override;
    Result<QList<Read>> readsForPlates(const QList<qint64>& plateIds, bool includeAlternates, const ReadFilter& filter,
                                       int limit, const ReadCursor& after, bool walkByTime = false) override;
    Result<QStringList> platesMatchingGlob(const QString& glob) override;
    Result<QList<qint64>> readIdsMatchingGlob(const QString& glob, int limit) override;
    Result<qint64> maxPlateId() override;
    Status forEachPlate(const std::function<void(const PlateSummary&)>& sink) override;
    Result<std::pair<QByteArray, QByteArray>> readImages(qint64 readId) override;
    /** PostGIS: the GiST index on the reads' geography point picks the box (a little enlarged), the exact
        latitude/longitude edges and the time window are then checked on the rows it found. */
    Status forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                              const std::function<bool(int, const ReadPoint&)>& sink) override;
    Result<QList<ReadPoint>> readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs) override;
    Result<QHash<qint64, QString>> plateTexts(const QList<qint64>& plateIds) override;
    Result<QList<Read>> readsByIds(const QList<qint64>& readIds) override;
    Result<UserRecord> addUser(const UserRecord& user) override;
    Status updateUser(const UserRecord& user) override;
    Result<QList<UserRecord>> users() override;
    Result<UserRecord> user(const QString& name) override;
    Result<qint64> addHotlistEntry(const HotlistEntry& entry) override;
    Result<QList<HotlistEntry>> hotlistEntries() override;
    Result<AuditRow> appendAudit(AuditRow row, const std::function<QByteArray(const AuditRow&)>& hashOf) override;
    Status forEachAudit(const std::function<bool(const AuditRow&)>& sink) override;
    Result<qint64> appendAccess(const AccessRecord& record) override;
    Result<QList<AccessRecord>> accessLog(const QString& elementsContaining, int limit) override;
    Status recordCase(const QString& number, const QString& category, const QString& purpose, const QString& user,
                      qint64 timeMs) override;
    Result<QByteArray> totpSecret(const QString& user) override;
    Status setTotpSecret(const QString& user, const QByteArray& secret) override;
    Result<QString> setting(const QString& key, const QString& fallback = {}) override;
    Status setSetting(const QString& key, const QString& value) override;
    Result<QMap<QString, QString>> settings() override;

    /** "A1B?C*" GLOB (SQLite syntax: * ? [..] [^..]) as an anchored POSIX regular expression (pg_trgm-indexed). */
    static QString globToRegex(const QString& glob);

private:
    explicit RemoteStore(std::unique_ptr<PgConnection> connection);
    struct Inserted;
    Result<Inserted> insertReads(const QList<Read>& reads);
    Result<ReadBatchReceipt> copyReadsConfirmed(PgConnection& connection, const QList<Read>& reads,
                                                const QString& batchKey);
    /** A connection neither a pending batch nor the plate index flush holds (null: none; after a flush started, none).
     */
    PgConnection* freeConnection() const;
    struct BatchOutcome
    {
        Result<ReadBatchReceipt> receipt;
        bool conflict = false; ///< the batch's row was on the server already
    };
    struct PendingBatch
    {
        PgConnection* connection; ///< m_c or one of m_lanes; its thread's alone until `outcome` is ready
        qint64 tag; ///< the caller's, from startBatch()
        QString batchKey;
        QList<Read> reads; ///< for the idempotent path
        std::future<BatchOutcome> outcome; ///< the batch's thread (none for an empty batch)
        std::shared_future<void> platesIn; ///< ready once the batch's new plates are committed (or failed to be)
    };

    std::unique_ptr<PgConnection> m_c;
    bool m_auditor = false;
    bool m_admin = false;
    QString m_serverId;
    QString m_agency; ///< of the signed-in role (empty: not an ALPR account)
    QByteArray m_auditSecret;
    int m_schemaVersion = 0;
    std::vector<std::unique_ptr<PgConnection>> m_lanes; ///< further connections for transfer batches
    /** startBatch() without finishBatch(), oldest first. Declared after the connections, so it is destroyed first:
        a future of std::async waits for its thread, which is then done with its connection before it closes. */
    std::deque<PendingBatch> m_pending;
    PgConnection* m_flushConnection = nullptr; ///< where startPlateIndexFlush() runs until finishPlateIndexFlush()
};

} // namespace alpr

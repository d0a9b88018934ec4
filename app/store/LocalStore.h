#pragma once

#include "Store.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QSqlDatabase;

namespace alpr {

class ReadBatchWriter;

/**
 * The encrypted local store: one SQLCipher file opened with the raw 256-bit data key (unwrapped from a key slot
 * by app/security). SQLCipher 4 defaults but 16 KiB pages (kStorePageSize), secure_delete on, WAL journal; SQLite's
 * memory locked and wiped on free (SecureSqliteHeap, PageCachePool; SQLCipher's cipher_memory_security only where
 * the secure heap could not be installed).
 *
 * open() never creates a store in place of one that could not be opened: CreateNew refuses an existing file,
 * OpenExisting refuses a missing, truncated or undecryptable one, each with a message naming the file.
 */
class LocalStore final : public Store
{
public:
    /** CreateDemo: a new store for synthetic demonstration data (no MFA; never with cipher_memory_security, see
        configureAndCheck); everything else about it is a normal encrypted store. */
    enum class Mode { OpenExisting, CreateNew, CreateDemo };

    static Result<std::unique_ptr<LocalStore>> open(const QString& path, const QByteArray& dataKey, Mode mode);
    ~LocalStore() override;

    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    QString path() const { return m_path; }
    /** Folds the WAL back into the main file (and truncates it), e.g. before a backup or a purge check. */
    Status checkpoint();
    /**
     * For loading many reads into an EMPTY store (demo data): drops the secondary indexes of reads and alternatives
     * and keeps plates, counts and alternatives in memory (ReadBatchWriter's bulk mode); endBulkLoad() writes them in
     * key order and builds the indexes in one sorted pass each. A store whose bulk load was cut short is refused at
     * open with a message saying so (it lacks its plates).
     */
    Status beginBulkLoad();
    Status endBulkLoad();

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
    // Geo-time queries and their baselines: ReadAreaQueries.
    Status forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                              const std::function<bool(int, const ReadPoint&)>& sink) override;
    Result<QList<ReadPoint>> readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs) override;
    Result<QHash<qint64, QString>> plateTexts(const QList<qint64>& plateIds) override;
    Result<QList<Read>> readsByIds(const QList<qint64>& readIds) override;
    Result<QList<ReadPoint>> circleReadsBaseline(const CircleWindow& scene) override;
    Result<QHash<qint64, QList<qint64>>> commonPlatesBaseline(const QList<CircleWindow>& scenes,
                                                              int minScenes) override;
    Result<QHash<qint64, qint64>> convoyBaseline(const QString& plate, qint64 fromMs, qint64 toMs, qint64 withinMs,
                                                 double withinM, int minTimes) override;
    Result<qint64> addReadsBaseline(const QList<Read>& reads) override; // PlainInsertBaseline.cpp
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

private:
    friend class TransferJournal; // the end-of-shift transfer's SQL on this connection (TransferJournal.cpp,
    friend class LocalTransferReads; // LocalTransferReads.cpp)
    LocalStore(QString path, QString connectionName);
    QSqlDatabase db() const;
    Status configureAndCheck(bool created);
    Error sqlError(const QString& what, const QString& detail) const;

    QString m_path;
    QString m_connection;
    bool m_demoFill = false;
    std::unique_ptr<ReadBatchWriter> m_writer;
};

} // namespace alpr

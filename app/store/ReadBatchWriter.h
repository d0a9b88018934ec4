#pragma once

#include "Read.h"
#include "Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>


#include <memory>
#include <vector>

namespace alpr {

class NativeStatement;

/**
 * Writes a batch of reads into the local store in one transaction, with multi-row statements.
 *
 * Why multi-row: the SQLCipher build we use has no lookaside allocator, so every allocation inside SQLite goes to the
 * locked, wiped heap (SecureSqliteHeap; with SQLCipher's cipher_memory_security, an mlock/munlock pair each). A
 * statement execution allocates its registers afresh, so one execution per read made bulk inserts ten times slower
 * (under memory security) than the same rows in a few hundred-row statements.
 *
 * The batch is idempotent: reads whose (sourceFile, sourceId) is stored already are skipped, and only the reads
 * actually inserted are counted in the plates table.
 *
 * Bulk mode (beginBulk .. finishBulk, for filling an EMPTY store with generated data): the plates, their counts and
 * the OCR alternatives are kept in memory and written once, in key order, by finishBulk(); reads are appended without
 * the source-id check (the caller's ids are unique; the unique index built at the end proves it). Random inserts into
 * big B-trees are what made a 10 M-read load slow: every page touched is decrypted, and re-encrypted when written.
 */
class ReadBatchWriter
{
public:
    ReadBatchWriter(QSqlDatabase db, QString storePath);
    ~ReadBatchWriter();
    /** Returns the number of reads inserted. All or nothing. */
    Result<qint64> write(const QList<Read>& reads);

    /** Starts bulk mode; the store must hold no reads and no plates (the caller dropped the read indexes). */
    Status beginBulk();
    /** Writes the plates with their counts and the alternatives gathered since beginBulk(). */
    Status finishBulk();
    bool inBulk() const { return m_bulk != nullptr; }

private:
    struct PlateDelta;
    struct Alternate;
    struct Bulk;
    struct Statements;
    Error error(const QString& what, const QString& detail) const;
    /** Ids for the batch's plates: known ones looked up, new ones inserted with ids handed out here. */
    Status plateIds(const QStringList& plates, QHash<QString, qint64>* ids);
    /** Every camera the reads refer to is in the store (the writer runs with foreign keys off, see write()). */
    Status checkCameras(const QList<Read>& reads);
    Status insertReads(const QList<Read>& reads, const QHash<QString, qint64>& plateIds, qint64 firstId,
                       QList<bool>* inserted);
    Status insertAlternates(const std::vector<Alternate>& alternates);
    Status foldCounts(const QHash<qint64, PlateDelta>& deltas);
    Status insertPlateRows(const QList<qint64>& ids, const QStringList& plates, const QList<const PlateDelta*>& deltas);
    /** The statement of a kind for a chunk of `rows` rows, prepared once and kept: preparing a statement with
        thousands of parameters costs thousands of allocations (see above). */
    NativeStatement& statement(int kind, int rows);
    QSqlDatabase m_db;
    QString m_path;
    std::unique_ptr<Statements> m_statements;
    std::unique_ptr<Bulk> m_bulk;
};

} // namespace alpr

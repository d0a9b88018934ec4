#pragma once

#include "Read.h"
#include "Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace alpr {

/**
 * Writes a batch of reads into the local store in one transaction, with multi-row statements.
 *
 * Why multi-row: the SQLCipher build we use has no lookaside allocator and, with cipher_memory_security on, every
 * allocation inside SQLite costs an mlock/munlock pair. A statement execution allocates its registers afresh, so
 * one execution per read made bulk inserts ten times slower than the same rows in a few hundred-row statements.
 *
 * The batch is idempotent: reads whose (sourceFile, sourceId) is stored already are skipped, and only the reads
 * actually inserted are counted in the plates table.
 */
class ReadBatchWriter
{
public:
    ReadBatchWriter(QSqlDatabase db, QString storePath);
    /** Returns the number of reads inserted. All or nothing. */
    Result<qint64> write(const QList<Read>& reads);

private:
    struct PlateDelta;
    Error error(const QString& what, const QString& detail) const;
    Status ensurePlates(const QStringList& plates, QHash<QString, qint64>* ids);
    /** The statement for a full chunk, prepared once and kept: preparing a statement with thousands of parameters
        costs thousands of allocations (see above). */
    QSqlQuery& prepared(std::unique_ptr<QSqlQuery>& slot, const QString& sql);

    QSqlDatabase m_db;
    QString m_path;
    std::unique_ptr<QSqlQuery> m_plateInsert;
    std::unique_ptr<QSqlQuery> m_plateSelect;
    std::unique_ptr<QSqlQuery> m_readInsert;
    std::unique_ptr<QSqlQuery> m_alternateInsert;
    std::unique_ptr<QSqlQuery> m_countUpsert;
};

} // namespace alpr

#pragma once

#include "Read.h"
#include "Result.h"

#include <QList>
#include <QString>

namespace alpr {

class PgConnection;
struct ReadBatchReceipt;

/**
 * Writes a batch of reads into the server inside the caller's transaction, as a handful of set-based statements
 * over array parameters (PgArray): monthly partitions made when missing, plates, source keys, reads, alternatives,
 * images, plate counts.
 *
 * Idempotent like the local store: a read whose (sourceFile, sourceId) the agency already holds is skipped (the
 * read_sources table is the unique key, since a unique index on the partitioned reads would have to include the
 * month); only inserted reads are counted in plates.
 */
class PgReadWriter
{
public:
    /** agency: the signed-in role's agency, written explicitly (the column default would call
        alpr.current_agency() once per row; the row-level security check runs once per statement). */
    PgReadWriter(PgConnection& connection, QString agency);
    /** Number of reads inserted. Call inside a transaction; on error the caller rolls back. */
    Result<qint64> write(const QList<Read>& reads);
    /** What the server now holds for the batch's source keys (see RemoteStore::addReadsConfirmed). */
    Result<ReadBatchReceipt> confirm(const QList<Read>& reads);

private:
    PgConnection& m_c;
    QString m_agency;
};

} // namespace alpr

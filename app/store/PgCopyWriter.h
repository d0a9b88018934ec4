#pragma once

#include "Read.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

struct pg_conn; // libpq's PGconn

namespace alpr {

class PgConnection;
struct ReadBatchReceipt;

/**
 * The end-of-shift transfer's fast path into the server: a batch of reads goes through binary COPY into
 * session-local staging tables, then a handful of set-based statements move the reads that are new into the agency's
 * tables (monthly partitions, plates, reads, OCR alternatives, images, plate counts), and the receipt is computed by
 * the server from what it stored.
 *
 * The server keeps one row per transfer batch (alpr.transfer_batches), not one per read as PgReadWriter does in
 * read_sources for imports: every read's source file starts with its batch's key, so only a batch whose key is on the
 * server already can hold any of its reads. write(): inside the caller's transaction, idempotent on the reads' keys
 * within the batch; start()/finish(): a batch never sent before, while the caller works, in two short transactions
 * of its own (its new plates, then the batch) built so that batches on two connections run side by side: the only row
 * locks one batch can wait for are the plate counts it updates at its very end.
 *
 * Why COPY: QPSQL sends bound values as literals, so the array path parses every value twice and tops out at a few
 * thousand reads per second; COPY streams rows straight into a table, and in binary form the server takes the
 * numbers as they are instead of parsing their text.
 *
 * Parameter safety: no value is ever spliced into SQL; binary COPY fields carry their length, so no value can end a
 * field or a row early.
 */
class PgCopyWriter
{
public:
    /** batchKey: the transfer batch's (RemoteStore::startBatch), which every read's source file starts with. */
    PgCopyWriter(PgConnection& connection, QString agency, QString batchKey);

    /** Writes the batch and returns the server's receipt (inserted, confirmed, hash). Call inside a transaction. */
    Result<ReadBatchReceipt> write(const QList<Read>& reads);

    /**
     * The fast path for a batch never sent (its key is not in transfer_batches): the new plates' transaction, then
     * the batch's: the COPY into the staging tables here, its row, inserts, receipt, plate counts and COMMIT queued in
     * libpq's pipeline mode; returns while the server works. Until finish() returns, nothing else may use the
     * connection. On an error nothing is left queued and the transaction is rolled back. platesStored, if given, is
     * called once the new plates' transaction is over (committed or not), before the batch's own begins.
     */
    Status start(const QList<Read>& reads, const std::function<void()>& platesStored = {});
    /**
     * Waits for what start() queued. The receipt is computed in the statement that stores the rows, from what the
     * inserts RETURN (the stored values), and holds only once COMMIT succeeded. conflict: set when the batch's row
     * was on the server already (the transaction was rolled back, nothing stored: send it through write()).
     */
    Result<ReadBatchReceipt> finish(bool& conflict);
    /**
     * start() then finish(), for a transfer worker thread: the new-batch path uses only the connection's libpq
     * handle (taken when this writer was made), never its QSqlDatabase, which belongs to the thread that opened it.
     */
    Result<ReadBatchReceipt> send(const QList<Read>& reads, bool& conflict,
                                  const std::function<void()>& platesStored = {});

private:
    Status prepareStaging();
    /** A batch as binary COPY data (PgBinaryCopy) for the staging tables. */
    struct Staged
    {
        QByteArray reads, alternates; ///< alternatives: the first of each plate per read, never the read's own
        QByteArray plates; ///< withPlates: what the batch adds to each plate's counts
        int alternateRows = 0, plateRows = 0;
        QByteArray plateNames; ///< withPlates: the batch's plates as an array literal
        QByteArray months; ///< one time per UTC month the batch touches, as an array literal
    };
    static Staged build(const QList<Read>& reads, bool withPlates);
    /** COPYs a batch into the staging tables (made when missing); they empty themselves at the end of the
        transaction, so call inside the batch's. */
    Status copyStaged(const Staged& staged);
    Status exec(const char* statement, const QString& what);
    Status copy(const QByteArray& statement, const QByteArray& data);
    Error libpqError(const QString& what, const QString& reason) const;

    PgConnection& m_c;
    pg_conn* m_conn; ///< the connection's libpq handle (null when it is closed)
    QString m_agency;
    QString m_batchKey;
};

} // namespace alpr

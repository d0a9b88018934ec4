#pragma once

#include "Read.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace alpr {

class PgConnection;
struct ReadBatchReceipt;

/**
 * The end-of-shift transfer's fast path into the server: a batch of reads goes through COPY (text format) into
 * session-local staging tables, then a handful of set-based statements move the reads that are new into the agency's
 * tables, exactly as PgReadWriter would (monthly partitions, plates, source keys, reads, OCR alternatives, images,
 * plate counts), and the receipt is computed by the server from what it stored. All inside the caller's
 * transaction; idempotent on the (sourceFile, sourceId) key like PgReadWriter.
 *
 * Why COPY: QPSQL sends bound values as literals, so the array path parses every value twice and tops out at a few
 * thousand reads per second; COPY streams rows the server parses once, straight into a table.
 *
 * Parameter safety: no value is ever spliced into SQL; COPY data is escaped by copyText()/copyBytes() below.
 */
class PgCopyWriter
{
public:
    PgCopyWriter(PgConnection& connection, QString agency);

    /** Writes the batch and returns the server's receipt (inserted, confirmed, hash). Call inside a transaction. */
    Result<ReadBatchReceipt> write(const QList<Read>& reads);

    /**
     * One text field of COPY's text format: backslash, newline, carriage return and tab escaped as \\ \n \r \t,
     * everything else as its UTF-8 bytes. A null QString is written as the empty string (columns are NOT NULL
     * DEFAULT ''); use kNull for SQL NULL.
     */
    static void appendText(QByteArray& out, const QString& text);
    /** A bytea field: \\x followed by hex (the backslash escaped for the text format); NULL when empty. */
    static void appendBytes(QByteArray& out, const QByteArray& bytes);
    static constexpr const char* kNull = "\\N";

private:
    Status prepareStaging();
    Status copy(const QByteArray& statement, const QByteArray& data);
    Error libpqError(const QString& what, const QString& reason) const;

    PgConnection& m_c;
    QString m_agency;
};

} // namespace alpr

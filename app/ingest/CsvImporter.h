#pragma once

#include "Importer.h"

namespace alpr {

/**
 * Delimited text (CSV with quotes, pipe, tab, semicolon) through a CsvMapping. Each row becomes one read; a row that
 * does not fit (no plate, an impossible time, a time in the hour a DST change skipped, a position off the Earth, an
 * image outside the import folder...) is rejected with its line and the reason, and the rest go on.
 *
 * Source ids: the mapped record-id column when there is one ("id:<value>"), else RecordKey (line + hash of the row's
 * bytes), under Read::sourceFile = the file's name.
 */
class CsvImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("csv"); }
    QString displayName() const override;
    QStringList filePatterns() const override;
    int sniff(QByteArrayView head, const QString& fileName) const override;
    bool needsMapping() const override { return true; }
    Status parse(const QString& path, QByteArrayView data, const ImportOptions& options,
                 ImportSink& sink) const override;

    /** The header's column names (or "1", "2", ... without a header) and up to maxRows rows, for the mapping dialog. */
    struct Preview
    {
        QStringList columns;
        QList<QStringList> rows;
        QList<qint64> lines;
    };
    static Preview preview(QByteArrayView data, const CsvMapping& mapping, int maxRows);
    /** The delimiter the first lines most likely use (',', '|', '\t' or ';'). */
    static char guessDelimiter(QByteArrayView head);
};

} // namespace alpr

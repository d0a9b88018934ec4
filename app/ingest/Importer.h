#pragma once

#include "CsvMapping.h"
#include "Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>

namespace alpr {

class ImportSink;

/** What a run of importers is told besides the files. */
struct ImportOptions
{
    std::optional<CsvMapping> mapping; ///< required by the delimited-text importer
    qint64 nowMs = 0; ///< times more than a day after this are refused (a camera clock gone wrong); 0 = no check
    /// Reads per Store::addReads transaction. Large because every commit re-encrypts each page the batch touched in
    /// the random-order indexes (plate/time, cell/time, source): measured on 400,000 reads, 10,000 per batch gave
    /// ~44k reads/s and 50,000 ~53k. A failed batch is rolled back whole; re-running the import adds only the rest.
    int batchSize = 50000;
    /// A batch also ends once its images reach this many bytes, so files with inline images stay bounded in memory
    /// (the parser works at most two batches ahead of the store).
    qint64 batchImageBytes = 64LL * 1024 * 1024;
};

/**
 * One file format of field-unit data (like Tiled's MapFormat): the registry picks an importer by name or by
 * sniffing the file's first bytes; the importer turns a file into ParsedReads. Importers hold no state between
 * calls and may parse several files at once on different threads.
 */
class Importer
{
public:
    virtual ~Importer() = default;

    /** The name used by `alpr-cli import --format` and in mapping files: "openalpr", "csv". */
    virtual QString name() const = 0;
    /** Translated, for the import dialog. */
    virtual QString displayName() const = 0;
    /** File-name patterns for file dialogs, e.g. "*.json". */
    virtual QStringList filePatterns() const = 0;
    /** 0..100: how sure the importer is that a file of this name starting with these bytes is its format. */
    virtual int sniff(QByteArrayView head, const QString& fileName) const = 0;
    /** True when the importer cannot run without ImportOptions::mapping. */
    virtual bool needsMapping() const { return false; }

    /**
     * Parses data (the whole file, usually memory-mapped) found at path, delivering records to sink. Bad records are
     * reported to the sink and skipped. The returned error is for the file as a whole (no mapping, a header that
     * lacks a mapped column, not this format at all: found before any record is delivered) or for the rest of it
     * (structure broken beyond recovery: records delivered before it stand).
     */
    virtual Status parse(const QString& path, QByteArrayView data, const ImportOptions& options,
                         ImportSink& sink) const = 0;
};

} // namespace alpr

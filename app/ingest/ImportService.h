#pragma once

#include "ImportSummary.h"
#include "Importer.h"
#include "Result.h"

#include <QStringList>
#include <atomic>
#include <functional>

namespace alpr {

class ImporterRegistry;
class Session;
class Store;

/**
 * Field-unit imports with the rules around them: who may import (Permission::ImportData, with current training,
 * policy 462.3(d); no case is needed, an import is not a query), and one audit row per import naming the files and
 * the counts, rejected rows included. alpr-cli uses run(); the import dialog drives ImportPipeline and ImportWriter
 * itself (to stay responsive) between authorise() and audit().
 */
class ImportService
{
public:
    using Progress = std::function<void(qint64 bytesDone, qint64 bytesTotal)>;

    explicit ImportService(Session& session);

    /** May this session import these files? A refusal is audited and returned as a Policy error. */
    Status authorise(const QStringList& files);
    /**
     * Authorises, imports (parsing on a worker thread, writing here in batches), audits. Returns the summary even
     * when records were rejected; an Error only when the import could not run or the store failed (the summary up
     * to then is audited anyway).
     */
    Result<ImportSummary> run(const QStringList& files, const QString& format, const ImportOptions& options,
                              const ImporterRegistry& registry, const Progress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);
    /** The audit row of a finished, failed or cancelled import. */
    Status audit(const ImportSummary& summary);

    /**
     * The import itself, without the rules: for the benchmark and tests. Blocks; progress is called after each
     * batch, cancel is polled between batches.
     */
    static ImportSummary importInto(Store& store, const QStringList& files, const QString& format,
                                    const ImportOptions& options, const ImporterRegistry& registry,
                                    const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr);

private:
    Session& m_session;
};

} // namespace alpr

#include "ImportService.h"

#include "AuditLog.h"
#include "ImportPipeline.h"
#include "ImportWriter.h"
#include "ImporterRegistry.h"
#include "Session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImportService", text);
}
constexpr int kAuditedIssues = 20;
} // namespace

ImportService::ImportService(Session& session)
    : m_session(session)
{
}

Status ImportService::authorise(const QStringList& files)
{
    const QString what = QCoreApplication::translate("ImportService", "import %n file(s)", nullptr, int(files.size()));
    if (Status s = m_session.authorise(Permission::ImportData, what); !s)
        return s;
    if (!m_session.trainingCurrent()) {
        const QString reason = m_session.user().trainedOn.isValid()
            ? tr("Your ALPR training refresher is overdue (policy 462.3(d)).")
            : tr("No ALPR training is on record for you (policy 462.3(d)).");
        ignoreError(
            m_session.audit().record(m_session.user().name, QStringLiteral("access.denied"), QStringLiteral("denied"),
                                     { { QStringLiteral("action"), what },
                                       { QStringLiteral("permission"), Permissions::label(Permission::ImportData) },
                                       { QStringLiteral("reason"), reason } }));
        return policyError(reason);
    }
    return {};
}

ImportSummary ImportService::importInto(Store& store, const QStringList& files, const QString& format,
                                        const ImportOptions& options, const ImporterRegistry& registry,
                                        const Progress& progress, const std::atomic<bool>* cancel)
{
    QElapsedTimer wall;
    wall.start();
    ImportWriter writer(store, files);
    if (Status s = writer.begin(); !s) {
        writer.summary().error = s.error().message;
        return writer.summary();
    }
    ImportPipeline pipeline(files, format, options, registry);
    pipeline.start();
    ImportChunk chunk;
    while (pipeline.take(&chunk)) {
        if (Status s = writer.write(chunk); !s) {
            pipeline.cancel();
            break;
        }
        if (progress)
            progress(chunk.bytesDone, pipeline.totalBytes());
        if (cancel && cancel->load()) {
            pipeline.cancel();
            writer.summary().cancelled = true;
            break;
        }
    }
    pipeline.cancel(); // joins in the destructor; a no-op when the run is over
    ImportSummary summary = writer.summary();
    summary.parseSeconds = pipeline.parseSeconds();
    summary.wallSeconds = wall.nsecsElapsed() / 1e9;
    return summary;
}

Result<ImportSummary> ImportService::run(const QStringList& files, const QString& format, const ImportOptions& options,
                                         const ImporterRegistry& registry, const Progress& progress,
                                         const std::atomic<bool>* cancel)
{
    if (Status s = authorise(files); !s)
        return s.error();
    ImportSummary summary = importInto(m_session.store(), files, format, options, registry, progress, cancel);
    if (Status s = audit(summary); !s)
        return s.error();
    if (!summary.error.isEmpty())
        return failure(tr("The import stopped: %1. Batches written before stay; run the import again to add the "
                          "rest (nothing is added twice).")
                           .arg(summary.error));
    return summary;
}

Status ImportService::audit(const ImportSummary& summary)
{
    QJsonArray files;
    for (const FileImportSummary& f : summary.files) {
        QJsonObject o { { QStringLiteral("file"), QFileInfo(f.path).fileName() },
                        { QStringLiteral("format"), f.format },
                        { QStringLiteral("reads"), double(f.parsed) },
                        { QStringLiteral("inserted"), double(f.inserted) },
                        { QStringLiteral("already_present"), double(f.alreadyPresent) },
                        { QStringLiteral("rejected"), double(f.rejected) } };
        if (!f.error.isEmpty())
            o.insert(QStringLiteral("error"), f.error);
        files.append(o);
    }
    QJsonArray rejected;
    for (const ImportIssue& i : summary.issues()) {
        if (rejected.size() >= kAuditedIssues)
            break;
        rejected.append(QJsonObject { { QStringLiteral("file"), QFileInfo(i.file).fileName() },
                                      { QStringLiteral("line"), double(i.line) },
                                      { QStringLiteral("reason"), i.reason } });
    }
    QJsonObject detail { { QStringLiteral("files"), files },
                         { QStringLiteral("reads"), double(summary.parsed()) },
                         { QStringLiteral("inserted"), double(summary.inserted()) },
                         { QStringLiteral("already_present"), double(summary.alreadyPresent()) },
                         { QStringLiteral("rejected"), double(summary.rejected()) },
                         { QStringLiteral("rejected_rows"), rejected },
                         { QStringLiteral("store"), m_session.store().describe() } };
    if (summary.cancelled)
        detail.insert(QStringLiteral("cancelled"), true);
    if (!summary.error.isEmpty())
        detail.insert(QStringLiteral("error"), summary.error);
    const bool ok = summary.error.isEmpty() && !summary.cancelled;
    return m_session.audit().record(m_session.user().name, QStringLiteral("import"),
                                    ok ? QStringLiteral("success") : QStringLiteral("failure"), detail);
}

} // namespace alpr

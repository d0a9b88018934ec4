#include "ImportPipeline.h"

#include "ImportSink.h"
#include "ImporterRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImportPipeline", text);
}
constexpr int kQueueDepth = 2;
// Reserve no more than this up front: a small file (or one with images, cut by bytes) needs far fewer slots.
constexpr int kReserveLimit = 10000;
} // namespace

/** Gathers one chunk at a time for the pipeline; runs on the worker thread. */
class PipelineSink final : public ImportSink
{
public:
    PipelineSink(ImportPipeline& pipeline, int file, QString format, qint64 offset)
        : m_pipeline(pipeline)
        , m_path(pipeline.m_files.at(file))
        , m_offset(offset)
    {
        m_chunk.file = file;
        m_chunk.format = std::move(format);
        m_chunk.reads.reserve(std::min(pipeline.m_options.batchSize, kReserveLimit));
    }

    bool accept(ParsedRead&& read) override
    {
        m_imageBytes += read.read.overviewJpeg.size() + read.read.plateJpeg.size();
        m_chunk.reads.append(std::move(read));
        if (m_chunk.reads.size() >= m_pipeline.m_options.batchSize
            || m_imageBytes >= m_pipeline.m_options.batchImageBytes)
            return flush(false);
        return !cancelled();
    }
    void reject(qint64 line, const QString& reason) override { m_chunk.rejects.append({ m_path, line, reason }); }
    void skip(const QString& why) override { ++m_chunk.skipped[why]; }
    void warn(const QString& message) override { ++m_chunk.warnings[message]; }
    void progress(qint64 bytesDone) override { m_chunk.bytesDone = m_offset + bytesDone; }
    bool cancelled() const override { return m_pipeline.isCancelled(); }

    bool flush(bool fileDone, std::optional<Error> error = std::nullopt)
    {
        m_chunk.fileDone = fileDone;
        m_chunk.fileError = std::move(error);
        ImportChunk next;
        next.file = m_chunk.file;
        next.format = m_chunk.format;
        next.bytesDone = m_chunk.bytesDone;
        next.reads.reserve(std::min(m_pipeline.m_options.batchSize, kReserveLimit));
        const bool ok = m_pipeline.push(std::move(m_chunk));
        m_chunk = std::move(next);
        m_imageBytes = 0;
        return ok;
    }

private:
    ImportPipeline& m_pipeline;
    QString m_path;
    qint64 m_offset;
    ImportChunk m_chunk;
    qint64 m_imageBytes = 0; ///< image bytes in m_chunk
};

ImportPipeline::ImportPipeline(QStringList files, QString format, ImportOptions options,
                               const ImporterRegistry& registry)
    : m_files(std::move(files))
    , m_format(std::move(format))
    , m_options(std::move(options))
    , m_registry(registry)
{
    if (m_options.batchSize < 1)
        m_options.batchSize = 1;
    for (const QString& f : m_files)
        m_totalBytes += QFileInfo(f).size();
}

ImportPipeline::~ImportPipeline()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

void ImportPipeline::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("import parser"));
    m_thread->start();
}

void ImportPipeline::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    m_notFull.wakeAll();
    m_notEmpty.wakeAll();
}

bool ImportPipeline::push(ImportChunk&& chunk)
{
    {
        QElapsedTimer waiting;
        waiting.start();
        QMutexLocker lock(&m_mutex);
        while (int(m_queue.size()) >= kQueueDepth && !m_cancelled)
            m_notFull.wait(&m_mutex);
        m_waitNs += waiting.nsecsElapsed();
        if (m_cancelled)
            return false;
        m_queue.push_back(std::move(chunk));
        m_notEmpty.wakeAll();
    }
    if (m_notify)
        m_notify();
    return true;
}

bool ImportPipeline::take(ImportChunk* out)
{
    QMutexLocker lock(&m_mutex);
    while (m_queue.empty() && !m_done && !m_cancelled)
        m_notEmpty.wait(&m_mutex);
    if (m_cancelled || m_queue.empty())
        return false;
    *out = std::move(m_queue.front());
    m_queue.pop_front();
    m_notFull.wakeAll();
    return true;
}

bool ImportPipeline::tryTake(ImportChunk* out, bool* finished)
{
    QMutexLocker lock(&m_mutex);
    *finished = m_cancelled || (m_done && m_queue.empty());
    if (m_cancelled || m_queue.empty())
        return false;
    *out = std::move(m_queue.front());
    m_queue.pop_front();
    m_notFull.wakeAll();
    *finished = m_done && m_queue.empty();
    return true;
}

void ImportPipeline::run()
{
    QElapsedTimer busy;
    qint64 offset = 0;
    for (int i = 0; i < m_files.size() && !m_cancelled; ++i) {
        busy.start();
        const QString& path = m_files.at(i);
        const QString name = QFileInfo(path).fileName();
        QFile file(path);
        auto fail = [&](Error e) {
            PipelineSink sink(*this, i, QString(), offset);
            m_parseNs += busy.nsecsElapsed();
            sink.flush(true, std::move(e));
        };
        if (!file.open(QIODevice::ReadOnly)) {
            fail(badInput(tr("%1: cannot read: %2").arg(path, file.errorString())));
            offset += QFileInfo(path).size();
            continue;
        }
        const qint64 size = file.size();
        QByteArray fallback;
        QByteArrayView data;
        if (size > 0) {
            // Mapped, not read: the kernel pages the file in as the parser walks it, and nothing is copied.
            if (uchar* mapped = file.map(0, size)) {
                data = QByteArrayView(reinterpret_cast<const char*>(mapped), size);
            } else {
                fallback = file.readAll();
                data = fallback;
            }
        }
        const Importer* importer = nullptr;
        if (!m_format.isEmpty()) {
            importer = m_registry.byName(m_format);
            if (!importer) {
                fail(usageError(tr("unknown format '%1' (known: %2)")
                                    .arg(m_format, m_registry.names().join(QStringLiteral(", ")))));
                break;
            }
        } else {
            importer = m_registry.sniff(data.first(std::min<qsizetype>(data.size(), 64 * 1024)), name);
            if (!importer) {
                fail(badInput(tr("%1: not a format this workstation can import (tried: %2); name it with --format")
                                  .arg(name, m_registry.names().join(QStringLiteral(", ")))));
                offset += size;
                continue;
            }
        }
        PipelineSink sink(*this, i, importer->name(), offset);
        const Status status = importer->parse(path, data, m_options, sink);
        m_parseNs += busy.nsecsElapsed();
        if (m_cancelled)
            break;
        sink.progress(size);
        if (!sink.flush(true, status ? std::nullopt : std::optional<Error>(status.error())))
            break;
        offset += size;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_done = true;
        m_notEmpty.wakeAll();
    }
    if (m_notify)
        m_notify();
}

} // namespace alpr

#pragma once

#include "ImportChunk.h"
#include "Importer.h"

#include <QMutex>
#include <QStringList>
#include <QWaitCondition>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class QThread;

namespace alpr {

class ImporterRegistry;

/**
 * Parses the files of an import on a worker thread and hands the results over in chunks of at most
 * ImportOptions::batchSize reads, at most two chunks ahead (so memory stays bounded while the store writes). The
 * consumer — the thread that owns the Store, since a database connection belongs to the thread that opened it —
 * takes chunks with take() (blocking, alpr-cli) or tryTake() (the GUI, woken by the notify callback).
 *
 * Files are memory-mapped; a file is parsed with the importer named by format, or the one that sniffs it.
 * cancel() stops the parser at its next record; the destructor cancels and joins.
 */
class ImportPipeline
{
public:
    ImportPipeline(QStringList files, QString format, ImportOptions options, const ImporterRegistry& registry);
    ~ImportPipeline();
    ImportPipeline(const ImportPipeline&) = delete;
    ImportPipeline& operator=(const ImportPipeline&) = delete;

    /** Called on the worker thread whenever a chunk was queued or the run ended (e.g. to post an event). */
    void setNotify(std::function<void()> notify) { m_notify = std::move(notify); }
    void start();
    /** The next chunk, waiting for it; false when the run is over (all files done, or cancelled). */
    bool take(ImportChunk* out);
    /** The next chunk if one is ready. *finished is set when nothing more will come. */
    bool tryTake(ImportChunk* out, bool* finished);
    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }

    const QStringList& files() const { return m_files; }
    qint64 totalBytes() const { return m_totalBytes; }
    /** Seconds the worker spent parsing (not waiting for the consumer). */
    double parseSeconds() const { return (m_parseNs.load() - m_waitNs.load()) / 1e9; }

private:
    friend class PipelineSink;
    void run();
    /** Queues a chunk, waiting while two are queued. False when cancelled. */
    bool push(ImportChunk&& chunk);

    QStringList m_files;
    QString m_format;
    ImportOptions m_options;
    const ImporterRegistry& m_registry;
    std::function<void()> m_notify;
    qint64 m_totalBytes = 0;

    QMutex m_mutex;
    QWaitCondition m_notFull;
    QWaitCondition m_notEmpty;
    std::deque<ImportChunk> m_queue;
    bool m_done = false;
    std::atomic<bool> m_cancelled { false };
    std::atomic<qint64> m_parseNs { 0 };
    std::atomic<qint64> m_waitNs { 0 }; // inside m_parseNs: blocked on a full queue
    std::unique_ptr<QThread> m_thread;
};

} // namespace alpr

#pragma once

#include "EnhancementSettings.h"

#include <QFuture>
#include <QImage>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

namespace alpr {

/**
 * Runs EnhancementPipeline off the GUI thread (QtConcurrent, the global thread pool). Only the newest request
 * matters: a request made while another runs supersedes it — the older one stops at its next filter boundary and
 * its result, if any, is dropped, so dragging a slider never queues up stale work or shows an older image last.
 *
 * Lives on the GUI thread; ready() and failed() are emitted there.
 */
class EnhancementRunner : public QObject
{
    Q_OBJECT

public:
    explicit EnhancementRunner(QObject* parent = nullptr);
    /** Waits for running work (it stops early: every request is superseded first). */
    ~EnhancementRunner() override;

    /** Starts enhancing original; returns the request's number (increasing). */
    int request(const QImage& original, const EnhancementSettings& settings);
    /** Supersedes every request: none will be delivered. */
    void cancel();
    /** True while the newest request has not been delivered. */
    bool busy() const { return m_delivered < m_latest->load(); }
    /** Waits (processing events) until not busy or timeoutMs passed; true when idle. For tests and shutdown. */
    bool waitForIdle(int timeoutMs);

Q_SIGNALS:
    /** The newest request's result; elapsedMs is the pipeline's own running time. */
    void ready(int request, const QImage& enhanced, const alpr::EnhancementSettings& settings, double elapsedMs);
    void failed(int request, const QString& message);

private:
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    int m_delivered = 0;
    QList<QFuture<void>> m_running;
};

} // namespace alpr

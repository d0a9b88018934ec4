#pragma once

#include "DemoReadFactory.h"
#include "Read.h"

#include <QFuture>
#include <QList>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <vector>

namespace alpr {

class PlateRenderer;

/**
 * Hands the demo's batches to the sink in order, drawing each batch's images on one worker thread meanwhile:
 * the images of batch k are drawn while the sink stores batch k-1 and the generator fills batch k+1, so the
 * ~4 ms a rendered read costs leaves the generating thread. The worker is one long-lived thread because Qt
 * caches fonts per thread; its PlateRenderer is created, used and destroyed there only.
 */
class DemoBatchPipeline
{
public:
    using Sink = std::function<bool(QList<Read>&)>;
    using Progress = std::function<void(qint64, qint64)>;

    DemoBatchPipeline(const Sink& sink, const Progress& progress, qint64 total, qsizetype batchSize);
    ~DemoBatchPipeline();
    DemoBatchPipeline(const DemoBatchPipeline&) = delete;
    DemoBatchPipeline& operator=(const DemoBatchPipeline&) = delete;

    /** The batch being filled, and the image jobs of its reads (ImageJob::index into it). */
    QList<Read>& current() { return m_batches[m_current]; }
    std::vector<DemoReadFactory::ImageJob>& jobs() { return m_jobs[m_current]; }
    /** The current batch is complete: starts its images and hands the one before to the sink. False: cancelled. */
    bool push();
    /** Hands over everything left. False when the sink cancelled. */
    bool finish();

private:
    bool handOver(QList<Read>& batch);

    Sink m_sink;
    Progress m_progress;
    qint64 m_total = 0;
    qsizetype m_batchSize = 0;
    qint64 m_done = 0;
    QList<Read> m_batches[2];
    std::vector<DemoReadFactory::ImageJob> m_jobs[2];
    int m_current = 0;
    bool m_inFlight = false; // the other batch waits for its images and the sink
    QThreadPool m_pool;
    QFuture<void> m_pending;
    std::unique_ptr<PlateRenderer> m_renderer; // lives on the worker thread
};

} // namespace alpr

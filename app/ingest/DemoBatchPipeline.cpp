#include "DemoBatchPipeline.h"

#include "PlateRenderer.h"

#include <QtConcurrent/QtConcurrentRun>

namespace alpr {

DemoBatchPipeline::DemoBatchPipeline(const Sink& sink, const Progress& progress, qint64 total, qsizetype batchSize)
    : m_sink(sink)
    , m_progress(progress)
    , m_total(total)
    , m_batchSize(batchSize)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_batches[0].reserve(batchSize);
}

DemoBatchPipeline::~DemoBatchPipeline()
{
    m_pending.waitForFinished();
    if (m_renderer) // its fonts belong to the worker thread's font cache: let that thread release them
        QtConcurrent::run(&m_pool, [this] { m_renderer.reset(); }).waitForFinished();
}

bool DemoBatchPipeline::push()
{
    m_pending.waitForFinished(); // the other batch's images: it goes to the sink below, while these draw

    if (!m_jobs[m_current].empty()) {
        Read* reads = m_batches[m_current].data();
        const std::vector<DemoReadFactory::ImageJob>* jobs = &m_jobs[m_current];
        m_pending = QtConcurrent::run(&m_pool, [this, reads, jobs] {
            if (!m_renderer)
                m_renderer = std::make_unique<PlateRenderer>();
            for (const DemoReadFactory::ImageJob& job : *jobs)
                DemoReadFactory::renderImages(job, *m_renderer, reads[job.index]);
        });
    }
    const bool previous = m_inFlight;
    m_inFlight = true;
    m_current = 1 - m_current;
    if (previous && !handOver(m_batches[m_current]))
        return false;
    m_batches[m_current].clear();
    m_batches[m_current].reserve(m_batchSize);
    m_jobs[m_current].clear();
    return true;
}

bool DemoBatchPipeline::finish()
{
    if (!m_batches[m_current].isEmpty() && !push())
        return false;
    m_pending.waitForFinished();
    if (!m_inFlight)
        return true;
    m_inFlight = false;
    return handOver(m_batches[1 - m_current]);
}

bool DemoBatchPipeline::handOver(QList<Read>& batch)
{
    m_done += batch.size();
    const bool more = m_sink(batch);
    if (m_progress)
        m_progress(m_done, m_total);
    return more;
}

} // namespace alpr

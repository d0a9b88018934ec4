#include "MarkerLayerItem.h"

#include "MapView.h"
#include "MarkerSet.h"
#include "TaskRelay.h"

#include <QPainter>
#include <QThreadPool>

#include <cmath>
#include <limits>

namespace alpr {

MarkerLayerItem::MarkerLayerItem(MapView& view)
    : MapLayerItem(view)
    , m_set(std::make_shared<const MarkerSet>())
    , m_relay(TaskRelay::make(&view))
{
}

MarkerLayerItem::~MarkerLayerItem()
{
    m_relay->detach();
}

void MarkerLayerItem::setReads(const QList<MapRead>& reads)
{
    m_set = std::make_shared<const MarkerSet>(reads);
    m_highlighted.reset();
    ++m_generation;
    requestFrame();
}

void MarkerLayerItem::setHighlighted(const QList<qint64>& readIds)
{
    auto set = std::make_shared<QSet<int>>();
    if (!readIds.isEmpty()) {
        const QSet<qint64> wanted(readIds.begin(), readIds.end());
        for (int i = 0; i < m_set->size(); ++i)
            if (wanted.contains(m_set->read(i).id))
                set->insert(i);
    }
    m_highlighted = std::move(set);
    ++m_generation;
    requestFrame();
}

void MarkerLayerItem::setHeatMap(bool on)
{
    if (m_heatMap == on)
        return;
    m_heatMap = on;
    ++m_generation;
    requestFrame();
}

void MarkerLayerItem::clear()
{
    // Nothing of the old reads may stay on screen, not even for the time a new frame takes.
    m_set = std::make_shared<const MarkerSet>();
    m_highlighted.reset();
    m_frame = MarkerFrame();
    m_hasFrame = false;
    ++m_generation;
    m_frameGeneration = m_generation;
    m_frameViewport = mapViewport();
    update();
}

void MarkerLayerItem::viewportChanged()
{
    update();
    requestFrame();
}

void MarkerLayerItem::requestFrame()
{
    if (m_running) {
        m_again = true;
        return;
    }
    if (m_set->isEmpty()) {
        m_frame = MarkerFrame();
        m_hasFrame = false;
        m_frameGeneration = m_generation;
        m_frameViewport = mapViewport();
        update();
        return;
    }
    m_running = true;
    m_again = false;
    MarkerRenderer::Options options;
    options.heatMap = m_heatMap;
    options.highlighted = m_highlighted;
    options.devicePixelRatio = m_view.devicePixelRatioF();
    const MapViewport viewport = mapViewport();
    const quint64 generation = m_generation;
    // `self` is only dereferenced in the posted call, which the relay drops once the view is gone.
    QThreadPool::globalInstance()->start([set = m_set, viewport, options, generation, relay = m_relay, self = this] {
        MarkerFrame frame = MarkerRenderer::render(set, viewport, options);
        relay->post([self, frame = std::move(frame), generation]() mutable {
            self->frameReady(std::move(frame), generation);
        });
    });
}

void MarkerLayerItem::frameReady(MarkerFrame frame, quint64 generation)
{
    m_running = false;
    if (generation == m_generation) {
        m_frame = std::move(frame);
        m_hasFrame = true;
        m_frameGeneration = generation;
        m_frameViewport = m_frame.viewport;
        update();
    }
    if (m_again || generation != m_generation || !(m_frameViewport == mapViewport()))
        requestFrame();
    else
        Q_EMIT m_view.markersRendered();
}

void MarkerLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_hasFrame || m_frame.image.isNull())
        return;
    const MapViewport& v = mapViewport();
    // The frame's corners mapped into the current view: a pan moves it, a zoom scales it about the right point.
    const QPointF tl = v.mercatorToScreen(m_frame.viewport.screenToMercator(QPointF(0, 0)));
    const QSize s = m_frame.viewport.size();
    const QPointF br = v.mercatorToScreen(m_frame.viewport.screenToMercator(QPointF(s.width(), s.height())));
    const QRectF target(tl, br);
    const bool exact = m_frame.viewport == v;
    painter->setRenderHint(QPainter::SmoothPixmapTransform, !exact);
    painter->drawImage(target, m_frame.image);
}

bool MarkerLayerItem::isBusy() const
{
    return m_running || m_frameGeneration != m_generation || !(m_frameViewport == mapViewport());
}

MarkerHit MarkerLayerItem::hit(QPointF pos, int maxReads) const
{
    MarkerHit out;
    if (!m_hasFrame || m_frame.heatMap || !m_frame.set)
        return out;
    const MapViewport& v = mapViewport();
    const MarkerClusters& k = m_frame.clusters;
    const MarkerSet& set = *m_frame.set; // the frame's indices are into the set it was rendered from
    auto take = [&](const MarkerCluster& c) {
        for (int m = c.firstMember; m < c.firstMember + c.count; ++m) {
            const MapRead& r = set.read(k.members[size_t(m)]);
            out.ids << r.id;
            if (out.reads.size() < maxReads)
                out.reads << r;
        }
    };
    if (k.individual) {
        // Single reads and stacks: the nearest marker under the pointer.
        double best = 8;
        const MarkerCluster* nearest = nullptr;
        QPointF nearestAt;
        for (const MarkerCluster& c : k.clusters) {
            const QPointF p = v.mercatorToScreen(m_frame.viewport.screenToMercator(c.screen));
            const double d = std::hypot(p.x() - pos.x(), p.y() - pos.y());
            if (d <= best) {
                best = d;
                nearest = &c;
                nearestAt = p;
            }
        }
        if (nearest) {
            out.centre = nearestAt;
            out.minTimeMs = nearest->minTimeMs;
            out.maxTimeMs = nearest->maxTimeMs;
            take(*nearest);
        }
        return out;
    }
    // Clusters are drawn over single reads: they win. Single reads: every one under the pointer.
    for (int i = int(k.clusters.size()) - 1; i >= 0; --i) {
        const MarkerCluster& c = k.clusters[size_t(i)];
        if (c.count < 2)
            continue;
        const QPointF p = v.mercatorToScreen(m_frame.viewport.screenToMercator(c.screen));
        if (std::hypot(p.x() - pos.x(), p.y() - pos.y()) > MarkerRenderer::clusterRadius(c.count) + 1)
            continue;
        out.cluster = true;
        out.centre = p;
        out.minTimeMs = c.minTimeMs;
        out.maxTimeMs = c.maxTimeMs;
        take(c);
        return out;
    }
    qint64 minTime = std::numeric_limits<qint64>::max();
    qint64 maxTime = std::numeric_limits<qint64>::min();
    for (const MarkerCluster& c : k.clusters) {
        if (c.count != 1)
            continue;
        const QPointF p = v.mercatorToScreen(m_frame.viewport.screenToMercator(c.screen));
        if (std::hypot(p.x() - pos.x(), p.y() - pos.y()) > MarkerRenderer::clusterRadius(1) + 2)
            continue;
        take(c);
        minTime = std::min(minTime, c.minTimeMs);
        maxTime = std::max(maxTime, c.maxTimeMs);
    }
    out.minTimeMs = minTime;
    out.maxTimeMs = maxTime;
    return out;
}

} // namespace alpr

#pragma once

#include "MapLayerItem.h"
#include "MapRead.h"
#include "MarkerRenderer.h"

#include <QSet>

#include <memory>

namespace alpr {

class MarkerSet;
class TaskRelay;

/** What is under the pointer on the reads layer. */
struct MarkerHit
{
    bool cluster = false; ///< a cluster (else one read or a stack of reads at one spot)
    QPointF centre; ///< the cluster's screen position
    qint64 minTimeMs = 0;
    qint64 maxTimeMs = 0;
    QList<qint64> ids; ///< every read under the pointer
    QList<MapRead> reads; ///< the first few of them, for a tooltip
    bool isEmpty() const { return ids.isEmpty(); }
};

/**
 * The reads layer: frames (clusters, single reads or the heat map) are rendered by MarkerRenderer on the thread
 * pool, one at a time; a view change while one renders asks for one more, for the latest view, when it finishes.
 * The last finished frame is drawn moved and scaled to the current view meanwhile, and answers hit tests.
 */
class MarkerLayerItem final : public MapLayerItem
{
public:
    explicit MarkerLayerItem(MapView& view);
    ~MarkerLayerItem() override;

    void setReads(const QList<MapRead>& reads);
    const MarkerSet& reads() const { return *m_set; }
    void setHighlighted(const QList<qint64>& readIds);
    void setHeatMap(bool on);
    void clear();
    /** A frame is rendering, or the shown one is for an older view or data. */
    bool isBusy() const;

    void viewportChanged() override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /** The cluster or reads under a screen point, with up to maxReads of them in full. */
    MarkerHit hit(QPointF pos, int maxReads) const;

private:
    void requestFrame();
    void frameReady(MarkerFrame frame, quint64 generation);

    std::shared_ptr<const MarkerSet> m_set;
    std::shared_ptr<const QSet<int>> m_highlighted;
    bool m_heatMap = false;
    MarkerFrame m_frame;
    bool m_hasFrame = false;
    MapViewport m_frameViewport;
    quint64 m_generation = 1; ///< bumped when the data or style changes: older frames are stale
    quint64 m_frameGeneration = 0;
    bool m_running = false;
    bool m_again = false;
    std::shared_ptr<TaskRelay> m_relay;
};

} // namespace alpr

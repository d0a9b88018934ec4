#pragma once

#include "MapLayerItem.h"
#include "MapRead.h"

#include <QList>

namespace alpr {

/**
 * A plate's track: its reads joined in time order, with an arrow on each long enough leg for the direction of
 * travel, a green start and a red end.
 */
class TrackItem final : public MapLayerItem
{
public:
    explicit TrackItem(MapView& view);

    /** Sorted by time here; reads at the same time keep their order. */
    void setTrack(QList<MapRead> reads);
    const QList<MapRead>& track() const { return m_reads; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    /** Index of the track point under a screen point, or -1. */
    int hit(QPointF pos) const;

private:
    QList<MapRead> m_reads;
};

} // namespace alpr

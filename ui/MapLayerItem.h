#pragma once

#include <QGraphicsItem>

namespace alpr {

class MapView;
class MapViewport;

/**
 * Base of the map's layers: a graphics item covering the whole view (the scene is the view's pixel space) that
 * draws in screen coordinates from the view's current MapViewport. z values order the layers.
 */
class MapLayerItem : public QGraphicsItem
{
public:
    explicit MapLayerItem(MapView& view);

    QRectF boundingRect() const override;
    /** The view was resized: the item's bounds follow. */
    void sizeChanged() { prepareGeometryChange(); }
    /** The view panned or zoomed; layers that fetch or render for a view start that here. */
    virtual void viewportChanged() { update(); }

protected:
    const MapViewport& mapViewport() const;
    MapView& m_view;
};

} // namespace alpr

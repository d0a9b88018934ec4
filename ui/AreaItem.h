#pragma once

#include "MapLayerItem.h"

#include <QGeoCoordinate>
#include <QGeoShape>
#include <QList>

namespace alpr {

/**
 * The drawn area (a canvass scene or a search area): the finished shape, solid, and the shape being drawn by a
 * draw tool, dashed. Geometry is kept in geographic coordinates, so it stays put while the map moves.
 */
class AreaItem final : public MapLayerItem
{
public:
    enum class Preview { None, Circle, Rectangle, Polygon };

    explicit AreaItem(MapView& view);

    void setArea(const QGeoShape& area);
    const QGeoShape& area() const { return m_shape; }
    /** Circle: centre and a point on the rim. Rectangle: two corners. Polygon: vertices then the pointer. */
    void setPreview(Preview kind, const QList<QGeoCoordinate>& points);
    void clearPreview() { setPreview(Preview::None, {}); }
    Preview preview() const { return m_preview; }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QGeoShape m_shape;
    Preview m_preview = Preview::None;
    QList<QGeoCoordinate> m_points;
};

} // namespace alpr

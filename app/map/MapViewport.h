#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>

class QGeoCoordinate;

namespace alpr {

/**
 * What a map frame shows: a centre (normalised Web-Mercator, see WebMercator.h), a fractional zoom and a size in
 * device-independent pixels. A plain value, copied to render threads. Screen coordinates have (0, 0) at the top
 * left of the frame.
 */
class MapViewport
{
public:
    MapViewport() = default;
    MapViewport(QPointF centreMercator, double zoom, QSize size);
    static MapViewport centredOn(double lat, double lon, double zoom, QSize size);

    QPointF centre() const { return m_centre; }
    double zoom() const { return m_zoom; }
    QSize size() const { return m_size; }
    /** World size in pixels at this zoom (pixels per unit of normalised Mercator). */
    double scale() const { return m_scale; }
    double centreLatitude() const;
    double centreLongitude() const;
    /** Ground metres per screen pixel at the centre's latitude. */
    double metresPerPixel() const;

    QPointF mercatorToScreen(QPointF mercator) const
    {
        return { (mercator.x() - m_centre.x()) * m_scale + m_size.width() / 2.0,
                 (mercator.y() - m_centre.y()) * m_scale + m_size.height() / 2.0 };
    }
    QPointF screenToMercator(QPointF screen) const
    {
        return { m_centre.x() + (screen.x() - m_size.width() / 2.0) / m_scale,
                 m_centre.y() + (screen.y() - m_size.height() / 2.0) / m_scale };
    }
    QPointF geoToScreen(double lat, double lon) const;
    QPointF geoToScreen(const QGeoCoordinate& c) const;
    QGeoCoordinate screenToGeo(QPointF screen) const;
    /** The visible area in normalised Mercator coordinates. */
    QRectF mercatorBounds() const;

    /** The same view moved so the content follows a drag of delta screen pixels. */
    MapViewport panned(QPointF delta) const;
    /** The view at another zoom with the point under anchor (screen) kept where it is. */
    MapViewport zoomedAt(double newZoom, QPointF anchor) const;
    MapViewport resized(QSize size) const { return { m_centre, m_zoom, size }; }

    bool operator==(const MapViewport& o) const
    {
        return m_centre == o.m_centre && m_zoom == o.m_zoom && m_size == o.m_size;
    }

private:
    QPointF m_centre { 0.5, 0.5 };
    double m_zoom = 0;
    QSize m_size { 256, 256 };
    double m_scale = 256;
};

} // namespace alpr

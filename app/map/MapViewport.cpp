#include "MapViewport.h"

#include "WebMercator.h"

#include <QGeoCoordinate>

#include <algorithm>

namespace alpr {

MapViewport::MapViewport(QPointF centreMercator, double zoom, QSize size)
    // The centre stays on the world: a map dragged past the antimeridian or a pole stops there.
    : m_centre(std::clamp(centreMercator.x(), 0.0, 1.0), std::clamp(centreMercator.y(), 0.0, 1.0))
    , m_zoom(zoom)
    , m_size(size)
    , m_scale(WebMercator::worldSize(zoom))
{
}

MapViewport MapViewport::centredOn(double lat, double lon, double zoom, QSize size)
{
    return { WebMercator::toMercator(lat, lon), zoom, size };
}

double MapViewport::centreLatitude() const
{
    return WebMercator::latitudeOf(m_centre.y());
}

double MapViewport::centreLongitude() const
{
    return WebMercator::longitudeOf(m_centre.x());
}

double MapViewport::metresPerPixel() const
{
    return WebMercator::metresPerPixel(centreLatitude(), m_zoom);
}

QPointF MapViewport::geoToScreen(double lat, double lon) const
{
    return mercatorToScreen(WebMercator::toMercator(lat, lon));
}

QPointF MapViewport::geoToScreen(const QGeoCoordinate& c) const
{
    return geoToScreen(c.latitude(), c.longitude());
}

QGeoCoordinate MapViewport::screenToGeo(QPointF screen) const
{
    const QPointF m = screenToMercator(screen);
    return { WebMercator::latitudeOf(m.y()), WebMercator::longitudeOf(m.x()) };
}

QRectF MapViewport::mercatorBounds() const
{
    return QRectF(screenToMercator(QPointF(0, 0)), screenToMercator(QPointF(m_size.width(), m_size.height())));
}

MapViewport MapViewport::panned(QPointF delta) const
{
    return { m_centre - delta / m_scale, m_zoom, m_size };
}

MapViewport MapViewport::zoomedAt(double newZoom, QPointF anchor) const
{
    const QPointF anchored = screenToMercator(anchor);
    const double newScale = WebMercator::worldSize(newZoom);
    const QPointF offset = anchor - QPointF(m_size.width() / 2.0, m_size.height() / 2.0);
    return { anchored - offset / newScale, newZoom, m_size };
}

} // namespace alpr

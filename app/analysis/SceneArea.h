#pragma once

#include "Result.h"

#include <QGeoShape>
#include <QJsonObject>
#include <QList>
#include <QPointF>

namespace alpr {

/**
 * The exact area of a scene, made from a QGeoShape (QGeoCircle, QGeoRectangle or QGeoPolygon), with the point test
 * every canvass analysis applies after the store's coarse box:
 *  - circle: haversine distance from the centre <= radius (GeoMath::metres; the edge is inside; radius 0 keeps only
 *    reads exactly at the centre);
 *  - rectangle: south <= lat <= north and west <= lon <= east (edges inside);
 *  - polygon: edges are straight in latitude/longitude; a point on an edge is inside; otherwise the even-odd rule
 *    over the perimeter and any holes: inside when a ray from the point crosses the rings an odd number of times. So
 *    a self-crossing polygon (a bow tie, a star drawn in one stroke) keeps the parts enclosed an odd number of times:
 *    a pentagram's points are inside, its centre pentagon is not.
 * Areas across the antimeridian are refused (no ALPR deployment needs them).
 */
class SceneArea
{
public:
    enum class Kind { Circle, Rectangle, Polygon };

    /** A Usage error names what is wrong (no shape, negative radius, fewer than 3 corners, invalid coordinates). */
    static Result<SceneArea> fromShape(const QGeoShape& shape);

    Kind kind() const { return m_kind; }
    bool contains(double lat, double lon) const;
    /** The smallest latitude/longitude box holding the area (a little larger for circles). */
    void bounds(double* south, double* west, double* north, double* east) const;
    /** "circle 34.04730,-117.96572 radius 500 m": for tables, the access log and the CLI. */
    QString describe() const;
    /** The same as JSON for the access log: kind, centre and radius, or corners. */
    QJsonObject toJson() const;

private:
    SceneArea() = default;
    bool onEdge(const QPointF& p) const;

    Kind m_kind = Kind::Circle;
    double m_lat = 0; ///< circle centre
    double m_lon = 0;
    double m_radiusM = 0;
    double m_south = 0; ///< bounds (exact for rectangles and polygons)
    double m_west = 0;
    double m_north = 0;
    double m_east = 0;
    QList<QList<QPointF>> m_rings; ///< polygon perimeter then holes, as (x = lon, y = lat)
};

} // namespace alpr

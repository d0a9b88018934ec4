#include "SceneArea.h"

#include "GeoMath.h"

#include <QCoreApplication>
#include <QGeoCircle>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SceneArea", text);
}

bool validCoordinate(double lat, double lon)
{
    return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

QString coordinate(double lat, double lon)
{
    return QStringLiteral("%1,%2").arg(lat, 0, 'f', 5).arg(lon, 0, 'f', 5);
}

} // namespace

Result<SceneArea> SceneArea::fromShape(const QGeoShape& shape)
{
    SceneArea a;
    switch (shape.type()) {
    case QGeoShape::CircleType: {
        const QGeoCircle c(shape);
        const double radius = c.radius();
        if (!validCoordinate(c.center().latitude(), c.center().longitude()))
            return usageError(tr("The scene's centre is not a valid latitude and longitude."));
        if (!std::isfinite(radius) || radius < 0)
            return usageError(tr("The scene's radius must be zero or more metres."));
        a.m_kind = Kind::Circle;
        a.m_lat = c.center().latitude();
        a.m_lon = c.center().longitude();
        a.m_radiusM = radius;
        double dLat = 0;
        double dLon = 0;
        GeoMath::boxAround(a.m_lat, radius, &dLat, &dLon);
        a.m_south = std::max(-90.0, a.m_lat - dLat);
        a.m_north = std::min(90.0, a.m_lat + dLat);
        a.m_west = a.m_lon - dLon;
        a.m_east = a.m_lon + dLon;
        if (a.m_west < -180 || a.m_east > 180)
            return usageError(tr("Scenes across the antimeridian (longitude 180) are not supported."));
        return a;
    }
    case QGeoShape::RectangleType: {
        const QGeoRectangle r(shape);
        const QGeoCoordinate tl = r.topLeft();
        const QGeoCoordinate br = r.bottomRight();
        if (!validCoordinate(tl.latitude(), tl.longitude()) || !validCoordinate(br.latitude(), br.longitude()))
            return usageError(tr("The scene's rectangle has an invalid corner."));
        if (tl.longitude() > br.longitude())
            return usageError(tr("Scenes across the antimeridian (longitude 180) are not supported."));
        a.m_kind = Kind::Rectangle;
        a.m_north = std::max(tl.latitude(), br.latitude());
        a.m_south = std::min(tl.latitude(), br.latitude());
        a.m_west = tl.longitude();
        a.m_east = br.longitude();
        return a;
    }
    case QGeoShape::PolygonType: {
        const QGeoPolygon p(shape);
        QList<QList<QGeoCoordinate>> rings { p.perimeter() };
        for (qsizetype h = 0; h < p.holesCount(); ++h)
            rings.append(p.holePath(h));
        if (rings.first().size() < 3)
            return usageError(tr("A polygon scene needs at least 3 corners (it has %1).").arg(rings.first().size()));
        a.m_kind = Kind::Polygon;
        a.m_south = 90;
        a.m_north = -90;
        a.m_west = 180;
        a.m_east = -180;
        for (const QList<QGeoCoordinate>& ring : std::as_const(rings)) {
            QList<QPointF> points;
            for (qsizetype i = 0; i < ring.size(); ++i) {
                const QGeoCoordinate& c = ring.at(i);
                if (!validCoordinate(c.latitude(), c.longitude()))
                    return usageError(tr("Corner %1 of the polygon is not a valid latitude and longitude.").arg(i + 1));
                points.append(QPointF(c.longitude(), c.latitude()));
                a.m_south = std::min(a.m_south, c.latitude());
                a.m_north = std::max(a.m_north, c.latitude());
                a.m_west = std::min(a.m_west, c.longitude());
                a.m_east = std::max(a.m_east, c.longitude());
            }
            // A closed ring given with its first corner repeated at the end is the same ring.
            if (points.size() > 3 && points.first() == points.last())
                points.removeLast();
            a.m_rings.append(points);
        }
        if (a.m_east - a.m_west > 180)
            return usageError(tr("Scenes across the antimeridian (longitude 180) are not supported."));
        return a;
    }
    default:
        break;
    }
    return usageError(tr("A scene needs an area: a circle, a rectangle or a polygon."));
}

bool SceneArea::onEdge(const QPointF& p) const
{
    for (const QList<QPointF>& ring : m_rings) {
        for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const QPointF& a = ring.at(j);
            const QPointF& b = ring.at(i);
            if (p.x() < std::min(a.x(), b.x()) || p.x() > std::max(a.x(), b.x()) || p.y() < std::min(a.y(), b.y())
                || p.y() > std::max(a.y(), b.y()))
                continue;
            const double cross = (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
            if (cross == 0)
                return true;
        }
    }
    return false;
}

bool SceneArea::contains(double lat, double lon) const
{
    switch (m_kind) {
    case Kind::Circle:
        return GeoMath::metres(m_lat, m_lon, lat, lon) <= m_radiusM;
    case Kind::Rectangle:
        return lat >= m_south && lat <= m_north && lon >= m_west && lon <= m_east;
    case Kind::Polygon: {
        if (lat < m_south || lat > m_north || lon < m_west || lon > m_east)
            return false;
        const QPointF p(lon, lat);
        if (onEdge(p))
            return true;
        // Even-odd: count crossings of a ray towards +x (east) over every ring; the half-open test on y counts a
        // vertex on the ray once.
        bool inside = false;
        for (const QList<QPointF>& ring : m_rings) {
            for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const QPointF& a = ring.at(i);
                const QPointF& b = ring.at(j);
                if ((a.y() > lat) != (b.y() > lat)) {
                    const double x = (b.x() - a.x()) * (lat - a.y()) / (b.y() - a.y()) + a.x();
                    if (lon < x)
                        inside = !inside;
                }
            }
        }
        return inside;
    }
    }
    return false;
}

void SceneArea::bounds(double* south, double* west, double* north, double* east) const
{
    *south = m_south;
    *west = m_west;
    *north = m_north;
    *east = m_east;
}

QString SceneArea::describe() const
{
    switch (m_kind) {
    case Kind::Circle:
        return tr("circle %1 radius %2 m").arg(coordinate(m_lat, m_lon)).arg(m_radiusM, 0, 'f', 0);
    case Kind::Rectangle:
        return tr("rectangle %1 to %2").arg(coordinate(m_south, m_west), coordinate(m_north, m_east));
    case Kind::Polygon: {
        const qsizetype holes = m_rings.size() - 1;
        QString text = tr("polygon of %1 corners around %2")
                           .arg(m_rings.first().size())
                           .arg(coordinate((m_south + m_north) / 2, (m_west + m_east) / 2));
        if (holes > 0)
            text += tr(" with %1 holes").arg(holes);
        return text;
    }
    }
    return {};
}

QJsonObject SceneArea::toJson() const
{
    switch (m_kind) {
    case Kind::Circle:
        return { { QStringLiteral("kind"), QStringLiteral("circle") },
                 { QStringLiteral("lat"), m_lat },
                 { QStringLiteral("lon"), m_lon },
                 { QStringLiteral("radius_m"), m_radiusM } };
    case Kind::Rectangle:
        return { { QStringLiteral("kind"), QStringLiteral("rectangle") },
                 { QStringLiteral("south"), m_south },
                 { QStringLiteral("west"), m_west },
                 { QStringLiteral("north"), m_north },
                 { QStringLiteral("east"), m_east } };
    case Kind::Polygon: {
        QJsonArray rings;
        for (const QList<QPointF>& ring : m_rings) {
            QJsonArray corners;
            for (const QPointF& p : ring)
                corners.append(QJsonArray { p.y(), p.x() });
            rings.append(corners);
        }
        return { { QStringLiteral("kind"), QStringLiteral("polygon") }, { QStringLiteral("rings"), rings } };
    }
    }
    return {};
}

} // namespace alpr

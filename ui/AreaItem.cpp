#include "AreaItem.h"

#include "MapView.h"
#include "WebMercator.h"

#include <QGeoCircle>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <QPainter>

namespace alpr {

namespace {

const QColor kStroke(0x0b, 0x5c, 0xad);

double circleRadiusPx(const MapViewport& v, const QGeoCoordinate& centre, double metres)
{
    return metres / WebMercator::metresPerPixel(centre.latitude(), v.zoom());
}

} // namespace

AreaItem::AreaItem(MapView& view)
    : MapLayerItem(view)
{
}

void AreaItem::setArea(const QGeoShape& area)
{
    m_shape = area;
    update();
}

void AreaItem::setPreview(Preview kind, const QList<QGeoCoordinate>& points)
{
    m_preview = kind;
    m_points = points;
    update();
}

void AreaItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const MapViewport& v = mapViewport();
    painter->setRenderHint(QPainter::Antialiasing);
    auto drawShape = [&](const QGeoShape& shape, bool preview) {
        QColor fill = kStroke;
        fill.setAlpha(preview ? 30 : 45);
        painter->setBrush(fill);
        painter->setPen(QPen(kStroke, 2.5, preview ? Qt::DashLine : Qt::SolidLine));
        if (shape.type() == QGeoShape::CircleType) {
            const QGeoCircle c(shape);
            const double r = circleRadiusPx(v, c.center(), c.radius());
            const QPointF centre = v.geoToScreen(c.center());
            painter->drawEllipse(centre, r, r);
            painter->setBrush(kStroke);
            painter->setPen(Qt::NoPen);
            painter->drawEllipse(centre, 3, 3);
        } else if (shape.type() == QGeoShape::RectangleType) {
            const QGeoRectangle r(shape);
            painter->drawRect(QRectF(v.geoToScreen(r.topLeft()), v.geoToScreen(r.bottomRight())));
        } else if (shape.type() == QGeoShape::PolygonType) {
            const QGeoPolygon p(shape);
            QPolygonF poly;
            for (const QGeoCoordinate& c : p.perimeter())
                poly << v.geoToScreen(c);
            painter->drawPolygon(poly);
        }
    };
    if (m_shape.isValid())
        drawShape(m_shape, false);

    switch (m_preview) {
    case Preview::None:
        break;
    case Preview::Circle:
        if (m_points.size() == 2)
            drawShape(QGeoCircle(m_points.at(0), m_points.at(0).distanceTo(m_points.at(1))), true);
        break;
    case Preview::Rectangle:
        if (m_points.size() == 2) {
            const QRectF r = QRectF(v.geoToScreen(m_points.at(0)), v.geoToScreen(m_points.at(1))).normalized();
            drawShape(QGeoRectangle(v.screenToGeo(r.topLeft()), v.screenToGeo(r.bottomRight())), true);
        }
        break;
    case Preview::Polygon: {
        QPolygonF poly;
        for (const QGeoCoordinate& c : std::as_const(m_points))
            poly << v.geoToScreen(c);
        QColor fill = kStroke;
        fill.setAlpha(30);
        painter->setBrush(poly.size() >= 3 ? QBrush(fill) : QBrush(Qt::NoBrush));
        painter->setPen(QPen(kStroke, 2.5, Qt::DashLine));
        painter->drawPolygon(poly);
        painter->setBrush(Qt::white);
        painter->setPen(QPen(kStroke, 2));
        for (int i = 0; i + 1 < poly.size(); ++i) // the last point follows the pointer
            painter->drawEllipse(poly.at(i), 4, 4);
        break;
    }
    }
}

} // namespace alpr

#include "VectorTileSource.h"

#include "GeoJsonLayer.h"
#include "TaskRelay.h"
#include "WebMercator.h"

#include <QPainter>
#include <QPainterPath>
#include <QThreadPool>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

enum class RoadClass { Motorway, Primary, Secondary, Arterial, Minor };

RoadClass roadClassOf(const QVariantMap& properties)
{
    static const char* const keys[] = { "highway", "class", "fclass", "road_class" };
    QString value;
    for (const char* key : keys) {
        value = properties.value(QLatin1String(key)).toString().toLower();
        if (!value.isEmpty())
            break;
    }
    if (value.isEmpty())
        return RoadClass::Arterial; // e.g. transit route shapes: they run along the arterials
    if (value.startsWith(QLatin1String("motorway")) || value.startsWith(QLatin1String("trunk")))
        return RoadClass::Motorway;
    if (value.startsWith(QLatin1String("primary")))
        return RoadClass::Primary;
    if (value.startsWith(QLatin1String("secondary")))
        return RoadClass::Secondary;
    if (value.startsWith(QLatin1String("tertiary")))
        return RoadClass::Arterial;
    return RoadClass::Minor;
}

struct LineStyle
{
    QColor fill;
    QColor casing;
    double widthAtZ15; ///< pixels
    int minZoom;
};

LineStyle styleOf(RoadClass c)
{
    switch (c) {
    case RoadClass::Motorway:
        return { QColor(0xe8, 0x92, 0x2f), QColor(0xb0, 0x6a, 0x1e), 9, 0 };
    case RoadClass::Primary:
        return { QColor(0xfc, 0xd6, 0xa4), QColor(0xc4, 0x9c, 0x6c), 8, 8 };
    case RoadClass::Secondary:
        return { QColor(0xf7, 0xfa, 0xbf), QColor(0xb5, 0xb8, 0x80), 7, 9 };
    case RoadClass::Arterial:
        return { QColor(0xff, 0xff, 0xff), QColor(0xb8, 0xb0, 0xa4), 7, 9 };
    case RoadClass::Minor:
        break;
    }
    return { QColor(0xff, 0xff, 0xff), QColor(0xcc, 0xc4, 0xb8), 4.5, 13 };
}

const QColor kLand(0xf2, 0xef, 0xe9);

} // namespace

/** The layer projected once to Mercator, with bounding boxes, shared read-only by every render task. */
struct VectorTileSource::Prepared
{
    struct Feature
    {
        GeoFeature::Kind kind;
        RoadClass roadClass;
        QList<QList<QPointF>> parts; // normalised Mercator
        QRectF bounds;
    };
    std::vector<Feature> features; // drawing order: polygons, then lines by class (minor first), then points
};

VectorTileSource::VectorTileSource(const GeoJsonLayer& layer, const QString& name, const QString& attribution,
                                   QObject* parent)
    : TileSource(parent)
    , m_name(name)
    , m_attribution(attribution)
    , m_relay(TaskRelay::make(this))
{
    auto prepared = std::make_shared<Prepared>();
    for (const GeoFeature& f : layer.features) {
        Prepared::Feature p { f.kind, roadClassOf(f.properties), {}, {} };
        double minX = 2, minY = 2, maxX = -1, maxY = -1;
        for (const QList<QPointF>& part : f.parts) {
            QList<QPointF> projected;
            projected.reserve(part.size());
            for (const QPointF& lonLat : part) {
                const QPointF m = WebMercator::toMercator(lonLat.y(), lonLat.x());
                projected << m;
                minX = std::min(minX, m.x());
                maxX = std::max(maxX, m.x());
                minY = std::min(minY, m.y());
                maxY = std::max(maxY, m.y());
            }
            p.parts << projected;
        }
        p.bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
        prepared->features.push_back(std::move(p));
    }
    auto rank = [](const Prepared::Feature& f) {
        if (f.kind == GeoFeature::Kind::Polygon)
            return 0;
        if (f.kind == GeoFeature::Kind::Point)
            return 10;
        return 5 - int(f.roadClass); // Minor (4) → 1 ... Motorway (0) → 5
    };
    std::stable_sort(prepared->features.begin(), prepared->features.end(),
                     [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    m_prepared = std::move(prepared);
}

VectorTileSource::~VectorTileSource()
{
    m_relay->detach();
}

namespace {

double lineWidth(const LineStyle& style, int z)
{
    return std::clamp(style.widthAtZ15 * std::exp2((z - 15) * 0.5), 0.8, 16.0);
}

QImage renderPrepared(const VectorTileSource::Prepared& data, const TileId& tile)
{
    QImage image(WebMercator::kTileSize, WebMercator::kTileSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(kLand);
    const QRectF r = WebMercator::tileMercatorRect(tile);
    const double scale = WebMercator::kTileSize / r.width();
    // Lines as wide as 18 px reach into the tile from features just outside it.
    const double margin = 16.0 / scale;
    const QRectF cull = r.adjusted(-margin, -margin, margin, margin);
    auto toTile = [&](const QList<QPointF>& part) {
        QPolygonF poly;
        poly.reserve(part.size());
        for (const QPointF& m : part)
            poly << QPointF((m.x() - r.x()) * scale, (m.y() - r.y()) * scale);
        return poly;
    };

    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    // Casings first, then every fill over them: route shapes that share a street merge into one street.
    for (int pass = 0; pass < 3; ++pass) {
        for (const auto& f : data.features) {
            // By hand: QRectF::intersects() is false for the zero-size boxes of points and straight lines.
            if (f.bounds.left() > cull.right() || f.bounds.right() < cull.left() || f.bounds.top() > cull.bottom()
                || f.bounds.bottom() < cull.top())
                continue;
            if (f.kind == GeoFeature::Kind::Polygon) {
                if (pass != 0)
                    continue;
                QPainterPath path;
                path.setFillRule(Qt::OddEvenFill);
                for (const auto& ring : f.parts)
                    path.addPolygon(toTile(ring));
                painter.setPen(QPen(QColor(0xc8, 0xc2, 0xb8), 1));
                painter.setBrush(QColor(0xe3, 0xdf, 0xd6));
                painter.drawPath(path);
            } else if (f.kind == GeoFeature::Kind::Line) {
                const LineStyle style = styleOf(f.roadClass);
                if (tile.z < style.minZoom || pass == 2)
                    continue;
                const double w = lineWidth(style, tile.z);
                const bool thin = w < 2.5;
                if (thin && pass == 1)
                    continue; // thin lines are drawn once, in the casing colour, so they stay visible
                QPen pen(pass == 0 ? style.casing : style.fill, pass == 0 ? (thin ? w : w + 2.0) : w);
                pen.setCapStyle(Qt::RoundCap);
                pen.setJoinStyle(Qt::RoundJoin);
                painter.setPen(pen);
                painter.setBrush(Qt::NoBrush);
                for (const auto& part : f.parts)
                    painter.drawPolyline(toTile(part));
            } else if (pass == 2 && tile.z >= 17) {
                // Points (e.g. named intersections) only close up, small: at lower zooms they read as noise.
                painter.setPen(QPen(QColor(0x8a, 0x84, 0x7c), 1));
                painter.setBrush(QColor(0xfa, 0xf8, 0xf4));
                for (const auto& part : f.parts)
                    for (const QPointF& p : toTile(part))
                        painter.drawEllipse(p, 2.0, 2.0);
            }
        }
    }
    return image;
}

} // namespace

void VectorTileSource::requestTile(const TileId& tile)
{
    if (m_pending.contains(tile))
        return;
    m_pending.insert(tile, true);
    m_queue.prepend(tile);
    startNext();
}

void VectorTileSource::cancelQueued()
{
    for (const TileId& t : std::as_const(m_queue))
        m_pending.remove(t);
    m_queue.clear();
}

void VectorTileSource::startNext()
{
    // A few at a time from our own queue, not all into the pool: a fast zoom through many levels must not leave
    // hundreds of stale tiles ahead of the ones now in view (and of the marker frames sharing the pool).
    const int limit = std::max(1, QThreadPool::globalInstance()->maxThreadCount());
    while (m_running < limit && !m_queue.isEmpty()) {
        const TileId tile = m_queue.takeFirst();
        ++m_running;
        // `self` is only dereferenced inside the posted call, which the relay drops once this source is gone.
        QThreadPool::globalInstance()->start([prepared = m_prepared, relay = m_relay, self = this, tile] {
            const QImage image = renderPrepared(*prepared, tile);
            relay->post([self, tile, image] {
                --self->m_running;
                self->m_pending.remove(tile);
                Q_EMIT self->tileReady(tile, image);
                self->startNext();
            });
        });
    }
}

QImage VectorTileSource::renderTile(const TileId& tile) const
{
    return renderPrepared(*m_prepared, tile);
}

} // namespace alpr

#include "TileLayerItem.h"

#include "MapView.h"
#include "TileSource.h"
#include "WebMercator.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace alpr {

TileLayerItem::TileLayerItem(MapView& view)
    : MapLayerItem(view)
{
    // 384 tiles of 256 KB: ~100 MB at most, a few screens of tiles at every zoom the user went through.
    m_cache.setMaxCost(384);
}

void TileLayerItem::setSource(TileSource* source)
{
    if (m_source)
        QObject::disconnect(m_source, nullptr, &m_view, nullptr);
    m_source = source;
    m_cache.clear();
    m_pending.clear();
    m_failed.clear();
    m_lastError.clear();
    if (m_source) {
        QObject::connect(m_source, &TileSource::tileReady, &m_view,
                         [this](const TileId& t, const QImage& image) { tileReady(t, image); });
        QObject::connect(m_source, &TileSource::tileFailed, &m_view,
                         [this](const TileId& t, const QString& reason) { tileFailed(t, reason); });
    }
    viewportChanged();
}

int TileLayerItem::tileZoom() const
{
    // Tiles of the nearest level look sharpest; beyond the source's range they are scaled (over-zoom).
    return std::clamp(int(std::lround(mapViewport().zoom())), m_source->minZoom(), m_source->maxZoom());
}

void TileLayerItem::viewportChanged()
{
    update();
    if (!m_source)
        return;
    const int z = tileZoom();
    const int n = 1 << z;
    const QRectF b = mapViewport().mercatorBounds();
    const int x0 = std::clamp(int(std::floor(b.left() * n)), 0, n - 1);
    const int x1 = std::clamp(int(std::floor(b.right() * n)), 0, n - 1);
    const int y0 = std::clamp(int(std::floor(b.top() * n)), 0, n - 1);
    const int y1 = std::clamp(int(std::floor(b.bottom() * n)), 0, n - 1);
    // Queued requests for where the view was are dropped; what is visible is asked for again, centre first.
    m_source->cancelQueued();
    m_pending.clear();
    QList<TileId> wanted;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const TileId t { z, x, y };
            if (!m_cache.contains(t) && !m_failed.contains(t))
                wanted << t;
        }
    const QPointF c = mapViewport().centre() * n;
    std::sort(wanted.begin(), wanted.end(), [&](const TileId& a, const TileId& b) {
        const double da = std::hypot(a.x + 0.5 - c.x(), a.y + 0.5 - c.y());
        const double db = std::hypot(b.x + 0.5 - c.x(), b.y + 0.5 - c.y());
        return da > db; // sources serve the newest request first
    });
    for (const TileId& t : std::as_const(wanted)) {
        m_pending.insert(t, true);
        m_source->requestTile(t);
    }
}

void TileLayerItem::tileReady(const TileId& tile, const QImage& image)
{
    m_pending.remove(tile);
    m_lastError.clear();
    // A null image means "no data there": cached as such so it is not asked for again.
    m_cache.insert(tile, new QImage(image));
    update();
}

void TileLayerItem::tileFailed(const TileId& tile, const QString& reason)
{
    m_pending.remove(tile);
    m_failed.insert(tile, true);
    m_lastError = reason;
    update();
}

bool TileLayerItem::drawFallback(QPainter* painter, const TileId& tile, const QRect& target)
{
    for (int up = 1; up <= 6 && tile.z - up >= 0; ++up) {
        const TileId parent { tile.z - up, tile.x >> up, tile.y >> up };
        const QImage* image = m_cache.object(parent);
        if (!image || image->isNull())
            continue;
        const int part = image->width() >> up;
        const QRect source((tile.x - (parent.x << up)) * part, (tile.y - (parent.y << up)) * part, part, part);
        painter->drawImage(target, *image, source);
        return true;
    }
    return false;
}

void TileLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_source)
        return;
    const MapViewport& v = mapViewport();
    const int z = tileZoom();
    const int n = 1 << z;
    const QRectF b = v.mercatorBounds();
    const int x0 = std::clamp(int(std::floor(b.left() * n)), 0, n - 1);
    const int x1 = std::clamp(int(std::floor(b.right() * n)), 0, n - 1);
    const int y0 = std::clamp(int(std::floor(b.top() * n)), 0, n - 1);
    const int y1 = std::clamp(int(std::floor(b.bottom() * n)), 0, n - 1);
    const bool scaled = std::abs(v.zoom() - z) > 1e-9;
    painter->setRenderHint(QPainter::SmoothPixmapTransform, scaled);
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const TileId t { z, x, y };
            // Edges rounded once per grid line, so neighbouring tiles meet without seams at any zoom.
            const QPointF tl = v.mercatorToScreen(QPointF(double(x) / n, double(y) / n));
            const QPointF br = v.mercatorToScreen(QPointF(double(x + 1) / n, double(y + 1) / n));
            const QRect target(QPoint(int(std::lround(tl.x())), int(std::lround(tl.y()))),
                               QPoint(int(std::lround(br.x())) - 1, int(std::lround(br.y())) - 1));
            if (const QImage* image = m_cache.object(t)) {
                if (!image->isNull())
                    painter->drawImage(target, *image);
            } else {
                drawFallback(painter, t, target);
            }
        }
    }
}

} // namespace alpr

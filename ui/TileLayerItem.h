#pragma once

#include "MapLayerItem.h"
#include "TileId.h"

#include <QCache>
#include <QHash>
#include <QImage>

namespace alpr {

class TileSource;

/**
 * The basemap layer: draws the tiles of the nearest integer zoom, scaled to the fractional zoom, from a cache; asks
 * the source for missing ones when the view changes and, meanwhile, draws a cached parent tile enlarged so the map
 * never shows holes while it loads.
 */
class TileLayerItem final : public MapLayerItem
{
public:
    explicit TileLayerItem(MapView& view);

    /** Not owned; null draws nothing. Clears the cache. */
    void setSource(TileSource* source);
    void viewportChanged() override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    /** Tiles asked for and not yet answered. */
    int pendingCount() const { return m_pending.size(); }
    /** The latest failure reason, cleared by the next tile that loads. */
    const QString& lastError() const { return m_lastError; }

private:
    int tileZoom() const;
    void tileReady(const TileId& tile, const QImage& image);
    void tileFailed(const TileId& tile, const QString& reason);
    bool drawFallback(QPainter* painter, const TileId& tile, const QRect& target);

    TileSource* m_source = nullptr;
    QCache<TileId, QImage> m_cache;
    QHash<TileId, bool> m_pending;
    QHash<TileId, bool> m_failed;
    QString m_lastError;
};

} // namespace alpr

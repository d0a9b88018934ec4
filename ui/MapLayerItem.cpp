#include "MapLayerItem.h"

#include "MapView.h"

namespace alpr {

MapLayerItem::MapLayerItem(MapView& view)
    : m_view(view)
{
}

QRectF MapLayerItem::boundingRect() const
{
    const QSize s = m_view.mapViewport().size();
    return { 0, 0, double(s.width()), double(s.height()) };
}

const MapViewport& MapLayerItem::mapViewport() const
{
    return m_view.mapViewport();
}

} // namespace alpr

#include "WebMercator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace alpr::WebMercator {

QPointF toMercator(double lat, double lon)
{
    const double clampedLat = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    const double phi = clampedLat * std::numbers::pi / 180.0;
    const double x = (lon + 180.0) / 360.0;
    const double y = (1.0 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2.0;
    return { x, y };
}

double latitudeOf(double mercatorY)
{
    return std::atan(std::sinh(std::numbers::pi * (1.0 - 2.0 * mercatorY))) * 180.0 / std::numbers::pi;
}

double longitudeOf(double mercatorX)
{
    return mercatorX * 360.0 - 180.0;
}

double worldSize(double zoom)
{
    return kTileSize * std::exp2(zoom);
}

QPointF toWorldPixels(double lat, double lon, double zoom)
{
    return toMercator(lat, lon) * worldSize(zoom);
}

TileId tileAt(double lat, double lon, int z)
{
    const QPointF m = toMercator(lat, lon);
    const int n = 1 << z;
    // floor, then clamp: lon = 180 and lat = -85.05 sit exactly on the far edge of the world.
    const int x = std::clamp(int(std::floor(m.x() * n)), 0, n - 1);
    const int y = std::clamp(int(std::floor(m.y() * n)), 0, n - 1);
    return { z, x, y };
}

QRectF tileMercatorRect(const TileId& tile)
{
    const double size = 1.0 / double(1 << tile.z);
    return { tile.x * size, tile.y * size, size, size };
}

double metresPerPixel(double lat, double zoom)
{
    return kEquatorMetresPerPixel * std::cos(lat * std::numbers::pi / 180.0) / std::exp2(zoom);
}

} // namespace alpr::WebMercator

#pragma once

#include "TileId.h"

#include <QPointF>
#include <QRectF>

namespace alpr {

/**
 * Web-Mercator (EPSG:3857) maths of slippy maps, as OpenStreetMap's "Slippy map tilenames" defines it.
 *
 * "Mercator" coordinates are normalised: x from 0 (180° W) to 1 (180° E), y from 0 (85.0511° N) to 1 (85.0511° S).
 * World pixels at zoom z are Mercator × 256 × 2^z; z may be fractional. Latitudes are clamped to ±85.0511287798°,
 * the square world's edge.
 */
namespace WebMercator {

constexpr int kTileSize = 256;
constexpr double kMaxLatitude = 85.05112877980659;
/** Ground resolution at the equator at zoom 0, in metres per pixel (WGS 84 equatorial circumference / 256). */
constexpr double kEquatorMetresPerPixel = 156543.03392804097;

/** (lat, lon) in degrees to normalised Mercator (x, y). */
QPointF toMercator(double lat, double lon);
/** Normalised Mercator to latitude (degrees). */
double latitudeOf(double mercatorY);
/** Normalised Mercator to longitude (degrees). */
double longitudeOf(double mercatorX);
/** World size in pixels at a (possibly fractional) zoom: 256 × 2^zoom. */
double worldSize(double zoom);
/** (lat, lon) to world pixels at a zoom. */
QPointF toWorldPixels(double lat, double lon, double zoom);
/** The tile at integer zoom z that contains (lat, lon); x and y clamped to [0, 2^z). */
TileId tileAt(double lat, double lon, int z);
/** The tile's extent in normalised Mercator coordinates. */
QRectF tileMercatorRect(const TileId& tile);
/** Ground metres per pixel at a latitude and zoom. */
double metresPerPixel(double lat, double zoom);
/** The TMS row (MBTiles: y counted from the south) of an XYZ row, and back (the same flip). */
inline int flipY(int z, int y) { return (1 << z) - 1 - y; }

} // namespace WebMercator

} // namespace alpr

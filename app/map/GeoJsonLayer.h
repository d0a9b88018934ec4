#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVariantMap>

namespace alpr {

/** One feature of a GeoJSON layer. Positions are (x = longitude, y = latitude) in degrees, as GeoJSON orders them. */
struct GeoFeature
{
    enum class Kind { Point, Line, Polygon };
    Kind kind = Kind::Point;
    /**
     * Point/MultiPoint: one part holding the point(s). LineString: one part; MultiLineString: one per line.
     * Polygon: its rings (outer first); MultiPolygon: every polygon's rings in order (drawn with the odd-even rule).
     */
    QList<QList<QPointF>> parts;
    QVariantMap properties;
    int index = 0; ///< position in the file's features array, for messages
};

/** A GeoJSON FeatureCollection read into memory (see GeoJsonReader). */
struct GeoJsonLayer
{
    QString name; ///< file (display) name
    QList<GeoFeature> features;
    QRectF bounds; ///< (lon, lat) bounding box of every position; null when empty
    int skippedNullGeometries = 0;
};

} // namespace alpr

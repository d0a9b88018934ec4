#pragma once

#include "GeoJsonLayer.h"
#include "Result.h"

#include <QByteArray>

namespace alpr {

/**
 * Reads GeoJSON (RFC 7946) point, line and polygon layers: a FeatureCollection (or a single Feature) of Point,
 * MultiPoint, LineString, MultiLineString, Polygon and MultiPolygon geometries with their properties. Features
 * with a null geometry are skipped and counted. Bad input is a BadInput error naming the file, the feature's index
 * and the reason (e.g. "streets.geojson: feature 3: position 5 is not a [longitude, latitude] pair").
 */
class GeoJsonReader
{
public:
    static Result<GeoJsonLayer> read(const QByteArray& json, const QString& displayName);
    static Result<GeoJsonLayer> readFile(const QString& path);
};

} // namespace alpr

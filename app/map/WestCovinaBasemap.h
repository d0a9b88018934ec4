#pragma once

#include "GeoJsonLayer.h"
#include "Result.h"

#include <QGeoCoordinate>

#include <memory>

class QObject;

namespace alpr {

class VectorTileSource;

/**
 * The offline demo basemap: the real West Covina street geometry compiled into the executables (resources/
 * westcovina: LA Metro regional GTFS route shapes along the arterials, and named intersections), drawn locally as
 * vector streets. Needs the alpr_resources library linked into the executable.
 */
class WestCovinaBasemap
{
public:
    /** The credit the data's source asks for, shown on the map. */
    static QString attribution();
    /** The streets (lines) and named intersections (points with a "name" property). */
    static Result<GeoJsonLayer> layer();
    /** A tile source drawing layer(). */
    static Result<std::unique_ptr<VectorTileSource>> createSource(QObject* parent = nullptr);
    /** Where to look first: the middle of the covered area, and a zoom that shows all of it in ~900 px. */
    static QGeoCoordinate centre();
    static constexpr double kInitialZoom = 12.5;
};

} // namespace alpr

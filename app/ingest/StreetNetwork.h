#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QString>
#include <vector>

namespace alpr {

/** A point on a street with the direction of travel along it (degrees clockwise from north). */
struct StreetPoint
{
    double lat = 0;
    double lon = 0;
    float heading = 0;
};

/** A named intersection from stops.csv, snapped onto the nearest route line. */
struct StreetSite
{
    QString name; ///< cleaned, "Azusa Ave & Amar Rd"
    QString feed; ///< the GTFS feed (city) it came from
    double lat = 0;
    double lon = 0;
    float heading = 0; ///< along the road, towards the direction the stop's name hints at when it does
    int route = -1;
    double offsetM = 0; ///< distance along the route
};

/**
 * The real West Covina street geometry the demo data sits on: transit route lines along the arterials
 * (routes.geojson) and named intersections (stops.csv), both from the compiled-in resources.
 * Distances use a local equirectangular projection, good to a few centimetres over the 15 km area.
 */
class StreetNetwork
{
public:
    /** Reads :/westcovina/routes.geojson and :/westcovina/stops.csv. */
    Status load();
    /** Parses the two files' contents; errors name the file (the given display names), feature or line. */
    Status loadFromData(const QByteArray& routesGeoJson, const QString& routesName, const QByteArray& stopsCsv,
                        const QString& stopsName);

    int routeCount() const { return int(m_routes.size()); }
    double routeLengthM(int route) const { return m_routes[size_t(route)].cumulative.back(); }
    /** The route's vertices as (lon, lat). */
    QList<QPointF> routeVertices(int route) const;
    /** The point offsetM metres along the route (clamped to its ends), heading in the route's direction. */
    StreetPoint pointAt(int route, double offsetM) const;
    /** Offset along the route of the point on it nearest (lat, lon); *distanceM gets how far that point is. */
    double projectOntoRoute(int route, double lat, double lon, double* distanceM) const;
    /** Distance from (lat, lon) to the nearest route line, in metres. */
    double distanceToRoutesM(double lat, double lon) const;
    /** Intersections with usable names within 40 m of a route, one per distinct name, in file order. */
    const QList<StreetSite>& sites() const { return m_sites; }

    /**
     * "Amar Rd and Lark Ellen Ave E" → "Amar Rd & Lark Ellen Ave"; "Asuza and Workman S" → "Azusa Ave &
     * Workman Ave". Empty when the stop is not a two-street intersection (a school, a station, "Lakes Dr and
     * Lakes Dr").
     */
    static QString cleanIntersectionName(const QString& raw);
    static double distanceM(double lat1, double lon1, double lat2, double lon2);
    /** Moves (lat, lon) by the given metres east and north. */
    static void offsetM(double& lat, double& lon, double eastM, double northM);
    /** Bounding box of the routes and sites as (lon, lat) corners. */
    QPointF southWest() const { return m_southWest; }
    QPointF northEast() const { return m_northEast; }

private:
    struct Route
    {
        std::vector<double> x; // metres east of the origin
        std::vector<double> y; // metres north of the origin
        std::vector<double> cumulative; // distance from the first vertex
    };
    struct Nearest
    {
        int route = -1;
        size_t segment = 0;
        double t = 0;
        double distance = 1e300;
    };
    Nearest nearest(double x, double y) const;
    Nearest nearestOnRoute(size_t route, double x, double y) const;
    Status parseRoutes(const QByteArray& data, const QString& name);
    Status parseStops(const QByteArray& data, const QString& name);

    std::vector<Route> m_routes;
    QList<StreetSite> m_sites;
    QPointF m_southWest;
    QPointF m_northEast;
};

} // namespace alpr

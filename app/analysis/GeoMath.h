#pragma once

#include <QtGlobal>

namespace alpr {

/**
 * Distances on the sphere, the one formula every canvass analysis uses: the haversine on Qt's mean earth radius
 * (QGeoCoordinate::distanceTo gives the same metres). The local store's benchmark baselines compute it in SQL with the
 * same operations in the same order (ReadAreaQueries), so both agree to the last bit on which read is inside.
 */
class GeoMath
{
public:
    static constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
    static constexpr double kEarthRadiusM = 6371007.2;
    /** Metres along a meridian per degree of latitude. */
    static constexpr double kMetresPerDegreeLat = kEarthRadiusM * kRadiansPerDegree;

    /** Great-circle distance in metres from (lat1, lon1) to (lat2, lon2), degrees. */
    static double metres(double lat1, double lon1, double lat2, double lon2);
    /**
     * Half-widths in degrees of a box that holds every point within radiusM of (lat, lon): *dLat and *dLon (a little
     * generous, never too small). Near the poles dLon is capped at 180.
     */
    static void boxAround(double lat, double radiusM, double* dLat, double* dLon);
};

} // namespace alpr

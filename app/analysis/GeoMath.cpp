#include "GeoMath.h"

#include <algorithm>
#include <cmath>

namespace alpr {

double GeoMath::metres(double lat1, double lon1, double lat2, double lon2)
{
    // Keep in step with distanceSql() in app/store/ReadAreaQueries.cpp: same operations, same order.
    const double sinDLat = std::sin((lat2 - lat1) * kRadiansPerDegree / 2.0);
    const double sinDLon = std::sin((lon2 - lon1) * kRadiansPerDegree / 2.0);
    const double y = sinDLat * sinDLat
        + std::cos(lat1 * kRadiansPerDegree) * std::cos(lat2 * kRadiansPerDegree) * (sinDLon * sinDLon);
    return 2.0 * std::asin(std::sqrt(y)) * kEarthRadiusM;
}

void GeoMath::boxAround(double lat, double radiusM, double* dLat, double* dLon)
{
    // 1 % and a millimetre of slack: the box only preselects, the exact distance decides, so it may be too big but
    // never too small (rounding in the degree conversion must not cut a read off at the edge).
    const double r = std::max(0.0, radiusM) * 1.01 + 0.001;
    *dLat = r / kMetresPerDegreeLat;
    // The widest longitude span is at the box's edge nearest the pole.
    const double worstLat = std::min(89.9, std::abs(lat) + *dLat);
    *dLon = std::min(180.0, *dLat / std::cos(worstLat * kRadiansPerDegree));
}

} // namespace alpr

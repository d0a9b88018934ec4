#pragma once

#include "Read.h"
#include "Result.h"

#include <QList>
#include <vector>

namespace alpr {

class DemoRandom;
class StreetNetwork;

/**
 * The demo's camera network: ~48 fixed cameras at real, named intersections (West Covina's own first, the
 * arterials preferred, at least 350 m apart) facing along the road, and 8 patrol cars with ALPR units, each
 * with a beat of route lines. Cameras are the same for every seed: a city's camera sites do not move.
 *
 * Along each route line the fixed cameras it passes form a corridor; trip() follows one, so a vehicle is read
 * at consecutive cameras the way it would drive past them.
 */
class CameraNetwork
{
public:
    static constexpr int FixedTarget = 48;
    static constexpr int MobileUnits = 8;
    static constexpr double MinSpacingM = 350;

    Status build(const StreetNetwork& streets);

    /** Fixed cameras first, then the mobile units; Camera::id is index + 1. */
    const QList<Camera>& cameras() const { return m_cameras; }
    int fixedCount() const { return m_fixedCount; }
    int mobileCount() const { return int(m_cameras.size()) - m_fixedCount; }
    /** Whether the camera reports make and colour (many fixed cameras only read plates). */
    bool reportsVehicle(int camera) const { return m_reportsVehicle[size_t(camera)]; }
    /** A fixed camera, the busier ones more often. */
    int pickFixed(DemoRandom& random) const;
    /**
     * Fills cameras with up to maxLength fixed cameras a vehicle passes in a row, starting at first, along one
     * of the routes through it in either direction; gapsM[i] is the road distance from cameras[i - 1]. Returns
     * the count (at least 1).
     */
    int trip(int first, int maxLength, DemoRandom& random, int* cameras, double* gapsM) const;
    /** The cameras along the longest corridor through camera, in order; *position is camera's index in it. */
    QList<int> corridor(int camera, int* position) const;
    /** A route line of the unit's beat (unit 0..MobileUnits-1). */
    int beatRoute(int unit, DemoRandom& random) const;

private:
    struct Stop
    {
        int camera;
        double offsetM;
    };
    struct Membership
    {
        int route;
        int index;
    };
    std::vector<std::vector<Stop>> m_corridors; // per route, by offset
    std::vector<std::vector<Membership>> m_memberships; // per fixed camera
    std::vector<std::vector<int>> m_beats; // per unit
    std::vector<double> m_cumulativeWeight; // per fixed camera
    std::vector<bool> m_reportsVehicle;
    QList<Camera> m_cameras;
    int m_fixedCount = 0;
};

} // namespace alpr

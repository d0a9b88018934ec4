#pragma once

#include "DemoEvent.h"
#include "PlateFormats.h"

#include <vector>

namespace alpr {

class CameraNetwork;
class DemoRandom;

/**
 * The commuters of the demo population: each drives the same two or three consecutive cameras to work on most
 * weekdays (88 %) at a personal time (06:00-09:30, ±7 min from day to day) and back in the evening, and now
 * and then on a weekend. A commuter's day is drawn from a hash of (commuter, date), so any window gives the
 * same days for the same seed.
 */
class CommuterSchedule
{
public:
    /** Reads one commuter produces over days, on average (to size the group for a read budget). */
    static double expectedReads(int days);

    void build(int count, const CameraNetwork& network, PlateFormats& formats, DemoRandom& random);
    int count() const { return int(m_commuters.size()); }
    PlateKey plate(int commuter) const { return m_commuters[size_t(commuter)].plate; }
    /** Appends every commuter read inside [startMs, endMs) (sequence 0, unsorted). */
    void appendEvents(qint64 startMs, qint64 endMs, std::vector<DemoEvent>& out) const;

private:
    struct Commuter
    {
        PlateKey plate = 0;
        quint64 hash = 0;
        int length = 0;
        int cameras[3] = {};
        double gapsM[3] = {};
        double morningMinute = 0;
        double eveningMinute = 0;
    };
    void appendTrip(const Commuter& c, qint64 departMs, bool reverse, quint64 h, qint64 startMs, qint64 endMs,
                    std::vector<DemoEvent>& out) const;

    std::vector<Commuter> m_commuters;
};

} // namespace alpr

#pragma once

#include <QtGlobal>

namespace alpr {

/**
 * One demo read before it is made into a Read: when, which vehicle, where. 32 bytes, so a day of a 10 M-read
 * demo (170,000 of them) sorts in a few milliseconds. Events sort by (timeMs, sequence), which is unique, so the
 * order and everything drawn afterwards are the same on every run.
 */
struct DemoEvent
{
    enum Flag : quint8 {
        Scripted = 1, ///< plate is an index into the scripted vehicles, not a PlateKey
        Misread = 2, ///< a scripted read whose primary is the vehicle's misread variant
        Images = 4, ///< always render images (scripted reads)
        Reverse = 8, ///< mobile: driving against the route's direction
    };

    qint64 timeMs = 0;
    quint64 plate = 0; ///< PlateKey, or scripted-vehicle index with Scripted
    quint32 sequence = 0;
    qint16 camera = 0; ///< index into CameraNetwork::cameras()
    qint16 route = -1; ///< mobile: the route line driven
    float offsetM = 0; ///< mobile: distance along it
    quint8 flags = 0;

    bool operator<(const DemoEvent& o) const { return timeMs != o.timeMs ? timeMs < o.timeMs : sequence < o.sequence; }
};

} // namespace alpr

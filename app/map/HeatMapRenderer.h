#pragma once

#include <QColor>
#include <QImage>

namespace alpr {

class MapViewport;
class MarkerSet;

/**
 * Read density as a heat map: reads are counted on a grid of 4 px cells, smoothed with three box blurs (close to a
 * Gaussian of ~10 px), scaled logarithmically against the densest cell in view and coloured with a ramp from
 * transparent blue through green and yellow to red. Any thread.
 */
class HeatMapRenderer
{
public:
    static QImage render(const MarkerSet& set, const MapViewport& viewport, qreal devicePixelRatio = 1);
    /** The colour ramp, t in [0, 1] (premultiplied alpha rises with t). */
    static QColor rampColour(double t);
};

} // namespace alpr

#pragma once

#include "MarkerClusterer.h"

#include <QImage>
#include <QSet>

#include <memory>

namespace alpr {

class MarkerSet;

/** One rendered marker frame: the image (transparent where empty) and what it shows, for hit testing. */
struct MarkerFrame
{
    MapViewport viewport;
    QImage image; ///< viewport.size() × devicePixelRatio, ARGB32 premultiplied
    bool heatMap = false;
    MarkerClusters clusters; ///< empty in heat-map mode
    std::shared_ptr<const MarkerSet> set;
};

/**
 * Paints reads for one viewport into a QImage — clusters (a disc sized and coloured by its count, with the count),
 * single reads as dots — or a heat map (HeatMapRenderer). QPainter on a QImage: runs on any thread, so the map view
 * renders frames on the thread pool and the GUI thread only draws the finished image.
 */
class MarkerRenderer
{
public:
    struct Options
    {
        MarkerClusterer::Options clustering;
        bool heatMap = false;
        qreal devicePixelRatio = 1;
        /** Reads drawn highlighted (e.g. the current selection), as indices into the set. */
        std::shared_ptr<const QSet<int>> highlighted;
    };

    static MarkerFrame render(const std::shared_ptr<const MarkerSet>& set, const MapViewport& viewport,
                              const Options& options);
    /** Paints already-computed clusters; painter is set up for the frame's screen coordinates. */
    static void paintClusters(QPainter& painter, const MarkerClusters& clusters, const QSet<int>* highlighted);
    /** The disc radius (px) of a cluster of count reads. */
    static double clusterRadius(int count);

    /** The baseline the benchmark compares with: every read as its own antialiased ellipse, no clustering. */
    static QImage renderEveryRead(const MarkerSet& set, const MapViewport& viewport);
};

} // namespace alpr

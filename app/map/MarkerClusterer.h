#pragma once

#include "MapViewport.h"

#include <QPointF>

#include <vector>

namespace alpr {

class MarkerSet;

/** One drawn marker: a group of reads (count > 1) or a single read. */
struct MarkerCluster
{
    QPointF screen; ///< where it is drawn: the mean screen position of its reads
    int count = 0;
    int firstMember = 0; ///< its reads are MarkerClusters::members[firstMember, firstMember + count)
    qint64 minTimeMs = 0;
    qint64 maxTimeMs = 0;
};

/** The markers of one frame. */
struct MarkerClusters
{
    MapViewport viewport;
    bool individual = false; ///< true at high zoom: reads drawn singly (reads a few pixels apart as one stack)
    std::vector<MarkerCluster> clusters;
    std::vector<int> members; ///< indices into the MarkerSet, grouped by cluster
    int visibleReads = 0; ///< == members.size()
};

/**
 * Grid clustering (as Leaflet.markercluster's grid and supercluster do it): below individualFromZoom, reads are
 * grouped by square cells of cellPx screen pixels aligned to the world pixel grid at the frame's zoom, so a cluster
 * keeps its reads while the map pans. The frame covers every cell that touches the viewport grown by marginPx (so
 * clusters at the edges stay whole). From individualFromZoom on, reads are shown singly: the cells shrink to
 * stackPx, so only reads that would overlap anyway (the same camera) share a marker, drawn as a stack with its count.
 * Each read of the covered area is in exactly one cluster. Runs on any thread; O(reads + cells).
 */
class MarkerClusterer
{
public:
    struct Options
    {
        double cellPx = 80;
        double individualFromZoom = 16;
        double stackPx = 16;
        double marginPx = 32;
    };

    static MarkerClusters cluster(const MarkerSet& set, const MapViewport& viewport, const Options& options);
    static MarkerClusters cluster(const MarkerSet& set, const MapViewport& viewport)
    {
        return cluster(set, viewport, Options {});
    }
};

} // namespace alpr

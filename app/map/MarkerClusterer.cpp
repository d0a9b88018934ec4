#include "MarkerClusterer.h"

#include "MarkerSet.h"

#include <cmath>
#include <limits>

namespace alpr {

MarkerClusters MarkerClusterer::cluster(const MarkerSet& set, const MapViewport& viewport, const Options& options)
{
    MarkerClusters out;
    out.viewport = viewport;
    out.individual = viewport.zoom() >= options.individualFromZoom;
    const double scale = viewport.scale();
    const double halfW = viewport.size().width() / 2.0;
    const double halfH = viewport.size().height() / 2.0;
    const double cx = viewport.centre().x();
    const double cy = viewport.centre().y();
    // Cells are aligned to world pixels (not to the screen) so that panning does not regroup reads.
    const double cell = out.individual ? options.stackPx : options.cellPx;
    const double worldLeft = (cx * scale - halfW - options.marginPx);
    const double worldTop = (cy * scale - halfH - options.marginPx);
    const double worldRight = (cx * scale + halfW + options.marginPx);
    const double worldBottom = (cy * scale + halfH + options.marginPx);
    const qint64 col0 = qint64(std::floor(worldLeft / cell));
    const qint64 row0 = qint64(std::floor(worldTop / cell));
    const int cols = int(qint64(std::floor(worldRight / cell)) - col0 + 1);
    const int rows = int(qint64(std::floor(worldBottom / cell)) - row0 + 1);
    const size_t cellCount = size_t(cols) * size_t(rows);

    // Only the slab of reads whose x can fall in the covered cells (reads are sorted by x).
    // (Widened by a hair: the cell test below decides, with the same arithmetic as everywhere else.)
    const auto [first, last]
        = set.rangeX(double(col0) * cell / scale - 1e-12, double(col0 + cols) * cell / scale + 1e-12);

    // Pass 1: which cell each read of the slab falls in (or -1), and cell counts.
    std::vector<int> cellOf(size_t(last - first), -1);
    std::vector<int> counts(cellCount, 0);
    for (int i = first; i < last; ++i) {
        const qint64 c = qint64(std::floor(set.x(i) * scale / cell)) - col0;
        const qint64 r = qint64(std::floor(set.y(i) * scale / cell)) - row0;
        if (c < 0 || r < 0 || c >= cols || r >= rows)
            continue;
        const int index = int(r * cols + c);
        cellOf[size_t(i - first)] = index;
        ++counts[size_t(index)];
    }
    // Pass 2: a cluster per non-empty cell, members grouped by a counting sort (CSR layout).
    std::vector<int> clusterOfCell(cellCount, -1);
    int total = 0;
    for (size_t c = 0; c < cellCount; ++c) {
        if (counts[c] == 0)
            continue;
        clusterOfCell[c] = int(out.clusters.size());
        MarkerCluster k;
        k.firstMember = total;
        k.minTimeMs = std::numeric_limits<qint64>::max();
        k.maxTimeMs = std::numeric_limits<qint64>::min();
        out.clusters.push_back(k);
        total += counts[c];
    }
    out.members.resize(size_t(total));
    std::vector<double> sumX(out.clusters.size(), 0.0);
    std::vector<double> sumY(out.clusters.size(), 0.0);
    for (int i = first; i < last; ++i) {
        const int c = cellOf[size_t(i - first)];
        if (c < 0)
            continue;
        const int k = clusterOfCell[size_t(c)];
        MarkerCluster& cl = out.clusters[size_t(k)];
        out.members[size_t(cl.firstMember + cl.count)] = i;
        ++cl.count;
        sumX[size_t(k)] += set.x(i);
        sumY[size_t(k)] += set.y(i);
        const qint64 t = set.timeMs(i);
        cl.minTimeMs = std::min(cl.minTimeMs, t);
        cl.maxTimeMs = std::max(cl.maxTimeMs, t);
    }
    for (size_t k = 0; k < out.clusters.size(); ++k) {
        MarkerCluster& cl = out.clusters[k];
        cl.screen = viewport.mercatorToScreen(QPointF(sumX[k] / cl.count, sumY[k] / cl.count));
    }
    out.visibleReads = total;
    return out;
}

} // namespace alpr

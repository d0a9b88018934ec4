#include "SightingClusterer.h"

#include "GeoMath.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace alpr {

QList<QList<int>> SightingClusterer::cluster(const QList<ReadPoint>& points, double radiusMetres)
{
    const int n = int(points.size());
    QList<QList<int>> clusters;
    if (n == 0)
        return clusters;
    const double radius = std::max(0.0, radiusMetres);
    // Cells at least radius wide everywhere in the set, so every neighbour is in the 3 x 3 cells around a point.
    double maxAbsLat = 0;
    for (const ReadPoint& p : points)
        maxAbsLat = std::max(maxAbsLat, std::abs(p.lat));
    double dLat = 0;
    double dLon = 0;
    GeoMath::boxAround(std::min(89.0, maxAbsLat), radius, &dLat, &dLon);
    dLat = std::max(dLat, 1e-7);
    dLon = std::max(dLon, 1e-7);
    auto cellOf = [&](const ReadPoint& p) {
        return std::make_pair(qint64(std::floor(p.lat / dLat)), qint64(std::floor(p.lon / dLon)));
    };
    QHash<std::pair<qint64, qint64>, QList<int>> grid;
    for (int i = 0; i < n; ++i)
        grid[cellOf(points.at(i))].append(i);
    auto forNeighbours = [&](int i, const auto& visit) {
        const auto [cy, cx] = cellOf(points.at(i));
        const ReadPoint& a = points.at(i);
        for (qint64 y = cy - 1; y <= cy + 1; ++y) {
            for (qint64 x = cx - 1; x <= cx + 1; ++x) {
                const auto it = grid.constFind({ y, x });
                if (it == grid.constEnd())
                    continue;
                for (int j : *it) {
                    const ReadPoint& b = points.at(j);
                    if (GeoMath::metres(a.lat, a.lon, b.lat, b.lon) <= radius)
                        visit(j);
                }
            }
        }
    };
    QList<int> neighbours(n, 0);
    for (int i = 0; i < n; ++i)
        forNeighbours(i, [&](int) { ++neighbours[i]; });
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (neighbours.at(a) != neighbours.at(b))
            return neighbours.at(a) > neighbours.at(b);
        const ReadPoint& pa = points.at(a);
        const ReadPoint& pb = points.at(b);
        if (pa.timeMs != pb.timeMs)
            return pa.timeMs < pb.timeMs;
        return pa.readId < pb.readId;
    });
    QList<bool> assigned(n, false);
    for (int founder : std::as_const(order)) {
        if (assigned.at(founder))
            continue;
        QList<int> members;
        forNeighbours(founder, [&](int j) {
            if (!assigned.at(j) && j != founder)
                members.append(j);
        });
        std::sort(members.begin(), members.end());
        assigned[founder] = true;
        for (int j : std::as_const(members))
            assigned[j] = true;
        members.prepend(founder);
        clusters.append(members);
    }
    return clusters;
}

} // namespace alpr

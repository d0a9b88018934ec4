#include "HeatMapRenderer.h"
#include "MarkerClusterer.h"
#include "MarkerRenderer.h"
#include "MarkerSet.h"
#include "WebMercator.h"

#include <QLineF>
#include <QRandomGenerator>

#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace alpr;

namespace {

/** Reads around West Covina: a uniform scatter plus dense "camera sites", the shape real data has. */
QList<MapRead> makeReads(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<MapRead> reads;
    const double sites[][2] = { { 34.0686, -117.9390 }, { 34.0500, -117.9100 }, { 34.0900, -117.8900 } };
    for (int i = 0; i < n; ++i) {
        MapRead r;
        r.id = 1000 + i;
        r.plateId = rng.bounded(500);
        r.timeMs = 1700000000000LL + qint64(rng.bounded(86400000));
        if (i % 3 == 0) {
            const auto& s = sites[rng.bounded(3)];
            r.lat = s[0] + (rng.generateDouble() - 0.5) * 1e-4;
            r.lon = s[1] + (rng.generateDouble() - 0.5) * 1e-4;
        } else {
            r.lat = 33.95 + rng.generateDouble() * 0.25;
            r.lon = -118.05 + rng.generateDouble() * 0.3;
        }
        reads << r;
    }
    return reads;
}

using CellKey = std::pair<qint64, qint64>;

/** The reference: every read's cell by direct arithmetic, kept when the cell touches the grown viewport. */
std::map<CellKey, std::set<int>> bruteForce(const MarkerSet& set, const MapViewport& v, double cell, double margin)
{
    const double world = WebMercator::worldSize(v.zoom());
    const QPointF topLeft = v.screenToMercator(QPointF(-margin, -margin)) * world;
    const QPointF bottomRight
        = v.screenToMercator(QPointF(v.size().width() + margin, v.size().height() + margin)) * world;
    std::map<CellKey, std::set<int>> cells;
    for (int i = 0; i < set.size(); ++i) {
        const QPointF w = WebMercator::toWorldPixels(set.read(i).lat, set.read(i).lon, v.zoom());
        const qint64 cx = qint64(std::floor(w.x() / cell));
        const qint64 cy = qint64(std::floor(w.y() / cell));
        if (cx < qint64(std::floor(topLeft.x() / cell)) || cx > qint64(std::floor(bottomRight.x() / cell))
            || cy < qint64(std::floor(topLeft.y() / cell)) || cy > qint64(std::floor(bottomRight.y() / cell)))
            continue;
        cells[{ cx, cy }].insert(i);
    }
    return cells;
}

} // namespace

TEST_CASE("Grid clusters match a brute-force reference: every read counted exactly once")
{
    const MarkerSet set(makeReads(20000, 7));
    const MarkerClusterer::Options options;
    struct View { double lat, lon, zoom; };
    const View views[] = { { 34.07, -117.92, 10 }, { 34.07, -117.92, 12.3 }, { 34.0686, -117.9390, 14 },
                           { 34.02, -118.0, 13.7 }, { 0, 0, 3 } };
    for (const View& vw : views) {
        const MapViewport v = MapViewport::centredOn(vw.lat, vw.lon, vw.zoom, QSize(900, 640));
        INFO("zoom " << vw.zoom << " at " << vw.lat << ", " << vw.lon);
        const MarkerClusters got = MarkerClusterer::cluster(set, v, options);
        REQUIRE_FALSE(got.individual);
        const auto expected = bruteForce(set, v, options.cellPx, options.marginPx);

        // Same number of clusters as non-empty reference cells, and each cluster is exactly one cell's reads.
        REQUIRE(got.clusters.size() == expected.size());
        std::set<std::set<int>> expectedGroups;
        size_t expectedReads = 0;
        for (const auto& [key, members] : expected) {
            expectedGroups.insert(members);
            expectedReads += members.size();
        }
        std::multiset<int> seen;
        int sum = 0;
        for (const MarkerCluster& c : got.clusters) {
            REQUIRE(c.count > 0);
            sum += c.count;
            std::set<int> members(got.members.begin() + c.firstMember, got.members.begin() + c.firstMember + c.count);
            REQUIRE(int(members.size()) == c.count);
            CHECK(expectedGroups.count(members) == 1);
            seen.insert(members.begin(), members.end());
            // Drawn at its reads' centroid: inside their bounding box on screen.
            double minX = 1e18, maxX = -1e18, minY = 1e18, maxY = -1e18;
            for (int m : members) {
                const QPointF p = v.mercatorToScreen(set.mercator(m));
                minX = std::min(minX, p.x());
                maxX = std::max(maxX, p.x());
                minY = std::min(minY, p.y());
                maxY = std::max(maxY, p.y());
            }
            CHECK(c.screen.x() >= minX - 1e-6);
            CHECK(c.screen.x() <= maxX + 1e-6);
            CHECK(c.screen.y() >= minY - 1e-6);
            CHECK(c.screen.y() <= maxY + 1e-6);
        }
        CHECK(size_t(sum) == expectedReads);
        CHECK(got.visibleReads == sum);
        CHECK(got.members.size() == expectedReads);
        for (int i : seen)
            REQUIRE(seen.count(i) == 1);
    }
}

TEST_CASE("The whole world at zoom 2 holds every read in its clusters")
{
    const MarkerSet set(makeReads(5000, 11));
    const MapViewport v = MapViewport::centredOn(0, 0, 2, QSize(1024, 1024));
    const MarkerClusters got = MarkerClusterer::cluster(set, v);
    CHECK(got.visibleReads == 5000);
    // Reads 0.3° apart at zoom 2 are all within one or two cells.
    CHECK(got.clusters.size() <= 4);
}

TEST_CASE("Panning keeps clusters whole; high zoom shows every read on its own")
{
    const MarkerSet set(makeReads(20000, 3));
    const MapViewport v = MapViewport::centredOn(34.06, -117.93, 13, QSize(800, 600));
    const MapViewport moved = v.panned(QPointF(23, -17));
    const MarkerClusters a = MarkerClusterer::cluster(set, v);
    const MarkerClusters b = MarkerClusterer::cluster(set, moved);
    auto groups = [](const MarkerClusters& k, const MapViewport& view, QRectF inner) {
        std::set<std::set<int>> out;
        for (const MarkerCluster& c : k.clusters) {
            // Only clusters well inside both views: the edges legitimately differ.
            const QPointF p = view.mercatorToScreen(k.viewport.screenToMercator(c.screen));
            if (inner.contains(p))
                out.insert(std::set<int>(k.members.begin() + c.firstMember,
                                         k.members.begin() + c.firstMember + c.count));
        }
        return out;
    };
    const QRectF inner(150, 150, 500, 300);
    CHECK(groups(a, v, inner) == groups(b, v, inner));
    CHECK_FALSE(groups(a, v, inner).empty());

    // From zoom 16 reads are drawn singly; only reads within the few-pixel stack cells share a marker.
    const MapViewport close = MapViewport::centredOn(34.0686, -117.9390, 17, QSize(800, 600));
    const MarkerClusterer::Options options;
    const MarkerClusters individual = MarkerClusterer::cluster(set, close, options);
    REQUIRE(individual.individual);
    const auto expected = bruteForce(set, close, options.stackPx, options.marginPx);
    REQUIRE(individual.clusters.size() == expected.size());
    std::set<std::set<int>> expectedGroups;
    size_t total = 0;
    for (const auto& [key, members] : expected) {
        expectedGroups.insert(members);
        total += members.size();
    }
    int singles = 0;
    for (const MarkerCluster& c : individual.clusters) {
        const std::set<int> members(individual.members.begin() + c.firstMember,
                                    individual.members.begin() + c.firstMember + c.count);
        CHECK(expectedGroups.count(members) == 1);
        singles += c.count == 1;
        // A stack's reads really are on top of each other: within one stack cell on screen.
        for (int m : members)
            CHECK(QLineF(close.mercatorToScreen(set.mercator(m)), c.screen).length() <= options.stackPx * 1.5);
    }
    CHECK(size_t(individual.visibleReads) == total);
    CHECK(total > 100); // the camera site is in view
    CHECK(singles > 10); // the scattered reads around it are drawn one by one
}

TEST_CASE("Rendered frames: clusters are painted where they are; the heat map is hottest at the dense site")
{
    auto set = std::make_shared<const MarkerSet>(makeReads(30000, 5));
    const MapViewport v = MapViewport::centredOn(34.07, -117.93, 13, QSize(640, 480));
    const MarkerFrame frame = MarkerRenderer::render(set, v, {});
    REQUIRE(frame.image.size() == QSize(640, 480));
    REQUIRE_FALSE(frame.clusters.clusters.empty());
    int painted = 0;
    for (const MarkerCluster& c : frame.clusters.clusters) {
        const QPoint p = c.screen.toPoint();
        if (frame.image.rect().contains(p)) {
            CHECK(qAlpha(frame.image.pixel(p)) == 255);
            ++painted;
        }
    }
    CHECK(painted > 0);
    int transparent = 0;
    for (int y = 0; y < 480; y += 4)
        for (int x = 0; x < 640; x += 4)
            transparent += qAlpha(frame.image.pixel(x, y)) == 0;
    CHECK(transparent > 160 * 120 / 2); // clusters, not a carpet of dots

    MarkerRenderer::Options heat;
    heat.heatMap = true;
    const MarkerFrame h = MarkerRenderer::render(set, v, heat);
    REQUIRE(h.heatMap);
    const QPoint site = v.geoToScreen(34.0686, -117.9390).toPoint();
    const QColor hot = QColor::fromRgba(h.image.pixel(site));
    CHECK(hot.alpha() > 150);
    CHECK(hot.red() > hot.blue()); // the red end of the ramp
    // An empty set draws nothing at all.
    const MarkerFrame none = MarkerRenderer::render(std::make_shared<const MarkerSet>(), v, heat);
    CHECK(none.image.size() == QSize(640, 480));
    CHECK(qAlpha(none.image.pixel(320, 240)) == 0);
    CHECK(HeatMapRenderer::rampColour(0).alpha() < HeatMapRenderer::rampColour(1).alpha());
}

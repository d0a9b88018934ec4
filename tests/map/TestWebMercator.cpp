#include "MapViewport.h"
#include "WebMercator.h"

#include <QGeoCoordinate>

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using Catch::Approx;

TEST_CASE("Tiles of known places at zoom 0 to 18 match the slippy-map formula")
{
    // West Covina City Hall and Big Ben; expected (x, y) per zoom from OpenStreetMap's published formula
    // (computed independently; London at z10 is the well-known tile 10/511/340).
    struct Known { int x, y; };
    const Known westCovina[19] = { { 0, 0 }, { 0, 0 }, { 0, 1 }, { 1, 3 }, { 2, 6 }, { 5, 12 }, { 11, 25 },
        { 22, 51 }, { 44, 102 }, { 88, 204 }, { 176, 408 }, { 353, 817 }, { 706, 1635 }, { 1412, 3270 },
        { 2824, 6541 }, { 5648, 13082 }, { 11297, 26164 }, { 22595, 52328 }, { 45191, 104657 } };
    const Known london[19] = { { 0, 0 }, { 0, 0 }, { 1, 1 }, { 3, 2 }, { 7, 5 }, { 15, 10 }, { 31, 21 }, { 63, 42 },
        { 127, 85 }, { 255, 170 }, { 511, 340 }, { 1023, 681 }, { 2046, 1362 }, { 4093, 2724 }, { 8186, 5448 },
        { 16372, 10897 }, { 32745, 21794 }, { 65490, 43588 }, { 130981, 87177 } };
    for (int z = 0; z <= 18; ++z) {
        INFO("zoom " << z);
        const TileId wc = WebMercator::tileAt(34.0686, -117.9390, z);
        CHECK(wc.z == z);
        CHECK(wc.x == westCovina[z].x);
        CHECK(wc.y == westCovina[z].y);
        const TileId bb = WebMercator::tileAt(51.5007, -0.1246, z);
        CHECK(bb.x == london[z].x);
        CHECK(bb.y == london[z].y);
    }
}

TEST_CASE("Quadrants at zoom 1 and the world's edges")
{
    CHECK(WebMercator::tileAt(10, 10, 1) == TileId { 1, 1, 0 });
    CHECK(WebMercator::tileAt(-10, -10, 1) == TileId { 1, 0, 1 });
    CHECK(WebMercator::tileAt(89, -180, 3) == TileId { 3, 0, 0 }); // clamped to 85.05°
    CHECK(WebMercator::tileAt(-89, 180, 3) == TileId { 3, 7, 7 }); // the far edge belongs to the last tile
    // Tile 1/0/0's corners: the north-west corner of the world and the origin.
    const QRectF r = WebMercator::tileMercatorRect({ 1, 0, 0 });
    CHECK(WebMercator::latitudeOf(r.top()) == Approx(WebMercator::kMaxLatitude));
    CHECK(WebMercator::longitudeOf(r.left()) == Approx(-180));
    CHECK(WebMercator::latitudeOf(r.bottom()) == Approx(0).margin(1e-9));
    CHECK(WebMercator::longitudeOf(r.right()) == Approx(0).margin(1e-9));
    CHECK(WebMercator::flipY(3, 0) == 7);
    CHECK(WebMercator::flipY(3, 7) == 0);
    CHECK(WebMercator::flipY(0, 0) == 0);
}

TEST_CASE("Geographic to Mercator and back round-trips")
{
    for (double lat = -85; lat <= 85; lat += 7.3)
        for (double lon = -179.5; lon <= 180; lon += 13.1) {
            const QPointF m = WebMercator::toMercator(lat, lon);
            REQUIRE(WebMercator::latitudeOf(m.y()) == Approx(lat).margin(1e-9));
            REQUIRE(WebMercator::longitudeOf(m.x()) == Approx(lon).margin(1e-9));
        }
    // World pixels at zoom 18 of West Covina, and back through a viewport centred there.
    const QPointF px = WebMercator::toWorldPixels(34.0686, -117.9390, 18);
    CHECK(int(px.x() / 256) == 45191);
    CHECK(int(px.y() / 256) == 104657);
}

TEST_CASE("Metres per pixel")
{
    CHECK(WebMercator::metresPerPixel(0, 0) == Approx(156543.034).epsilon(1e-6));
    CHECK(WebMercator::metresPerPixel(0, 10) == Approx(152.874).epsilon(1e-4));
    // At 60° latitude the ground resolution halves.
    CHECK(WebMercator::metresPerPixel(60, 10) == Approx(152.874 / 2).epsilon(1e-4));
    // West Covina at zoom 16: about 1.98 m per pixel.
    CHECK(WebMercator::metresPerPixel(34.0686, 16) == Approx(1.978).epsilon(1e-3));
}

TEST_CASE("Viewport: screen and geographic coordinates, pan, zoom about an anchor")
{
    const MapViewport v = MapViewport::centredOn(34.0686, -117.9390, 14, QSize(800, 600));
    const QPointF centre = v.geoToScreen(34.0686, -117.9390);
    CHECK(centre.x() == Approx(400));
    CHECK(centre.y() == Approx(300));
    const QGeoCoordinate corner = v.screenToGeo(QPointF(0, 0));
    const QPointF back = v.geoToScreen(corner);
    CHECK(back.x() == Approx(0).margin(1e-6));
    CHECK(back.y() == Approx(0).margin(1e-6));
    CHECK(corner.latitude() > 34.0686);
    CHECK(corner.longitude() < -117.9390);

    // Dragging the map 100 px right moves what was at x=300 to x=400.
    const QGeoCoordinate g = v.screenToGeo(QPointF(300, 250));
    const MapViewport p = v.panned(QPointF(100, 0));
    CHECK(p.geoToScreen(g).x() == Approx(400));
    CHECK(p.geoToScreen(g).y() == Approx(250));

    // Zooming about an anchor keeps the anchor's point fixed and doubles distances from it per level.
    const QPointF anchor(620, 140);
    const QGeoCoordinate under = v.screenToGeo(anchor);
    const MapViewport z = v.zoomedAt(15.5, anchor);
    CHECK(z.zoom() == 15.5);
    CHECK(z.geoToScreen(under).x() == Approx(anchor.x()).margin(1e-6));
    CHECK(z.geoToScreen(under).y() == Approx(anchor.y()).margin(1e-6));
    const QGeoCoordinate other = v.screenToGeo(QPointF(420, 140));
    CHECK(z.geoToScreen(other).x() == Approx(620 - 200 * std::exp2(1.5)).margin(1e-6));
    CHECK(v.metresPerPixel() == Approx(WebMercator::metresPerPixel(34.0686, 14)).epsilon(1e-6));
}

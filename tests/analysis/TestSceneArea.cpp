// The exact area test of a scene (circle, rectangle, polygon with the even-odd rule) and the distance every analysis
// uses: hand-made cases whose answer is known, and a check against Qt's own distance.
#include "GeoMath.h"
#include "SceneArea.h"

#include <QGeoCircle>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <cmath>
#include <random>

using namespace alpr;

namespace {

SceneArea area(const QGeoShape& shape)
{
    auto a = SceneArea::fromShape(shape);
    INFO((a ? QString() : a.error().message).toStdString());
    REQUIRE(a);
    return a.value();
}

QGeoPolygon polygon(const QList<QPointF>& lonLat)
{
    QList<QGeoCoordinate> path;
    for (const QPointF& p : lonLat)
        path.append(QGeoCoordinate(p.y(), p.x()));
    return QGeoPolygon(path);
}

} // namespace

TEST_CASE("distances agree with Qt's and the preselection box never cuts a point off")
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(33.9, 34.2);
    std::uniform_real_distribution<double> lon(-118.1, -117.8);
    for (int i = 0; i < 1000; ++i) {
        const double a1 = lat(rng), o1 = lon(rng), a2 = lat(rng), o2 = lon(rng);
        const double qt = QGeoCoordinate(a1, o1).distanceTo(QGeoCoordinate(a2, o2));
        CHECK(GeoMath::metres(a1, o1, a2, o2) == Catch::Approx(qt).epsilon(1e-9));
        // The point lies within its own distance of the centre, so the box around the centre must hold it.
        const double r = GeoMath::metres(a1, o1, a2, o2);
        double dLat = 0, dLon = 0;
        GeoMath::boxAround(a1, r, &dLat, &dLon);
        CHECK(std::abs(a2 - a1) <= dLat);
        CHECK(std::abs(o2 - o1) <= dLon);
    }
    CHECK(GeoMath::metres(34, -118, 34, -118) == 0);
}

TEST_CASE("circle: the edge is inside, radius 0 keeps only the centre")
{
    const QGeoCoordinate centre(34.0473, -117.9657);
    const SceneArea zero = area(QGeoCircle(centre, 0));
    CHECK(zero.contains(34.0473, -117.9657));
    CHECK_FALSE(zero.contains(34.0473 + 1e-9, -117.9657));
    const SceneArea circle = area(QGeoCircle(centre, 500));
    const QGeoCoordinate inside = centre.atDistanceAndAzimuth(499.9, 45);
    const QGeoCoordinate outside = centre.atDistanceAndAzimuth(500.1, 200);
    CHECK(circle.contains(inside.latitude(), inside.longitude()));
    CHECK_FALSE(circle.contains(outside.latitude(), outside.longitude()));
    double s = 0, w = 0, n = 0, e = 0;
    circle.bounds(&s, &w, &n, &e);
    CHECK(s < 34.0473);
    CHECK(n > 34.0473);
    CHECK(circle.describe().contains(QStringLiteral("500 m")));
}

TEST_CASE("rectangle: edges inside, corners in either order")
{
    const SceneArea r = area(QGeoRectangle(QGeoCoordinate(34.1, -118.0), QGeoCoordinate(34.0, -117.9)));
    CHECK(r.contains(34.05, -117.95));
    CHECK(r.contains(34.1, -118.0));
    CHECK(r.contains(34.0, -117.9));
    CHECK_FALSE(r.contains(34.1000001, -117.95));
    CHECK_FALSE(r.contains(34.05, -117.8999999));
}

TEST_CASE("polygon: even-odd rule, edges inside, holes and self-crossing outlines")
{
    const SceneArea square = area(polygon({ { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } }));
    CHECK(square.contains(0.5, 0.5));
    CHECK(square.contains(0, 0.5)); // on the south edge
    CHECK(square.contains(1, 1)); // a corner
    CHECK_FALSE(square.contains(0.5, 1.0000001));
    CHECK_FALSE(square.contains(-0.0000001, 0.5));

    // A bow tie (the outline crosses itself at the middle): both triangles are inside, the gaps above and below the
    // crossing are not.
    const SceneArea bowTie = area(polygon({ { 0, 0 }, { 2, 2 }, { 2, 0 }, { 0, 2 } }));
    CHECK(bowTie.contains(1, 0.3)); // lat 1, lon 0.3: the left triangle
    CHECK(bowTie.contains(1, 1.7)); // the right triangle
    CHECK(bowTie.contains(1, 1)); // the crossing point lies on two edges
    CHECK_FALSE(bowTie.contains(0.2, 1)); // below the crossing, between the triangles
    CHECK_FALSE(bowTie.contains(1.8, 1));

    // A pentagram drawn in one stroke: the five points are inside, the centre pentagon (enclosed twice) is not.
    QList<QPointF> star;
    for (int k = 0; k < 5; ++k) {
        const double angle = (90 + k * 144) * 3.14159265358979 / 180;
        star.append({ std::cos(angle), std::sin(angle) });
    }
    const SceneArea pentagram = area(polygon(star));
    CHECK_FALSE(pentagram.contains(0, 0));
    CHECK(pentagram.contains(0.8, 0)); // lat 0.8, lon 0: the top point
    CHECK_FALSE(pentagram.contains(2, 0));

    // A hole is subtracted by the same rule.
    QGeoPolygon withHole = polygon({ { 0, 0 }, { 4, 0 }, { 4, 4 }, { 0, 4 } });
    withHole.addHole(QList<QGeoCoordinate> { { 1, 1 }, { 1, 3 }, { 3, 3 }, { 3, 1 } });
    const SceneArea ring = area(withHole);
    CHECK(ring.contains(0.5, 0.5));
    CHECK_FALSE(ring.contains(2, 2));
    CHECK(ring.contains(1, 2)); // on the hole's edge
}

TEST_CASE("unusable areas are refused with the reason")
{
    CHECK(SceneArea::fromShape(QGeoShape()).error().kind == ErrorKind::Usage);
    auto negative = SceneArea::fromShape(QGeoCircle(QGeoCoordinate(34, -118), -1));
    REQUIRE_FALSE(negative);
    CHECK(negative.error().message.contains(QStringLiteral("radius")));
    auto two = SceneArea::fromShape(polygon({ { 0, 0 }, { 1, 1 } }));
    REQUIRE_FALSE(two);
    CHECK(two.error().message.contains(QStringLiteral("3 corners")));
    auto dateline = SceneArea::fromShape(polygon({ { 179, 0 }, { -179, 0 }, { -179, 1 } }));
    REQUIRE_FALSE(dateline);
    CHECK(dateline.error().message.contains(QStringLiteral("antimeridian")));
}

#include "GeoJsonReader.h"
#include "TempDir.h"
#include "WestCovinaBasemap.h"

#include <QFile>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

QByteArray collection(const QByteArray& features)
{
    return QByteArray(R"({"type":"FeatureCollection","features":[)") + features + "]}";
}

QString errorOf(const QByteArray& json)
{
    auto r = GeoJsonReader::read(json, QStringLiteral("scene.geojson"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::BadInput);
    CHECK(r.error().message.startsWith(QStringLiteral("scene.geojson: ")));
    return r.error().message;
}

} // namespace

TEST_CASE("GeoJSON: points, lines, multi-lines and polygons with properties")
{
    const QByteArray json = collection(R"(
        {"type":"Feature","properties":{"name":"Azusa & Amar","n":3},
         "geometry":{"type":"Point","coordinates":[-117.9,34.05]}},
        {"type":"Feature","properties":{"highway":"primary"},
         "geometry":{"type":"LineString","coordinates":[[-117.9,34.0],[-117.8,34.1],[-117.7,34.1]]}},
        {"type":"Feature","properties":null,"geometry":null},
        {"type":"Feature","properties":{},
         "geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,4]]]}},
        {"type":"Feature","properties":{"zone":"A"},
         "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],
                                                      [[0.2,0.1],[0.3,0.1],[0.3,0.2],[0.2,0.1]]]}}
    )");
    auto r = GeoJsonReader::read(json, QStringLiteral("mixed.geojson"));
    REQUIRE(r.ok());
    const GeoJsonLayer& layer = r.value();
    REQUIRE(layer.features.size() == 4);
    CHECK(layer.skippedNullGeometries == 1);

    const GeoFeature& point = layer.features.at(0);
    CHECK(point.kind == GeoFeature::Kind::Point);
    CHECK(point.parts == QList<QList<QPointF>> { { QPointF(-117.9, 34.05) } });
    CHECK(point.properties.value(QStringLiteral("name")).toString() == QStringLiteral("Azusa & Amar"));
    CHECK(point.properties.value(QStringLiteral("n")).toInt() == 3);

    const GeoFeature& line = layer.features.at(1);
    CHECK(line.kind == GeoFeature::Kind::Line);
    CHECK(line.parts.size() == 1);
    CHECK(line.parts.at(0).size() == 3);
    CHECK(line.properties.value(QStringLiteral("highway")).toString() == QStringLiteral("primary"));

    const GeoFeature& multi = layer.features.at(2);
    CHECK(multi.kind == GeoFeature::Kind::Line);
    CHECK(multi.index == 3); // its position in the file, counting the skipped null geometry
    CHECK(multi.parts.size() == 2);
    CHECK(multi.parts.at(1).size() == 3);

    const GeoFeature& polygon = layer.features.at(3);
    CHECK(polygon.kind == GeoFeature::Kind::Polygon);
    CHECK(polygon.parts.size() == 2); // outer ring and a hole

    CHECK(layer.bounds.left() == -117.9);
    CHECK(layer.bounds.right() == 4);
    CHECK(layer.bounds.top() == 0);
    CHECK(layer.bounds.bottom() == 34.1);
}

TEST_CASE("GeoJSON: bad input names the file, the feature and the reason")
{
    CHECK(errorOf("{\"type\": \"FeatureCollection\", \"features\": [").contains(QStringLiteral("not valid JSON")));
    CHECK(errorOf("[1, 2]").contains(QStringLiteral("top level")));
    CHECK(errorOf(R"({"type":"Topology"})").contains(QStringLiteral("'Topology'")));
    CHECK(errorOf(R"({"type":"FeatureCollection"})").contains(QStringLiteral("'features'")));

    const QByteArray ok = R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}})";
    auto feature = [&](const QByteArray& geometry) {
        return collection(ok + "," + ok + R"(,{"type":"Feature","properties":{},"geometry":)" + geometry + "}");
    };
    QString e = errorOf(feature(R"({"type":"LineString","coordinates":[[0,0],[1,"x"]]})"));
    CHECK(e.contains(QStringLiteral("feature 2")));
    CHECK(e.contains(QStringLiteral("position 1")));
    CHECK(e.contains(QStringLiteral("longitude, latitude")));

    e = errorOf(feature(R"({"type":"LineString","coordinates":[[0,0]]})"));
    CHECK(e.contains(QStringLiteral("feature 2")));
    CHECK(e.contains(QStringLiteral("at least 2")));

    e = errorOf(feature(R"({"type":"Point","coordinates":[200,10]})"));
    CHECK(e.contains(QStringLiteral("outside")));

    e = errorOf(feature(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})"));
    CHECK(e.contains(QStringLiteral("not closed")));

    e = errorOf(feature(R"({"type":"GeometryCollection","geometries":[]})"));
    CHECK(e.contains(QStringLiteral("'GeometryCollection'")));

    e = errorOf(feature(R"({"coordinates":[1,2]})"));
    CHECK(e.contains(QStringLiteral("no 'type'")));

    e = errorOf(collection(ok + R"(,{"type":"Feature","properties":{}})"));
    CHECK(e.contains(QStringLiteral("feature 1")));
    CHECK(e.contains(QStringLiteral("'geometry'")));

    e = errorOf(collection(ok + R"(, 17)"));
    CHECK(e.contains(QStringLiteral("feature 1")));
}

TEST_CASE("GeoJSON files: a missing file is named; a truncated file is reported")
{
    test::TempDir dir;
    const QString missing = dir.path(QStringLiteral("nope.geojson"));
    auto r = GeoJsonReader::readFile(missing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(missing));

    QFile routes(QStringLiteral(":/westcovina/routes.geojson"));
    REQUIRE(routes.open(QIODevice::ReadOnly));
    const QByteArray all = routes.readAll();
    const QString cut = dir.path(QStringLiteral("cut.geojson"));
    {
        QFile f(cut);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(all.left(all.size() / 2));
    }
    auto c = GeoJsonReader::readFile(cut);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.contains(cut));
    CHECK(c.error().message.contains(QStringLiteral("not valid JSON")));
}

TEST_CASE("The West Covina basemap: 40 street lines and named intersections, with its credit")
{
    auto layer = WestCovinaBasemap::layer();
    REQUIRE(layer.ok());
    int lines = 0;
    int points = 0;
    for (const GeoFeature& f : layer.value().features) {
        if (f.kind == GeoFeature::Kind::Line)
            ++lines;
        if (f.kind == GeoFeature::Kind::Point) {
            ++points;
            CHECK_FALSE(f.properties.value(QStringLiteral("name")).toString().isEmpty());
        }
    }
    CHECK(lines == 40);
    CHECK(points == 370);
    CHECK(WestCovinaBasemap::attribution().contains(QStringLiteral("LA Metro regional GTFS")));
    const QRectF b = layer.value().bounds;
    CHECK(b.contains(QPointF(WestCovinaBasemap::centre().longitude(), WestCovinaBasemap::centre().latitude())));
}

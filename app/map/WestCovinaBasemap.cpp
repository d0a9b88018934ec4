#include "WestCovinaBasemap.h"

#include "GeoJsonReader.h"
#include "VectorTileSource.h"

#include <QCoreApplication>
#include <QFile>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WestCovinaBasemap", text);
}

const auto kRoutes = QStringLiteral(":/westcovina/routes.geojson");
const auto kStops = QStringLiteral(":/westcovina/stops.csv");

} // namespace

QString WestCovinaBasemap::attribution()
{
    // resources/westcovina/README.md: credit "LA Metro regional GTFS" wherever the map shows it.
    return tr("Streets: LA Metro regional GTFS");
}

Result<GeoJsonLayer> WestCovinaBasemap::layer()
{
    auto routes = GeoJsonReader::readFile(kRoutes);
    if (!routes)
        return routes.error();
    GeoJsonLayer layer = std::move(routes.value());

    QFile stops(kStops);
    if (!stops.open(QIODevice::ReadOnly))
        return failure(tr("%1: cannot read the compiled-in intersections (is alpr_resources linked?)").arg(kStops));
    const QList<QByteArray> lines = stops.readAll().split('\n');
    // name,lat,lon,feed — the names have no commas or quotes (checked when the data was compiled).
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).trimmed().split(',');
        if (fields.size() < 3)
            continue;
        bool okLat = false;
        bool okLon = false;
        const double lat = fields.at(1).toDouble(&okLat);
        const double lon = fields.at(2).toDouble(&okLon);
        if (!okLat || !okLon)
            return badInput(tr("%1: line %2: latitude or longitude is not a number").arg(kStops).arg(i + 1));
        GeoFeature f;
        f.kind = GeoFeature::Kind::Point;
        f.parts << QList<QPointF> { QPointF(lon, lat) };
        f.properties.insert(QStringLiteral("name"), QString::fromUtf8(fields.at(0)));
        f.index = int(layer.features.size());
        layer.features << std::move(f);
    }
    return layer;
}

Result<std::unique_ptr<VectorTileSource>> WestCovinaBasemap::createSource(QObject* parent)
{
    auto l = layer();
    if (!l)
        return l.error();
    return std::make_unique<VectorTileSource>(l.value(), tr("West Covina streets (offline)"), attribution(), parent);
}

QGeoCoordinate WestCovinaBasemap::centre()
{
    // Middle of the routes' bounding box (−117.997…−117.837, 34.002…34.147).
    return { 34.0745, -117.9171 };
}

} // namespace alpr

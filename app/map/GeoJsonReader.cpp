#include "GeoJsonReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("GeoJsonReader", text);
}

/** Reading one feature; errors carry the feature's context, the caller adds the file name. */
class FeatureParser
{
public:
    FeatureParser() = default;

    Result<QPointF> position(const QJsonValue& v)
    {
        const QJsonArray a = v.toArray();
        ++m_position;
        if (!v.isArray() || a.size() < 2 || !a.at(0).isDouble() || !a.at(1).isDouble())
            return badInput(tr("position %1 is not a [longitude, latitude] pair of numbers").arg(m_position));
        const double lon = a.at(0).toDouble();
        const double lat = a.at(1).toDouble();
        if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
            return badInput(tr("position %1 (%2, %3) is outside longitude −180…180 / latitude −90…90")
                                .arg(m_position).arg(lon).arg(lat));
        return QPointF(lon, lat);
    }

    Result<QList<QPointF>> positions(const QJsonValue& v, int minimum, const QString& what)
    {
        if (!v.isArray())
            return badInput(tr("%1 'coordinates' must be an array of positions").arg(what));
        QList<QPointF> out;
        const QJsonArray a = v.toArray();
        out.reserve(a.size());
        for (const QJsonValue& p : a) {
            auto pos = position(p);
            if (!pos)
                return pos.error();
            out << pos.value();
        }
        if (out.size() < minimum)
            return badInput(tr("%1 needs at least %2 positions, has %3").arg(what).arg(minimum).arg(out.size()));
        return out;
    }

    Result<QList<QPointF>> ring(const QJsonValue& v)
    {
        auto r = positions(v, 4, tr("a polygon ring"));
        if (r && r.value().first() != r.value().last())
            return badInput(tr("a polygon ring is not closed (its first and last positions differ)"));
        return r;
    }

    Status polygon(const QJsonValue& v, GeoFeature& f)
    {
        if (!v.isArray() || v.toArray().isEmpty())
            return badInput(tr("a Polygon needs an array of rings"));
        for (const QJsonValue& r : v.toArray()) {
            auto rr = ring(r);
            if (!rr)
                return rr.error();
            f.parts << rr.value();
        }
        return {};
    }

    Status geometry(const QJsonObject& g, GeoFeature& f)
    {
        const QString type = g.value(QLatin1String("type")).toString();
        const QJsonValue c = g.value(QLatin1String("coordinates"));
        if (type == QLatin1String("Point")) {
            f.kind = GeoFeature::Kind::Point;
            auto p = position(c);
            if (!p)
                return p.error();
            f.parts << QList<QPointF> { p.value() };
        } else if (type == QLatin1String("MultiPoint")) {
            f.kind = GeoFeature::Kind::Point;
            auto ps = positions(c, 1, tr("a MultiPoint"));
            if (!ps)
                return ps.error();
            f.parts << ps.value();
        } else if (type == QLatin1String("LineString")) {
            f.kind = GeoFeature::Kind::Line;
            auto ps = positions(c, 2, tr("a LineString"));
            if (!ps)
                return ps.error();
            f.parts << ps.value();
        } else if (type == QLatin1String("MultiLineString")) {
            f.kind = GeoFeature::Kind::Line;
            if (!c.isArray() || c.toArray().isEmpty())
                return badInput(tr("a MultiLineString needs an array of lines"));
            for (const QJsonValue& line : c.toArray()) {
                auto ps = positions(line, 2, tr("a MultiLineString's line"));
                if (!ps)
                    return ps.error();
                f.parts << ps.value();
            }
        } else if (type == QLatin1String("Polygon")) {
            f.kind = GeoFeature::Kind::Polygon;
            return polygon(c, f);
        } else if (type == QLatin1String("MultiPolygon")) {
            f.kind = GeoFeature::Kind::Polygon;
            if (!c.isArray() || c.toArray().isEmpty())
                return badInput(tr("a MultiPolygon needs an array of polygons"));
            for (const QJsonValue& p : c.toArray())
                if (Status s = polygon(p, f); !s)
                    return s;
        } else if (type.isEmpty()) {
            return badInput(tr("the geometry has no 'type'"));
        } else {
            return badInput(tr("geometry type '%1' is not supported (Point, MultiPoint, LineString, "
                               "MultiLineString, Polygon, MultiPolygon)").arg(type));
        }
        return {};
    }

private:
    int m_position = -1;
};

} // namespace

Result<GeoJsonLayer> GeoJsonReader::read(const QByteArray& json, const QString& displayName)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badInput(tr("%1: not valid JSON at byte %2: %3")
                            .arg(displayName).arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return badInput(tr("%1: not GeoJSON: the top level is not an object.").arg(displayName));
    const QJsonObject root = doc.object();
    const QString type = root.value(QLatin1String("type")).toString();
    QJsonArray features;
    if (type == QLatin1String("FeatureCollection")) {
        if (!root.value(QLatin1String("features")).isArray())
            return badInput(tr("%1: the FeatureCollection has no 'features' array.").arg(displayName));
        features = root.value(QLatin1String("features")).toArray();
    } else if (type == QLatin1String("Feature")) {
        features.append(root);
    } else {
        return badInput(tr("%1: not a GeoJSON FeatureCollection or Feature (type '%2').").arg(displayName, type));
    }

    GeoJsonLayer layer;
    layer.name = displayName;
    layer.features.reserve(features.size());
    double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
    for (int i = 0; i < features.size(); ++i) {
        const QJsonObject f = features.at(i).toObject();
        if (!features.at(i).isObject() || f.value(QLatin1String("type")).toString() != QLatin1String("Feature"))
            return badInput(tr("%1: feature %2: not a GeoJSON Feature object.").arg(displayName).arg(i));
        const QJsonValue g = f.value(QLatin1String("geometry"));
        if (g.isNull()) {
            ++layer.skippedNullGeometries;
            continue;
        }
        if (!g.isObject())
            return badInput(tr("%1: feature %2: 'geometry' is missing or not an object.").arg(displayName).arg(i));
        GeoFeature feature;
        feature.index = i;
        FeatureParser parser;
        if (Status s = parser.geometry(g.toObject(), feature); !s)
            return badInput(tr("%1: feature %2: %3.").arg(displayName).arg(i).arg(s.error().message));
        feature.properties = f.value(QLatin1String("properties")).toObject().toVariantMap();
        for (const QList<QPointF>& part : std::as_const(feature.parts))
            for (const QPointF& p : part) {
                minX = std::min(minX, p.x());
                maxX = std::max(maxX, p.x());
                minY = std::min(minY, p.y());
                maxY = std::max(maxY, p.y());
            }
        layer.features << std::move(feature);
    }
    if (!layer.features.isEmpty())
        layer.bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
    return layer;
}

Result<GeoJsonLayer> GeoJsonReader::readFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return badInput(tr("%1: no such GeoJSON file.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return badInput(tr("%1: cannot read the file: %2").arg(path, file.errorString()));
    return read(file.readAll(), path);
}

} // namespace alpr

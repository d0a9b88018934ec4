#include "StreetNetwork.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("StreetNetwork", text);
}

// Local equirectangular projection about the middle of the area: over 15 km its error is far below a metre.
constexpr double kOriginLat = 34.07;
constexpr double kOriginLon = -117.92;
constexpr double kMetresPerDegreeLat = 110574.0;
const double kMetresPerDegreeLon = 111320.0 * std::cos(kOriginLat * M_PI / 180.0);
constexpr double kMaxSiteDistanceM = 40.0;

double toX(double lon)
{
    return (lon - kOriginLon) * kMetresPerDegreeLon;
}
double toY(double lat)
{
    return (lat - kOriginLat) * kMetresPerDegreeLat;
}
double toLon(double x)
{
    return kOriginLon + x / kMetresPerDegreeLon;
}
double toLat(double y)
{
    return kOriginLat + y / kMetresPerDegreeLat;
}

float bearing(double dx, double dy)
{
    double degrees = std::atan2(dx, dy) * 180.0 / M_PI;
    if (degrees < 0)
        degrees += 360.0;
    return float(degrees);
}

const QSet<QString>& directionWords()
{
    static const QSet<QString> words
        = { u"N"_s, u"S"_s, u"E"_s, u"W"_s, u"NB"_s, u"SB"_s, u"EB"_s, u"WB"_s, u"NE"_s, u"NW"_s, u"SE"_s, u"SW"_s };
    return words;
}

const QSet<QString>& streetSuffixes()
{
    static const QSet<QString> words
        = { u"Ave"_s, u"Rd"_s, u"St"_s, u"Blvd"_s, u"Dr"_s, u"Pkwy"_s, u"Way"_s, u"Ln"_s, u"Ct"_s, u"Pl"_s, u"Hwy"_s };
    return words;
}

// Stops on the arterials often name the street alone ("Amar and Azusa S"); these are their full names.
const QHash<QString, QString>& bareStreetNames()
{
    static const QHash<QString, QString> names = {
        { u"Amar"_s, u"Amar Rd"_s },
        { u"Azusa"_s, u"Azusa Ave"_s },
        { u"Cameron"_s, u"Cameron Ave"_s },
        { u"Francisquito"_s, u"Francisquito Ave"_s },
        { u"Sunset"_s, u"Sunset Ave"_s },
        { u"Puente"_s, u"Puente Ave"_s },
        { u"Workman"_s, u"Workman Ave"_s },
        { u"Nogales"_s, u"Nogales St"_s },
        { u"Sentous"_s, u"Sentous Ave"_s },
        { u"Frazier"_s, u"Frazier St"_s },
        { u"Joanbridge"_s, u"Joanbridge St"_s },
        { u"Bogart"_s, u"Bogart Ave"_s },
        { u"Molokai"_s, u"Molokai Dr"_s },
        { u"Shadow Oak"_s, u"Shadow Oak Dr"_s },
    };
    return names;
}

const QHash<QString, QString>& wordFixes()
{
    static const QHash<QString, QString> fixes = {
        { u"Avenue"_s, u"Ave"_s },
        { u"Boulevard"_s, u"Blvd"_s },
        { u"Street"_s, u"St"_s },
        { u"Drive"_s, u"Dr"_s },
        { u"Road"_s, u"Rd"_s },
        { u"Parkway"_s, u"Pkwy"_s },
        { u"Prkwy"_s, u"Pkwy"_s },
        { u"Lane"_s, u"Ln"_s },
        { u"Wy"_s, u"Way"_s },
        { u"Asuza"_s, u"Azusa"_s },
        { u"Moneterey"_s, u"Monterey"_s },
    };
    return fixes;
}

QString cleanStreet(QString part)
{
    part.remove(u'.');
    QStringList words = part.simplified().split(u' ', Qt::SkipEmptyParts);
    while (words.size() > 1 && directionWords().contains(words.last()))
        words.removeLast();
    while (words.size() > 1 && directionWords().contains(words.first()))
        words.removeFirst();
    for (QString& w : words) {
        w = wordFixes().value(w, w);
        if (!w.isEmpty() && w.at(0).isLower())
            w[0] = w.at(0).toUpper();
    }
    if (words.isEmpty())
        return {};
    const QString joined = words.join(u' ');
    if (streetSuffixes().contains(words.last()))
        return joined;
    if (words.size() == 2 && words.first() == u"Route")
        return joined;
    return bareStreetNames().value(joined);
}

// The heading a stop's name hints at ("NB", "(Southbound)"), or -1.
float directionHint(const QString& raw)
{
    static const QRegularExpression re(uR"(\b(NB|SB|EB|WB|Northbound|Southbound|Eastbound|Westbound)\b)"_s);
    const QRegularExpressionMatch m = re.match(raw);
    if (!m.hasMatch())
        return -1;
    const QChar c = m.captured(1).at(0);
    return c == u'N' ? 0.f : c == u'E' ? 90.f : c == u'S' ? 180.f : 270.f;
}

float angleBetween(float a, float b)
{
    const float d = std::fmod(std::fabs(a - b), 360.f);
    return d > 180.f ? 360.f - d : d;
}

} // namespace

QString StreetNetwork::cleanIntersectionName(const QString& raw)
{
    static const QRegularExpression parenthesised(uR"(\([^)]*\))"_s);
    QString s = raw;
    s.remove(parenthesised);
    s.replace(u" and "_s, u" & "_s);
    const QStringList parts = s.split(u'&');
    if (parts.size() != 2)
        return {};
    const QString a = cleanStreet(parts[0]);
    const QString b = cleanStreet(parts[1]);
    if (a.isEmpty() || b.isEmpty() || a == b)
        return {};
    return a + u" & "_s + b;
}

double StreetNetwork::distanceM(double lat1, double lon1, double lat2, double lon2)
{
    return std::hypot(toX(lon1) - toX(lon2), toY(lat1) - toY(lat2));
}

void StreetNetwork::offsetM(double& lat, double& lon, double eastM, double northM)
{
    lat += northM / kMetresPerDegreeLat;
    lon += eastM / kMetresPerDegreeLon;
}

Status StreetNetwork::load()
{
    const QString routesPath = u":/westcovina/routes.geojson"_s;
    const QString stopsPath = u":/westcovina/stops.csv"_s;
    QFile routes(routesPath);
    QFile stops(stopsPath);
    if (!routes.open(QIODevice::ReadOnly))
        return failure(tr("The demo street data %1 is missing from this build.").arg(routesPath));
    if (!stops.open(QIODevice::ReadOnly))
        return failure(tr("The demo street data %1 is missing from this build.").arg(stopsPath));
    return loadFromData(routes.readAll(), routesPath, stops.readAll(), stopsPath);
}

Status StreetNetwork::loadFromData(const QByteArray& routesGeoJson, const QString& routesName,
                                   const QByteArray& stopsCsv, const QString& stopsName)
{
    m_routes.clear();
    m_sites.clear();
    if (Status s = parseRoutes(routesGeoJson, routesName); !s)
        return s;
    return parseStops(stopsCsv, stopsName);
}

Status StreetNetwork::parseRoutes(const QByteArray& data, const QString& name)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badInput(
            tr("%1: not valid JSON at byte %2: %3.").arg(name).arg(parseError.offset).arg(parseError.errorString()));
    const QJsonArray features = doc.object().value(u"features").toArray();
    double minLon = 1e9, minLat = 1e9, maxLon = -1e9, maxLat = -1e9;
    for (qsizetype f = 0; f < features.size(); ++f) {
        const QJsonObject geometry = features[f].toObject().value(u"geometry").toObject();
        if (geometry.value(u"type").toString() != u"LineString")
            return badInput(tr("%1: feature %2 is not a LineString.").arg(name).arg(f + 1));
        const QJsonArray coordinates = geometry.value(u"coordinates").toArray();
        if (coordinates.size() < 2)
            return badInput(tr("%1: feature %2 has fewer than two points.").arg(name).arg(f + 1));
        Route route;
        route.x.reserve(size_t(coordinates.size()));
        route.y.reserve(size_t(coordinates.size()));
        for (qsizetype i = 0; i < coordinates.size(); ++i) {
            const QJsonArray point = coordinates[i].toArray();
            const double lon = point.size() >= 2 && point[0].isDouble() ? point[0].toDouble() : qQNaN();
            const double lat = point.size() >= 2 && point[1].isDouble() ? point[1].toDouble() : qQNaN();
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
                return badInput(tr("%1: feature %2, point %3 is not a [longitude, latitude] pair.")
                                    .arg(name)
                                    .arg(f + 1)
                                    .arg(i + 1));
            if (std::fabs(lat - kOriginLat) > 1.0 || std::fabs(lon - kOriginLon) > 1.0)
                return badInput(
                    tr("%1: feature %2, point %3 lies outside the West Covina area.").arg(name).arg(f + 1).arg(i + 1));
            minLon = std::min(minLon, lon);
            maxLon = std::max(maxLon, lon);
            minLat = std::min(minLat, lat);
            maxLat = std::max(maxLat, lat);
            route.x.push_back(toX(lon));
            route.y.push_back(toY(lat));
        }
        route.cumulative.resize(route.x.size());
        route.cumulative[0] = 0;
        for (size_t i = 1; i < route.x.size(); ++i)
            route.cumulative[i]
                = route.cumulative[i - 1] + std::hypot(route.x[i] - route.x[i - 1], route.y[i] - route.y[i - 1]);
        if (route.cumulative.back() <= 0)
            return badInput(tr("%1: feature %2 has no length.").arg(name).arg(f + 1));
        m_routes.push_back(std::move(route));
    }
    if (m_routes.empty())
        return badInput(tr("%1: no route lines (a FeatureCollection of LineStrings was expected).").arg(name));
    m_southWest = QPointF(minLon, minLat);
    m_northEast = QPointF(maxLon, maxLat);
    return {};
}

Status StreetNetwork::parseStops(const QByteArray& data, const QString& name)
{
    const QList<QByteArray> lines = data.split('\n');
    if (lines.isEmpty() || lines.first().trimmed() != "name,lat,lon,feed")
        return badInput(tr("%1, line 1: the header must be name,lat,lon,feed.").arg(name));
    QSet<QString> seen;
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() != 4)
            return badInput(tr("%1, line %2: expected 4 fields (name,lat,lon,feed), found %3.")
                                .arg(name)
                                .arg(n + 1)
                                .arg(fields.size()));
        bool latOk = false;
        bool lonOk = false;
        const double lat = fields[1].toDouble(&latOk);
        const double lon = fields[2].toDouble(&lonOk);
        if (!latOk || !lonOk || std::fabs(lat - kOriginLat) > 1.0 || std::fabs(lon - kOriginLon) > 1.0)
            return badInput(
                tr("%1, line %2: latitude/longitude missing or outside the West Covina area.").arg(name).arg(n + 1));
        const QString raw = QString::fromUtf8(fields[0]);
        const QString clean = cleanIntersectionName(raw);
        if (clean.isEmpty() || seen.contains(clean))
            continue;
        const Nearest near = nearest(toX(lon), toY(lat));
        if (near.distance > kMaxSiteDistanceM)
            continue;
        seen.insert(clean);
        const Route& route = m_routes[size_t(near.route)];
        const size_t i = near.segment;
        const double dx = route.x[i + 1] - route.x[i];
        const double dy = route.y[i + 1] - route.y[i];
        StreetSite site;
        site.name = clean;
        site.feed = QString::fromUtf8(fields[3]);
        site.lat = toLat(route.y[i] + near.t * dy);
        site.lon = toLon(route.x[i] + near.t * dx);
        site.route = near.route;
        site.offsetM = route.cumulative[i] + near.t * (route.cumulative[i + 1] - route.cumulative[i]);
        site.heading = bearing(dx, dy);
        const float hint = directionHint(raw);
        const bool flip = hint >= 0 ? angleBetween(site.heading, hint) > 90.f : (qHash(clean) & 1) != 0;
        if (flip)
            site.heading = std::fmod(site.heading + 180.f, 360.f);
        m_sites.append(site);
    }
    if (m_sites.isEmpty())
        return badInput(tr("%1: no named intersection lies on a route.").arg(name));
    return {};
}

StreetNetwork::Nearest StreetNetwork::nearest(double x, double y) const
{
    Nearest best;
    for (size_t r = 0; r < m_routes.size(); ++r) {
        const Nearest n = nearestOnRoute(r, x, y);
        if (n.distance < best.distance)
            best = n;
    }
    return best;
}

StreetNetwork::Nearest StreetNetwork::nearestOnRoute(size_t r, double x, double y) const
{
    Nearest best;
    const Route& route = m_routes[r];
    for (size_t i = 0; i + 1 < route.x.size(); ++i) {
        const double dx = route.x[i + 1] - route.x[i];
        const double dy = route.y[i + 1] - route.y[i];
        const double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared > 0 ? ((x - route.x[i]) * dx + (y - route.y[i]) * dy) / lengthSquared : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double d = std::hypot(route.x[i] + t * dx - x, route.y[i] + t * dy - y);
        if (d < best.distance)
            best = { int(r), i, t, d };
    }
    return best;
}

double StreetNetwork::projectOntoRoute(int route, double lat, double lon, double* distanceM) const
{
    const Nearest n = nearestOnRoute(size_t(route), toX(lon), toY(lat));
    const Route& r = m_routes[size_t(route)];
    if (distanceM)
        *distanceM = n.distance;
    return r.cumulative[n.segment] + n.t * (r.cumulative[n.segment + 1] - r.cumulative[n.segment]);
}

QList<QPointF> StreetNetwork::routeVertices(int route) const
{
    const Route& r = m_routes[size_t(route)];
    QList<QPointF> out;
    out.reserve(qsizetype(r.x.size()));
    for (size_t i = 0; i < r.x.size(); ++i)
        out.append(QPointF(toLon(r.x[i]), toLat(r.y[i])));
    return out;
}

StreetPoint StreetNetwork::pointAt(int route, double offsetM) const
{
    const Route& r = m_routes[size_t(route)];
    offsetM = std::clamp(offsetM, 0.0, r.cumulative.back());
    auto it = std::upper_bound(r.cumulative.begin(), r.cumulative.end(), offsetM);
    size_t i = size_t(std::max<std::ptrdiff_t>(0, (it - r.cumulative.begin()) - 1));
    // Skip zero-length segments (repeated vertices) so the heading is defined.
    while (i + 2 < r.x.size() && r.cumulative[i + 1] <= r.cumulative[i])
        ++i;
    i = std::min(i, r.x.size() - 2);
    const double length = r.cumulative[i + 1] - r.cumulative[i];
    const double t = length > 0 ? (offsetM - r.cumulative[i]) / length : 0;
    const double dx = r.x[i + 1] - r.x[i];
    const double dy = r.y[i + 1] - r.y[i];
    return { toLat(r.y[i] + t * dy), toLon(r.x[i] + t * dx), bearing(dx, dy) };
}

double StreetNetwork::distanceToRoutesM(double lat, double lon) const
{
    return nearest(toX(lon), toY(lat)).distance;
}

} // namespace alpr

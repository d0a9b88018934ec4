// Canvass analyses from the command line (CLI.md `canvass`) and their benchmark (`bench canvass`).
#include "CanvassService.h"
#include "CliContext.h"
#include "Commands.h"
#include "CommonPlatesCanvass.h"
#include "ConvoyAnalysis.h"
#include "LocateAnalysis.h"
#include "Plate.h"
#include "Session.h"

#include <QCoreApplication>
#include <QGeoCircle>
#include <QGeoPolygon>
#include <QHash>
#include <QJsonArray>
#include <cmath>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

QString local(qint64 ms)
{
    return CliContext::localTime(ms);
}

Result<QGeoCoordinate> parseLatLon(const QString& option, const QString& text)
{
    const QStringList parts = text.split(u',');
    bool okLat = false;
    bool okLon = false;
    const double lat = parts.value(0).trimmed().toDouble(&okLat);
    const double lon = parts.value(1).trimmed().toDouble(&okLon);
    if (parts.size() != 2 || !okLat || !okLon || lat < -90 || lat > 90 || lon < -180 || lon > 180)
        return usageError(tr("--%1: '%2' is not LAT,LON in degrees (e.g. 34.0473,-117.9657).").arg(option, text));
    return QGeoCoordinate(lat, lon);
}

Result<double> parseNumber(const QString& option, const QString& text, double min)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min)
        return usageError(tr("--%1: '%2' is not a number of at least %3.").arg(option, text).arg(min));
    return v;
}

Result<qint64> timeOption(CliContext& ctx, const QString& option, qint64 fallback)
{
    if (!ctx.parser().isSet(option))
        return fallback;
    return CliContext::parseTime(option, ctx.parser().value(option));
}

/** The scenes given by --at/--radius/--polygon with --from/--to, or by repeated --scene LAT,LON,M,FROM,TO. */
Result<QList<Scene>> scenesFromOptions(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    QList<Scene> scenes;
    const bool single = p.isSet(QStringLiteral("at")) || p.isSet(QStringLiteral("polygon"));
    if (single && p.isSet(QStringLiteral("scene")))
        return usageError(tr("Give either --at/--polygon with --from and --to, or --scene options, not both."));
    if (single) {
        if (p.isSet(QStringLiteral("at")) && p.isSet(QStringLiteral("polygon")))
            return usageError(tr("Give either --at with --radius or --polygon, not both."));
        if (!p.isSet(QStringLiteral("from")) || !p.isSet(QStringLiteral("to")))
            return usageError(tr("A scene needs its time window: --from T --to T."));
        Scene s;
        auto from = timeOption(ctx, QStringLiteral("from"), 0);
        if (!from)
            return from.error();
        auto to = timeOption(ctx, QStringLiteral("to"), 0);
        if (!to)
            return to.error();
        s.fromMs = from.value();
        s.toMs = to.value();
        if (p.isSet(QStringLiteral("at"))) {
            auto centre = parseLatLon(QStringLiteral("at"), p.value(QStringLiteral("at")));
            if (!centre)
                return centre.error();
            if (!p.isSet(QStringLiteral("radius")))
                return usageError(tr("--at needs --radius M (metres)."));
            auto radius = parseNumber(QStringLiteral("radius"), p.value(QStringLiteral("radius")), 0);
            if (!radius)
                return radius.error();
            s.area = QGeoCircle(centre.value(), radius.value());
        } else {
            QList<QGeoCoordinate> corners;
            for (const QString& corner : p.value(QStringLiteral("polygon")).split(u';', Qt::SkipEmptyParts)) {
                auto c = parseLatLon(QStringLiteral("polygon"), corner);
                if (!c)
                    return c.error();
                corners.append(c.value());
            }
            if (corners.size() < 3)
                return usageError(tr("--polygon needs at least 3 corners: \"LAT,LON;LAT,LON;LAT,LON\"."));
            s.area = QGeoPolygon(corners);
        }
        scenes.append(s);
        return scenes;
    }
    for (const QString& text : p.values(QStringLiteral("scene"))) {
        const QStringList parts = text.split(u',');
        if (parts.size() != 5)
            return usageError(tr("--scene: '%1' is not LAT,LON,METRES,FROM,TO.").arg(text));
        auto centre = parseLatLon(QStringLiteral("scene"), parts.at(0) + u',' + parts.at(1));
        if (!centre)
            return centre.error();
        auto radius = parseNumber(QStringLiteral("scene"), parts.at(2), 0);
        if (!radius)
            return radius.error();
        auto from = CliContext::parseTime(QStringLiteral("scene"), parts.at(3).trimmed());
        if (!from)
            return from.error();
        auto to = CliContext::parseTime(QStringLiteral("scene"), parts.at(4).trimmed());
        if (!to)
            return to.error();
        Scene s;
        s.area = QGeoCircle(centre.value(), radius.value());
        s.fromMs = from.value();
        s.toMs = to.value();
        scenes.append(s);
    }
    return scenes;
}

Result<int> intOption(CliContext& ctx, const QString& option, int fallback, int min)
{
    if (!ctx.parser().isSet(option))
        return fallback;
    bool ok = false;
    const int v = ctx.parser().value(option).toInt(&ok);
    if (!ok || v < min)
        return usageError(tr("--%1 must be a whole number of at least %2.").arg(option).arg(min));
    return v;
}

/** Prints whole reads (through the service: authorised and logged) with their camera names. */
Status printReads(CliContext& ctx, Session& session, CanvassService& service, const QList<qint64>& ids,
                  const QJsonObject& about)
{
    auto cams = session.store().cameras();
    if (!cams)
        return cams.error();
    QHash<qint64, QString> names;
    for (const Camera& c : cams.value())
        names.insert(c.id, c.name);
    auto reads = service.reads(ids, about);
    if (!reads)
        return reads.error();
    QList<QStringList> rows;
    for (const Read& r : reads.value()) {
        rows.append({ QString::number(r.id), local(r.timeMs), r.plate, r.state, names.value(r.cameraId),
                      QString::number(r.lat, 'f', 6), QString::number(r.lon, 'f', 6), r.make, r.colour });
    }
    ctx.print({ QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("plate"), QStringLiteral("state"),
                QStringLiteral("camera"), QStringLiteral("lat"), QStringLiteral("lon"), QStringLiteral("make"),
                QStringLiteral("colour") },
              rows);
    return {};
}

enum class Mode { Scenes, Convoy, Locate };

} // namespace

Status canvass(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const bool convoy = p.isSet(QStringLiteral("convoy"));
    const bool locate = p.isSet(QStringLiteral("locate"));
    const bool scenesGiven
        = p.isSet(QStringLiteral("at")) || p.isSet(QStringLiteral("polygon")) || p.isSet(QStringLiteral("scene"));
    if (int(convoy) + int(locate) + int(scenesGiven) != 1)
        return usageError(tr("canvass: give one of --at/--polygon (one scene), --scene (repeatable), --convoy PLATE "
                             "or --locate PLATE."));
    const Mode mode = convoy ? Mode::Convoy : locate ? Mode::Locate : Mode::Scenes;
    const QString show = p.isSet(QStringLiteral("show")) ? p.value(QStringLiteral("show")) : QStringLiteral("plates");
    if (show != QLatin1String("plates") && show != QLatin1String("reads"))
        return usageError(tr("--show must be 'plates' or 'reads'."));
    const bool showReads = show == QLatin1String("reads");
    auto limit = intOption(ctx, QStringLiteral("limit"), 1000, 1);
    if (!limit)
        return limit.error();

    // Everything the user typed is checked before signing in: a typo costs no password prompt and no audit row.
    QList<Scene> scenes;
    int minScenes = 0;
    ConvoyQuery convoyQuery;
    LocateQuery locateQuery;
    if (mode == Mode::Scenes) {
        auto parsed = scenesFromOptions(ctx);
        if (!parsed)
            return parsed.error();
        scenes = parsed.value();
        auto k = intOption(ctx, QStringLiteral("min-scenes"), int(scenes.size()), 1);
        if (!k)
            return k.error();
        minScenes = k.value();
        if (Status s = CommonPlatesCanvass::check(scenes, minScenes); !s)
            return s;
    } else {
        auto from = timeOption(ctx, QStringLiteral("from"), std::numeric_limits<qint64>::min());
        if (!from)
            return from.error();
        auto to = timeOption(ctx, QStringLiteral("to"), std::numeric_limits<qint64>::max());
        if (!to)
            return to.error();
        if (mode == Mode::Convoy) {
            convoyQuery.plate = normalisePlate(p.value(QStringLiteral("convoy")));
            convoyQuery.fromMs = from.value();
            convoyQuery.toMs = to.value();
            if (p.isSet(QStringLiteral("within-seconds"))) {
                auto s = parseNumber(QStringLiteral("within-seconds"), p.value(QStringLiteral("within-seconds")), 0);
                if (!s)
                    return s.error();
                convoyQuery.withinMs = qint64(std::llround(s.value() * 1000));
            }
            if (p.isSet(QStringLiteral("within-metres"))) {
                auto m = parseNumber(QStringLiteral("within-metres"), p.value(QStringLiteral("within-metres")), 0);
                if (!m)
                    return m.error();
                convoyQuery.withinMetres = m.value();
            }
            auto times = intOption(ctx, QStringLiteral("min-times"), convoyQuery.minTimes, 1);
            if (!times)
                return times.error();
            convoyQuery.minTimes = times.value();
            if (Status s = ConvoyAnalysis::check(convoyQuery); !s)
                return s;
        } else {
            locateQuery.plate = normalisePlate(p.value(QStringLiteral("locate")));
            locateQuery.fromMs = from.value();
            locateQuery.toMs = to.value();
            if (p.isSet(QStringLiteral("cluster-metres"))) {
                auto m = parseNumber(QStringLiteral("cluster-metres"), p.value(QStringLiteral("cluster-metres")), 0);
                if (!m)
                    return m.error();
                locateQuery.clusterMetres = m.value();
            }
            if (Status s = LocateAnalysis::check(locateQuery); !s)
                return s;
        }
    }

    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = ctx.openCase(session); !s)
        return s;
    CanvassService service(session);
    QTextStream& err = CliContext::err();
    const bool table = ctx.format() == OutputFormat::Table;

    if (mode == Mode::Scenes && scenes.size() == 1) {
        auto result = service.scene(scenes.first());
        if (!result)
            return result.error();
        if (table)
            err << tr("%1 reads of %2 plates at the scene.").arg(result->reads.size()).arg(result->plates.size())
                << '\n';
        if (showReads) {
            QList<qint64> ids;
            for (const ReadPoint& r : std::as_const(result->reads)) {
                if (ids.size() >= limit.value())
                    break;
                ids.append(r.readId);
            }
            return printReads(ctx, session, service, ids, CanvassService::describe(scenes.first()));
        }
        QList<QStringList> rows;
        for (const ScenePlate& sp : std::as_const(result->plates)) {
            if (rows.size() >= limit.value())
                break;
            rows.append({ QString::number(rows.size() + 1), sp.plate, QString::number(sp.reads), local(sp.firstMs),
                          local(sp.lastMs) });
        }
        ctx.print({ QStringLiteral("rank"), QStringLiteral("plate"), QStringLiteral("reads"),
                    QStringLiteral("first seen"), QStringLiteral("last seen") },
                  rows);
        return {};
    }

    if (mode == Mode::Scenes) {
        auto result = service.commonPlates(scenes, minScenes);
        if (!result)
            return result.error();
        if (table) {
            QStringList perScene;
            for (qint64 n : std::as_const(result->readsPerScene))
                perScene.append(QString::number(n));
            err << tr("%1 plates seen at %2 or more of %3 scenes (reads per scene: %4).")
                       .arg(result->plates.size())
                       .arg(minScenes)
                       .arg(scenes.size())
                       .arg(perScene.join(QStringLiteral(", ")))
                << '\n';
        }
        if (showReads) {
            QList<qint64> ids;
            for (const CommonPlate& c : std::as_const(result->plates))
                for (const ReadPoint& r : c.reads)
                    if (ids.size() < limit.value())
                        ids.append(r.readId);
            QJsonArray list;
            for (const Scene& s : std::as_const(scenes))
                list.append(CanvassService::describe(s));
            return printReads(ctx, session, service, ids,
                              { { QStringLiteral("scenes"), list }, { QStringLiteral("min_scenes"), minScenes } });
        }
        QStringList header { QStringLiteral("rank"), QStringLiteral("plate"), QStringLiteral("scenes") };
        for (qsizetype i = 0; i < scenes.size(); ++i)
            header.append(QStringLiteral("scene %1").arg(i + 1));
        header.append(QStringLiteral("reads"));
        QList<QStringList> rows;
        for (const CommonPlate& c : std::as_const(result->plates)) {
            if (rows.size() >= limit.value())
                break;
            QStringList row { QString::number(rows.size() + 1), c.plate, QString::number(c.scenes) };
            for (qint64 n : c.readsPerScene)
                row.append(QString::number(n));
            row.append(QString::number(c.totalReads));
            rows.append(row);
        }
        ctx.print(header, rows);
        return {};
    }

    if (mode == Mode::Convoy) {
        auto result = service.convoy(convoyQuery);
        if (!result)
            return result.error();
        if (table)
            err << tr("%1 sightings of the target; %2 plates seen within %3 s and %4 m of it at least %5 times.")
                       .arg(result->targetSightings.size())
                       .arg(result->plates.size())
                       .arg(double(convoyQuery.withinMs) / 1000.0)
                       .arg(convoyQuery.withinMetres)
                       .arg(convoyQuery.minTimes)
                << '\n';
        if (showReads) {
            QList<qint64> ids;
            for (const ConvoyPlate& c : std::as_const(result->plates))
                for (const ReadPoint& r : c.reads)
                    if (ids.size() < limit.value())
                        ids.append(r.readId);
            return printReads(ctx, session, service, ids, { { QStringLiteral("convoy_of"), convoyQuery.plate } });
        }
        QList<QStringList> rows;
        for (const ConvoyPlate& c : std::as_const(result->plates)) {
            if (rows.size() >= limit.value())
                break;
            rows.append({ QString::number(rows.size() + 1), c.plate, QString::number(c.sightingsMatched),
                          QString::number(c.coReads), local(c.firstMs), local(c.lastMs) });
        }
        ctx.print({ QStringLiteral("rank"), QStringLiteral("plate"), QStringLiteral("times"), QStringLiteral("reads"),
                    QStringLiteral("first together"), QStringLiteral("last together") },
                  rows);
        return {};
    }

    auto result = service.locate(locateQuery);
    if (!result)
        return result.error();
    if (table)
        err << tr("%1 sightings in %2 places (times in %3).")
                   .arg(result->sightings)
                   .arg(result->clusters.size())
                   .arg(QString::fromUtf8(locateQuery.zone.id()))
            << '\n';
    if (showReads) {
        QList<qint64> ids;
        for (const SightingCluster& c : std::as_const(result->clusters))
            for (const ReadPoint& r : c.reads)
                if (ids.size() < limit.value())
                    ids.append(r.readId);
        return printReads(ctx, session, service, ids, { { QStringLiteral("locate"), locateQuery.plate } });
    }
    QList<QStringList> rows;
    for (const SightingCluster& c : std::as_const(result->clusters)) {
        if (rows.size() >= limit.value())
            break;
        rows.append({ QString::number(rows.size() + 1), QString::number(c.lat, 'f', 6), QString::number(c.lon, 'f', 6),
                      QString::number(c.sightings),
                      QString::number(100.0 * c.sightings / std::max(1, result->sightings), 'f', 1),
                      QString::number(c.days), LocateAnalysis::formatHours(c.usualHours), local(c.firstMs),
                      local(c.lastMs), QString::number(c.spreadMetres, 'f', 0) });
    }
    ctx.print({ QStringLiteral("place"), QStringLiteral("lat"), QStringLiteral("lon"), QStringLiteral("sightings"),
                QStringLiteral("share %"), QStringLiteral("days"), QStringLiteral("usual hours"),
                QStringLiteral("first seen"), QStringLiteral("last seen"), QStringLiteral("spread m") },
              rows);
    return {};
}

} // namespace alpr::commands

// `alpr-cli bench canvass`: the canvass figures of issue 5, each beside the same question answered by plain SQL on
// the same store in the same run, with a check that both answers are the same.
#include "ActiveCase.h"
#include "Authenticator.h"
#include "CanvassService.h"
#include "BenchSamples.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "DemoGenerator.h"
#include "DemoSupport.h"
#include "Session.h"
#include "Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGeoCircle>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTextStream>
#include <QTimeZone>
#include <algorithm>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

constexpr qint64 kHourMs = 60 * 60 * 1000;
constexpr double kSceneRadiusM = 500;
constexpr int kRuns = 5; // per location: the first is cold (nothing of it in SQLCipher's page cache), then warm
constexpr qint64 kConvoyWithinMs = 60 * 1000;
constexpr double kConvoyWithinM = 100;
constexpr int kConvoyMinTimes = 2;



/** One question of the benchmark: our timings, the baseline's, and whether every answer matched. */
struct Question
{
    QString name;
    double goalMs = 0;
    BenchSamples ours {};
    BenchSamples baseline {};
    qint64 results = 0; ///< summed over the locations
    int locations = 0;
    bool same = true;
};

/** A 2-hour window starting at the given local hour, dayOffset days after the first read's day (Pacific time). */
std::pair<qint64, qint64> window(qint64 firstMs, int dayOffset, int hour)
{
    const QTimeZone pacific("America/Los_Angeles");
    const QDate day = QDateTime::fromMSecsSinceEpoch(firstMs, pacific).date().addDays(dayOffset);
    const qint64 from = QDateTime(day, QTime(hour, 0), pacific).toMSecsSinceEpoch();
    return { from, from + 2 * kHourMs };
}

Scene circleScene(const Camera& c, std::pair<qint64, qint64> w)
{
    Scene s;
    s.area = QGeoCircle(QGeoCoordinate(c.lat, c.lon), kSceneRadiusM);
    s.fromMs = w.first;
    s.toMs = w.second;
    return s;
}

CircleWindow circleWindow(const Camera& c, std::pair<qint64, qint64> w)
{
    return CircleWindow { c.lat, c.lon, kSceneRadiusM, w.first, w.second };
}

} // namespace

Status benchCanvass(CliContext& ctx)
{
    const bool json = ctx.parser().isSet(QStringLiteral("json"));
    QString path = ctx.parser().value(QStringLiteral("store"));
    auto readsOption = ctx.number(QStringLiteral("reads"), 0, 1, 50000000); // 0: not given (an existing --store)
    if (!readsOption)
        return readsOption.error();
    const qint64 reads = readsOption.value();
    if (path.isEmpty()) {
        if (reads == 0)
            return usageError(tr("bench canvass needs --reads N (or --store PATH of an existing demo store)."));
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        QDir().mkpath(dir);
        path = QDir(dir).filePath(QStringLiteral("bench-%1.alpr").arg(reads));
    }
    QTextStream& err = CliContext::err();
    QTextStream& out = CliContext::out();

    // 1. The store: reused when it exists (generating millions of reads takes minutes). A store made before the
    // canvass index is migrated when it opens.
    double generateS = 0;
    if (!QFileInfo::exists(path)) {
        if (reads == 0)
            return usageError(tr("%1 does not exist: give --reads N to build it.").arg(path));
        err << tr("bench: building a demo store of %1 reads at %2 (reused next time)").arg(reads).arg(path) << '\n';
        QElapsedTimer t;
        t.start();
        auto created = demo::createStore(path, ctx.clock());
        if (!created)
            return created.error();
        DemoOptions options;
        options.reads = reads;
        options.endMs = ctx.clock().nowMs();
        options.imageEvery = 0;
        qint64 inserted = 0;
        if (Status s = demo::fill(*created.value(), options, &inserted, nullptr); !s)
            return s;
        generateS = t.elapsed() / 1000.0;
    }
    QElapsedTimer openTimer;
    openTimer.start();
    Credentials c { path, demo::detectiveName(), demo::detectivePassword(), QString(), true };
    auto signedIn = Authenticator(ctx.clock()).signIn(c, QStringLiteral("cli-bench@") + QSysInfo::machineHostName());
    if (!signedIn)
        return signedIn.error();
    const double openS = openTimer.elapsed() / 1000.0;
    Session& session = *signedIn.value();
    if (Status s = session.openCase(QStringLiteral("00-000000"), ActiveCase::categories().constLast(),
                                    QStringLiteral("canvass benchmark"));
        !s)
        return s;
    Store& store = session.store();
    auto stats = store.stats();
    if (!stats)
        return stats.error();
    if (stats->reads == 0)
        return failure(tr("%1 holds no reads to canvass.").arg(path));
    auto cameras = store.cameras();
    if (!cameras)
        return cameras.error();
    QList<Camera> fixed;
    for (const Camera& cam : cameras.value())
        if (!cam.mobile)
            fixed.append(cam);
    if (fixed.size() < 8)
        return failure(tr("%1 has too few fixed cameras for the benchmark's scenes (a demo store has 48).").arg(path));
    const int days = int(std::max<qint64>(1, (stats->lastMs - stats->firstMs) / (24 * kHourMs)));
    auto cameraAt = [&](int i) { return fixed.at(int((qsizetype(i) * 7 + 3) % fixed.size())); };
    CanvassService service(session);

    // 2. One scene, 500 m x 2 h, at eight places and times of day.
    Question one { tr("one scene 500 m x 2 h"), 20 };
    const int hours[] = { 7, 8, 12, 15, 17, 18, 21, 10 };
    for (int i = 0; i < 8; ++i) {
        const Camera cam = cameraAt(i);
        const auto w = window(stats->firstMs, (3 + i * 7) % days, hours[i]);
        SceneResult ours;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer t;
            t.start();
            auto r = service.scene(circleScene(cam, w));
            if (!r)
                return r.error();
            one.ours.ms.append(msSince(t));
            ours = r.value();
        }
        QElapsedTimer t;
        t.start();
        auto theirs = store.circleReadsBaseline(circleWindow(cam, w));
        if (!theirs)
            return theirs.error();
        one.baseline.ms.append(msSince(t));
        QHash<qint64, qint64> theirCounts;
        QList<qint64> theirIds;
        for (const ReadPoint& p : theirs.value()) {
            ++theirCounts[p.plateId];
            theirIds.append(p.readId);
        }
        QHash<qint64, qint64> ourCounts;
        QList<qint64> ourIds;
        for (const ReadPoint& p : std::as_const(ours.reads))
            ourIds.append(p.readId);
        for (const ScenePlate& sp : std::as_const(ours.plates))
            ourCounts.insert(sp.plateId, sp.reads);
        std::sort(ourIds.begin(), ourIds.end());
        std::sort(theirIds.begin(), theirIds.end());
        one.same &= ourIds == theirIds && ourCounts == theirCounts;
        one.results += ours.reads.size();
        ++one.locations;
    }

    // 3. Three scenes (three places, the same 2 hours of three different days), plates at at least two of them.
    Question three { tr("3 scenes, plates at >= 2"), 100 };
    for (int i = 0; i < 4; ++i) {
        QList<Scene> scenes;
        QList<CircleWindow> circles;
        for (int k = 0; k < 3; ++k) {
            const Camera cam = cameraAt(i * 3 + k + 1);
            const auto w = window(stats->firstMs, (5 + i * 11 + k * 7) % days, hours[i]);
            scenes.append(circleScene(cam, w));
            circles.append(circleWindow(cam, w));
        }
        MultiSceneResult ours;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer t;
            t.start();
            auto r = service.commonPlates(scenes, 2);
            if (!r)
                return r.error();
            three.ours.ms.append(msSince(t));
            ours = r.value();
        }
        QElapsedTimer t;
        t.start();
        auto theirs = store.commonPlatesBaseline(circles, 2);
        if (!theirs)
            return theirs.error();
        three.baseline.ms.append(msSince(t));
        QHash<qint64, QList<qint64>> ourPlates;
        for (const CommonPlate& cp : std::as_const(ours.plates))
            ourPlates.insert(cp.plateId, cp.readsPerScene);
        three.same &= ourPlates == theirs.value();
        three.results += ours.plates.size();
        ++three.locations;
    }

    // 4. Convoy of plates with about 200 sightings.
    Question convoy { tr("convoy, ~200 sightings"), 200 };
    QList<PlateSummary> targets;
    if (Status s = store.forEachPlate([&](const PlateSummary& p) {
            if (p.readCount >= 190 && p.readCount <= 210 && targets.size() < 5)
                targets.append(p);
        });
        !s)
        return s;
    for (const PlateSummary& target : std::as_const(targets)) {
        ConvoyQuery q;
        q.plate = target.plate;
        q.withinMs = kConvoyWithinMs;
        q.withinMetres = kConvoyWithinM;
        q.minTimes = kConvoyMinTimes;
        ConvoyResult ours;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer t;
            t.start();
            auto r = service.convoy(q);
            if (!r)
                return r.error();
            convoy.ours.ms.append(msSince(t));
            ours = r.value();
        }
        QElapsedTimer t;
        t.start();
        auto theirs = store.convoyBaseline(q.plate, q.fromMs, q.toMs, q.withinMs, q.withinMetres, q.minTimes);
        if (!theirs)
            return theirs.error();
        convoy.baseline.ms.append(msSince(t));
        QHash<qint64, qint64> ourPlates;
        for (const ConvoyPlate& cp : std::as_const(ours.plates))
            ourPlates.insert(cp.plateId, cp.sightingsMatched);
        convoy.same &= ourPlates == theirs.value() && ours.targetSightings.size() == target.readCount;
        convoy.results += ours.plates.size();
        ++convoy.locations;
    }
    if (targets.isEmpty())
        err << tr("bench: no plate with about 200 sightings in this store; convoy not measured.") << '\n';

    // 5. Report.
    const QList<Question*> questions { &one, &three, &convoy };
    bool allSame = true;
    bool allMet = true;
    QJsonArray list;
    if (!json) {
        out << tr("Store: %1 reads, %2 distinct plates (%3); opened and signed in in %4 s.")
                   .arg(stats->reads)
                   .arg(stats->plates)
                   .arg(path)
                   .arg(openS, 0, 'f', 1)
            << '\n';
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(QStringLiteral("question"), -26)
                   .arg(QStringLiteral("places"), 6)
                   .arg(QStringLiteral("results"), 8)
                   .arg(QStringLiteral("p50 ms"), 8)
                   .arg(QStringLiteral("p99 ms"), 8)
                   .arg(QStringLiteral("goal ms"), 8)
                   .arg(QStringLiteral("SQL ms"), 9)
                   .arg(QStringLiteral("ratio"), 7)
                   .arg(QStringLiteral("same"), 5);
    }
    for (const Question* q : questions) {
        if (q->locations == 0)
            continue;
        const double ratio = q->baseline.percentile(0.5) / std::max(0.001, q->ours.percentile(0.5));
        allSame &= q->same;
        allMet &= q->ours.percentile(0.99) <= q->goalMs;
        list.append(QJsonObject { { QStringLiteral("question"), q->name },
                                  { QStringLiteral("places"), q->locations },
                                  { QStringLiteral("runs"), double(q->ours.ms.size()) },
                                  { QStringLiteral("results"), double(q->results) },
                                  { QStringLiteral("p50_ms"), q->ours.percentile(0.5) },
                                  { QStringLiteral("p99_ms"), q->ours.percentile(0.99) },
                                  { QStringLiteral("goal_ms"), q->goalMs },
                                  { QStringLiteral("sql_p50_ms"), q->baseline.percentile(0.5) },
                                  { QStringLiteral("ratio"), ratio },
                                  { QStringLiteral("same_result"), q->same } });
        if (!json) {
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                       .arg(q->name, -26)
                       .arg(q->locations, 6)
                       .arg(q->results, 8)
                       .arg(q->ours.percentile(0.5), 8, 'f', 2)
                       .arg(q->ours.percentile(0.99), 8, 'f', 2)
                       .arg(q->goalMs, 8, 'f', 0)
                       .arg(q->baseline.percentile(0.5), 9, 'f', 1)
                       .arg(QString::number(ratio, 'f', 0) + u'x', 7)
                       .arg(q->same ? QStringLiteral("yes") : QStringLiteral("NO"), 5);
        }
    }
    if (json) {
        const QJsonObject root { { QStringLiteral("benchmark"), QStringLiteral("canvass") },
                                 { QStringLiteral("reads"), double(stats->reads) },
                                 { QStringLiteral("distinct_plates"), double(stats->plates) },
                                 { QStringLiteral("store_generation_s"), generateS },
                                 { QStringLiteral("open_s"), openS },
                                 { QStringLiteral("runs_per_place"), kRuns },
                                 { QStringLiteral("all_same"), allSame },
                                 { QStringLiteral("all_goals_met"), allMet },
                                 { QStringLiteral("questions"), list } };
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        out << tr("Times are the whole service call (case gate, query, plate names, access record); %1 runs per "
                  "place, the first cold. SQL = the same question in plain SQL through the time index.")
                   .arg(kRuns)
            << '\n';
        out << (allSame ? tr("Every answer was the same as the SQL baseline's.")
                        : tr("MISMATCH: some answers differ from the SQL baseline (see 'same')."))
            << '\n';
    }
    out.flush();
    return allSame ? Status {} : failure(tr("The benchmark's results differ from the SQL baseline."));
}

} // namespace alpr::commands

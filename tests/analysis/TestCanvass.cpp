// The canvass analyses against the slow, obvious answer worked out from every stored read, on random reads in a small
// area; then the edge cases (radius 0, a self-crossing polygon, windows across midnight and both DST changes in
// America/Los_Angeles, empty results) and the case gate with its access records.
#include "Authenticator.h"
#include "CanvassService.h"
#include "CanvassTestData.h"
#include "CommonPlatesCanvass.h"
#include "ConvoyAnalysis.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "GeoMath.h"
#include "LocateAnalysis.h"
#include "PasswordPolicy.h"
#include "SceneArea.h"
#include "SceneCanvass.h"
#include "Session.h"
#include "SightingClusterer.h"
#include "TempDir.h"
#include "Vault.h"

#include <QGeoCircle>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>
#include <catch2/catch_test_macros.hpp>
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>
#include <numeric>

using namespace alpr;

namespace {

const QString kAdminPw = QStringLiteral("administrator passphrase 1");
const QString kUserPw = QStringLiteral("detective passphrase 2");
constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
// 2026-10-30 00:00 PDT: the generated reads span the end of daylight saving time (2026-11-01 02:00 PDT -> 01:00 PST).
const QTimeZone kPacific("America/Los_Angeles");
const qint64 kStart = QDateTime(QDate(2026, 10, 30), QTime(0, 0), kPacific).toMSecsSinceEpoch();

/** A store with a trained detective (no MFA: a demonstration store), signed in, optionally inside a case. */
struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock { kStart + 10 * kDayMs };
    QString path = dir.path(QStringLiteral("canvass.alpr"));
    std::unique_ptr<Session> session;

    explicit Fixture(bool openCase = true)
    {
        UserRecord admin;
        admin.name = QStringLiteral("admin");
        admin.role = Role::Admin;
        auto vault = Vault::create(path, admin, kAdminPw, clock, kMinimumPbkdf2Iterations);
        REQUIRE(vault);
        UserRecord u;
        u.name = QStringLiteral("det");
        u.role = Role::Detective;
        u.agency = QStringLiteral("West Covina PD");
        u.trainedOn = QDate(2026, 5, 1);
        u.refresherDue = u.trainedOn.addYears(1);
        REQUIRE(vault.value()->addUser(u, kUserPw));
        PasswordRules rules;
        rules.requireMfa = false;
        auto settings = PasswordPolicy(rules).toSettings();
        settings.insert(QStringLiteral("store.kind"), QStringLiteral("demo"));
        for (auto it = settings.begin(); it != settings.end(); ++it)
            REQUIRE(vault.value()->store().setSetting(it.key(), it.value()));
        vault.value().reset();
        Credentials credentials;
        credentials.storePath = path;
        credentials.user = QStringLiteral("det");
        credentials.password = kUserPw;
        credentials.bannerAcknowledged = true;
        auto s = Authenticator(clock).signIn(credentials, QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        if (openCase)
            REQUIRE(session->openCase(QStringLiteral("26-004711"), ActiveCase::categories().first(),
                                      QStringLiteral("burglary canvass")));
    }

    Store& store() { return session->store(); }
};

// Far from the random reads (a 3 km square from 34.03,-117.97), so the hand-made cases count only their own reads.
const QGeoCoordinate kQuietSpot(34.0900, -117.9000);
const QGeoCoordinate kHomeSpot(34.1077, -117.9000);
const QGeoCoordinate kGateSpot(34.2000, -117.7000);

/**
 * One signed-in store for the whole file (signing in costs three slow key derivations): random reads, a target with
 * a companion, a commuter across the end of DST, and a read every 15 minutes around both DST changes.
 */
struct SharedData
{
    Fixture f;
    QList<Read> all;

    SharedData()
    {
        std::mt19937 rng(21);
        QList<Read> reads = test::randomReads(rng, 3000, kStart, 3 * kDayMs, 150);
        // A companion that follows the target about 20 s behind, at the same spots, a dozen times.
        for (int i = 0; i < 12; ++i) {
            Read t = reads.at(i * 7);
            t.plate = QStringLiteral("TARGET1");
            Read c = t;
            c.plate = QStringLiteral("FRIEND1");
            c.timeMs += 20 * 1000;
            c.lat += 0.0003;
            reads.append(t);
            reads.append(c);
        }
        // A commuter read at 08:15 local time every day from 25 October to 8 November: daylight saving time ends on
        // 1 November, so the UTC hour moves from 15 to 16 while the local hour stays 8.
        for (int d = 0; d < 15; ++d) {
            Read r;
            r.plate = QStringLiteral("COMMUTE");
            r.timeMs = QDateTime(QDate(2026, 10, 25).addDays(d), QTime(8, 15), kPacific).toMSecsSinceEpoch();
            r.lat = kQuietSpot.latitude();
            r.lon = kQuietSpot.longitude();
            reads.append(r);
            r.timeMs += 9 * kHourMs; // and at home at 17:15, 2 km away
            r.lat = kHomeSpot.latitude();
            r.lon = kHomeSpot.longitude();
            reads.append(r);
        }
        // A read every 15 minutes from 6 to 9 March and from 30 October to 2 November 2026.
        for (const QDate& first : { QDate(2026, 3, 6), QDate(2026, 10, 30) }) {
            const qint64 begin = QDateTime(first, QTime(0, 0), kPacific).toMSecsSinceEpoch();
            for (qint64 t = begin; t < begin + 4 * kDayMs; t += 15 * kMinuteMs) {
                Read r;
                r.plate = QStringLiteral("EVERY15");
                r.timeMs = t;
                r.lat = kQuietSpot.latitude();
                r.lon = kQuietSpot.longitude();
                reads.append(r);
            }
        }
        REQUIRE(f.store().addReads(reads));
        all = test::allReads(f.store());
    }
};

SharedData* g_shared = nullptr;

SharedData& shared()
{
    if (!g_shared)
        g_shared = new SharedData;
    return *g_shared;
}

/** Removes the shared store (and its temporary directory) when the run ends. */
class SharedDataCleanup : public Catch::EventListenerBase
{
public:
    using Catch::EventListenerBase::EventListenerBase;
    void testRunEnded(const Catch::TestRunStats&) override
    {
        delete g_shared;
        g_shared = nullptr;
    }
};

Scene randomScene(std::mt19937& rng, const QList<Read>& all, int kind)
{
    std::uniform_real_distribution<double> unit(0, 1);
    Scene s;
    const Read& anchor = all.at(int(rng() % unsigned(all.size())));
    const double lat = anchor.lat + (unit(rng) - 0.5) * 0.004;
    const double lon = anchor.lon + (unit(rng) - 0.5) * 0.004;
    if (kind == 0) {
        // Radius 0 at a stored read's exact place now and then.
        const double r = rng() % 6 == 0 ? 0.0 : unit(rng) * 900;
        s.area
            = r == 0 ? QGeoCircle(QGeoCoordinate(anchor.lat, anchor.lon), 0) : QGeoCircle(QGeoCoordinate(lat, lon), r);
    } else if (kind == 1) {
        s.area
            = QGeoRectangle(QGeoCoordinate(lat + unit(rng) * 0.006, lon), QGeoCoordinate(lat, lon + unit(rng) * 0.008));
    } else {
        // Random corners around a point, in random order: most of these outlines cross themselves.
        QList<QGeoCoordinate> corners;
        const int n = 3 + int(rng() % 6);
        for (int i = 0; i < n; ++i)
            corners.append(QGeoCoordinate(lat + (unit(rng) - 0.5) * 0.012, lon + (unit(rng) - 0.5) * 0.012));
        s.area = QGeoPolygon(corners);
    }
    s.fromMs = kStart + qint64(unit(rng) * 3 * kDayMs);
    s.toMs = s.fromMs + qint64(unit(rng) * 20 * kHourMs) + 1;
    return s;
}

/** The reads of a scene, the obvious way: every stored read through the area's test. */
QList<Read> bruteScene(const QList<Read>& all, const Scene& scene)
{
    const SceneArea area = SceneArea::fromShape(scene.area).value();
    QList<Read> out;
    for (const Read& r : all)
        if (r.timeMs >= scene.fromMs && r.timeMs < scene.toMs && area.contains(r.lat, r.lon))
            out.append(r);
    return out;
}

QList<Read> readsOfPlate(const QList<Read>& all, const QString& plate)
{
    QList<Read> out;
    for (const Read& r : all)
        if (r.plate == plate)
            out.append(r);
    std::sort(out.begin(), out.end(),
              [](const Read& a, const Read& b) { return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.id < b.id; });
    return out;
}

/** The clustering of SightingClusterer, spelt out with all-pairs distances instead of a grid. */
QList<QSet<qint64>> bruteClusters(const QList<Read>& sightings, double radius)
{
    const int n = int(sightings.size());
    auto near = [&](int a, int b) {
        return GeoMath::metres(sightings[a].lat, sightings[a].lon, sightings[b].lat, sightings[b].lon) <= radius;
    };
    QList<int> count(n, 0);
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b)
            count[a] += near(a, b) ? 1 : 0;
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (count[a] != count[b])
            return count[a] > count[b];
        if (sightings[a].timeMs != sightings[b].timeMs)
            return sightings[a].timeMs < sightings[b].timeMs;
        return sightings[a].id < sightings[b].id;
    });
    QList<bool> taken(n, false);
    QList<QSet<qint64>> out;
    for (int f : order) {
        if (taken[f])
            continue;
        QSet<qint64> members;
        for (int b = 0; b < n; ++b) {
            if (!taken[b] && near(f, b)) {
                taken[b] = true;
                members.insert(sightings[b].id);
            }
        }
        out.append(members);
    }
    return out;
}

} // namespace

CATCH_REGISTER_LISTENER(SharedDataCleanup)

TEST_CASE("scene canvass equals a brute-force filter: circles, rectangles, self-crossing polygons")
{
    SharedData& d = shared();
    const QList<Read>& all = d.all;
    std::mt19937 rng(31);
    CanvassService service(*d.f.session);
    int nonEmpty = 0;
    for (int i = 0; i < 90; ++i) {
        const Scene scene = randomScene(rng, all, i % 3);
        auto result = service.scene(scene);
        REQUIRE(result);
        const QList<Read> expected = bruteScene(all, scene);
        QList<qint64> expectedIds;
        QHash<QString, qint64> expectedCounts;
        for (const Read& r : expected) {
            expectedIds.append(r.id);
            ++expectedCounts[r.plate];
        }
        std::sort(expectedIds.begin(), expectedIds.end());
        QList<qint64> ids;
        for (const ReadPoint& p : std::as_const(result->reads))
            ids.append(p.readId);
        // Oldest first.
        CHECK(std::is_sorted(result->reads.cbegin(), result->reads.cend(),
                             [](const ReadPoint& a, const ReadPoint& b) { return a.timeMs < b.timeMs; }));
        std::sort(ids.begin(), ids.end());
        CHECK(ids == expectedIds);
        QHash<QString, qint64> counts;
        for (const ScenePlate& p : std::as_const(result->plates))
            counts.insert(p.plate, p.reads);
        CHECK(counts == expectedCounts);
        // Ranked by reads.
        CHECK(std::is_sorted(result->plates.cbegin(), result->plates.cend(),
                             [](const ScenePlate& a, const ScenePlate& b) { return a.reads > b.reads; }));
        nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    CHECK(nonEmpty > 40); // the comparison is not between two empty lists
}

TEST_CASE("common plates of several scenes equal a brute-force count")
{
    SharedData& d = shared();
    const QList<Read>& all = d.all;
    std::mt19937 rng(32);
    CanvassService service(*d.f.session);
    int found = 0;
    for (int i = 0; i < 40; ++i) {
        QList<Scene> scenes;
        const int n = 2 + int(rng() % 3);
        for (int k = 0; k < n; ++k)
            scenes.append(randomScene(rng, all, int(rng() % 3)));
        const int minScenes = 1 + int(rng() % unsigned(n));
        auto result = service.commonPlates(scenes, minScenes);
        REQUIRE(result);
        QHash<QString, QList<qint64>> expected;
        for (int k = 0; k < n; ++k) {
            for (const Read& r : bruteScene(all, scenes.at(k))) {
                QList<qint64>& counts = expected[r.plate];
                if (counts.isEmpty())
                    counts.resize(n, 0);
                ++counts[k];
            }
        }
        for (auto it = expected.begin(); it != expected.end();) {
            const auto seenAt = std::count_if(it->cbegin(), it->cend(), [](qint64 c) { return c > 0; });
            it = seenAt >= minScenes ? std::next(it) : expected.erase(it);
        }
        QHash<QString, QList<qint64>> got;
        for (const CommonPlate& p : std::as_const(result->plates)) {
            got.insert(p.plate, p.readsPerScene);
            CHECK(p.scenes >= minScenes);
        }
        CHECK(got == expected);
        CHECK(std::is_sorted(result->plates.cbegin(), result->plates.cend(),
                             [](const CommonPlate& a, const CommonPlate& b) { return a.scenes > b.scenes; }));
        found += got.isEmpty() ? 0 : 1;
    }
    CHECK(found > 10);
    // K outside 1..scenes is a usage error, before any query.
    auto bad = service.commonPlates({ randomScene(rng, all, 0) }, 2);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == ErrorKind::Usage);
}

TEST_CASE("convoy equals a brute-force pairing of the target's sightings with every read")
{
    SharedData& d = shared();
    const QList<Read>& all = d.all;
    CanvassService service(*d.f.session);
    for (const QString& target : { QStringLiteral("TARGET1"), QStringLiteral("P0003"), QStringLiteral("P0017") }) {
        for (const auto& [withinMs, withinM, minTimes] :
             { std::tuple { 60 * 1000LL, 100.0, 2 }, std::tuple { 30 * kMinuteMs, 800.0, 3 },
               std::tuple { 0LL, 0.0, 1 } }) {
            ConvoyQuery q;
            q.plate = target;
            q.withinMs = withinMs;
            q.withinMetres = withinM;
            q.minTimes = minTimes;
            auto result = service.convoy(q);
            REQUIRE(result);
            const QList<Read> sightings = readsOfPlate(all, target);
            CHECK(result->targetSightings.size() == sightings.size());
            QHash<QString, QSet<qint64>> matched;
            for (const Read& t : sightings) {
                for (const Read& o : all) {
                    if (o.plate != target && std::abs(o.timeMs - t.timeMs) <= withinMs
                        && GeoMath::metres(t.lat, t.lon, o.lat, o.lon) <= withinM)
                        matched[o.plate].insert(t.id);
                }
            }
            QHash<QString, int> expected;
            for (auto it = matched.cbegin(); it != matched.cend(); ++it)
                if (it->size() >= minTimes)
                    expected.insert(it.key(), int(it->size()));
            QHash<QString, int> got;
            for (const ConvoyPlate& p : std::as_const(result->plates))
                got.insert(p.plate, p.sightingsMatched);
            CHECK(got == expected);
            if (target == QLatin1String("TARGET1") && withinMs == 60 * 1000) {
                REQUIRE_FALSE(result->plates.isEmpty());
                CHECK(result->plates.first().plate == QLatin1String("FRIEND1"));
                CHECK(result->plates.first().sightingsMatched == 12);
            }
        }
    }
    // An unknown plate has no sightings and so no companions: an empty answer, not an error.
    ConvoyQuery unknown;
    unknown.plate = QStringLiteral("NOSUCH9");
    auto none = service.convoy(unknown);
    REQUIRE(none);
    CHECK(none->targetSightings.isEmpty());
    CHECK(none->plates.isEmpty());
}

TEST_CASE("locate: places equal the all-pairs clustering, hours are wall-clock hours across DST")
{
    SharedData& d = shared();
    const QList<Read>& all = d.all;
    CanvassService service(*d.f.session);
    for (const QString& plate : { QStringLiteral("P0001"), QStringLiteral("P0007"), QStringLiteral("COMMUTE") }) {
        for (double radius : { 0.0, 150.0, 600.0 }) {
            LocateQuery q;
            q.plate = plate;
            q.clusterMetres = radius;
            q.zone = kPacific;
            auto result = service.locate(q);
            REQUIRE(result);
            const QList<Read> sightings = readsOfPlate(all, plate);
            CHECK(result->sightings == sightings.size());
            QList<QSet<qint64>> got;
            int total = 0;
            for (const SightingCluster& c : std::as_const(result->clusters)) {
                QSet<qint64> ids;
                for (const ReadPoint& p : c.reads)
                    ids.insert(p.readId);
                got.append(ids);
                total += c.sightings;
                CHECK(c.spreadMetres <= radius);
                CHECK(std::accumulate(c.byHour.cbegin(), c.byHour.cend(), 0) == c.sightings);
            }
            CHECK(total == sightings.size());
            QList<QSet<qint64>> expected = bruteClusters(sightings, radius);
            auto bySize = [](const QSet<qint64>& a, const QSet<qint64>& b) {
                return a.size() != b.size()
                    ? a.size() > b.size()
                    : *std::min_element(a.cbegin(), a.cend()) < *std::min_element(b.cbegin(), b.cend());
            };
            std::sort(got.begin(), got.end(), bySize);
            std::sort(expected.begin(), expected.end(), bySize);
            CHECK(got == expected);
        }
    }
    LocateQuery q;
    q.plate = QStringLiteral("COMMUTE");
    q.zone = kPacific;
    auto commuter = service.locate(q);
    REQUIRE(commuter);
    REQUIRE(commuter->clusters.size() == 2);
    const SightingCluster& morning
        = commuter->clusters.at(0).lat < 34.1 ? commuter->clusters.at(0) : commuter->clusters.at(1);
    CHECK(morning.sightings == 15);
    CHECK(morning.byHour[8] == 15); // not split between 8 and 7 (or 15 and 16 UTC) by the DST change
    CHECK(morning.usualHours == QList<int> { 8 });
    CHECK(morning.days == 15);
    CHECK(LocateAnalysis::formatHours({ 7, 8, 9, 17, 23 })
          == QStringLiteral("07:00–10:00, 17:00–18:00, 23:00–00:00"));
    CHECK(LocateAnalysis::usualHours({}) == QList<int> {});
}

TEST_CASE("windows across midnight and both DST changes are half-open UTC ranges")
{
    SharedData& d = shared();
    const QGeoCoordinate spot = kQuietSpot;
    CanvassService service(*d.f.session);
    auto count = [&](QDate fromDay, QTime fromTime, QDate toDay, QTime toTime) {
        Scene s;
        s.area = QGeoCircle(spot, 50);
        s.fromMs = QDateTime(fromDay, fromTime, kPacific).toMSecsSinceEpoch();
        s.toMs = QDateTime(toDay, toTime, kPacific).toMSecsSinceEpoch();
        auto r = service.scene(s);
        REQUIRE(r);
        return r->reads.size();
    };
    // 23:00 to 01:00 across midnight: two hours, eight reads, the one at 01:00 excluded.
    CHECK(count(QDate(2026, 3, 6), QTime(23, 0), QDate(2026, 3, 7), QTime(1, 0)) == 8);
    // 00:00 to 04:00 local on 8 March is only three real hours (02:00 PST jumps to 03:00 PDT).
    CHECK(count(QDate(2026, 3, 8), QTime(0, 0), QDate(2026, 3, 8), QTime(4, 0)) == 12);
    // 00:00 to 04:00 local on 1 November is five real hours (01:00-02:00 happens twice).
    CHECK(count(QDate(2026, 11, 1), QTime(0, 0), QDate(2026, 11, 1), QTime(4, 0)) == 20);
    // A radius of 0 at the spot keeps them all; an empty window is refused; no reads elsewhere.
    Scene zero;
    zero.area = QGeoCircle(spot, 0);
    zero.fromMs = QDateTime(QDate(2026, 3, 6), QTime(0, 0), kPacific).toMSecsSinceEpoch();
    zero.toMs = zero.fromMs + kHourMs;
    auto atSpot = service.scene(zero);
    REQUIRE(atSpot);
    CHECK(atSpot->reads.size() == 4);
    zero.toMs = zero.fromMs;
    auto empty = service.scene(zero);
    REQUIRE_FALSE(empty);
    CHECK(empty.error().kind == ErrorKind::Usage);
    Scene elsewhere;
    elsewhere.area = QGeoCircle(QGeoCoordinate(34.1, -117.8), 300);
    elsewhere.fromMs = kStart;
    elsewhere.toMs = kStart + 10 * kDayMs;
    auto nothing = service.scene(elsewhere);
    REQUIRE(nothing);
    CHECK(nothing->reads.isEmpty());
    CHECK(nothing->plates.isEmpty());
}

TEST_CASE("every analysis needs a case and leaves an access record with the area, window and result count")
{
    Fixture noCase(false);
    CanvassService refused(*noCase.session);
    Scene scene;
    scene.area = QGeoCircle(QGeoCoordinate(34.0473, -117.9657), 500);
    scene.fromMs = kStart;
    scene.toMs = kStart + 2 * kHourMs;
    CHECK(refused.scene(scene).error().kind == ErrorKind::Policy);
    CHECK(refused.commonPlates({ scene, scene }, 2).error().kind == ErrorKind::Policy);
    ConvoyQuery convoy;
    convoy.plate = QStringLiteral("7PBT942");
    CHECK(refused.convoy(convoy).error().kind == ErrorKind::Policy);
    LocateQuery locate;
    locate.plate = QStringLiteral("7PBT942");
    CHECK(refused.locate(locate).error().kind == ErrorKind::Policy);
    CHECK(refused.reads({ 1 }, {}).error().kind == ErrorKind::Policy);

    SharedData& d = shared();
    Fixture& f = d.f;
    Read r;
    r.plate = QStringLiteral("7PBT942");
    r.timeMs = kStart + kHourMs;
    r.lat = kGateSpot.latitude() + 0.0001;
    r.lon = kGateSpot.longitude();
    REQUIRE(f.store().addReads({ r }));
    d.all = test::allReads(f.store());
    CanvassService service(*f.session);
    scene.area = QGeoCircle(kGateSpot, 500);
    auto result = service.scene(scene);
    REQUIRE(result);
    REQUIRE(result->reads.size() == 1);
    auto log = f.store().accessLog(QString(), 10);
    REQUIRE(log);
    REQUIRE_FALSE(log->isEmpty());
    const AccessRecord& record = log->first();
    CHECK(record.caseNumber == QStringLiteral("26-004711"));
    CHECK(record.resultCount == 1);
    const QJsonObject elements = QJsonDocument::fromJson(record.elements.toUtf8()).object();
    CHECK(elements.value(QStringLiteral("query")).toString() == QStringLiteral("canvass scene"));
    CHECK(elements.value(QStringLiteral("area")).toObject().value(QStringLiteral("radius_m")).toDouble() == 500);
    CHECK(elements.value(QStringLiteral("from")).toString().startsWith(QStringLiteral("2026-10-30T07:00:00")));

    // Whole reads for a results table are an access of their own.
    auto reads = service.reads({ result->reads.first().readId }, CanvassService::describe(scene));
    REQUIRE(reads);
    REQUIRE(reads->size() == 1);
    CHECK(reads->first().plate == QStringLiteral("7PBT942"));
    log = f.store().accessLog(QString(), 1);
    CHECK(QJsonDocument::fromJson(log->first().elements.toUtf8()).object().value(QStringLiteral("query")).toString()
          == QStringLiteral("canvass reads"));

    // A usage error is not a query: refused before the gate, no record.
    const qsizetype before = f.store().accessLog(QString(), 100)->size();
    Scene bad = scene;
    bad.area = QGeoCircle(QGeoCoordinate(34, -118), -5);
    CHECK(service.scene(bad).error().kind == ErrorKind::Usage);
    CHECK(f.store().accessLog(QString(), 100)->size() == before);
}

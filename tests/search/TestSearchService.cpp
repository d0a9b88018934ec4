// The search service against a real encrypted store: its reads are exactly what a brute-force filter over every
// stored read finds, it refuses without a case, it logs every query, and paging is exact and newest first.
#include "Authenticator.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "PasswordPolicy.h"
#include "PlateDictionary.h"
#include "PlatePattern.h"
#include "SearchService.h"
#include "Session.h"
#include "TempDir.h"
#include "Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <catch2/catch_test_macros.hpp>
#include <random>

using namespace alpr;

namespace {

const QString kAdminPw = QStringLiteral("administrator passphrase 1");
const QString kUserPw = QStringLiteral("detective passphrase 2");
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

/** A store with a trained detective (no MFA: a demonstration store), signed in, optionally inside a case. */
struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock;
    QString path = dir.path(QStringLiteral("search.alpr"));
    std::unique_ptr<Session> session;
    QList<Camera> cameras;

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
        Camera a;
        a.name = QStringLiteral("Azusa Ave & Amar Rd NB");
        Camera b;
        b.name = QStringLiteral("Unit 412");
        b.mobile = true;
        Camera c;
        c.name = QStringLiteral("Citrus St & Cameron Ave");
        auto cams = vault.value()->store().upsertCameras({ a, b, c });
        REQUIRE(cams);
        cameras = cams.value();
        vault.value().reset();

        auto s = Authenticator(clock).signIn({ path, QStringLiteral("det"), kUserPw, QString(), true },
                                             QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        if (openCase) {
            REQUIRE(session->openCase(QStringLiteral("26-004711"), ActiveCase::categories().first(),
                                      QStringLiteral("burglary canvass")));
        }
    }

    Store& store() { return session->store(); }
};

/** Plates over a small alphabet full of confusable characters, so that random patterns match often. */
QString randomPlate(std::mt19937& rng)
{
    static const QString alphabet = QStringLiteral("7PBT8942A0OZ");
    const int length = 4 + int(rng() % 5);
    QString plate;
    for (int i = 0; i < length; ++i)
        plate.append(alphabet.at(int(rng() % unsigned(alphabet.size()))));
    return plate;
}

QString randomPattern(std::mt19937& rng)
{
    static const QString literals = QStringLiteral("7PBT8942A0OZ");
    static const QStringList classes = { QStringLiteral("[8B]"), QStringLiteral("[0-4]"), QStringLiteral("[!0O]"),
                                         QStringLiteral("[A-P]"), QStringLiteral("[27]") };
    const int elements = 1 + int(rng() % 6);
    QString pattern;
    for (int i = 0; i < elements; ++i) {
        const unsigned kind = rng() % 20;
        if (kind < 7)
            pattern.append(literals.at(int(rng() % unsigned(literals.size()))));
        else if (kind < 12)
            pattern.append(u'?');
        else if (kind < 15)
            pattern.append(u'*');
        else
            pattern.append(classes.at(int(rng() % unsigned(classes.size()))));
    }
    return pattern;
}

/** A few thousand reads: ties in time (keyset paging must break them by id), alternatives, states, makes. */
QList<Read> generateReads(const Fixture& f, std::mt19937& rng, int count)
{
    QStringList pool { QStringLiteral("7PBT942"), QStringLiteral("7P8T942") };
    while (pool.size() < 400)
        pool.append(randomPlate(rng));
    static const QStringList makes = { QStringLiteral("Honda"), QStringLiteral("Toyota"), QStringLiteral("Ford") };
    const qint64 start = f.clock.nowMs() - 3 * kDayMs;
    QList<Read> reads;
    for (int i = 0; i < count; ++i) {
        Read r;
        r.plate = pool.at(int(rng() % unsigned(pool.size())));
        r.state = rng() % 4 ? QStringLiteral("CA") : QStringLiteral("NV");
        r.timeMs = start + qint64(rng() % 4000) * 60'000; // minutes: many reads share a time
        r.cameraId = f.cameras.at(int(rng() % unsigned(f.cameras.size()))).id;
        r.confidence = float(50 + rng() % 50);
        r.make = makes.at(int(rng() % unsigned(makes.size())));
        const int alternatives = int(rng() % 3);
        for (int a = 0; a < alternatives; ++a) {
            QString alt = r.plate;
            alt[int(rng() % unsigned(alt.size()))] = QStringLiteral("8B0O7T2Z").at(int(rng() % 8));
            if (alt != r.plate)
                r.candidates.append({ alt, float(30 + rng() % 20) });
        }
        r.sourceFile = QStringLiteral("generated");
        r.sourceId = QString::number(i);
        reads.append(r);
    }
    return reads;
}

QList<Read> allStoredReads(Store& store)
{
    QList<Read> all;
    REQUIRE(
        store.forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), [&](const Read& r) {
            all.append(r);
            return true;
        }));
    return all;
}

/** What the search should return, worked out the slow, obvious way. */
QList<qint64> bruteForce(const QList<Read>& all, const PlatePattern& pattern, bool alternates, const ReadFilter& f)
{
    QList<Read> hits;
    for (const Read& r : all) {
        bool match = pattern.matches(r.plate);
        for (const PlateCandidate& c : r.candidates)
            match = match || (alternates && pattern.matches(c.plate));
        if (!match || r.timeMs < f.fromMs || r.timeMs >= f.toMs)
            continue;
        if (!f.cameraIds.isEmpty() && !f.cameraIds.contains(r.cameraId))
            continue;
        if (!f.state.isEmpty() && r.state != f.state)
            continue;
        if (!f.make.isEmpty() && !r.make.contains(f.make, Qt::CaseInsensitive))
            continue;
        hits.append(r);
    }
    std::sort(hits.begin(), hits.end(),
              [](const Read& a, const Read& b) { return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.id > b.id; });
    QList<qint64> ids;
    for (const Read& r : hits)
        ids.append(r.id);
    return ids;
}

QList<qint64> fetchAll(ReadSearch& search, int pageSize, QList<Read>* readsOut = nullptr)
{
    QList<qint64> ids;
    for (int guard = 0; !search.atEnd() && guard < 100000; ++guard) {
        auto page = search.next(pageSize);
        REQUIRE(page);
        for (const Read& r : page.value()) {
            ids.append(r.id);
            if (readsOut)
                readsOut->append(r);
        }
    }
    return ids;
}

} // namespace

TEST_CASE("search returns exactly the reads a brute-force filter over every stored read finds")
{
    Fixture f;
    std::mt19937 rng(20261129);
    REQUIRE(f.store().addReads(generateReads(f, rng, 3000)));
    PlateDictionary dictionary;
    REQUIRE(dictionary.build(f.store()));
    SearchService service(*f.session, dictionary);
    const QList<Read> all = allStoredReads(f.store());
    REQUIRE(all.size() == 3000);
    const qint64 first
        = std::min_element(all.begin(), all.end(), [](auto& a, auto& b) { return a.timeMs < b.timeMs; })->timeMs;

    int nonEmpty = 0;
    int checked = 0;
    for (int i = 0; i < 160; ++i) {
        PlateQuery query { randomPattern(rng), rng() % 2 == 0, rng() % 2 == 0 };
        auto pattern = SearchService::parse(query);
        if (!pattern)
            continue; // e.g. longer than any plate: refused, as it should be
        ReadFilter filter;
        if (rng() % 2) {
            // Half-open windows whose ends fall on read times: the end itself must be excluded.
            filter.fromMs = first + qint64(rng() % 2000) * 60'000;
            filter.toMs = filter.fromMs + qint64(1 + rng() % 2000) * 60'000;
        }
        if (rng() % 3 == 0)
            filter.cameraIds = { f.cameras.at(int(rng() % 3)).id };
        if (rng() % 4 == 0)
            filter.state = QStringLiteral("NV");
        if (rng() % 5 == 0)
            filter.make = QStringLiteral("onD"); // substring, any case: Honda
        auto search = service.search(query, filter);
        REQUIRE(search);
        const QList<qint64> got = fetchAll(search.value(), 150 + int(rng() % 700)); // each page is a logged access
        const QList<qint64> expected = bruteForce(all, pattern.value(), query.alternates, filter);
        INFO("pattern " << query.pattern.toStdString() << " misread " << query.misread << " alternates "
                        << query.alternates << " expected " << expected.size() << " got " << got.size());
        REQUIRE(got == expected);
        nonEmpty += expected.isEmpty() ? 0 : 1;
        ++checked;
    }
    // The comparison means something only if most queries found reads.
    CHECK(checked > 120);
    CHECK(nonEmpty > checked / 3);

    // Misread-tolerant search finds the 8-for-B variant; alternatives find reads by their OCR candidates.
    {
        Read exact;
        exact.plate = QStringLiteral("5XKB4Q1");
        exact.timeMs = f.clock.nowMs() - 1000;
        exact.cameraId = f.cameras.first().id;
        exact.sourceFile = QStringLiteral("controlled");
        exact.sourceId = QStringLiteral("1");
        Read misread = exact;
        misread.plate = QStringLiteral("5XK84Q1");
        misread.sourceId = QStringLiteral("2");
        Read other = exact;
        other.plate = QStringLiteral("9YYY6");
        other.candidates = { { QStringLiteral("5XKB4Q1"), 40 } };
        other.sourceId = QStringLiteral("3");
        REQUIRE(f.store().addReads({ exact, misread, other }));
        REQUIRE(dictionary.build(f.store()));

        auto plates = [&](const PlateQuery& q) {
            auto s = service.search(q, {});
            REQUIRE(s);
            QList<Read> reads;
            fetchAll(s.value(), 100, &reads);
            QStringList out;
            for (const Read& r : reads)
                out.append(r.plate);
            out.sort();
            return out;
        };
        CHECK(plates({ QStringLiteral("5XKB4Q1"), false, false }) == QStringList { QStringLiteral("5XKB4Q1") });
        CHECK(plates({ QStringLiteral("5XKB4Q1"), true, false })
              == QStringList({ QStringLiteral("5XK84Q1"), QStringLiteral("5XKB4Q1") }));
        CHECK(plates({ QStringLiteral("5XKB4Q1"), false, true })
              == QStringList({ QStringLiteral("5XKB4Q1"), QStringLiteral("9YYY6") }));

        // Candidates: the exact plate ranks above the one that needs a misread.
        auto candidates = service.candidates({ QStringLiteral("5XK84Q1"), true, false });
        REQUIRE(candidates);
        REQUIRE(candidates->size() == 2);
        CHECK(candidates->at(0).plate == QStringLiteral("5XK84Q1"));
        CHECK(candidates->at(0).misreads == 0);
        CHECK(candidates->at(1).plate == QStringLiteral("5XKB4Q1"));
        CHECK(candidates->at(1).misreads == 1);
    }
}

TEST_CASE("searches need a case; every query leaves an access record; pages are exact and newest first")
{
    Fixture f(false);
    std::mt19937 rng(7);
    QList<Read> reads = generateReads(f, rng, 1500);
    for (int i = 0; i < 700; ++i) { // one plate with many reads, many of them at the same millisecond
        Read r;
        r.plate = QStringLiteral("7PBT942");
        r.timeMs = f.clock.nowMs() - (i / 7) * 60'000;
        r.cameraId = f.cameras.at(i % 3).id;
        r.sourceFile = QStringLiteral("same-time");
        r.sourceId = QString::number(i);
        reads.append(r);
    }
    REQUIRE(f.store().addReads(reads));
    PlateDictionary dictionary;
    REQUIRE(dictionary.build(f.store()));
    SearchService service(*f.session, dictionary);

    // Without an active case every search is refused as a policy matter, and nothing is accessed or logged.
    auto refused = service.search({ QStringLiteral("7PBT942"), false, false }, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Policy);
    auto refusedCandidates = service.candidates({ QStringLiteral("7?B*"), false, false });
    REQUIRE_FALSE(refusedCandidates);
    CHECK(refusedCandidates.error().kind == ErrorKind::Policy);
    CandidatePlate plate;
    plate.plateId = 1;
    plate.plate = QStringLiteral("7PBT942");
    auto refusedReads = service.readsOfPlate(plate, false, {});
    REQUIRE_FALSE(refusedReads);
    CHECK(refusedReads.error().kind == ErrorKind::Policy);
    auto emptyLog = f.store().accessLog({}, 100);
    REQUIRE(emptyLog);
    CHECK(emptyLog->isEmpty());
    REQUIRE(f.session->openCase(QStringLiteral("26-004711"), ActiveCase::categories().first(),
                                QStringLiteral("burglary canvass")));

    // Paging returns each read exactly once, newest first, whatever the page size.
    {
        QList<qint64> reference;
        for (int pageSize : { 29, 64, 333, 1000, 5000 }) {
            auto search = service.search({ QStringLiteral("7P[8B]T*"), true, true }, {});
            REQUIRE(search);
            QList<Read> got;
            const QList<qint64> ids = fetchAll(search.value(), pageSize, &got);
            CHECK(search->fetched() == ids.size());
            CHECK(QSet<qint64>(ids.begin(), ids.end()).size() == ids.size());
            for (qsizetype i = 1; i < got.size(); ++i) {
                const bool newerFirst = got.at(i - 1).timeMs > got.at(i).timeMs
                    || (got.at(i - 1).timeMs == got.at(i).timeMs && got.at(i - 1).id > got.at(i).id);
                REQUIRE(newerFirst);
            }
            if (reference.isEmpty())
                reference = ids;
            CHECK(ids == reference);
        }
        CHECK(reference.size() >= 700);
    }

    // Each page, and a query that matches nothing, is an access record naming the pattern and the count.
    {
        auto search = service.search({ QStringLiteral("7PBT9?2"), false, false }, {});
        REQUIRE(search);
        const QList<qint64> ids = fetchAll(search.value(), 300);
        auto log = f.store().accessLog(QStringLiteral("7PBT9?2"), 1000);
        REQUIRE(log);
        REQUIRE(log->size() >= 3); // 700+ reads in pages of 300
        qint64 total = 0;
        for (const AccessRecord& a : log.value()) {
            const QJsonObject elements = QJsonDocument::fromJson(a.elements.toUtf8()).object();
            CHECK(elements.value(QStringLiteral("plate_pattern")).toString() == QStringLiteral("7PBT9?2"));
            CHECK(a.caseNumber == QStringLiteral("26-004711"));
            CHECK(a.username == QStringLiteral("det"));
            total += a.resultCount;
        }
        CHECK(total == ids.size());

        auto none = service.search({ QStringLiteral("QQQQQQ"), false, false }, {});
        REQUIRE(none);
        CHECK(none->atEnd());
        auto noneLog = f.store().accessLog(QStringLiteral("QQQQQQ"), 10);
        REQUIRE(noneLog);
        REQUIRE(noneLog->size() == 1);
        CHECK(noneLog->first().resultCount == 0);

        auto candidates = service.candidates({ QStringLiteral("7PB*"), false, false });
        REQUIRE(candidates);
        auto candidateLog = f.store().accessLog(QStringLiteral("7PB*"), 10);
        REQUIRE(candidateLog);
        REQUIRE(candidateLog->size() == 1);
        CHECK(candidateLog->first().resultCount == candidates->size());
    }
}

TEST_CASE("with a scene, a plate seen there outranks one seen more often elsewhere")
{
    Fixture f;
    const double sceneLat = 34.04730;
    const double sceneLon = -117.96572;
    const qint64 sceneFrom = f.clock.nowMs() - 2 * 3600 * 1000;
    const qint64 sceneTo = f.clock.nowMs() - 3600 * 1000;
    QList<Read> reads;
    // A commuter matching the partial plate, read ten times 5 km away on other days.
    for (int i = 0; i < 10; ++i) {
        Read r;
        r.plate = QStringLiteral("7ABC112");
        r.lat = 34.09;
        r.lon = -117.92;
        r.timeMs = sceneFrom - qint64(i + 3) * 24 * 3600 * 1000;
        r.sourceFile = QStringLiteral("scene-test");
        r.sourceId = QStringLiteral("c%1").arg(i);
        reads.append(r);
    }
    // The suspect, read once 30 m from the scene inside the window.
    Read suspect;
    suspect.plate = QStringLiteral("7PBT942");
    suspect.lat = sceneLat + 0.0002;
    suspect.lon = sceneLon;
    suspect.timeMs = sceneFrom + 20 * 60 * 1000;
    suspect.sourceFile = QStringLiteral("scene-test");
    suspect.sourceId = QStringLiteral("s");
    reads.append(suspect);
    REQUIRE(f.store().addReads(reads));
    PlateDictionary dictionary;
    REQUIRE(dictionary.build(f.store()));
    SearchService service(*f.session, dictionary);

    auto plain = service.candidates({ QStringLiteral("7*2"), false, false });
    REQUIRE(plain);
    REQUIRE(plain->size() == 2);
    CHECK(plain->at(0).plate == QStringLiteral("7ABC112")); // no scene: read count decides

    auto ranked = service.candidates({ QStringLiteral("7*2"), false, false },
                                     SceneHint { sceneLat, sceneLon, sceneFrom, sceneTo });
    REQUIRE(ranked);
    REQUIRE(ranked->size() == 2);
    CHECK(ranked->at(0).plate == QStringLiteral("7PBT942"));
    CHECK(ranked->at(0).sceneDistanceM < 40);
    CHECK(ranked->at(0).sceneTimeGapMs == 0);
    CHECK(ranked->at(1).sceneDistanceM < 0); // never seen within a day of the scene
}

TEST_CASE("a pattern of unknowns only is not a plate search")
{
    for (const QString& p : { QStringLiteral("*"), QStringLiteral("???????"), QStringLiteral("?*?") }) {
        auto parsed = SearchService::parse({ p, false, false });
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::Usage);
        CHECK(parsed.error().message.contains(QStringLiteral("canvass")));
    }
    CHECK(SearchService::parse({ QStringLiteral("?*[8B]"), false, false }));
}

TEST_CASE("the dictionary keeps alternative-only plates apart until they are read as themselves")
{
    PlateDictionary d;
    PlateSummary alt;
    alt.id = 1;
    alt.plate = QStringLiteral("7ABC123");
    alt.altCount = 2;
    d.update(alt);
    PlateSummary read;
    read.id = 2;
    read.plate = QStringLiteral("7ABC124");
    read.readCount = 5;
    read.lastSeenMs = 1'780'000'000'000;
    d.update(read);
    auto pattern = PlatePattern::parse(QStringLiteral("7ABC*"), false);
    REQUIRE(pattern);
    CHECK(d.matchIds(pattern.value(), false) == std::vector<quint32> { 2 });
    CHECK(d.matchIds(pattern.value(), true) == std::vector<quint32> { 1, 2 });
    qsizetype total = 0;
    auto top = d.top(pattern.value(), true, 10, &total);
    REQUIRE(top.size() == 2);
    CHECK(top.at(0).plate == QStringLiteral("7ABC124")); // read as itself ranks first
    CHECK(top.at(1).onlyAsAlternate);
    CHECK(top.at(0).lastSeenMs == 1'780'000'000'000);

    alt.readCount = 1; // now read as itself too
    d.update(alt);
    CHECK(d.matchIds(pattern.value(), false) == std::vector<quint32> { 1, 2 });
    CHECK(d.matchIds(pattern.value(), true) == std::vector<quint32> { 1, 2 }); // once, not twice
    CHECK(d.size() == 2);
}

// The Store contract: one suite, run against the encrypted local store (SQLCipher) and the remote store
// (PostgreSQL, a real throwaway cluster). Every answer is checked against a brute-force reference computed here
// from the reads the test wrote, so both stores must answer exactly the same questions the same way.
#include "AuditLog.h"
#include "AuditVerifier.h"
#include "FakeClock.h"
#include "StoreFixtures.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>
#include <random>

using namespace alpr;
using namespace alpr::test;

namespace {

const qint64 kJan = QDateTime(QDate(2026, 1, 30), QTime(22, 0), Qt::UTC).toMSecsSinceEpoch();

/** Reads over three calendar months (three partitions on the server), from a small plate pool with repeats. */
QList<Read> sampleReads(int n, const QList<Camera>& cameras, quint32 seed, const QString& file)
{
    std::mt19937 rng(seed);
    const QStringList plates = { QStringLiteral("7ABC123"), QStringLiteral("7ABC128"), QStringLiteral("8XYZ001"),
                                 QStringLiteral("5SAM550"), QStringLiteral("6GHI600"), QStringLiteral("4TRK404"),
                                 QStringLiteral("1ONE111"), QStringLiteral("2TWO222") };
    const QStringList makes = { QStringLiteral("Toyota"), QStringLiteral("Honda"), QStringLiteral("FORD"), QString() };
    const QStringList colours = { QStringLiteral("silver"), QStringLiteral("Dark Blue"), QStringLiteral("white") };
    QList<Read> out;
    for (int i = 0; i < n; ++i) {
        Read r;
        r.plate = plates.at(int(rng() % plates.size()));
        r.state = rng() % 5 == 0 ? QStringLiteral("NV") : QStringLiteral("CA");
        // Every ~40 minutes over ~70 days; several reads share a time (ties are broken by id).
        r.timeMs = kJan + qint64(i / 2) * 2'400'000 + (i % 2 ? 0 : qint64(rng() % 3) * 1000);
        r.lat = 34.05 + (rng() % 1000) / 10000.0;
        r.lon = -117.95 + (rng() % 1000) / 10000.0;
        r.heading = rng() % 4 == 0 ? -1.0f : float(rng() % 360);
        r.cameraId = cameras.at(int(rng() % cameras.size())).id;
        r.confidence = float(70 + rng() % 30);
        if (rng() % 3 == 0)
            r.candidates = { { plates.at(int(rng() % plates.size())), 55.0f }, { r.plate + u'X', 40.5f } };
        r.make = makes.at(int(rng() % makes.size()));
        r.model = r.make.isEmpty() ? QString() : QStringLiteral("Model");
        r.colour = colours.at(int(rng() % colours.size()));
        r.sourceFile = file;
        r.sourceId = QStringLiteral("rec-%1").arg(i);
        if (i % 17 == 0) {
            r.overviewJpeg = QByteArray("overview-") + QByteArray::number(i);
            r.plateJpeg = QByteArray("crop-") + QByteArray::number(i);
        }
        out.append(r);
    }
    return out;
}

QList<Camera> addCameras(Store& store)
{
    QList<Camera> cams;
    for (int i = 0; i < 4; ++i) {
        Camera c;
        c.name = QStringLiteral("Camera %1").arg(i);
        c.unit = i % 2 ? QStringLiteral("Unit 412") : QString();
        c.mobile = i % 2;
        c.lat = 34.06 + i * 0.001;
        c.lon = -117.93;
        c.heading = i == 0 ? -1.0f : 90.0f;
        cams.append(c);
    }
    return require(store.upsertCameras(cams));
}

/** The reads as stored: everything the store gives back, keyed by source id, with images noted. */
struct Stored
{
    QList<Read> all; ///< newest first, ties by id descending
    QHash<QString, qint64> plateIds;
};

Stored storedReads(Store& store)
{
    Stored s;
    s.all = require(store.latestReads(1'000'000));
    require(store.forEachPlate([&](const PlateSummary& p) { s.plateIds.insert(p.plate, p.id); }));
    return s;
}

/** Compares what a store returned with the reads written, field by field (ids aside). */
void checkSame(const Read& got, const Read& want)
{
    CHECK(got.plate == want.plate);
    CHECK(got.state == want.state);
    CHECK(got.timeMs == want.timeMs);
    CHECK(got.lat == want.lat);
    CHECK(got.lon == want.lon);
    CHECK(got.heading == want.heading);
    CHECK(got.cameraId == want.cameraId);
    CHECK(got.confidence == want.confidence);
    CHECK(got.candidates == want.candidates);
    CHECK(got.make == want.make);
    CHECK(got.model == want.model);
    CHECK(got.colour == want.colour);
    CHECK(got.sourceFile == want.sourceFile);
    CHECK(got.sourceId == want.sourceId);
    CHECK(got.hasImages == (!want.overviewJpeg.isEmpty() || !want.plateJpeg.isEmpty()));
}

bool newerFirst(const Read& a, const Read& b)
{
    return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.id > b.id;
}

} // namespace

TEMPLATE_TEST_CASE("Store contract: reads are added once, read back whole, and counted per plate", "[store][contract]",
                   LocalFixture, RemoteFixture)
{
    TestType f;
    Store& store = f.store();
    const QList<Camera> cams = addCameras(store);
    // Upserting the same cameras again keeps their ids.
    const QList<Camera> again = require(store.upsertCameras(cams));
    for (int i = 0; i < cams.size(); ++i)
        CHECK(again.at(i).id == cams.at(i).id);
    CHECK(require(store.cameras()).size() == cams.size());

    const QList<Read> reads = sampleReads(120, cams, 7, QStringLiteral("unit412.json"));
    CHECK(require(store.addReads(reads)) == 120);
    // Re-importing the same file adds nothing; a batch mixing old and new adds only the new.
    CHECK(require(store.addReads(reads)) == 0);
    QList<Read> mixed = reads.mid(0, 10);
    Read fresh = reads.at(3);
    fresh.sourceId = QStringLiteral("rec-new");
    mixed.append(fresh);
    CHECK(require(store.addReads(mixed)) == 1);
    // Reads without a source id are always new.
    Read unkeyed = reads.at(5);
    unkeyed.sourceId.clear();
    CHECK(require(store.addReads({ unkeyed, unkeyed })) == 2);

    QList<Read> written = reads;
    written << fresh << unkeyed << unkeyed;
    const Stored s = storedReads(store);
    REQUIRE(s.all.size() == written.size());
    QMultiHash<QString, Read> bySource;
    for (const Read& r : std::as_const(written))
        bySource.insert(r.sourceId, r);
    for (const Read& got : s.all) {
        INFO(got.sourceId.toStdString());
        REQUIRE(bySource.contains(got.sourceId));
        checkSame(got, bySource.value(got.sourceId));
    }
    CHECK(std::is_sorted(s.all.begin(), s.all.end(), newerFirst));
    QSet<qint64> ids;
    for (const Read& r : s.all)
        ids.insert(r.id);
    CHECK(ids.size() == s.all.size());

    // Images: stored where given, empty elsewhere.
    for (const Read& got : s.all) {
        const auto images = require(store.readImages(got.id));
        const Read& want = bySource.value(got.sourceId);
        CHECK(images.first == want.overviewJpeg);
        CHECK(images.second == want.plateJpeg);
    }

    // Per-plate counts, first/last seen, and alternative counts, against a brute-force count.
    QHash<QString, PlateSummary> expected;
    for (const Read& r : std::as_const(written)) {
        PlateSummary& p = expected[r.plate];
        p.plate = r.plate;
        p.firstSeenMs = p.readCount ? std::min(p.firstSeenMs, r.timeMs) : r.timeMs;
        p.lastSeenMs = p.readCount ? std::max(p.lastSeenMs, r.timeMs) : r.timeMs;
        ++p.readCount;
        QSet<QString> alts;
        for (const PlateCandidate& c : r.candidates)
            if (c.plate != r.plate)
                alts.insert(c.plate);
        for (const QString& a : std::as_const(alts)) {
            expected[a].plate = a;
            ++expected[a].altCount;
        }
    }
    QHash<QString, PlateSummary> got;
    qint64 maxId = 0;
    qint64 lastId = 0;
    require(store.forEachPlate([&](const PlateSummary& p) {
        CHECK(p.id > lastId); // id order
        lastId = p.id;
        got.insert(p.plate, p);
        maxId = std::max(maxId, p.id);
    }));
    REQUIRE(got.size() == expected.size());
    for (const PlateSummary& e : std::as_const(expected)) {
        INFO(e.plate.toStdString());
        REQUIRE(got.contains(e.plate));
        CHECK(got[e.plate].readCount == e.readCount);
        CHECK(got[e.plate].altCount == e.altCount);
        if (e.readCount) {
            CHECK(got[e.plate].firstSeenMs == e.firstSeenMs);
            CHECK(got[e.plate].lastSeenMs == e.lastSeenMs);
        }
    }
    CHECK(require(store.maxPlateId()) == maxId);
    const QHash<qint64, QString> texts = require(store.plateTexts({ got.value(QStringLiteral("7ABC123")).id, -5 }));
    CHECK(texts.size() == 1);
    CHECK(texts.value(got.value(QStringLiteral("7ABC123")).id) == QStringLiteral("7ABC123"));

    const StoreStats st = require(store.stats());
    CHECK(st.reads == written.size());
    CHECK(st.cameras == cams.size());
    CHECK(st.plates == std::count_if(expected.begin(), expected.end(), [](const auto& p) { return p.readCount > 0; }));
    CHECK(st.images == std::count_if(written.begin(), written.end(), [](const Read& r) {
              return !r.overviewJpeg.isEmpty() || !r.plateJpeg.isEmpty();
          }));
    CHECK(st.firstMs == std::min_element(written.begin(), written.end(), [](auto& a, auto& b) {
                            return a.timeMs < b.timeMs;
                        })->timeMs);
    CHECK(st.lastMs == std::max_element(written.begin(), written.end(), [](auto& a, auto& b) {
                           return a.timeMs < b.timeMs;
                       })->timeMs);
    CHECK(st.schemaVersion >= 1);

    // readsByIds keeps the order asked for and skips unknown ids.
    const QList<Read> picked = require(store.readsByIds({ s.all.at(3).id, -1, s.all.at(0).id }));
    REQUIRE(picked.size() == 2);
    CHECK(picked.at(0).id == s.all.at(3).id);
    CHECK(picked.at(1).id == s.all.at(0).id);
}

TEMPLATE_TEST_CASE("Store contract: readsForPlates filters and pages like a brute-force filter", "[store][contract]",
                   LocalFixture, RemoteFixture)
{
    TestType f;
    Store& store = f.store();
    const QList<Camera> cams = addCameras(store);
    require(store.addReads(sampleReads(300, cams, 11, QStringLiteral("a.json"))));
    HotlistEntry hot;
    hot.list = QStringLiteral("stolen vehicles");
    hot.plate = QStringLiteral("5SAM550");
    hot.state = QStringLiteral("CA");
    hot.addedMs = kJan;
    require(store.addHotlistEntry(hot));
    const Stored s = storedReads(store);

    struct Case
    {
        const char* name;
        QStringList plates;
        bool alternates;
        ReadFilter filter;
    };
    ReadFilter window;
    window.fromMs = kJan + 10 * 86'400'000LL;
    window.toMs = kJan + 40 * 86'400'000LL;
    ReadFilter cameraState;
    cameraState.cameraIds = { cams.at(1).id, cams.at(3).id };
    cameraState.state = QStringLiteral("CA");
    ReadFilter makeColour;
    makeColour.make = QStringLiteral("toy"); // case-insensitive substring
    makeColour.colour = QStringLiteral("BLUE");
    ReadFilter hotOnly;
    hotOnly.hotlistOnly = true;
    const QList<Case> cases = {
        { "one plate", { QStringLiteral("7ABC123") }, false, {} },
        { "two plates, time window", { QStringLiteral("7ABC123"), QStringLiteral("8XYZ001") }, false, window },
        { "with OCR alternatives", { QStringLiteral("7ABC128") }, true, {} },
        { "cameras and state", { QStringLiteral("6GHI600"), QStringLiteral("4TRK404") }, false, cameraState },
        { "make and colour", { QStringLiteral("7ABC123"), QStringLiteral("5SAM550") }, true, makeColour },
        { "hotlist only", { QStringLiteral("5SAM550"), QStringLiteral("1ONE111") }, false, hotOnly },
        { "unknown plate", { QStringLiteral("NOPE") }, false, {} },
    };
    // One fixture for all cases (a section would build the store again for each).
    for (const Case& c : cases) {
        INFO(c.name);
        {
            QList<qint64> plateIds;
            for (const QString& p : c.plates)
                if (s.plateIds.contains(p))
                    plateIds.append(s.plateIds.value(p));
            // Brute force: every stored read tested against the filter by hand.
            QList<Read> want;
            for (const Read& r : s.all) {
                bool member = c.plates.contains(r.plate);
                if (c.alternates)
                    for (const PlateCandidate& cand : r.candidates)
                        member = member || (c.plates.contains(cand.plate) && cand.plate != r.plate);
                const ReadFilter& fl = c.filter;
                if (!member || r.timeMs < fl.fromMs || r.timeMs >= fl.toMs)
                    continue;
                if (!fl.cameraIds.isEmpty() && !fl.cameraIds.contains(r.cameraId))
                    continue;
                if (!fl.state.isEmpty() && r.state != fl.state)
                    continue;
                if (!fl.make.isEmpty() && !r.make.contains(fl.make, Qt::CaseInsensitive))
                    continue;
                if (!fl.colour.isEmpty() && !r.colour.contains(fl.colour, Qt::CaseInsensitive))
                    continue;
                if (fl.hotlistOnly && r.plate != QLatin1String("5SAM550"))
                    continue;
                want.append(r);
            }
            for (bool walk : { false, true }) {
                // Pages of 7 through the keyset cursor: every read exactly once, newest first.
                QList<Read> paged;
                ReadCursor cursor;
                for (int guard = 0; guard < 200; ++guard) {
                    const QList<Read> page
                        = require(store.readsForPlates(plateIds, c.alternates, c.filter, 7, cursor, walk));
                    CHECK(page.size() <= 7);
                    paged += page;
                    if (page.size() < 7)
                        break;
                    cursor = { page.last().timeMs, page.last().id };
                }
                REQUIRE(paged.size() == want.size());
                for (int i = 0; i < want.size(); ++i)
                    CHECK(paged.at(i).id == want.at(i).id);
            }
        }
    }
}

TEMPLATE_TEST_CASE("Store contract: forEachRead streams a half-open range in time order", "[store][contract]",
                   LocalFixture, RemoteFixture)
{
    TestType f;
    Store& store = f.store();
    const QList<Camera> cams = addCameras(store);
    require(store.addReads(sampleReads(200, cams, 3, QStringLiteral("b.json"))));
    const Stored s = storedReads(store);
    const qint64 from = s.all.at(150).timeMs;
    const qint64 to = s.all.at(20).timeMs;
    QList<Read> want;
    for (const Read& r : s.all)
        if (r.timeMs >= from && r.timeMs < to)
            want.prepend(r);
    QList<Read> got;
    require(store.forEachRead(from, to, [&](const Read& r) {
        got.append(r);
        return true;
    }));
    REQUIRE(got.size() == want.size());
    for (int i = 0; i < got.size(); ++i) {
        CHECK(got.at(i).timeMs == want.at(i).timeMs);
        if (i)
            CHECK((got.at(i - 1).timeMs < got.at(i).timeMs
                   || (got.at(i - 1).timeMs == got.at(i).timeMs && got.at(i - 1).id < got.at(i).id)));
    }
    // The whole range, and an early stop after 5.
    qint64 n = 0;
    require(store.forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(),
                              [&](const Read&) { return ++n > 0; }));
    CHECK(n == s.all.size());
    n = 0;
    require(store.forEachRead(from, to, [&](const Read&) { return ++n < 5; }));
    CHECK(n == 5);
    // An empty range.
    n = 0;
    require(store.forEachRead(to, to, [&](const Read&) { return ++n > 0; }));
    CHECK(n == 0);
}

TEMPLATE_TEST_CASE("Store contract: geo-time boxes, a plate's points and the GLOB baselines", "[store][contract]",
                   LocalFixture, RemoteFixture)
{
    TestType f;
    Store& store = f.store();
    const QList<Camera> cams = addCameras(store);
    require(store.addReads(sampleReads(250, cams, 5, QStringLiteral("c.json"))));
    const Stored s = storedReads(store);

    const QList<GeoTimeBox> boxes = {
        { 34.06, -117.93, 34.09, -117.90, kJan, kJan + 30 * 86'400'000LL },
        { 34.05, -117.95, 34.15, -117.85, kJan + 20 * 86'400'000LL, kJan + 21 * 86'400'000LL },
        { 34.0700, -117.9200, 34.0700, -117.9200, kJan, kJan + 90 * 86'400'000LL }, // a point: edges included
    };
    QList<QSet<qint64>> got(boxes.size());
    require(store.forEachReadInBoxes(boxes, [&](int i, const ReadPoint& p) {
        got[i].insert(p.readId);
        return true;
    }));
    for (int i = 0; i < boxes.size(); ++i) {
        const GeoTimeBox& b = boxes.at(i);
        QSet<qint64> want;
        for (const Read& r : s.all)
            if (r.lat >= b.south && r.lat <= b.north && r.lon >= b.west && r.lon <= b.east && r.timeMs >= b.fromMs
                && r.timeMs < b.toMs)
                want.insert(r.id);
        INFO("box " << i);
        CHECK(got.at(i) == want);
    }

    const QList<ReadPoint> points
        = require(store.readPointsOfPlate(QStringLiteral("8XYZ001"), kJan, kJan + 50 * 86'400'000LL));
    QList<qint64> want;
    for (const Read& r : s.all)
        if (r.plate == QLatin1String("8XYZ001") && r.timeMs >= kJan && r.timeMs < kJan + 50 * 86'400'000LL)
            want.prepend(r.id);
    QList<qint64> gotIds;
    for (const ReadPoint& p : points)
        gotIds.append(p.readId);
    CHECK(gotIds == want);
    CHECK(require(store.readPointsOfPlate(QStringLiteral("UNKNOWN"), kJan, kJan + 1)).isEmpty());

    // GLOB baselines: * ? and [..] sets, anchored at both ends.
    struct Glob
    {
        const char* glob;
        QStringList plates;
    };
    const QList<Glob> globs = {
        { "7ABC12?", { QStringLiteral("7ABC123"), QStringLiteral("7ABC128") } },
        { "*0*",
          { QStringLiteral("8XYZ001"), QStringLiteral("6GHI600"), QStringLiteral("4TRK404"),
            QStringLiteral("5SAM550") } },
        { "[56]*", { QStringLiteral("5SAM550"), QStringLiteral("6GHI600") } },
        { "7ABC12[^3]", { QStringLiteral("7ABC128") } },
        { "ABC", {} },
    };
    for (const Glob& g : globs) {
        QStringList matched = require(store.platesMatchingGlob(QString::fromLatin1(g.glob)));
        matched.sort();
        QStringList expect = g.plates;
        expect.sort();
        INFO(g.glob);
        CHECK(matched == expect);
    }
    const QList<qint64> globIds = require(store.readIdsMatchingGlob(QStringLiteral("7ABC12?"), 5));
    QList<qint64> expectIds;
    for (const Read& r : s.all)
        if (r.plate.startsWith(QLatin1String("7ABC12")) && expectIds.size() < 5)
            expectIds.append(r.id);
    CHECK(globIds == expectIds);
}

TEMPLATE_TEST_CASE("Store contract: users, hotlists, settings and TOTP secrets", "[store][contract]", LocalFixture,
                   RemoteFixture)
{
    TestType f;
    Store& admin = f.adminStore();
    const QString name = f.freshName("det");
    UserRecord u = userRecord(name, Role::Detective, f.agency());
    u.cletsAuthorised = true;
    const UserRecord added = require(admin.addUser(u));
    CHECK(added.id > 0);
    CHECK_FALSE(admin.addUser(u).ok()); // the name is taken
    UserRecord back = require(admin.user(name));
    CHECK(back.name == name);
    CHECK(back.role == Role::Detective);
    CHECK(back.agency == f.agency());
    CHECK(back.trainedOn == u.trainedOn);
    CHECK(back.refresherDue == u.refresherDue);
    CHECK(back.cletsAuthorised);
    CHECK_FALSE(back.disabled);
    back.role = Role::Clerk;
    back.trainedOn = QDate();
    back.lastLoginMs = 1234;
    back.disabled = true;
    require(admin.updateUser(back));
    const UserRecord changed = require(admin.user(name));
    CHECK(changed.role == Role::Clerk);
    CHECK_FALSE(changed.trainedOn.isValid());
    CHECK(changed.lastLoginMs == 1234);
    CHECK(changed.disabled);
    CHECK_FALSE(admin.user(QStringLiteral("nobody-here")).ok());
    UserRecord ghost = userRecord(QStringLiteral("nobody-here"), Role::Clerk, f.agency());
    CHECK_FALSE(admin.updateUser(ghost).ok());
    const QList<UserRecord> all = require(f.store().users());
    CHECK(std::any_of(all.begin(), all.end(), [&](const UserRecord& r) { return r.name == name; }));
    CHECK(std::is_sorted(all.begin(), all.end(), [](auto& a, auto& b) { return a.name.toUtf8() < b.name.toUtf8(); }));

    // Hotlists: an entry added twice keeps its id and takes the new reason; listed by list name, then plate.
    Store& store = f.store();
    HotlistEntry e {
        0, QStringLiteral("stolen"), QStringLiteral("7ABC123"), QStringLiteral("CA"), QStringLiteral("stolen 3/1"), kJan
    };
    const qint64 id = require(store.addHotlistEntry(e));
    e.reason = QStringLiteral("recovered?");
    CHECK(require(store.addHotlistEntry(e)) == id);
    require(store.addHotlistEntry({ 0, QStringLiteral("amber"), QStringLiteral("9ZZZ999"), QString(), {}, kJan }));
    require(store.addHotlistEntry({ 0, QStringLiteral("stolen"), QStringLiteral("1AAA111"), QString(), {}, kJan }));
    const QList<HotlistEntry> entries = require(store.hotlistEntries());
    REQUIRE(entries.size() == 3);
    CHECK(entries.at(0).list == QStringLiteral("amber"));
    CHECK(entries.at(1).plate == QStringLiteral("1AAA111"));
    CHECK(entries.at(2).id == id);
    CHECK(entries.at(2).reason == QStringLiteral("recovered?"));
    CHECK(require(store.stats()).hotlistEntries == 3);

    // Settings: fallback, write, overwrite, all of them.
    CHECK(require(admin.setting(QStringLiteral("retention_days"), QStringLiteral("365"))) == QStringLiteral("365"));
    require(admin.setSetting(QStringLiteral("retention_days"), QStringLiteral("730")));
    require(admin.setSetting(QStringLiteral("retention_days"), QStringLiteral("400")));
    require(admin.setSetting(QStringLiteral("case_number_pattern"), QStringLiteral("^\\d{2}-\\d{6}$")));
    CHECK(require(store.setting(QStringLiteral("retention_days"))) == QStringLiteral("400"));
    const QMap<QString, QString> settings = require(store.settings());
    CHECK(settings.value(QStringLiteral("retention_days")) == QStringLiteral("400"));
    CHECK(settings.value(QStringLiteral("case_number_pattern")) == QStringLiteral("^\\d{2}-\\d{6}$"));
    CHECK_FALSE(require(store.setting(QStringLiteral("store_id"))).isEmpty());

    // The signed-in user's own TOTP secret: none, set, replaced, cleared.
    CHECK(require(store.totpSecret(f.self())).isEmpty());
    require(store.setTotpSecret(f.self(), QByteArray("0123456789abcdefghij")));
    CHECK(require(store.totpSecret(f.self())) == QByteArray("0123456789abcdefghij"));
    require(store.setTotpSecret(f.self(), QByteArray("another secret 20 b")));
    CHECK(require(store.totpSecret(f.self())) == QByteArray("another secret 20 b"));
    require(store.setTotpSecret(f.self(), QByteArray()));
    CHECK(require(store.totpSecret(f.self())).isEmpty());
    CHECK_FALSE(store.totpSecret(QStringLiteral("nobody-here")).ok());
    // A pending enrolment is kept until confirmed (alpr-cli mfa enroll/confirm uses this setting).
    const QString pending = QStringLiteral("mfa_pending:") + f.self();
    require(store.setSetting(pending, QStringLiteral("6869")));
    CHECK(require(store.setting(pending)) == QStringLiteral("6869"));
    require(store.setSetting(pending, QString()));
    CHECK(require(store.setting(pending)).isEmpty());
}

TEMPLATE_TEST_CASE("Store contract: the audit chain verifies, the access log filters literally", "[store][contract]",
                   LocalFixture, RemoteFixture)
{
    TestType f;
    Store& store = f.store();
    FakeClock clock;
    const QByteArray headKey(32, '\x5a');
    AuditLog log(store, clock, headKey, QStringLiteral("test"));
    for (int i = 0; i < 12; ++i) {
        clock.advance(1234);
        require(log.record(f.self(), QStringLiteral("query"), QStringLiteral("success"),
                           { { QStringLiteral("n"), i }, { QStringLiteral("plate"), QStringLiteral("7ABC123") } }));
    }
    QList<AuditRow> rows;
    require(store.forEachAudit([&](const AuditRow& r) {
        rows.append(r);
        return true;
    }));
    REQUIRE(rows.size() == 12);
    for (int i = 0; i < rows.size(); ++i) {
        CHECK(rows.at(i).id == i + 1);
        CHECK(rows.at(i).prevHash == (i ? rows.at(i - 1).hash : QByteArray(32, '\0')));
        CHECK(rows.at(i).hash == AuditLog::rowHash(rows.at(i)));
        CHECK(rows.at(i).username == f.self());
        CHECK(rows.at(i).source == QStringLiteral("test"));
    }
    AuditVerifier verifier(store, headKey);
    const AuditVerification v = require(verifier.verify());
    INFO(v.problem.toStdString());
    CHECK(v.ok);
    CHECK(v.rowsChecked == 12);
    CHECK(v.lastRowId == 12);
    CHECK(v.anchoredRowId == 12);
    // A verifier with another key does not accept the anchor.
    AuditVerifier wrongKey(store, QByteArray(32, '\x01'));
    CHECK_FALSE(require(wrongKey.verify()).ok);

    for (int i = 0; i < 5; ++i) {
        AccessRecord a;
        a.timeMs = kJan + i;
        a.username = f.self();
        a.agency = f.agency();
        a.caseNumber = QStringLiteral("26-00012%1").arg(i);
        a.purpose = QStringLiteral("criminal investigation: burglary");
        a.elements = i == 3 ? QStringLiteral("{\"plate\":\"7AB%_C\"}") : QStringLiteral("{\"plate\":\"8XYZ001\"}");
        a.resultCount = i * 10;
        CHECK(require(store.appendAccess(a)) > 0);
    }
    require(store.recordCase(QStringLiteral("26-000123"), QStringLiteral("criminal investigation"),
                             QStringLiteral("burglary canvass"), f.self(), kJan));
    const QList<AccessRecord> all = require(store.accessLog(QString(), 100));
    REQUIRE(all.size() == 5);
    CHECK(all.first().caseNumber == QStringLiteral("26-000124")); // newest first
    CHECK(all.first().resultCount == 40);
    CHECK(all.first().agency == f.agency());
    CHECK(require(store.accessLog(QString(), 2)).size() == 2);
    CHECK(require(store.accessLog(QStringLiteral("8XYZ"), 100)).size() == 4);
    // '%' and '_' are plain characters, not wildcards.
    const QList<AccessRecord> literal = require(store.accessLog(QStringLiteral("7AB%_C"), 100));
    REQUIRE(literal.size() == 1);
    CHECK(literal.first().caseNumber == QStringLiteral("26-000123"));
    CHECK(require(store.accessLog(QStringLiteral("7AB%"), 100)).size() == 1);
    CHECK(require(store.accessLog(QStringLiteral("7AB_"), 100)).isEmpty());
}

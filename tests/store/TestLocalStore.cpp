// The encrypted local store, on real SQLCipher files: round trip, idempotent re-import, real encryption,
// and refusal to open (or replace) missing, truncated, damaged or foreign files.
#include "LocalStore.h"
#include "Migrations.h"
#include "PageCachePool.h"
#include "SecureSqliteHeap.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>

#include <sqlite3.h>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

QByteArray randomKey()
{
    QByteArray key(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    return key;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

Read sampleRead(const QString& plate, qint64 timeMs, const QString& sourceId)
{
    Read r;
    r.plate = plate;
    r.state = QStringLiteral("CA");
    r.timeMs = timeMs;
    r.lat = 34.0686;
    r.lon = -117.9390;
    r.heading = 90;
    r.confidence = 91.5f;
    r.candidates = {{plate.left(plate.size() - 1) + u'B', 71.0f}};
    r.make = QStringLiteral("Toyota");
    r.model = QStringLiteral("Camry");
    r.colour = QStringLiteral("silver");
    r.sourceFile = QStringLiteral("unit412.json");
    r.sourceId = sourceId;
    return r;
}

std::unique_ptr<LocalStore> createStore(const QString& path, const QByteArray& key)
{
    auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
    INFO((store ? QString() : store.error().message).toStdString());
    REQUIRE(store);
    return std::move(store.value());
}

} // namespace

TEST_CASE("a new store is migrated to the latest schema and reads round-trip")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QByteArray key = randomKey();
    auto store = createStore(path, key);

    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->schemaVersion == Migrations::latestVersion());
    CHECK(stats->reads == 0);

    Camera cam;
    cam.name = QStringLiteral("Azusa Ave & Amar Rd");
    cam.lat = 34.05;
    cam.lon = -117.9;
    cam.heading = 0;
    auto cams = store->upsertCameras({cam});
    INFO((cams ? QString() : cams.error().message).toStdString());
    REQUIRE(cams);
    REQUIRE(cams->size() == 1);
    const qint64 camId = cams->first().id;
    CHECK(camId > 0);
    // Upserting again keeps the same row.
    auto again = store->upsertCameras({cam});
    REQUIRE(again);
    CHECK(again->first().id == camId);

    Read a = sampleRead(QStringLiteral("7ABC123"), 1'000'000, QStringLiteral("1"));
    a.cameraId = camId;
    a.overviewJpeg = QByteArray("overview-bytes");
    a.plateJpeg = QByteArray("plate-bytes");
    Read b = sampleRead(QStringLiteral("7ABC123"), 2'000'000, QStringLiteral("2"));
    b.heading = -1;
    b.candidates.clear();
    Read c = sampleRead(QStringLiteral("1A23456"), 3'000'000, QStringLiteral("3"));
    auto added = store->addReads({a, b, c});
    REQUIRE(added);
    CHECK(added.value() == 3);

    auto latest = store->latestReads(10);
    REQUIRE(latest);
    REQUIRE(latest->size() == 3);
    CHECK(latest->at(0).plate == QStringLiteral("1A23456"));
    const Read& ra = latest->at(2);
    CHECK(ra.plate == a.plate);
    CHECK(ra.state == a.state);
    CHECK(ra.timeMs == a.timeMs);
    CHECK(ra.lat == a.lat);
    CHECK(ra.lon == a.lon);
    CHECK(ra.heading == 90.0f);
    CHECK(ra.cameraId == camId);
    CHECK(ra.confidence == a.confidence);
    CHECK(ra.candidates == a.candidates);
    CHECK(ra.make == a.make);
    CHECK(ra.model == a.model);
    CHECK(ra.colour == a.colour);
    CHECK(ra.sourceFile == a.sourceFile);
    CHECK(ra.sourceId == a.sourceId);
    CHECK(ra.hasImages);
    CHECK(latest->at(1).heading < 0);
    CHECK_FALSE(latest->at(1).hasImages);
    CHECK(latest->at(1).cameraId == 0);

    auto images = store->readImages(ra.id);
    REQUIRE(images);
    CHECK(images->first == a.overviewJpeg);
    CHECK(images->second == a.plateJpeg);

    // Distinct plates carry counts and first/last seen.
    // OCR alternatives are in the dictionary too, counted apart and without sighting times of their own.
    QMap<QString, PlateSummary> plates;
    REQUIRE(store->forEachPlate([&](const PlateSummary& p) { plates.insert(p.plate, p); }));
    REQUIRE(plates.size() == 4);
    CHECK(plates.value(QStringLiteral("7ABC123")).readCount == 2);
    CHECK(plates.value(QStringLiteral("7ABC123")).altCount == 0);
    CHECK(plates.value(QStringLiteral("7ABC123")).firstSeenMs == 1'000'000);
    CHECK(plates.value(QStringLiteral("7ABC123")).lastSeenMs == 2'000'000);
    CHECK(plates.value(QStringLiteral("7ABC12B")).readCount == 0);
    CHECK(plates.value(QStringLiteral("7ABC12B")).altCount == 1);
    CHECK(plates.value(QStringLiteral("7ABC12B")).firstSeenMs == 0);
    CHECK(plates.value(QStringLiteral("1A2345B")).altCount == 1);
    CHECK(plates.value(QStringLiteral("1A23456")).readCount == 1);

    // Half-open time windows: [from, to).
    QList<qint64> times;
    REQUIRE(store->forEachRead(1'000'000, 3'000'000, [&](const Read& r) {
        times.append(r.timeMs);
        return true;
    }));
    CHECK(times == QList<qint64>{1'000'000, 2'000'000});

    // Encrypted or not, the files are the owner's alone.
    CHECK(QFile::permissions(path) == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                                       | QFileDevice::WriteUser));
    CHECK(QFile::permissions(path + QStringLiteral("-wal"))
          == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));

    stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->reads == 3);
    CHECK(stats->plates == 2);
    CHECK(stats->images == 1);
    CHECK(stats->firstMs == 1'000'000);
    CHECK(stats->lastMs == 3'000'000);
}

TEST_CASE("re-importing the same reads adds nothing and keeps counts")
{
    test::TempDir dir;
    auto store = createStore(dir.path(QStringLiteral("s.alpr")), randomKey());
    QList<Read> batch;
    for (int i = 0; i < 50; ++i)
        batch.append(sampleRead(QStringLiteral("8XYZ%1").arg(100 + i % 7), 1000 + i, QString::number(i)));
    auto first = store->addReads(batch);
    REQUIRE(first);
    CHECK(first.value() == 50);
    auto second = store->addReads(batch);
    REQUIRE(second);
    CHECK(second.value() == 0);
    qint64 total = 0;
    qint64 alternates = 0;
    REQUIRE(store->forEachPlate([&](const PlateSummary& p) {
        total += p.readCount;
        alternates += p.altCount;
    }));
    CHECK(total == 50);
    CHECK(alternates == 50); // one alternative per read, counted once despite the second import
    CHECK(store->stats()->reads == 50);
}

TEST_CASE("users, hotlists and settings round-trip")
{
    test::TempDir dir;
    auto store = createStore(dir.path(QStringLiteral("s.alpr")), randomKey());
    UserRecord u;
    u.name = QStringLiteral("bob");
    u.role = Role::Supervisor;
    u.trainedOn = QDate(2026, 1, 15);
    u.refresherDue = QDate(2027, 1, 15);
    u.cletsAuthorised = true;
    u.createdMs = 42;
    auto addedUser = store->addUser(u);
    INFO((addedUser ? QString() : addedUser.error().message).toStdString());
    REQUIRE(addedUser);
    auto dup = store->addUser(u);
    REQUIRE_FALSE(dup);
    CHECK(dup.error().message.contains(QStringLiteral("bob")));
    auto back = store->user(QStringLiteral("bob"));
    REQUIRE(back);
    CHECK(back->role == Role::Supervisor);
    CHECK(back->trainedOn == QDate(2026, 1, 15));
    CHECK(back->cletsAuthorised);
    back->disabled = true;
    REQUIRE(store->updateUser(back.value()));
    CHECK(store->user(QStringLiteral("bob"))->disabled);
    CHECK_FALSE(store->user(QStringLiteral("nobody")));

    HotlistEntry e;
    e.list = QStringLiteral("stolen vehicles");
    e.plate = QStringLiteral("7ABC123");
    e.state = QStringLiteral("CA");
    e.reason = QStringLiteral("stolen 2026-11-02");
    REQUIRE(store->addHotlistEntry(e));
    REQUIRE(store->addHotlistEntry(e)); // same entry again: updated, not duplicated
    auto entries = store->hotlistEntries();
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    CHECK(entries->first().reason == e.reason);

    CHECK(store->setting(QStringLiteral("retention_days"), QStringLiteral("365")).value() == QStringLiteral("365"));
    REQUIRE(store->setSetting(QStringLiteral("retention_days"), QStringLiteral("730")));
    CHECK(store->setting(QStringLiteral("retention_days")).value() == QStringLiteral("730"));
}

TEST_CASE("the store is really encrypted: no header, no plate text in the file or its WAL, shell cannot read it")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QByteArray key = randomKey();
    {
        auto store = createStore(path, key);
        QList<Read> reads;
        for (int i = 0; i < 500; ++i)
            reads.append(sampleRead(QStringLiteral("QZX%1").arg(1000 + i), i, QString::number(i)));
        REQUIRE(store->addReads(reads));
        // While open, the newest pages sit in the WAL: it must be encrypted too.
        const QByteArray wal = fileBytes(path + QStringLiteral("-wal"));
        CHECK_FALSE(wal.isEmpty());
        CHECK_FALSE(wal.contains("QZX1"));
        CHECK_FALSE(wal.contains("unit412"));
    }
    const QByteArray raw = fileBytes(path);
    REQUIRE(raw.size() > 4096);
    CHECK_FALSE(raw.startsWith("SQLite format 3"));
    CHECK_FALSE(raw.contains("QZX1"));
    CHECK_FALSE(raw.contains("unit412"));
    CHECK_FALSE(raw.contains("CREATE TABLE"));

    const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
    REQUIRE_FALSE(shell.isEmpty());
    QProcess p;
    p.start(shell, {path, QStringLiteral("SELECT count(*) FROM reads;")});
    REQUIRE(p.waitForFinished(10000));
    const QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    CHECK(output.contains(QStringLiteral("not a database")));
    CHECK_FALSE(output.trimmed() == QStringLiteral("500"));
}

TEST_CASE("opening refuses wrong keys and damaged files and never creates a store in their place")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QByteArray key = randomKey();
    {
        auto store = createStore(path, key);
        REQUIRE(store->addReads({sampleRead(QStringLiteral("7ABC123"), 1, QStringLiteral("1"))}));
        REQUIRE(store->checkpoint());
    }
    const QByteArray original = fileBytes(path);

    SECTION("wrong key")
    {
        auto opened = LocalStore::open(path, randomKey(), LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(path));
        CHECK(opened.error().message.contains(QStringLiteral("decrypt")));
        CHECK(fileBytes(path) == original);
    }
    SECTION("the right key still works")
    {
        auto opened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
        REQUIRE(opened);
        CHECK(opened.value()->stats()->reads == 1);
    }
    SECTION("missing file: error, and no file appears")
    {
        const QString missing = dir.path(QStringLiteral("missing.alpr"));
        auto opened = LocalStore::open(missing, key, LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(missing));
        CHECK_FALSE(QFile::exists(missing));
    }
    SECTION("empty file")
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.close();
        auto opened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(path));
        CHECK(QFile(path).size() == 0);
    }
    SECTION("truncated file")
    {
        QFile f(path);
        REQUIRE(f.resize(original.size() / 2));
        auto opened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(path));
        CHECK(QFile(path).size() == original.size() / 2);
    }
    SECTION("garbage in the first page")
    {
        QByteArray damaged = original;
        for (int i = 100; i < 400; ++i)
            damaged[i] = char(i);
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(damaged);
        f.close();
        auto opened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(path));
        CHECK(fileBytes(path) == damaged);
    }
    SECTION("creating over an existing file is refused")
    {
        auto created = LocalStore::open(path, randomKey(), LocalStore::Mode::CreateNew);
        REQUIRE_FALSE(created);
        CHECK(created.error().message.contains(path));
        CHECK(fileBytes(path) == original);
    }
    SECTION("a store from a newer program is refused")
    {
        {
            registerSqlCipherDriver();
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("raw"));
            db.setDatabaseName(path);
            db.setPassword(QString::fromLatin1(key.toHex()));
            REQUIRE(db.open());
            QSqlQuery q(db);
            REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        auto opened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().message.contains(QStringLiteral("newer")));
    }
}

namespace {

QStringList indexesOf(const QString& path, const QByteArray& key, const QString& table)
{
    registerSqlCipherDriver();
    QStringList names;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("idx"));
        db.setDatabaseName(path);
        REQUIRE(db.open(QString(), QString::fromLatin1(key.toHex())));
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT "
                                 "NULL ORDER BY name"));
        q.addBindValue(table);
        REQUIRE(q.exec());
        while (q.next())
            names.append(q.value(0).toString());
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("idx"));
    return names;
}

/** Random reads over a few hundred plates, many with OCR alternatives (some of them plates read elsewhere). */
QList<Read> randomReads(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    auto plate = [&](int k) { return QStringLiteral("7ABC%1").arg(k, 3, 10, QLatin1Char('0')); };
    QList<Read> out;
    for (int i = 0; i < n; ++i) {
        Read r = sampleRead(plate(int(rng.bounded(300))), 1'700'000'000'000 + qint64(rng.bounded(86'400'000)),
                            QString::number(i));
        r.candidates.clear();
        const int alts = int(rng.bounded(3));
        for (int a = 0; a < alts; ++a)
            r.candidates.append({ a == 0 ? plate(int(rng.bounded(400))) : r.plate, float(rng.bounded(90)) });
        out.append(r);
    }
    return out;
}

struct PlateRow
{
    qint64 reads, alts, first, last;
    bool operator==(const PlateRow&) const = default;
};

QMap<QString, PlateRow> plateRows(LocalStore& store)
{
    QMap<QString, PlateRow> rows;
    REQUIRE(store.forEachPlate([&](const PlateSummary& p) {
        rows.insert(p.plate, { p.readCount, p.altCount, p.firstSeenMs, p.lastSeenMs });
    }));
    return rows;
}

} // namespace

TEST_CASE("a bulk load writes the same plates, counts, alternatives and indexes as batch-by-batch inserts")
{
    test::TempDir dir;
    const QByteArray key = randomKey();
    const QList<Read> reads = randomReads(3000, 11);
    auto bulk = createStore(dir.path(QStringLiteral("bulk.alpr")), key);
    auto plain = createStore(dir.path(QStringLiteral("plain.alpr")), key);
    REQUIRE(bulk->beginBulkLoad());
    // The indexes with random inserts go during the load; the time and source-id indexes (appended to) stay.
    CHECK(indexesOf(bulk->path(), key, QStringLiteral("reads"))
          == QStringList{ QStringLiteral("reads_source"), QStringLiteral("reads_time") });
    for (qsizetype start = 0; start < reads.size(); start += 700) {
        const QList<Read> batch = reads.mid(start, 700);
        CHECK(bulk->addReads(batch).value() == batch.size());
        CHECK(plain->addReads(batch).value() == batch.size());
    }
    REQUIRE(bulk->endBulkLoad());
    CHECK(indexesOf(bulk->path(), key, QStringLiteral("reads"))
          == indexesOf(plain->path(), key, QStringLiteral("reads")));
    CHECK(indexesOf(bulk->path(), key, QStringLiteral("reads")).contains(QStringLiteral("reads_source")));

    const auto bulkPlates = plateRows(*bulk);
    CHECK(bulkPlates.size() > 300);
    CHECK(bulkPlates == plateRows(*plain));
    // Every plate's reads, with alternatives, come back the same from both stores (ids included: same order).
    QMap<QString, qint64> bulkIds, plainIds;
    REQUIRE(bulk->forEachPlate([&](const PlateSummary& p) { bulkIds.insert(p.plate, p.id); }));
    REQUIRE(plain->forEachPlate([&](const PlateSummary& p) { plainIds.insert(p.plate, p.id); }));
    for (auto it = bulkIds.cbegin(); it != bulkIds.cend(); ++it) {
        auto a = bulk->readsForPlates({ it.value() }, true, {}, 100000, {});
        auto b = plain->readsForPlates({ plainIds.value(it.key()) }, true, {}, 100000, {});
        REQUIRE(a);
        REQUIRE(b);
        QList<qint64> idsA, idsB;
        for (const Read& r : a.value())
            idsA.append(r.id);
        for (const Read& r : b.value())
            idsB.append(r.id);
        INFO(it.key().toStdString());
        CHECK(idsA == idsB);
    }
    // After the load the store is an ordinary one: re-adding the same reads adds nothing.
    CHECK(bulk->addReads(reads.mid(0, 500)).value() == 0);
    CHECK(bulk->addReads({ sampleRead(QStringLiteral("8NEW001"), 5, QStringLiteral("new")) }).value() == 1);
}

TEST_CASE("a bulk load needs an empty store, and a store whose bulk load was cut short is refused at open")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QByteArray key = randomKey();
    {
        auto store = createStore(path, key);
        REQUIRE(store->addReads({ sampleRead(QStringLiteral("7ABC123"), 1, QStringLiteral("1")) }).value() == 1);
        auto refused = store->beginBulkLoad();
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.contains(QStringLiteral("empty")));
    }
    const QString cut = dir.path(QStringLiteral("cut.alpr"));
    {
        auto store = createStore(cut, key);
        REQUIRE(store->beginBulkLoad());
        REQUIRE(store->addReads({ sampleRead(QStringLiteral("7ABC123"), 1, QStringLiteral("1")) }));
        // The process dies here: no endBulkLoad().
    }
    auto reopened = LocalStore::open(cut, key, LocalStore::Mode::OpenExisting);
    REQUIRE_FALSE(reopened);
    CHECK(reopened.error().message.contains(cut));
    CHECK(reopened.error().message.contains(QStringLiteral("incomplete")));
    // The store that was not bulk-loaded opens as before.
    CHECK(LocalStore::open(path, key, LocalStore::Mode::OpenExisting));
}

namespace {

/** SQLCipher's process-wide memory security switch, as seen by a connection to the store at path. */
int memorySecurity(const QString& path, const QByteArray& key)
{
    registerSqlCipherDriver();
    int on = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("memsec"));
        db.setDatabaseName(path);
        REQUIRE(db.open(QString(), QString::fromLatin1(key.toHex())));
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA cipher_memory_security")));
        REQUIRE(q.next());
        on = q.value(0).toInt();
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("memsec"));
    return on;
}

} // namespace

TEST_CASE("opening a store protects SQLite's heap: the secure heap, and only without it SQLCipher's memory security")
{
    test::TempDir dir;
    const QByteArray key = randomKey();
    auto store = createStore(dir.path(QStringLiteral("s.alpr")), key);
    REQUIRE(SecureSqliteHeap::inUse());
    CHECK(memorySecurity(store->path(), key) == 0);

    // A process where SQLite was initialised before the first store opened (a C-API connection) cannot install the
    // secure heap; there the store must switch memory security on. Run in a fresh process of this test binary.
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("[.sqlite-initialised-first]") });
    REQUIRE(child.waitForFinished(60000));
    INFO(QString::fromUtf8(child.readAllStandardOutput() + child.readAllStandardError()).toStdString());
    CHECK(child.exitStatus() == QProcess::NormalExit);
    CHECK(child.exitCode() == 0);
}

TEST_CASE("a store opened after SQLite was initialised elsewhere switches memory security on",
          "[.sqlite-initialised-first]")
{
    sqlite3* early = nullptr;
    REQUIRE(sqlite3_open_v2(":memory:", &early, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    test::TempDir dir;
    const QByteArray key = randomKey();
    auto store = createStore(dir.path(QStringLiteral("s.alpr")), key);
    // Closed before the store: the store's last close shuts SQLite down, which no other connection may outlive.
    sqlite3_close_v2(early);
    CHECK_FALSE(SecureSqliteHeap::inUse());
    CHECK(memorySecurity(store->path(), key) == 1);
    REQUIRE(store->addReads({ sampleRead(QStringLiteral("7ABC123"), 1, QStringLiteral("1")) }));
}

namespace {

/** A second connection to a store, for looking at (and tampering with) what LocalStore wrote. */
class RawConnection
{
public:
    RawConnection(const QString& path, const QByteArray& key)
    {
        registerSqlCipherDriver();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), kName);
        db.setDatabaseName(path);
        REQUIRE(db.open(QString(), QString::fromLatin1(key.toHex())));
    }
    ~RawConnection()
    {
        QSqlDatabase::database(kName, false).close();
        QSqlDatabase::removeDatabase(kName);
    }
    /** Runs one statement; true if SQLite accepted it. */
    bool exec(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(kName, false));
        return q.exec(sql);
    }
    QVariant scalar(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(kName, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    inline static const QString kName = QStringLiteral("raw-fk");
};

} // namespace

namespace {

/** PRAGMA foreign_keys on the store's own connection (found by its file name; same thread, same handle). */
int storeForeignKeys(const LocalStore& store)
{
    for (const QString& name : QSqlDatabase::connectionNames()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.databaseName() != store.path() || name == QStringLiteral("raw-fk"))
            continue;
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next())
            return q.value(0).toInt();
    }
    return -1;
}

} // namespace

TEST_CASE("new stores have 16 KiB pages; stores made with SQLCipher's 4 KiB pages still open, read and grow")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("new.alpr"));
    const QString legacyPath = dir.path(QStringLiteral("legacy.alpr"));
    const QByteArray key = randomKey();
    {
        auto store = createStore(path, key);
        QList<Read> reads;
        for (int i = 0; i < 500; ++i)
            reads.append(sampleRead(QStringLiteral("PS%1").arg(i % 50), 1'700'000'000'000 + i * 1000LL,
                                    QString::number(i)));
        REQUIRE(store->addReads(reads));
    }
    {
        RawConnection raw(path, key);
        CHECK(raw.scalar(QStringLiteral("PRAGMA page_size")).toInt() == kStorePageSize);
        // The same store as SQLCipher's defaults would have made it: a copy with 4 KiB pages.
        const QString hex = QString::fromLatin1(key.toHex());
        QFile empty(legacyPath); // the connection may not create files (no QSQLCIPHER_CREATE), ATTACH included
        REQUIRE(empty.open(QIODevice::WriteOnly));
        empty.close();
        REQUIRE(raw.exec(QStringLiteral("ATTACH DATABASE '%1' AS legacy KEY \"x'%2'\"").arg(legacyPath, hex)));
        REQUIRE(raw.exec(QStringLiteral("PRAGMA legacy.cipher_page_size = %1").arg(kLegacyPageSize)));
        REQUIRE(raw.exec(QStringLiteral("SELECT sqlcipher_export('legacy')")));
        REQUIRE(raw.scalar(QStringLiteral("SELECT count(*) FROM legacy.reads")).toInt() == 500);
        REQUIRE(raw.exec(QStringLiteral("PRAGMA legacy.user_version = %1").arg(Migrations::latestVersion())));
        REQUIRE(raw.exec(QStringLiteral("DETACH DATABASE legacy")));
    }
    REQUIRE(QFileInfo(legacyPath).size() % kLegacyPageSize == 0);
    REQUIRE(QFileInfo(legacyPath).size() % kStorePageSize != 0); // really 4 KiB pages (not a 16 KiB multiple)

    SECTION("the 4 KiB store opens, reads whole and takes new reads")
    {
        {
            auto legacy = LocalStore::open(legacyPath, key, LocalStore::Mode::OpenExisting);
            INFO((legacy ? QString() : legacy.error().message).toStdString());
            REQUIRE(legacy);
            auto stats = legacy.value()->stats();
            REQUIRE(stats);
            CHECK(stats->reads == 500);
            REQUIRE(legacy.value()->addReads({ sampleRead(QStringLiteral("PSNEW1"), 1'800'000'000'000, QStringLiteral("new1")) }));
        }
        RawConnection raw(legacyPath, key);
        CHECK(raw.scalar(QStringLiteral("PRAGMA page_size")).toInt() == kLegacyPageSize);
        CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM reads")).toInt() == 501);
        CHECK(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    }
    SECTION("a wrong key is refused at either page size, and neither file changes")
    {
        const QByteArray before = fileBytes(path), legacyBefore = fileBytes(legacyPath);
        for (const QString& p : { path, legacyPath }) {
            auto opened = LocalStore::open(p, randomKey(), LocalStore::Mode::OpenExisting);
            REQUIRE_FALSE(opened);
            CHECK(opened.error().message.contains(QStringLiteral("decrypt")));
        }
        CHECK(fileBytes(path) == before);
        CHECK(fileBytes(legacyPath) == legacyBefore);
    }
    SECTION("reads another connection committed to the 4 KiB store's WAL are seen (the page-size probe keeps the WAL)")
    {
        auto writer = LocalStore::open(legacyPath, key, LocalStore::Mode::OpenExisting);
        REQUIRE(writer);
        REQUIRE(writer.value()->addReads({ sampleRead(QStringLiteral("PSWAL1"), 1'800'000'000'000, QStringLiteral("wal1")) }));
        REQUIRE(QFileInfo(legacyPath + QStringLiteral("-wal")).size() > 0);
        auto reader = LocalStore::open(legacyPath, key, LocalStore::Mode::OpenExisting);
        REQUIRE(reader);
        auto stats = reader.value()->stats();
        REQUIRE(stats);
        CHECK(stats->reads == 501);
    }
}

TEST_CASE("batches keep every reference whole although the writer checks them itself, and keys are on after each")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QByteArray key = randomKey();
    auto store = createStore(path, key);
    Camera cam;
    cam.name = QStringLiteral("Glendora Ave & Workman Ave");
    cam.lat = 34.07;
    cam.lon = -117.89;
    auto cams = store->upsertCameras({ cam });
    REQUIRE(cams);
    const qint64 camId = cams->first().id;

    QList<Read> reads;
    for (int i = 0; i < 900; ++i) { // more than one chunk of the multi-row statements
        Read r = sampleRead(QStringLiteral("FK%1").arg(i % 300), 1'700'000'000'000 + i * 1000LL, QString::number(i));
        r.cameraId = i % 3 ? camId : 0;
        if (i % 100 == 0)
            r.plateJpeg = QByteArray("plate-crop");
        reads.append(r);
    }
    auto added = store->addReads(reads);
    REQUIRE(added);
    CHECK(added.value() == 900);
    CHECK(storeForeignKeys(*store) == 1);
    // No statement of the batch is left active: one would block the checkpoint (SQLITE_LOCKED).
    CHECK(store->checkpoint());

    // A read of a camera the store does not know: the whole batch is refused, as the foreign key used to refuse it.
    QList<Read> stray = { sampleRead(QStringLiteral("FKNEW1"), 1'700'100'000'000, QStringLiteral("s1")),
                          sampleRead(QStringLiteral("FKNEW2"), 1'700'100'001'000, QStringLiteral("s2")) };
    stray[1].cameraId = camId + 1000;
    auto refused = store->addReads(stray);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.contains(QStringLiteral("camera %1").arg(camId + 1000)));
    CHECK(refused.error().message.contains(path));
    CHECK(storeForeignKeys(*store) == 1);
    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->reads == 900);

    RawConnection raw(path, key);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")).toInt() == 0);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM plates WHERE plate LIKE 'FKNEW%'")).toInt() == 0);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM read_alternates")).toInt() == 900);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM read_images")).toInt() == 9);
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM reads WHERE camera_id = %1").arg(camId)).toInt() == 600);
    CHECK(raw.scalar(QStringLiteral("SELECT sum(read_count) FROM plates")).toInt() == 900);
}

TEST_CASE("reads and OCR alternatives check their plate at COMMIT (migration 4); a version-3 store is upgraded")
{
    test::TempDir dir;
    const QByteArray key = randomKey();
    const QString path = dir.path(QStringLiteral("s.alpr"));
    auto store = createStore(path, key);
    REQUIRE(store->addReads({ sampleRead(QStringLiteral("7ABC123"), 1'700'000'000'000, QStringLiteral("1")) }));

    const QString readsSql = QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'reads'");
    const QString altSql = QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'read_alternates'");
    {
        RawConnection raw(path, key);
        const QString reads = raw.scalar(readsSql).toString();
        CHECK(reads.contains(QStringLiteral("REFERENCES plates(id) DEFERRABLE INITIALLY DEFERRED")));
        CHECK(reads.contains(QStringLiteral("REFERENCES cameras(id) DEFERRABLE INITIALLY DEFERRED")));
        CHECK(raw.scalar(altSql).toString().contains(
            QStringLiteral("REFERENCES reads(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED")));

        REQUIRE(raw.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        // A read may name its plate before the plate row exists, as long as it exists at COMMIT ...
        REQUIRE(raw.exec(QStringLiteral("BEGIN")));
        CHECK(raw.exec(QStringLiteral("INSERT INTO reads (id, plate_id, time_ms, lat, lon) VALUES (1000, 777, 0, 0, 0)")));
        CHECK(raw.exec(QStringLiteral("INSERT INTO plates (id, plate) VALUES (777, 'ZZZ777')")));
        CHECK(raw.exec(QStringLiteral("COMMIT")));
        // ... and a read whose plate never comes is refused at COMMIT: the whole transaction goes.
        REQUIRE(raw.exec(QStringLiteral("BEGIN")));
        CHECK(raw.exec(QStringLiteral("INSERT INTO reads (id, plate_id, time_ms, lat, lon) VALUES (1001, 1, 0, 0, 0)")));
        CHECK(raw.exec(QStringLiteral("INSERT INTO reads (id, plate_id, time_ms, lat, lon) VALUES (1002, 888, 0, 0, 0)")));
        CHECK_FALSE(raw.exec(QStringLiteral("COMMIT")));
        CHECK(raw.exec(QStringLiteral("ROLLBACK")));
        CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM reads WHERE id IN (1001, 1002)")).toInt() == 0);
        CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM reads WHERE id = 1000")).toInt() == 1);

        // Make it a version-3 store again: immediate keys, as every store was before.
        REQUIRE(raw.exec(QStringLiteral("BEGIN")));
        REQUIRE(raw.exec(QStringLiteral("PRAGMA writable_schema = ON")));
        REQUIRE(raw.exec(QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, ' DEFERRABLE INITIALLY DEFERRED', "
                                        "'') WHERE name IN ('reads', 'read_alternates')")));
        REQUIRE(raw.exec(QStringLiteral("PRAGMA writable_schema = OFF")));
        const qint64 cookie = raw.scalar(QStringLiteral("PRAGMA schema_version")).toLongLong();
        REQUIRE(raw.exec(QStringLiteral("PRAGMA schema_version = %1").arg(cookie + 1)));
        REQUIRE(raw.exec(QStringLiteral("PRAGMA user_version = 3")));
        REQUIRE(raw.exec(QStringLiteral("COMMIT")));
        CHECK_FALSE(raw.scalar(readsSql).toString().contains(QStringLiteral("DEFERRABLE")));
    }
    store.reset();

    auto reopened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
    REQUIRE(reopened);
    auto stats = reopened.value()->stats();
    REQUIRE(stats);
    CHECK(stats->schemaVersion == Migrations::latestVersion());
    CHECK(stats->reads == 2);
    REQUIRE(reopened.value()->addReads(
        { sampleRead(QStringLiteral("7ABC124"), 1'700'000'060'000, QStringLiteral("2")) }));
    RawConnection raw(path, key);
    CHECK(raw.scalar(readsSql).toString().contains(QStringLiteral("REFERENCES plates(id) DEFERRABLE INITIALLY DEFERRED")));
    CHECK(raw.scalar(altSql).toString().contains(QStringLiteral("DEFERRABLE INITIALLY DEFERRED")));
    CHECK(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")).toInt() == 0);
}

TEST_CASE("SQLite's page cache lives in one region that is wiped when the last connection closes")
{
    test::TempDir dir;
    const QByteArray key = randomKey();
    const QString path = dir.path(QStringLiteral("s.alpr"));
    {
        auto store = createStore(path, key);
        CHECK(PageCachePool::inUse());
        CHECK(PageCachePool::sizeBytes() >= 64LL * 1024 * 1024);
        QList<Read> reads;
        for (int i = 0; i < 2000; ++i)
            reads.append(sampleRead(QStringLiteral("PG%1").arg(i), 1'700'000'000'000 + i * 1000, QString::number(i)));
        REQUIRE(store->addReads(reads));
        // Pages of the store are in the region while it is open.
        CHECK_FALSE(PageCachePool::isRegionClear());
    }
    // Closed: nothing of the store is left in it (SQLite was shut down first, so no page was in use).
    CHECK_FALSE(PageCachePool::inUse());
    CHECK(PageCachePool::isRegionClear());
    // The next connection sets it up again, and the store reads back whole.
    auto reopened = LocalStore::open(path, key, LocalStore::Mode::OpenExisting);
    REQUIRE(reopened);
    CHECK(PageCachePool::inUse());
    auto stats = reopened.value()->stats();
    REQUIRE(stats);
    CHECK(stats->reads == 2000);
}

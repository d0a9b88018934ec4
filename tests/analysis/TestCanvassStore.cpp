// The local store's spatio-temporal index (ReadAreaQueries): box queries equal a scan of every read, the index follows
// addReads and bulk loads, an old store without it is migrated, and the C++ cell formula equals the SQL one.
#include "CanvassTestData.h"
#include "LocalStore.h"
#include "Migrations.h"
#include "PageCachePool.h"
#include "ReadAreaQueries.h"
#include "TempDir.h"

#include <QRandomGenerator>
#include <QSet>
#include <catch2/catch_test_macros.hpp>
#include <sqlite3.h>

using namespace alpr;

namespace {

constexpr qint64 kStart = 1'790'000'000'000; // 2026-09-21
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

QByteArray randomKey()
{
    QByteArray key(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    return key;
}

std::unique_ptr<LocalStore> openStore(const QString& path, const QByteArray& key, LocalStore::Mode mode)
{
    auto store = LocalStore::open(path, key, mode);
    INFO((store ? QString() : store.error().message).toStdString());
    REQUIRE(store);
    return std::move(store.value());
}

QList<GeoTimeBox> randomBoxes(std::mt19937& rng, int count)
{
    std::uniform_real_distribution<double> unit(0, 1);
    QList<GeoTimeBox> boxes;
    for (int i = 0; i < count; ++i) {
        GeoTimeBox b;
        const double size = i % 7 == 0 ? 0.6 : unit(rng) * 0.012; // some far larger than the cell limit
        b.south = 34.03 + unit(rng) * 0.03 - size / 2;
        b.west = -117.97 + unit(rng) * 0.03 - size / 2;
        b.north = b.south + size;
        b.east = b.west + size * (i % 5 == 0 ? 0 : 1); // some zero-width
        b.fromMs = kStart + qint64(unit(rng) * 3 * kDayMs);
        b.toMs = b.fromMs + qint64(unit(rng) * kDayMs);
        boxes.append(b);
    }
    return boxes;
}

/** (box, read id) pairs: from the store's index, and from a scan of every read. */
QSet<std::pair<int, qint64>> fromIndex(Store& store, const QList<GeoTimeBox>& boxes)
{
    QSet<std::pair<int, qint64>> out;
    REQUIRE(store.forEachReadInBoxes(boxes, [&](int box, const ReadPoint& p) {
        out.insert({ box, p.readId });
        return true;
    }));
    return out;
}

QSet<std::pair<int, qint64>> fromScan(const QList<Read>& all, const QList<GeoTimeBox>& boxes)
{
    QSet<std::pair<int, qint64>> out;
    for (int i = 0; i < boxes.size(); ++i) {
        const GeoTimeBox& b = boxes.at(i);
        for (const Read& r : all) {
            if (r.lat >= b.south && r.lat <= b.north && r.lon >= b.west && r.lon <= b.east && r.timeMs >= b.fromMs
                && r.timeMs < b.toMs)
                out.insert({ i, r.id });
        }
    }
    return out;
}

// The C API does not know the store's page size (it cannot be read from an encrypted file).
const QByteArray kPageSizePragma = "PRAGMA cipher_page_size = " + QByteArray::number(kStorePageSize);

/** Runs SQL on the store file directly, as an older build or a damaged file would have left it. */
void rawSql(const QString& path, const QByteArray& key, const char* sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    const QByteArray pragma = "PRAGMA key = \"x'" + key.toHex() + "'\"";
    char* error = nullptr;
    REQUIRE(sqlite3_exec(db, pragma.constData(), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kPageSizePragma.constData(), nullptr, nullptr, nullptr) == SQLITE_OK);
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    INFO((error ? error : ""));
    CHECK(rc == SQLITE_OK);
    sqlite3_free(error);
    sqlite3_close(db);
}

} // namespace

TEST_CASE("box queries through the cell index equal a scan of every read, and follow addReads")
{
    test::TempDir dir;
    auto store = openStore(dir.path(QStringLiteral("s.alpr")), randomKey(), LocalStore::Mode::CreateNew);
    std::mt19937 rng(11);
    REQUIRE(store->addReads(test::randomReads(rng, 1500, kStart, 3 * kDayMs, 80)));
    const QList<GeoTimeBox> boxes = randomBoxes(rng, 60);
    const auto first = fromIndex(*store, boxes);
    CHECK(first == fromScan(test::allReads(*store), boxes));
    CHECK(first.size() > 100);

    // New reads are in the index at once.
    REQUIRE(store->addReads(test::randomReads(rng, 700, kStart, 3 * kDayMs, 80)));
    const auto second = fromIndex(*store, boxes);
    CHECK(second == fromScan(test::allReads(*store), boxes));
    CHECK(second.size() > first.size());

    // The sink can stop the walk.
    int seen = 0;
    REQUIRE(store->forEachReadInBoxes(boxes, [&](int, const ReadPoint&) { return ++seen < 5; }));
    CHECK(seen == 5);
}

TEST_CASE("the cell index is rebuilt after a bulk load")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("bulk.alpr"));
    const QByteArray key = randomKey();
    std::mt19937 rng(12);
    const QList<GeoTimeBox> boxes = randomBoxes(rng, 40);
    {
        auto store = openStore(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store->beginBulkLoad());
        REQUIRE(store->addReads(test::randomReads(rng, 1200, kStart, 3 * kDayMs, 50)));
        REQUIRE(store->addReads(test::randomReads(rng, 800, kStart, 3 * kDayMs, 50)));
        REQUIRE(store->endBulkLoad());
        CHECK(fromIndex(*store, boxes) == fromScan(test::allReads(*store), boxes));
        // Reads added after the load go into the rebuilt index.
        REQUIRE(store->addReads(test::randomReads(rng, 300, kStart, 3 * kDayMs, 50)));
        CHECK(fromIndex(*store, boxes) == fromScan(test::allReads(*store), boxes));
    }
    auto store = openStore(path, key, LocalStore::Mode::OpenExisting);
    const auto found = fromIndex(*store, boxes);
    CHECK(found == fromScan(test::allReads(*store), boxes));
    CHECK(found.size() > 100);
    CHECK(test::allReads(*store).size() == 2300);
}

TEST_CASE("a store made before the canvass index is migrated and then answers like a new one")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("old.alpr"));
    const QByteArray key = randomKey();
    std::mt19937 rng(13);
    {
        auto store = openStore(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store->addReads(test::randomReads(rng, 1000, kStart, 3 * kDayMs, 60)));
        REQUIRE(store->checkpoint());
    }
    // Back to schema version 1, as every store written before the canvass work is.
    rawSql(path, key,
           "DROP INDEX reads_cell_time; ALTER TABLE reads DROP COLUMN cell; DROP TABLE transfer_batches; "
           "PRAGMA user_version = 1; "
           "PRAGMA wal_checkpoint(TRUNCATE);");
    auto store = openStore(path, key, LocalStore::Mode::OpenExisting);
    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->schemaVersion == Migrations::latestVersion());
    CHECK(stats->reads == 1000);
    const QList<GeoTimeBox> boxes = randomBoxes(rng, 40);
    CHECK(fromIndex(*store, boxes) == fromScan(test::allReads(*store), boxes));
}

TEST_CASE("the cell the SQL column computes is the cell C++ asks for, on cell edges too")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("cells.alpr"));
    const QByteArray key = randomKey();
    QList<std::pair<double, double>> points
        = { { 34.0, -118.0 }, { 34.0025, -117.996969 }, { -33.87, 151.21 }, { 0, 0 }, { -90, -180 },
            { 90, 180 },      { 51.4779, -0.0015 } };
    std::mt19937 rng(14);
    std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180);
    for (int i = 0; i < 300; ++i)
        points.append({ lat(rng), lon(rng) });
    for (int k = 0; k < 100; ++k) // exact cell edges
        points.append({ -90.0 + (13600 + k) / 400.0, -180.0 + (20000 + k) / 330.0 });
    {
        auto store = openStore(path, key, LocalStore::Mode::CreateNew);
        QList<Read> reads;
        for (const auto& p : std::as_const(points)) {
            Read r;
            r.plate = QStringLiteral("CELL1");
            r.timeMs = kStart;
            r.lat = p.first;
            r.lon = p.second;
            reads.append(r);
        }
        REQUIRE(store->addReads(reads));
        REQUIRE(store->checkpoint());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    const QByteArray pragma = "PRAGMA key = \"x'" + key.toHex() + "'\"";
    REQUIRE(sqlite3_exec(db, pragma.constData(), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kPageSizePragma.constData(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT lat, lon, cell FROM reads", -1, &stmt, nullptr) == SQLITE_OK);
    int rows = 0;
    int mismatches = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        ++rows;
        const double a = sqlite3_column_double(stmt, 0);
        const double o = sqlite3_column_double(stmt, 1);
        if (sqlite3_column_int64(stmt, 2) != ReadAreaQueries::cellOf(a, o))
            ++mismatches;
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    CHECK(rows == points.size());
    CHECK(mismatches == 0);
}

// SQLite's heap in OpenSSL's secure heap: in use for stores, wiped on free, falls back when full, replaces
// SQLCipher's per-allocation memory security.

#include "LocalStore.h"
#include "SecureSqliteHeap.h"
#include "TempDir.h"

#include <QRandomGenerator>
#include <QSqlQuery>

#include <sqlite3.h>

#include <catch2/catch_test_macros.hpp>

#include <cstring>

using namespace alpr;

namespace {

std::unique_ptr<LocalStore> createStore(const QString& path)
{
    QByteArray key(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
    INFO((store ? QString() : store.error().message).toStdString());
    REQUIRE(store);
    return std::move(store.value());
}

Read sampleRead(int i)
{
    Read r;
    r.plate = QStringLiteral("HEAP%1").arg(i);
    r.state = QStringLiteral("CA");
    r.timeMs = 1'700'000'000'000 + i * 1000LL;
    r.lat = 34.0686;
    r.lon = -117.9390;
    r.sourceFile = QStringLiteral("unit7.csv");
    r.sourceId = QString::number(i);
    return r;
}

} // namespace

TEST_CASE("SQLite allocates from the locked secure heap, and SQLCipher's per-allocation memory security stays off")
{
    test::TempDir dir;
    auto store = createStore(dir.path(QStringLiteral("s.alpr")));
    REQUIRE(SecureSqliteHeap::inUse());
    CHECK(SecureSqliteHeap::regionBytes() >= 16LL * 1024 * 1024);

    QList<Read> reads;
    for (int i = 0; i < 3000; ++i)
        reads.append(sampleRead(i));
    REQUIRE(store->addReads(reads));
    // An open store with statements prepared keeps blocks in the region.
    CHECK(SecureSqliteHeap::usedBytes() > 0);

    // SQLCipher's process-wide switch, which LocalStore turns on only without this allocator: on together with it,
    // its munlock on free would unlock pages of the region.
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA cipher_memory_security", -1, &stmt, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        CHECK(sqlite3_column_int(stmt, 0) == 0);
        sqlite3_finalize(stmt);
        sqlite3_close_v2(raw);
    }
    void* probe = sqlite3_malloc(64);
    REQUIRE(probe);
    CHECK(SecureSqliteHeap::holds(probe));
    sqlite3_free(probe);

    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->reads == 3000);
}

TEST_CASE("a block SQLite frees is cleared before it can be handed out again")
{
    test::TempDir dir;
    auto store = createStore(dir.path(QStringLiteral("s.alpr")));
    REQUIRE(SecureSqliteHeap::inUse());

    constexpr int kBytes = 4096;
    auto* block = static_cast<unsigned char*>(sqlite3_malloc(kBytes));
    REQUIRE(block);
    REQUIRE(SecureSqliteHeap::holds(block));
    std::memset(block, 0x5A, kBytes); // stands for a decrypted B-tree cell, a plate, a bound value
    sqlite3_free(block);
    // The region stays mapped, so the freed block can be inspected. Its first 16 bytes may hold the free list's
    // links (OpenSSL keeps them inside free blocks); everything after them must be zero.
    int leftover = 0;
    for (int i = 16; i < kBytes; ++i)
        leftover += block[i] != 0;
    CHECK(leftover == 0);
}

TEST_CASE("what the secure heap cannot hold comes from malloc, keeps its contents when grown and is usable")
{
    test::TempDir dir;
    auto store = createStore(dir.path(QStringLiteral("s.alpr")));
    REQUIRE(SecureSqliteHeap::inUse());

    const long long before = SecureSqliteHeap::fallbackAllocations();
    const int big = int(SecureSqliteHeap::regionBytes() + 1024); // larger than the whole region
    auto* block = static_cast<unsigned char*>(sqlite3_malloc(big));
    REQUIRE(block);
    CHECK_FALSE(SecureSqliteHeap::holds(block));
    CHECK(SecureSqliteHeap::fallbackAllocations() == before + 1);
    CHECK(sqlite3_msize(block) >= sqlite3_uint64(big));
    block[0] = 1;
    block[big - 1] = 2;

    // Growing a small region block into a big one copies it over.
    auto* small = static_cast<unsigned char*>(sqlite3_malloc(100));
    REQUIRE(small);
    for (int i = 0; i < 100; ++i)
        small[i] = static_cast<unsigned char>(i);
    auto* grown = static_cast<unsigned char*>(sqlite3_realloc(small, big));
    REQUIRE(grown);
    bool same = true;
    for (int i = 0; i < 100; ++i)
        same = same && grown[i] == i;
    CHECK(same);
    CHECK(block[0] == 1);
    CHECK(block[big - 1] == 2);
    sqlite3_free(grown);
    sqlite3_free(block);

    // A store works as before after big blocks came and went.
    REQUIRE(store->addReads({ sampleRead(1), sampleRead(2) }));
    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->reads == 2);
}

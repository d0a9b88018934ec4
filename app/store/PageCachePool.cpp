#include "PageCachePool.h"

#include "SecureSqliteHeap.h"

#include <sqlite3.h>

#include <mutex>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

namespace alpr {

namespace {

// As many pages as one connection's cache (LocalStore sets cache_size to 64 MiB). A second connection that wants
// more takes ordinary allocations, and so does a store with smaller pages for most of its cache (a slot holds one page
// of any size up to kStorePageSize).
constexpr int kPageSize = kStorePageSize;
constexpr int kSlots = 64 * 1024 * 1024 / kPageSize;

struct Pool
{
    std::mutex mutex;
    void* region = nullptr;
    std::size_t bytes = 0;
    int openConnections = 0;
    bool configured = false; ///< handed to SQLite since its last initialisation
};

Pool& pool()
{
    static Pool p;
    return p;
}

/**
 * Zeroes every page of the region that holds anything. Pages never touched are left alone: writing to them would
 * make the whole region resident when it is not locked (an unprivileged RLIMIT_MEMLOCK refuses the lock).
 */
void wipe(Pool& p)
{
    const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
    auto* base = static_cast<unsigned char*>(p.region);
    std::vector<unsigned char> resident((p.bytes + page - 1) / page);
    if (mincore(base, p.bytes, resident.data()) != 0) {
        explicit_bzero(base, p.bytes); // cannot tell which pages are in use: wipe them all
        return;
    }
    for (std::size_t i = 0; i < resident.size(); ++i)
        if (resident[i] & 1)
            explicit_bzero(base + i * page, std::min(page, p.bytes - i * page));
}

} // namespace

void PageCachePool::connectionOpening()
{
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    if (p.openConnections++ > 0)
        return;
    // Before SQLite's first initialisation, like the page cache below (a no-op after the first call).
    SecureSqliteHeap::install();
    if (!p.region) {
        int header = 0;
        if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK || header <= 0)
            return;
        const std::size_t slot = std::size_t(kPageSize + header + 7) / 8 * 8;
        const std::size_t bytes = slot * kSlots;
        void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (region == MAP_FAILED)
            return;
        // Plaintext pages must not reach a core dump or swap; locking may be refused by RLIMIT_MEMLOCK, as it may be
        // for SQLCipher's own per-allocation locks.
        madvise(region, bytes, MADV_DONTDUMP);
        mlock(region, bytes);
        p.region = region;
        p.bytes = bytes;
    }
    // Fails (SQLITE_MISUSE) if SQLite is initialised already, e.g. by a connection opened with the C API directly:
    // then SQLite keeps allocating its pages until every connection has closed.
    p.configured = sqlite3_config(SQLITE_CONFIG_PAGECACHE, p.region, int(p.bytes / kSlots), kSlots) == SQLITE_OK;
}

void PageCachePool::connectionClosed()
{
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    if (p.openConnections == 0 || --p.openConnections > 0)
        return;
    // No connection is open, so no page is in use: shut SQLite down (it forgets the region) and wipe the region.
    // The next connection initialises SQLite again, with the region.
    if (sqlite3_shutdown() == SQLITE_OK && p.configured)
        wipe(p);
    p.configured = false;
}

bool PageCachePool::inUse()
{
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    return p.configured;
}

long long PageCachePool::sizeBytes()
{
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    return static_cast<long long>(p.bytes);
}

bool PageCachePool::isRegionClear()
{
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    const auto* bytes = static_cast<const unsigned char*>(p.region);
    for (std::size_t i = 0; i < p.bytes; ++i)
        if (bytes[i])
            return false;
    return true;
}

} // namespace alpr

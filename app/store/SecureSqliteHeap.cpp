#include "SecureSqliteHeap.h"

#include <openssl/crypto.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string.h>
#include <sys/mman.h>

namespace alpr {

namespace {

// 32 MiB: SQLite's heap outside the page cache (statements, a page being split, sorter runs of a small sort) stays
// in the low megabytes while reads are written or searched; index builds and big sorts spill to the fallback. A power
// of two, as OpenSSL requires; 16-byte minimum blocks keep SQLite's 8-byte alignment.
constexpr std::size_t kRegionBytes = std::size_t(32) << 20;
constexpr std::size_t kMinBlock = 16;

// A block from malloc carries its size in front of it (16 bytes keep the block 16-byte aligned).
constexpr std::size_t kHeader = 16;

std::atomic<bool> g_inUse { false };
bool g_attempted = false; ///< under g_installMutex
std::atomic<long long> g_fallbacks { 0 };
std::mutex g_installMutex;

void* fallbackMalloc(std::size_t n)
{
    auto* base = static_cast<unsigned char*>(std::malloc(n + kHeader));
    if (!base)
        return nullptr;
    std::memcpy(base, &n, sizeof n);
    // Best effort, as SQLCipher's memory security: RLIMIT_MEMLOCK may refuse it.
    mlock(base, n + kHeader);
    g_fallbacks.fetch_add(1, std::memory_order_relaxed);
    return base + kHeader;
}

std::size_t fallbackSize(void* p)
{
    std::size_t n = 0;
    std::memcpy(&n, static_cast<unsigned char*>(p) - kHeader, sizeof n);
    return n;
}

void fallbackFree(void* p)
{
    auto* base = static_cast<unsigned char*>(p) - kHeader;
    const std::size_t n = fallbackSize(p) + kHeader;
    explicit_bzero(base, n);
    // Like SQLCipher's memory security: this may also unlock the edges of a neighbouring block that shares a page with
    // this one. Blocks land here only when the region is full, so that stays rare.
    munlock(base, n);
    std::free(base);
}

void* heapMalloc(int n)
{
    if (n <= 0)
        return nullptr;
    // No file/line: OpenSSL versions that report a failed secure allocation put it on the thread's error queue, where
    // the next TLS or crypto call would find it; a full region is not an error here (the fallback takes it).
    if (void* p = CRYPTO_secure_malloc(std::size_t(n), nullptr, 0))
        return p;
    return fallbackMalloc(std::size_t(n));
}

int heapSize(void* p)
{
    if (!p)
        return 0;
    if (CRYPTO_secure_allocated(p))
        return int(CRYPTO_secure_actual_size(p));
    return int(fallbackSize(p));
}

void heapFree(void* p)
{
    if (!p)
        return;
    if (CRYPTO_secure_allocated(p))
        CRYPTO_secure_free(p, nullptr, 0); // clears the whole block before it goes back to the free list
    else
        fallbackFree(p);
}

void* heapRealloc(void* p, int n)
{
    if (!p)
        return heapMalloc(n);
    const int old = heapSize(p);
    if (n <= old)
        return p; // SQLite only asks to grow or to shrink a little; the block already holds n bytes
    void* bigger = heapMalloc(n);
    if (!bigger)
        return nullptr;
    std::memcpy(bigger, p, std::size_t(old));
    heapFree(p);
    return bigger;
}

int heapRoundup(int n)
{
    return (n + 7) & ~7;
}

int heapInit(void*)
{
    return SQLITE_OK;
}

void heapShutdown(void*)
{
}

const sqlite3_mem_methods kMethods = {
    heapMalloc, heapFree, heapRealloc, heapSize, heapRoundup, heapInit, heapShutdown, nullptr,
};

} // namespace

bool SecureSqliteHeap::install()
{
    std::lock_guard lock(g_installMutex);
    // One attempt per process: after a failure LocalStore switches cipher_memory_security on, and that must never be
    // combined with this allocator (its munlock on free would unlock pages of the region).
    if (g_attempted)
        return g_inUse;
    g_attempted = true;
    // 1 = locked, 2 = working but RLIMIT_MEMLOCK refused the lock (as it may refuse SQLCipher's own locks).
    if (!CRYPTO_secure_malloc_initialized() && CRYPTO_secure_malloc_init(kRegionBytes, kMinBlock) == 0)
        return false;
    if (!CRYPTO_secure_malloc_initialized())
        return false;
    // Fails (SQLITE_MISUSE) once SQLite is initialised, e.g. by a connection opened with the C API directly: then
    // SQLCipher's memory security is the protection (LocalStore switches it on).
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &kMethods) != SQLITE_OK)
        return false;
    // SQLite's memory statistics would ask every block's size on every allocation and free; nothing here reads them.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    g_inUse = true;
    return true;
}

bool SecureSqliteHeap::inUse()
{
    return g_inUse;
}

long long SecureSqliteHeap::regionBytes()
{
    return g_inUse ? static_cast<long long>(kRegionBytes) : 0;
}

long long SecureSqliteHeap::usedBytes()
{
    return static_cast<long long>(CRYPTO_secure_used());
}

bool SecureSqliteHeap::holds(const void* p)
{
    return p && CRYPTO_secure_allocated(p);
}

long long SecureSqliteHeap::fallbackAllocations()
{
    return g_fallbacks.load(std::memory_order_relaxed);
}

} // namespace alpr

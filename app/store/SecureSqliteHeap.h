#pragma once

namespace alpr {

/**
 * SQLite's general-purpose allocator for this process (SQLITE_CONFIG_MALLOC), taken from OpenSSL's secure heap.
 *
 * Why: SQLite's heap holds decrypted data (B-tree cells while a page is split, bound values, result rows), so it must
 * not reach swap or a core dump and must be wiped when freed. SQLCipher's cipher_memory_security does that per
 * allocation: an mlock and an munlock system call (each splitting and merging the heap's memory mapping) and a
 * byte-by-byte wipe. This build of SQLite has no lookaside, so a B-tree page split alone costs that about every third
 * read inserted: measured, it was 45 % of the time of a bulk import.
 *
 * OpenSSL's secure heap gives the same guarantees once for a whole region: mapped at start, locked in RAM, left out
 * of core dumps, guard pages around it, and every block cleared (OPENSSL_cleanse) when it is freed. Blocks it cannot
 * serve (the region is full, or a request is bigger than it) come from malloc and are treated as SQLCipher's memory
 * security would: locked while in use (best effort), wiped and unlocked when freed.
 *
 * With this allocator in use, cipher_memory_security must stay OFF: its munlock on free would unlock pages of the
 * region. LocalStore switches memory security on only when the allocator could not be installed.
 *
 * Installed by PageCachePool before SQLite's first initialisation and kept for the life of the process.
 * Thread-safe (OpenSSL's secure heap has its own lock).
 */
class SecureSqliteHeap
{
public:
    /**
     * Installs the allocator if SQLite is not initialised yet and OpenSSL's secure heap can be set up (or is set up
     * already). Only the first call tries; later calls return its outcome. Returns whether SQLite allocates through
     * it.
     */
    static bool install();
    /** True once SQLite allocates through this allocator. */
    static bool inUse();
    /** Size of the secure heap region asked of OpenSSL (0 when the allocator is not in use). */
    static long long regionBytes();
    /** Bytes of the region in use now. */
    static long long usedBytes();
    /** True if p lies in the locked region (a block SQLite got from it). */
    static bool holds(const void* p);
    /** Allocations served from malloc because the region could not take them, since the process started. */
    static long long fallbackAllocations();
};

} // namespace alpr

#pragma once

namespace alpr {

/**
 * Page size of the encrypted databases this application creates. Why 16 KiB rather than SQLCipher's 4 KiB: a read
 * inserted touches five B-trees, and with four times the room per page a batch splits pages (each split a scratch
 * allocation, a rebalancing and more pages to encrypt at commit) a quarter as often; measured, imports became about
 * 20 % faster, while canvass and search answers over a million reads did not change beyond the noise.
 */
constexpr int kStorePageSize = 16384;
/** SQLCipher's default page size: stores created before kStorePageSize still open with it. */
constexpr int kLegacyPageSize = 4096;

/**
 * The memory SQLite keeps its page cache in, for every connection of this process (SQLITE_CONFIG_PAGECACHE).
 *
 * Why: decrypted pages must stay out of swap and core dumps and be wiped, and this SQLCipher build has no lookaside
 * allocator: with SQLCipher's cipher_memory_security every cache page was an mlock/munlock pair and a byte-by-byte
 * wipe. Cache pages are the largest share of SQLite's allocations when a batch of reads is written (B-tree pages are
 * read, split and dropped all the time): taking them from one region set aside once made a batch insert about 1.4x
 * faster in our measurements. Everything else SQLite allocates comes from SecureSqliteHeap.
 *
 * The region is locked in RAM once (best effort: RLIMIT_MEMLOCK can refuse it), left out of core dumps, and wiped as
 * a whole when the last connection closes (SQLite is shut down first, so no page of it is in use). When it is full,
 * SQLite recycles cache pages instead of growing (it treats a full region as memory pressure); pages larger than a
 * slot come from SecureSqliteHeap.
 *
 * Thread-safe. Used by SqlCipherDriver around sqlite3_open_v2 / sqlite3_close_v2. Every connection of the process
 * must be made through SqlCipherDriver: SQLite is shut down when the driver's last connection closes, which a
 * connection opened with the C API directly would not survive.
 */
class PageCachePool
{
public:
    /** Call before opening a connection: the first one sets the region up and hands it to SQLite. */
    static void connectionOpening();
    /** Call after a connection was closed (or failed to open): the last one shuts SQLite down and wipes the region. */
    static void connectionClosed();
    /** True while SQLite takes its cache pages from the region (false if SQLite was initialised before us). */
    static bool inUse();
    /** Bytes of the region (0 if it could not be set up). */
    static long long sizeBytes();
    /** True if every byte of the region is zero (for tests of the wipe; reads the whole region). */
    static bool isRegionClear();
};

} // namespace alpr

#pragma once

#include "PlatePattern.h"
#include "PlateQueryPlan.h"
#include "PlateSegment.h"

#include <QStringView>
#include <functional>
#include <vector>

namespace alpr {

/**
 * The in-memory dictionary of distinct plates that answers partial-plate patterns in milliseconds.
 *
 * Plates are kept as symbols in segments of 65,536 (PlateSegment): by length, one byte column per position,
 * with per-64-plate summaries of the symbols present and where; full segments are sorted by plate shape so
 * summaries skip whole blocks. A query compiles the pattern per length into column tests (PlateQueryPlan), tests
 * 64 plates at a time on the constrained positions only - anchored ones directly, fragments between stars by
 * chaining their placements - and collects hits in a bitmap per segment, so ids come out in order of addition
 * without sorting. No plate is re-checked one by one. About 16 bytes per 7-character plate (31 MB for 2 million).
 * A big index (8 segments and more) is scanned on this thread and up to 3 threads of Qt's global pool, when they
 * are free, segment by segment as each thread asks for the next.
 *
 * Thread safety: any number of concurrent const calls (match(), size(), memoryBytes()) are safe; add(),
 * reserve() and clear() need exclusive access.
 */
class PlateIndex
{
public:
    /**
     * Adds a distinct plate under a caller-chosen id. `plate` must be normalised (1..10 of A-Z0-9, Plate.h);
     * anything else is not stored and false is returned. Amortised O(length); every 65,536th add also sorts the
     * segment it fills (a few milliseconds). Adding ids in ascending order is fastest: match() then never has to
     * sort. The index does not check for duplicate plates or ids.
     */
    bool add(quint32 id, QStringView plate);
    void reserve(qsizetype plates);
    void clear();

    /**
     * Ids of all stored plates that `pattern` matches (PlatePattern::matches, with its misread widening), in
     * ascending id order.
     */
    std::vector<quint32> match(const PlatePattern& pattern) const;

    qsizetype size() const { return qsizetype(m_ids.size()); }
    /** Heap bytes held by the index, capacities included. */
    qsizetype memoryBytes() const;

private:
    static constexpr int kMaxScanThreads = 4;
    /** From this many segments (8 x 65,536 plates) on, a scan is split over the pool's threads. */
    static constexpr std::size_t kParallelSegments = 8;
    /** Runs scanOne(s) for every s in [0, segments), on several threads when there are many; returns the hits. */
    static std::size_t scanSegments(std::size_t segments, const std::function<std::size_t(std::size_t)>& scanOne);

    std::vector<PlateSegment> m_segments;
    std::vector<quint32> m_ids; ///< by order of addition
    PlateQueryPlan::Statistics m_stats;
    bool m_idsAscending = true;
};

} // namespace alpr

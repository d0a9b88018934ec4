#pragma once

#include "PlatePattern.h"
#include "PlateQueryPlan.h"
#include "PlateSegment.h"

#include <QStringView>

#include <vector>

namespace alpr {

/**
 * The in-memory dictionary of distinct plates that answers partial-plate patterns in milliseconds.
 *
 * Plates are kept as symbols in segments of 65,536 (PlateSegment): by length, 64 plates per block, one byte
 * per character, position-major. A query compiles the pattern per length into column tests (PlateQueryPlan),
 * scans only the constrained positions 64 plates at a time, and collects hits in a per-segment bitmap, so ids
 * come out in order of addition without sorting. About 7 + 2 + 4 bytes per 7-character plate.
 *
 * Thread safety: any number of concurrent const calls (match(), size(), memoryBytes()) are safe; add() and
 * reserve() need exclusive access.
 */
class PlateIndex
{
public:
    /**
     * Adds a distinct plate under a caller-chosen id. `plate` must be normalised (1..10 of A-Z0-9, Plate.h);
     * anything else is not stored and false is returned. Amortised O(length). Adding ids in ascending order
     * is fastest: match() then never has to sort. The index does not check for duplicate plates or ids.
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
    std::vector<PlateSegment> m_segments;
    std::vector<quint32> m_ids; ///< by order of addition
    PlateQueryPlan::Statistics m_stats;
    bool m_idsAscending = true;
};

} // namespace alpr

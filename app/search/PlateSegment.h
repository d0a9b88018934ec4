#pragma once

#include "PlateQueryPlan.h"

#include <array>
#include <vector>

namespace alpr {

/**
 * Up to 65,536 plates of the plate index, stored by length so that positions counted from the end are plain
 * columns too. Within a length, each position is a contiguous column of one symbol byte per plate: a scan
 * streams only the positions a pattern constrains, sequentially, and tests 64 plates per instruction sequence.
 * Each plate keeps its segment-local number (its order of addition).
 *
 * Every block of 64 plates has two summaries: per position, the set of symbols present, and per symbol, the
 * positions where it occurs (each kept as one array over the blocks, so a scan that needs one position or one
 * symbol reads it in order). When the segment is full, seal() reorders each length by plate shape (which
 * positions hold letters) and first character, so blocks hold one format ("1ABC234": digit, 3 letters, 3 digits)
 * and mostly one first character; the scan then skips a block, or a placement of a floating fragment, whenever
 * the summaries rule it out.
 *
 * Floating fragments (between stars) are matched in passes: first, from the symbol positions, where each may
 * start in each block; then one pass over the blocks still in play per placement (start offset, fragment), so a
 * pass keeps its column and comparison values in registers and reads the column in order.
 */
class PlateSegment
{
public:
    static constexpr int kCapacity = 65536;
    static constexpr int kBlockRows = SymbolSetTest::kRows;
    /** 64-bit words of the hit bitmap scan() fills. */
    static constexpr int kHitWords = kCapacity / 64;

    int size() const { return m_size; }
    bool isFull() const { return m_size == kCapacity; }

    /** Appends a plate given as `length` (1..10) symbols; its local number is the old size(). */
    void add(const quint8* symbols, int length);
    /** Reorders plates by shape and first character and gives back growth slack; call once when full. */
    void seal();

    /**
     * Sets bit i of `hits` (kHitWords words, zeroed by the caller) for every local plate i the plan matches;
     * returns how many that is.
     */
    int scan(const PlateQueryPlan& plan, quint64* hits) const;

    qsizetype memoryBytes() const;

private:
    struct Bucket
    {
        /** One column per position, padded with kFiller to whole blocks of 64 rows. */
        std::array<std::vector<quint8>, PlatePattern::kMaxPlateLength> columns;
        std::vector<quint16> locals; ///< local number of each row
        std::vector<quint64> members; ///< bitmap of the local numbers in this bucket, for patterns that take all
        /** Per position, per block: the symbols present (bit s for symbol s). */
        std::array<std::vector<quint64>, PlatePattern::kMaxPlateLength> summaries;
        /** Per symbol, per block: the positions holding it (bit p for position p). */
        std::array<std::vector<quint16>, PlatePattern::kAlphabetSize> positions;
        int count = 0;
    };

    static void sortBucket(Bucket& bucket, int length);
    int scanBucket(int length, const Bucket& bucket, const PlateQueryPlan& plan, quint64* hits) const;
    /** scanBucket() for plates of length L: loops over positions are unrolled. */
    template<int L> int scanBlocks(const Bucket& bucket, const PlateQueryPlan::LengthPlan& lp, quint64* hits) const;

    std::array<Bucket, PlatePattern::kMaxPlateLength + 1> m_buckets;
    int m_size = 0;
};

} // namespace alpr

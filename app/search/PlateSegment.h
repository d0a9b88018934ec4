#pragma once

#include "PlateQueryPlan.h"

#include <array>
#include <vector>

namespace alpr {

/**
 * Up to 65,536 plates of the plate index, stored by length so that positions counted from the end are plain
 * columns too. Within a length, plates sit in blocks of 64: one block holds the 64 symbols of position 0, then
 * the 64 of position 1, and so on - a scan reads only the positions a pattern constrains and tests 64 plates
 * per instruction sequence. Each plate keeps its segment-local number (its order of addition).
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
    /** Gives back growth slack; call once the segment is full. */
    void seal();

    /** Sets bit i of `hits` (kHitWords words, zeroed by the caller) for every local plate i the plan matches. */
    void scan(const PlateQueryPlan& plan, quint64* hits) const;

    qsizetype memoryBytes() const;

private:
    struct Bucket
    {
        std::vector<quint8> blocks; ///< per block: length x 64 symbols, position-major, padded with kFiller
        std::vector<quint16> locals; ///< local number of each row
        std::vector<quint64> members; ///< bitmap of the local numbers in this bucket, for patterns that take all
        int count = 0;
    };

    void scanBucket(int length, const Bucket& bucket, const PlateQueryPlan& plan, quint64* hits) const;

    std::array<Bucket, PlatePattern::kMaxPlateLength + 1> m_buckets;
    int m_size = 0;
};

} // namespace alpr

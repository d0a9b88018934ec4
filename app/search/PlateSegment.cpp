#include "PlateSegment.h"

#include <algorithm>

namespace alpr {

void PlateSegment::add(const quint8* symbols, int length)
{
    Q_ASSERT(length >= 1 && length <= PlatePattern::kMaxPlateLength && !isFull());
    Bucket& bucket = m_buckets[length];
    const int row = bucket.count % kBlockRows;
    if (row == 0)
        bucket.blocks.resize(bucket.blocks.size() + std::size_t(length) * kBlockRows, SymbolSetTest::kFiller);
    quint8* block = bucket.blocks.data() + bucket.blocks.size() - std::size_t(length) * kBlockRows;
    for (int p = 0; p < length; ++p)
        block[p * kBlockRows + row] = symbols[p];
    bucket.locals.push_back(quint16(m_size));
    if (bucket.members.empty())
        bucket.members.resize(kHitWords, 0);
    bucket.members[m_size >> 6] |= quint64(1) << (m_size & 63);
    ++bucket.count;
    ++m_size;
}

void PlateSegment::seal()
{
    for (Bucket& bucket : m_buckets) {
        bucket.blocks.shrink_to_fit();
        bucket.locals.shrink_to_fit();
    }
}

qsizetype PlateSegment::memoryBytes() const
{
    qsizetype bytes = sizeof(*this);
    for (const Bucket& bucket : m_buckets)
        bytes += qsizetype(bucket.blocks.capacity() + bucket.locals.capacity() * sizeof(quint16)
                           + bucket.members.capacity() * sizeof(quint64));
    return bytes;
}

void PlateSegment::scan(const PlateQueryPlan& plan, quint64* hits) const
{
    for (int length = 1; length <= PlatePattern::kMaxPlateLength; ++length) {
        const Bucket& bucket = m_buckets[length];
        if (bucket.count > 0 && plan.forLength(length).active)
            scanBucket(length, bucket, plan, hits);
    }
}

void PlateSegment::scanBucket(int length, const Bucket& bucket, const PlateQueryPlan& plan, quint64* hits) const
{
    const PlateQueryPlan::LengthPlan& lp = plan.forLength(length);
    const quint16* locals = bucket.locals.data();
    if (lp.everyPlate) {
        const int words = (m_size + 63) / 64;
        for (int w = 0; w < words; ++w)
            hits[w] |= bucket.members[w];
        return;
    }
    const std::size_t blockBytes = std::size_t(length) * kBlockRows;
    const int blocks = (bucket.count + kBlockRows - 1) / kBlockRows;
    for (int b = 0; b < blocks; ++b) {
        const quint8* block = bucket.blocks.data() + b * blockBytes;
        const int rows = std::min(kBlockRows, bucket.count - b * kBlockRows);
        // Rows past the end hold filler, which a negated set would accept.
        quint64 candidates = rows == kBlockRows ? ~quint64(0) : (quint64(1) << rows) - 1;
        for (const PlateQueryPlan::ColumnTest& column : lp.columns) {
            candidates &= column.test.test(block + column.position * kBlockRows);
            if (!candidates)
                break;
        }
        if (!candidates)
            continue;
        for (const PlateQueryPlan::FragmentTest& fragment : lp.fragments) {
            quint64 found = 0;
            for (const std::vector<PlateQueryPlan::ColumnTest>& offset : fragment.offsets) {
                // Only rows not yet known to contain the fragment need this offset.
                quint64 here = candidates & ~found;
                for (const PlateQueryPlan::ColumnTest& column : offset) {
                    here &= column.test.test(block + column.position * kBlockRows);
                    if (!here)
                        break;
                }
                found |= here;
                if (found == candidates)
                    break;
            }
            candidates = found;
            if (!candidates)
                break;
        }
        if (!candidates)
            continue;
        if (lp.verify) {
            std::array<quint8, PlatePattern::kMaxPlateLength> symbols;
            for (quint64 rest = candidates; rest; rest &= rest - 1) {
                const int row = std::countr_zero(rest);
                for (int p = 0; p < length; ++p)
                    symbols[p] = block[p * kBlockRows + row];
                if (!plan.pattern().matchesSymbols(symbols.data(), length))
                    candidates &= ~(quint64(1) << row);
            }
        }
        const quint16* blockLocals = locals + b * kBlockRows;
        for (; candidates; candidates &= candidates - 1) {
            const quint16 local = blockLocals[std::countr_zero(candidates)];
            hits[local >> 6] |= quint64(1) << (local & 63);
        }
    }
}

} // namespace alpr

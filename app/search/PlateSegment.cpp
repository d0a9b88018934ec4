#include "PlateSegment.h"

#include <algorithm>
#include <numeric>

namespace alpr {

namespace {

/** Whether any plate of the block can pass `test`, judging by the block's symbols at the test's position. */
bool mayPass(const PlateQueryPlan::ColumnTest& test, const quint64* summary)
{
    return test.test.mask() & summary[test.position];
}

} // namespace

void PlateSegment::add(const quint8* symbols, int length)
{
    Q_ASSERT(length >= 1 && length <= PlatePattern::kMaxPlateLength && !isFull());
    Bucket& bucket = m_buckets[length];
    // Whole blocks of filler, so the scan can always load 64 bytes.
    if (bucket.count % kBlockRows == 0) {
        for (int p = 0; p < length; ++p)
            bucket.columns[p].resize(bucket.columns[p].size() + kBlockRows, SymbolSetTest::kFiller);
        bucket.summaries.resize(bucket.summaries.size() + std::size_t(length), 0);
    }
    quint64* summary = bucket.summaries.data() + (bucket.count / kBlockRows) * length;
    for (int p = 0; p < length; ++p) {
        bucket.columns[p][bucket.count] = symbols[p];
        summary[p] |= quint64(1) << symbols[p];
    }
    bucket.locals.push_back(quint16(m_size));
    if (bucket.members.empty())
        bucket.members.resize(kHitWords, 0);
    bucket.members[m_size >> 6] |= quint64(1) << (m_size & 63);
    ++bucket.count;
    ++m_size;
}

void PlateSegment::sortBucket(Bucket& bucket, int length)
{
    // Key: which positions hold letters, then the first symbol. Plates of one format end up in whole blocks
    // whose summaries rule out letters where the format has digits and vice versa.
    const int count = bucket.count;
    std::vector<quint32> keys(count);
    for (int i = 0; i < count; ++i) {
        quint32 letters = 0;
        for (int p = 0; p < length; ++p) {
            if (bucket.columns[p][i] >= 10)
                letters |= 1u << p;
        }
        keys[i] = (letters << 6) | bucket.columns[0][i];
    }
    std::vector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&keys](int a, int b) { return keys[a] < keys[b]; });

    for (int p = 0; p < length; ++p) {
        std::vector<quint8> sorted(bucket.columns[p].size(), SymbolSetTest::kFiller);
        for (int i = 0; i < count; ++i)
            sorted[i] = bucket.columns[p][order[i]];
        bucket.columns[p] = std::move(sorted);
    }
    std::vector<quint16> locals(count);
    for (int i = 0; i < count; ++i)
        locals[i] = bucket.locals[order[i]];
    bucket.locals = std::move(locals);

    std::fill(bucket.summaries.begin(), bucket.summaries.end(), 0);
    for (int i = 0; i < count; ++i) {
        quint64* summary = bucket.summaries.data() + (i / kBlockRows) * length;
        for (int p = 0; p < length; ++p)
            summary[p] |= quint64(1) << bucket.columns[p][i];
    }
}

void PlateSegment::seal()
{
    for (int length = 1; length <= PlatePattern::kMaxPlateLength; ++length) {
        Bucket& bucket = m_buckets[length];
        if (bucket.count > 0)
            sortBucket(bucket, length);
        for (std::vector<quint8>& column : bucket.columns)
            column.shrink_to_fit();
        bucket.locals.shrink_to_fit();
        bucket.summaries.shrink_to_fit();
    }
}

qsizetype PlateSegment::memoryBytes() const
{
    qsizetype bytes = sizeof(*this);
    for (const Bucket& bucket : m_buckets) {
        for (const std::vector<quint8>& column : bucket.columns)
            bytes += qsizetype(column.capacity());
        bytes += qsizetype(bucket.locals.capacity() * sizeof(quint16) + bucket.members.capacity() * sizeof(quint64)
                           + bucket.summaries.capacity() * sizeof(quint64));
    }
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

quint64 PlateSegment::matchFragments(const PlateQueryPlan::LengthPlan& lp, const quint8* const* columns,
                                     const quint64* summary, std::size_t block, quint64 candidates)
{
    // Shift-and over the fragments between stars, 64 plates at a time: reach[o] holds the plates in which the
    // fragments so far fit before offset o. Fragment k placed at o extends that to o + size.
    std::array<SymbolSetTest::Lanes, PlatePattern::kMaxPlateLength + 1> reachA;
    std::array<SymbolSetTest::Lanes, PlatePattern::kMaxPlateLength + 1> reachB;
    auto* reach = &reachA;
    auto* next = &reachB;
    SymbolSetTest::Lanes running = SymbolSetTest::none();
    bool first = true;
    for (const PlateQueryPlan::FragmentTest& fragment : lp.fragments) {
        running = SymbolSetTest::none();
        bool anyPlaced = false;
        for (std::size_t i = 0; i < fragment.placements.size(); ++i) {
            const PlateQueryPlan::Placement& placement = fragment.placements[i];
            const int start = fragment.firstStart + int(i);
            const bool possible = placement.feasible
                && std::all_of(placement.tests.cbegin(), placement.tests.cend(),
                               [summary](const PlateQueryPlan::ColumnTest& t) { return mayPass(t, summary); });
            if (possible) {
                SymbolSetTest::Lanes here = first ? SymbolSetTest::all() : (*reach)[start];
                const std::size_t tests = placement.tests.size();
                for (std::size_t t = 0; t < tests; ++t) {
                    // Long fragments: give up on this offset once two tests leave no candidate.
                    if (t == 2 && !(SymbolSetTest::bits(here) & candidates)) {
                        here = SymbolSetTest::none();
                        break;
                    }
                    const PlateQueryPlan::ColumnTest& test = placement.tests[t];
                    here = SymbolSetTest::both(here, test.test.lanes(columns[test.position] + block));
                }
                running = SymbolSetTest::either(running, here);
                anyPlaced = true;
            }
            (*next)[start + fragment.size] = running;
        }
        if (!anyPlaced || !(SymbolSetTest::bits(running) & candidates))
            return 0;
        std::swap(reach, next);
        first = false;
    }
    return SymbolSetTest::bits(running);
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
    std::array<const quint8*, PlatePattern::kMaxPlateLength> columns {};
    for (int p = 0; p < length; ++p)
        columns[p] = bucket.columns[p].data();

    // Hits are turned into local numbers in batches, after the tests: looked up one by one in between long
    // stretches of tests, every lookup of `locals` waited for memory on its own; batched, they overlap.
    struct PendingHits
    {
        int block;
        quint64 rows;
    };
    std::array<PendingHits, 256> pending;
    std::size_t pendingCount = 0;
    const auto flush = [&] {
        for (std::size_t k = 0; k < pendingCount; ++k) {
            const quint16* blockLocals = locals + std::size_t(pending[k].block) * kBlockRows;
            for (quint64 rows = pending[k].rows; rows; rows &= rows - 1) {
                const quint16 local = blockLocals[std::countr_zero(rows)];
                hits[local >> 6] |= quint64(1) << (local & 63);
            }
        }
        pendingCount = 0;
    };

    const int blocks = (bucket.count + kBlockRows - 1) / kBlockRows;
    for (int b = 0; b < blocks; ++b) {
        const std::size_t block = std::size_t(b) * kBlockRows;
        const quint64* summary = bucket.summaries.data() + std::size_t(b) * length;
        // The block summary first: it rules out whole blocks without touching the columns.
        if (!std::all_of(lp.columns.cbegin(), lp.columns.cend(),
                         [summary](const PlateQueryPlan::ColumnTest& t) { return mayPass(t, summary); }))
            continue;
        const int rows = std::min(kBlockRows, bucket.count - b * kBlockRows);
        // Rows past the end hold filler, which a negated set would accept.
        quint64 candidates = rows == kBlockRows ? ~quint64(0) : (quint64(1) << rows) - 1;
        for (const PlateQueryPlan::ColumnTest& column : lp.columns) {
            candidates &= column.test.test(columns[column.position] + block);
            if (!candidates)
                break;
        }
        if (!candidates)
            continue;
        if (!lp.fragments.empty()) {
            candidates &= matchFragments(lp, columns.data(), summary, block, candidates);
            if (!candidates)
                continue;
        }
        pending[pendingCount++] = { b, candidates };
        if (pendingCount == pending.size())
            flush();
    }
    flush();
}

} // namespace alpr

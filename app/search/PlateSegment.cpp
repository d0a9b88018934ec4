#include "PlateSegment.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <numeric>

namespace alpr {

namespace {

/** Whether any plate of the block can pass `test`, judging by the block's symbols at the test's position. */
bool mayPass(const PlateQueryPlan::ColumnTest& test, const quint64* const* summaries, std::size_t block)
{
    return test.test.mask() & summaries[test.position][block];
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
        for (int p = 0; p < length; ++p)
            bucket.summaries[p].push_back(0);
        for (std::vector<quint16>& positions : bucket.positions)
            positions.push_back(0);
    }
    const std::size_t block = std::size_t(bucket.count / kBlockRows);
    for (int p = 0; p < length; ++p) {
        bucket.columns[p][bucket.count] = symbols[p];
        bucket.summaries[p][block] |= quint64(1) << symbols[p];
        bucket.positions[symbols[p]][block] |= quint16(1u << p);
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

    for (std::vector<quint64>& summaries : bucket.summaries)
        std::fill(summaries.begin(), summaries.end(), 0);
    for (std::vector<quint16>& positions : bucket.positions)
        std::fill(positions.begin(), positions.end(), 0);
    for (int i = 0; i < count; ++i) {
        const std::size_t block = std::size_t(i / kBlockRows);
        for (int p = 0; p < length; ++p) {
            bucket.summaries[p][block] |= quint64(1) << bucket.columns[p][i];
            bucket.positions[bucket.columns[p][i]][block] |= quint16(1u << p);
        }
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
        for (std::vector<quint64>& summaries : bucket.summaries)
            summaries.shrink_to_fit();
        for (std::vector<quint16>& positions : bucket.positions)
            positions.shrink_to_fit();
    }
}

qsizetype PlateSegment::memoryBytes() const
{
    qsizetype bytes = sizeof(*this);
    for (const Bucket& bucket : m_buckets) {
        for (const std::vector<quint8>& column : bucket.columns)
            bytes += qsizetype(column.capacity());
        bytes += qsizetype(bucket.locals.capacity() * sizeof(quint16) + bucket.members.capacity() * sizeof(quint64));
        for (const std::vector<quint64>& summaries : bucket.summaries)
            bytes += qsizetype(summaries.capacity() * sizeof(quint64));
        for (const std::vector<quint16>& positions : bucket.positions)
            bytes += qsizetype(positions.capacity() * sizeof(quint16));
    }
    return bytes;
}

int PlateSegment::scan(const PlateQueryPlan& plan, quint64* hits) const
{
    int found = 0;
    for (int length = 1; length <= PlatePattern::kMaxPlateLength; ++length) {
        const Bucket& bucket = m_buckets[length];
        if (bucket.count > 0 && plan.forLength(length).active)
            found += scanBucket(length, bucket, plan, hits);
    }
    return found;
}

namespace {

constexpr int kMaxFragments = PlatePattern::kMaxPlateLength;
/** Blocks of one length in one segment, at most. */
constexpr int kMaxBlocks = PlateSegment::kCapacity / PlateSegment::kBlockRows;

/** Of `rows` (in the block from row `block` on), those in which `fragment` placed at `start` passes its tests. */
quint64 placementRows(const PlateQueryPlan::FragmentTest& fragment, int start, const quint8* const* columns,
                      std::size_t block, quint64 rows)
{
    const PlateQueryPlan::ColumnTest* tests = fragment.tests.data();
    const PlateQueryPlan::ColumnTest* end = tests + fragment.firstTest[std::size_t(start + 1)];
    for (const PlateQueryPlan::ColumnTest* t = tests + fragment.firstTest[std::size_t(start)]; t != end && rows; ++t) {
        rows &= t->test.test(columns[t->position] + block);
    }
    return rows;
}

/**
 * The rows among `candidates` of one block in which the fragments fit, in order, any fragment sizes: a
 * shift-and where reach[o] holds the rows in which the fragments so far fit ending at or before offset o.
 */
template<int L>
quint64 matchFragments(const PlateQueryPlan::LengthPlan& lp, const quint8* const* columns, const quint16* starts,
                       std::size_t block, quint64 candidates)
{
    std::array<quint64, L + 1> reach;
    reach.fill(candidates);
    for (std::size_t f = 0; f < lp.fragments.size(); ++f) {
        const PlateQueryPlan::FragmentTest& fragment = lp.fragments[f];
        std::array<quint64, L + 1> next {};
        quint64 any = 0;
        for (quint32 s = starts[f]; s; s &= s - 1) {
            const int start = std::countr_zero(s);
            if (!reach[std::size_t(start)])
                continue;
            const quint64 here = placementRows(fragment, start, columns, block, reach[std::size_t(start)]);
            next[std::size_t(start + fragment.size)] |= here;
            any |= here;
        }
        if (!any)
            return 0;
        for (std::size_t e = 1; e <= L; ++e)
            next[e] |= next[e - 1];
        reach = next;
    }
    return reach[L];
}

/** Per-thread working space for the fragment passes over one bucket (about 110 KB, made on first use). */
struct FragmentScratch
{
    std::array<quint16, kMaxBlocks> blocks; ///< the blocks still in play
    std::array<std::array<quint16, kMaxBlocks>, kMaxFragments> starts; ///< [f][block]: where fragment f may start
    std::array<std::array<quint64, kMaxBlocks>, kMaxFragments + 1> fits; ///< [f][i]: i-th block in play
};

FragmentScratch& fragmentScratch()
{
    thread_local std::unique_ptr<FragmentScratch> scratch;
    if (!scratch)
        scratch = std::make_unique<FragmentScratch>();
    return *scratch;
}

} // namespace

int PlateSegment::scanBucket(int length, const Bucket& bucket, const PlateQueryPlan& plan, quint64* hits) const
{
    const PlateQueryPlan::LengthPlan& lp = plan.forLength(length);
    if (lp.everyPlate) {
        const int words = (m_size + 63) / 64;
        for (int w = 0; w < words; ++w)
            hits[w] |= bucket.members[w];
        return bucket.count;
    }
    // scanBlocks<L> for every length, each with its loops over positions unrolled.
    using Scan = int (PlateSegment::*)(const Bucket&, const PlateQueryPlan::LengthPlan&, quint64*) const;
    static constexpr std::array<Scan, PlatePattern::kMaxPlateLength> kScans {
        &PlateSegment::scanBlocks<1>,  &PlateSegment::scanBlocks<2>, &PlateSegment::scanBlocks<3>,
        &PlateSegment::scanBlocks<4>,  &PlateSegment::scanBlocks<5>, &PlateSegment::scanBlocks<6>,
        &PlateSegment::scanBlocks<7>,  &PlateSegment::scanBlocks<8>, &PlateSegment::scanBlocks<9>,
        &PlateSegment::scanBlocks<10>,
    };
    return (this->*kScans[std::size_t(length - 1)])(bucket, lp, hits);
}

template<int L>
int PlateSegment::scanBlocks(const Bucket& bucket, const PlateQueryPlan::LengthPlan& lp, quint64* hits) const
{
    static_assert(L >= 1 && L <= PlatePattern::kMaxPlateLength);
    std::array<const quint8*, L> columns;
    std::array<const quint64*, L> summaries;
    for (int p = 0; p < L; ++p) {
        columns[std::size_t(p)] = bucket.columns[std::size_t(p)].data();
        summaries[std::size_t(p)] = bucket.summaries[std::size_t(p)].data();
    }
    std::array<const quint16*, PlatePattern::kAlphabetSize> positions;
    for (int symbol = 0; symbol < PlatePattern::kAlphabetSize; ++symbol)
        positions[std::size_t(symbol)] = bucket.positions[std::size_t(symbol)].data();
    const quint16* locals = bucket.locals.data();

    // Hits are turned into local numbers in batches, after the tests: looked up one by one in between long
    // stretches of tests, every lookup of `locals` waited for memory on its own; batched, they overlap.
    struct PendingHits
    {
        int block;
        quint64 rows;
    };
    std::array<PendingHits, 256> pending;
    std::size_t pendingCount = 0;
    int found = 0;
    const auto flush = [&] {
        for (std::size_t k = 0; k < pendingCount; ++k) {
            const quint16* blockLocals = locals + std::size_t(pending[k].block) * kBlockRows;
            for (quint64 rows = pending[k].rows; rows; rows &= rows - 1) {
                const quint16 local = blockLocals[std::countr_zero(rows)];
                hits[local >> 6] |= quint64(1) << (local & 63);
                ++found;
            }
        }
        pendingCount = 0;
    };
    const auto hit = [&](int b, quint64 rows) {
        pending[pendingCount++] = { b, rows };
        if (pendingCount == pending.size())
            flush();
    };

    const int blocks = (bucket.count + kBlockRows - 1) / kBlockRows;
    const auto allRows = [&](int b) {
        // Rows past the end hold filler, which a negated set would accept.
        const int rows = std::min(kBlockRows, bucket.count - b * kBlockRows);
        return rows == kBlockRows ? ~quint64(0) : (quint64(1) << rows) - 1;
    };
    // The anchored positions of a block: its summaries, which rule out whole blocks without touching the columns,
    // then the tests, most selective first.
    const auto summariesAdmit = [&](int b) {
        return std::all_of(lp.columns.cbegin(), lp.columns.cend(), [&](const PlateQueryPlan::ColumnTest& t) {
            return mayPass(t, summaries.data(), std::size_t(b));
        });
    };
    const auto anchoredRows = [&](int b) {
        quint64 candidates = allRows(b);
        for (const PlateQueryPlan::ColumnTest& column : lp.columns) {
            candidates &= column.test.test(columns[std::size_t(column.position)] + std::size_t(b) * kBlockRows);
            if (!candidates)
                break;
        }
        return candidates;
    };
    const int fragmentCount = int(lp.fragments.size());
    if (fragmentCount == 0) {
        for (int b = 0; b < blocks; ++b) {
            if (summariesAdmit(b)) {
                if (const quint64 rows = anchoredRows(b))
                    hit(b, rows);
            }
        }
        flush();
        return found;
    }

    // 1. Where each fragment may start in each block, from the blocks' symbol positions: one short loop over the
    //    blocks per element (a load, a shift and an and per block).
    FragmentScratch& scratch = fragmentScratch();
    for (int f = 0; f < fragmentCount; ++f) {
        const PlateQueryPlan::FragmentTest& fragment = lp.fragments[std::size_t(f)];
        quint16* starts = scratch.starts[std::size_t(f)].data();
        std::fill_n(starts, blocks, quint16(fragment.feasibleStarts));
        for (const PlateQueryPlan::FragmentElement& element : fragment.elements) {
            const int offset = element.offset;
            if (element.symbol >= 0) {
                const quint16* at = positions[std::size_t(element.symbol)];
                for (int b = 0; b < blocks; ++b)
                    starts[b] &= quint16(at[b] >> offset);
            } else if (std::popcount(element.mask) <= L) {
                // A small set ([8B]): where any of its symbols is, from their position tables.
                std::array<const quint16*, L> members;
                int count = 0;
                for (quint64 mask = element.mask; mask; mask &= mask - 1)
                    members[std::size_t(count++)] = positions[std::size_t(std::countr_zero(mask))];
                for (int b = 0; b < blocks; ++b) {
                    quint32 at = 0;
                    for (int m = 0; m < count; ++m)
                        at |= members[std::size_t(m)][b];
                    starts[b] &= quint16(at >> offset);
                }
            } else {
                // A large one ([!A-M]): fewer positions than symbols to look at.
                const quint64 mask = element.mask;
                for (int b = 0; b < blocks; ++b) {
                    quint32 at = 0;
                    for (int p = 0; p < L; ++p)
                        at |= quint32((summaries[std::size_t(p)][b] & mask) != 0) << p;
                    starts[b] &= quint16(at >> offset);
                }
            }
        }
    }
    // 2. Block by block: the fragments in the order they keep (one starts no earlier than the one before can end,
    //    and ends no later than the one after can start), then the anchored positions. Blocks where everything can
    //    still be placed go on to the fragment passes.
    std::array<quint16*, kMaxFragments> starts;
    std::array<int, kMaxFragments> sizes;
    for (int f = 0; f < fragmentCount; ++f) {
        starts[std::size_t(f)] = scratch.starts[std::size_t(f)].data();
        sizes[std::size_t(f)] = lp.fragments[std::size_t(f)].size;
    }
    const bool anchored = !lp.columns.empty();
    std::array<quint32, kMaxFragments> anyStarts {};
    int active = 0;
    for (int b = 0; b < blocks; ++b) {
        // The anchored summaries first: for a pattern like 7*A*B*2 they rule out most blocks at once.
        if (anchored && !summariesAdmit(b))
            continue;
        bool placeable = true;
        if (fragmentCount > 1) {
            int minEnd = 0;
            for (int f = 0; f < fragmentCount && placeable; ++f) {
                const quint32 at = starts[std::size_t(f)][b] & (~0u << minEnd);
                starts[std::size_t(f)][b] = quint16(at);
                placeable = at != 0;
                minEnd = std::countr_zero(at) + sizes[std::size_t(f)];
            }
            int maxStart = L;
            for (int f = fragmentCount - 1; f >= 0 && placeable; --f) {
                const quint32 at = starts[std::size_t(f)][b] & ((2u << (maxStart - sizes[std::size_t(f)])) - 1);
                starts[std::size_t(f)][b] = quint16(at);
                placeable = at != 0;
                maxStart = 31 - std::countl_zero(at);
            }
        } else {
            placeable = starts[0][b] != 0;
        }
        if (!placeable)
            continue;
        const quint64 candidates = anchored ? anchoredRows(b) : allRows(b);
        if (!candidates)
            continue;
        for (int f = 0; f < fragmentCount; ++f)
            anyStarts[std::size_t(f)] |= starts[std::size_t(f)][b];
        scratch.blocks[std::size_t(active)] = quint16(b);
        scratch.fits[0][std::size_t(active)] = candidates;
        ++active;
    }
    if (active == 0) {
        flush();
        return found;
    }

    // 3. The fragments, over the blocks in play.
    const quint16* inPlay = scratch.blocks.data();
    const quint64* result = scratch.fits[std::size_t(fragmentCount)].data();
    if (lp.unitFragments) {
        // Every fragment but the last is one element, so one placed at p ends at p + 1. Going through the start
        // offsets in order, and at each the fragments last to first, fits[f] holds exactly the rows in which
        // fragments 1..f fit before p. Each placement is one pass over the blocks: the column and the tests stay
        // the same for the whole pass, and the column is read in order.
        for (int f = 1; f <= fragmentCount; ++f)
            std::fill_n(scratch.fits[std::size_t(f)].begin(), active, 0);
        for (int start = 0; start < L; ++start) {
            for (int f = fragmentCount - 1; f >= 0; --f) {
                if (!((anyStarts[std::size_t(f)] >> start) & 1))
                    continue;
                const PlateQueryPlan::FragmentTest& fragment = lp.fragments[std::size_t(f)];
                const int first = fragment.firstTest[std::size_t(start)];
                const int count = fragment.firstTest[std::size_t(start + 1)] - first;
                const quint16* where = starts[std::size_t(f)];
                const quint64* in = scratch.fits[std::size_t(f)].data();
                quint64* out = scratch.fits[std::size_t(f + 1)].data();
                if (count == 0) {
                    for (int i = 0; i < active; ++i) {
                        if ((where[inPlay[i]] >> start) & 1)
                            out[i] |= in[i];
                    }
                } else if (count == 1) {
                    // A copy: the compiler then keeps the comparison values in registers for the whole pass.
                    const SymbolSetTest test = fragment.tests[std::size_t(first)].test;
                    const quint8* column = columns[std::size_t(fragment.tests[std::size_t(first)].position)];
                    for (int i = 0; i < active; ++i) {
                        if (((where[inPlay[i]] >> start) & 1) && in[i])
                            out[i] |= in[i] & test.test(column + std::size_t(inPlay[i]) * kBlockRows);
                    }
                } else {
                    const PlateQueryPlan::ColumnTest* tests = fragment.tests.data() + first;
                    for (int i = 0; i < active; ++i) {
                        if (!(((where[inPlay[i]] >> start) & 1) && in[i]))
                            continue;
                        const std::size_t block = std::size_t(inPlay[i]) * kBlockRows;
                        quint64 here = in[i];
                        for (int t = 0; t < count && here; ++t)
                            here &= tests[t].test.test(columns[std::size_t(tests[t].position)] + block);
                        out[i] |= here;
                    }
                }
            }
        }
    } else {
        quint64* general = scratch.fits[std::size_t(fragmentCount)].data();
        for (int i = 0; i < active; ++i) {
            std::array<quint16, kMaxFragments> at;
            for (int f = 0; f < fragmentCount; ++f)
                at[std::size_t(f)] = starts[std::size_t(f)][inPlay[i]];
            general[i] = matchFragments<L>(lp, columns.data(), at.data(), std::size_t(inPlay[i]) * kBlockRows,
                                           scratch.fits[0][std::size_t(i)]);
        }
    }
    for (int i = 0; i < active; ++i) {
        if (result[i])
            hit(inPlay[i], result[i]);
    }
    flush();
    return found;
}

} // namespace alpr

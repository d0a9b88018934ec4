#include "PlateQueryPlan.h"

#include <algorithm>

namespace alpr {

void PlateQueryPlan::Statistics::add(const quint8* plateSymbols, int length)
{
    ++plates[length];
    for (int p = 0; p < length; ++p)
        ++symbols[length][p][plateSymbols[p]];
}

quint32 PlateQueryPlan::Statistics::count(int length, int position, quint64 mask) const
{
    quint32 sum = 0;
    const auto& counts = symbols[length][position];
    while (mask) {
        sum += counts[std::countr_zero(mask)];
        mask &= mask - 1;
    }
    return sum;
}

namespace {

bool bySelectivity(const PlateQueryPlan::ColumnTest& a, const PlateQueryPlan::ColumnTest& b)
{
    if (a.estimate != b.estimate)
        return a.estimate < b.estimate;
    return a.test.cost() < b.test.cost();
}

} // namespace

PlateQueryPlan PlateQueryPlan::build(const PlatePattern& pattern, const Statistics& stats)
{
    PlateQueryPlan plan;

    // The pattern as runs of element masks between stars.
    std::vector<std::vector<quint64>> runs(1);
    for (const PlatePattern::Element& e : pattern.elements()) {
        if (e.isStar())
            runs.emplace_back();
        else
            runs.back().push_back(e.mask);
    }
    const bool hasStar = runs.size() > 1;
    const std::vector<quint64>& prefix = runs.front();
    const std::vector<quint64>& suffix = runs.back();
    const int middleRuns = hasStar ? int(runs.size()) - 2 : 0;

    for (int length = 1; length <= kMaxLength; ++length) {
        LengthPlan& lp = plan.m_lengths[length];
        const quint32 total = stats.plates[length];
        if (total == 0 || length < pattern.minLength() || length > pattern.maxLength())
            continue;
        bool possible = true;
        // Tests every stored plate passes are dropped; a test none passes rules the length out. Both are exact
        // because the counts are exact and nothing is added while a query runs.
        const auto addColumn = [&](int position, quint64 mask) {
            if (mask == PlatePattern::kAllSymbols)
                return;
            const quint32 estimate = stats.count(length, position, mask);
            if (estimate == 0)
                possible = false;
            else if (estimate < total)
                lp.columns.push_back({ position, SymbolSetTest(mask), estimate });
        };
        if (!hasStar) {
            for (int p = 0; p < length; ++p)
                addColumn(p, prefix[p]);
        } else {
            for (int p = 0; p < int(prefix.size()); ++p)
                addColumn(p, prefix[p]);
            const int suffixStart = length - int(suffix.size());
            for (int j = 0; j < int(suffix.size()); ++j)
                addColumn(suffixStart + j, suffix[j]);

            // Fragments between stars: every start offset their window allows, given the prefix, the suffix and
            // the fragments before and after, except those the counts rule out. Tests are kept by offset, so the
            // scan finds a placement's tests without a search.
            int before = int(prefix.size());
            int after = 0;
            for (int r = 1; r <= middleRuns; ++r)
                after += int(runs[r].size());
            for (int r = 1; r <= middleRuns && possible; ++r) {
                const std::vector<quint64>& run = runs[r];
                const int size = int(run.size());
                after -= size;
                FragmentTest fragment;
                fragment.size = size;
                for (int j = 0; j < size; ++j) {
                    if (run[j] != PlatePattern::kAllSymbols)
                        fragment.elements.push_back(
                            { j, run[j], std::popcount(run[j]) == 1 ? std::countr_zero(run[j]) : -1 });
                }
                bool anyFeasible = false;
                bool alwaysPasses = false;
                for (int offset = 0; offset <= kMaxLength; ++offset) {
                    fragment.firstTest[std::size_t(offset)] = quint8(fragment.tests.size());
                    if (offset < before || offset + size > suffixStart - after)
                        continue;
                    std::vector<ColumnTest> tests;
                    bool feasible = true;
                    for (int j = 0; j < size && feasible; ++j) {
                        if (run[j] == PlatePattern::kAllSymbols)
                            continue;
                        const quint32 estimate = stats.count(length, offset + j, run[j]);
                        if (estimate == 0)
                            feasible = false;
                        else if (estimate < total)
                            tests.push_back({ offset + j, SymbolSetTest(run[j]), estimate });
                    }
                    if (!feasible)
                        continue;
                    anyFeasible = true;
                    alwaysPasses = alwaysPasses || tests.empty();
                    fragment.feasibleStarts |= 1u << offset;
                    std::sort(tests.begin(), tests.end(), bySelectivity);
                    fragment.tests.insert(fragment.tests.end(), tests.begin(), tests.end());
                }
                fragment.firstTest[kMaxLength + 1] = quint8(fragment.tests.size());
                if (!anyFeasible)
                    possible = false;
                // A lone fragment that some offset always satisfies adds nothing to the length check; with several
                // fragments it still takes part in their order.
                else if (!(middleRuns == 1 && alwaysPasses))
                    lp.fragments.push_back(std::move(fragment));
                before += size;
            }
        }
        if (!possible) {
            lp = LengthPlan();
            continue;
        }
        lp.active = true;
        std::sort(lp.columns.begin(), lp.columns.end(), bySelectivity);
        lp.everyPlate = lp.columns.empty() && lp.fragments.empty();
        lp.unitFragments = std::all_of(lp.fragments.cbegin(), lp.fragments.cend() - (lp.fragments.empty() ? 0 : 1),
                                       [](const FragmentTest& f) { return f.size == 1; });
    }
    return plan;
}

bool PlateQueryPlan::matchesNothing() const
{
    return std::none_of(m_lengths.cbegin(), m_lengths.cend(), [](const LengthPlan& lp) { return lp.active; });
}

bool PlateQueryPlan::matchesEverything(const Statistics& stats) const
{
    for (int length = 1; length <= kMaxLength; ++length) {
        if (stats.plates[length] > 0 && !m_lengths[length].everyPlate)
            return false;
    }
    return true;
}

} // namespace alpr

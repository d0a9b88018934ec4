#pragma once

#include "PlatePattern.h"
#include "SymbolSetTest.h"

#include <array>
#include <vector>

namespace alpr {

/**
 * A plate pattern compiled for the plate index: for each plate length, the tests a stored plate of that
 * length must pass, as column tests (position, symbol set) the index evaluates 64 plates at a time.
 *
 * For a plate of length L the part before the first star tests positions 0.., the part after the last star
 * tests positions ..L-1, and each fragment between stars becomes a set of placements (start offset, tests at
 * the positions it covers). The scan chains the fragments in order - fragment k may start at offset o when
 * fragments 1..k-1 fit before o - so the plan is exact and no plate needs a second look.
 *
 * The index's exact symbol counts per (length, position) order the tests most selective first and drop the
 * ones that cannot fail (or cannot pass) for the stored plates.
 */
class PlateQueryPlan
{
public:
    static constexpr int kMaxLength = PlatePattern::kMaxPlateLength;

    /** Exact counts of the stored plates, kept by the index on every add. */
    struct Statistics
    {
        std::array<quint32, kMaxLength + 1> plates {}; ///< by length
        /** [length][position][symbol] */
        std::array<std::array<std::array<quint32, PlatePattern::kAlphabetSize>, kMaxLength>, kMaxLength + 1> symbols {};

        void add(const quint8* plateSymbols, int length);
        quint32 count(int length, int position, quint64 mask) const;
    };

    struct ColumnTest
    {
        int position = 0;
        SymbolSetTest test;
        quint32 estimate = 0; ///< stored plates of this length passing the test alone
    };

    /** One known element of a fragment: its offset within the fragment and its symbol set. */
    struct FragmentElement
    {
        int offset = 0;
        quint64 mask = 0;
        int symbol = -1; ///< the one symbol of the set, or -1
    };

    /**
     * A fragment between stars and its placements: for each feasible start offset o (a placement: the fragment
     * at positions o..o+size-1), the tests its non-`?` elements make there, tests[firstTest[o]..firstTest[o+1]),
     * most selective first (none: every plate fits there). Infeasible offsets (no stored plate fits) are left out
     * of feasibleStarts.
     */
    struct FragmentTest
    {
        int size = 0;
        quint32 feasibleStarts = 0; ///< bit o set when the placement at start offset o is feasible
        std::vector<ColumnTest> tests;
        std::array<quint8, kMaxLength + 2> firstTest {};
        /** The elements that are not `?`, so a scan can tell from symbol summaries where the fragment may start. */
        std::vector<FragmentElement> elements;
    };

    struct LengthPlan
    {
        bool active = false; ///< some stored plate of this length may match
        bool everyPlate = false; ///< every stored plate of this length matches: no tests at all
        std::vector<ColumnTest> columns; ///< anchored positions, most selective first
        std::vector<FragmentTest> fragments; ///< in pattern order
        bool unitFragments = false; ///< every fragment but the last is one element
    };

    static PlateQueryPlan build(const PlatePattern& pattern, const Statistics& stats);

    const LengthPlan& forLength(int length) const { return m_lengths[length]; }
    /** No length can match: the answer is empty. */
    bool matchesNothing() const;
    /** Every stored plate matches (e.g. `*`): the answer is the whole dictionary. */
    bool matchesEverything(const Statistics& stats) const;

private:
    std::array<LengthPlan, kMaxLength + 1> m_lengths;
};

} // namespace alpr

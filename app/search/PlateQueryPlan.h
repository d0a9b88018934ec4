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
 * tests positions ..L-1, and each fragment between stars becomes "at one of these offsets" (a disjunction of
 * conjunctions). This is exact with at most one fragment between stars; with two or more, their order is not
 * captured and survivors are verified with PlatePattern::matchesSymbols.
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

    /** A fragment between stars: passes when all tests of at least one offset pass. */
    struct FragmentTest
    {
        std::vector<std::vector<ColumnTest>> offsets;
    };

    struct LengthPlan
    {
        bool active = false; ///< some stored plate of this length may match
        bool everyPlate = false; ///< every stored plate of this length matches: no tests at all
        bool verify = false; ///< survivors of the tests still need PlatePattern::matchesSymbols
        std::vector<ColumnTest> columns; ///< most selective first
        std::vector<FragmentTest> fragments;
    };

    /** `pattern` must outlive the plan. */
    static PlateQueryPlan build(const PlatePattern& pattern, const Statistics& stats);

    const PlatePattern& pattern() const { return *m_pattern; }
    const LengthPlan& forLength(int length) const { return m_lengths[length]; }
    /** No length can match: the answer is empty. */
    bool matchesNothing() const;
    /** Every stored plate matches (e.g. `*`): the answer is the whole dictionary. */
    bool matchesEverything(const Statistics& stats) const;

private:
    std::array<LengthPlan, kMaxLength + 1> m_lengths;
    const PlatePattern* m_pattern = nullptr;
};

} // namespace alpr

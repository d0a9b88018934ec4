#pragma once

#include <QtGlobal>

#include <array>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace alpr {

/**
 * "Is this stored plate symbol in the set?" for 64 rows at once: the inner test of the plate index scan.
 *
 * Symbols are 0..35 as in PlatePattern; the index pads blocks with kFiller, for which the result is
 * unspecified (the caller masks rows past the end). A set is compared as runs of consecutive symbols, or by
 * its complement when that is cheaper; at most 18 runs.
 */
class SymbolSetTest
{
public:
    static constexpr int kRows = 64;
    static constexpr quint8 kFiller = 0xFF;

    SymbolSetTest() = default;
    /** `mask`: bit s set when symbol s is in the set; must not be 0 or all 36 symbols (callers skip those). */
    explicit SymbolSetTest(quint64 mask)
        : m_mask(mask)
    {
        // Compared as runs of consecutive symbols (one comparison for a single symbol, three for a range),
        // of the set or of its complement, whichever is cheaper: [!A-M] is one range test, not 23 compares.
        constexpr quint64 all = (quint64(1) << 36) - 1;
        const Runs direct = runsOf(mask);
        const Runs complement = runsOf(all & ~mask);
        m_negate = complement.cost < direct.cost;
        const Runs& chosen = m_negate ? complement : direct;
        m_runs = chosen.runs;
        m_count = chosen.count;
        m_cost = chosen.cost;
    }

    quint64 mask() const { return m_mask; }
    /** Vector operations per row vector; a rough cost. */
    int cost() const { return m_cost; }

    /** Bit r set when column[r] is in the set, for r in 0..63. `column` points at 64 readable bytes. */
    quint64 test(const quint8* column) const
    {
#if defined(__SSE2__)
        const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column));
        const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + 16));
        const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + 32));
        const __m128i v3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + 48));
        __m128i a0 = _mm_setzero_si128();
        __m128i a1 = a0;
        __m128i a2 = a0;
        __m128i a3 = a0;
        for (int i = 0; i < m_count; ++i) {
            const __m128i lo = _mm_set1_epi8(char(m_runs[i].lo));
            if (m_runs[i].span == 0) {
                a0 = _mm_or_si128(a0, _mm_cmpeq_epi8(v0, lo));
                a1 = _mm_or_si128(a1, _mm_cmpeq_epi8(v1, lo));
                a2 = _mm_or_si128(a2, _mm_cmpeq_epi8(v2, lo));
                a3 = _mm_or_si128(a3, _mm_cmpeq_epi8(v3, lo));
            } else {
                // lo <= v <= lo + span  <=>  (v - lo) mod 256 <= span, unsigned.
                const __m128i span = _mm_set1_epi8(char(m_runs[i].span));
                const auto inRun = [&](__m128i v) {
                    const __m128i d = _mm_sub_epi8(v, lo);
                    return _mm_cmpeq_epi8(_mm_min_epu8(d, span), d);
                };
                a0 = _mm_or_si128(a0, inRun(v0));
                a1 = _mm_or_si128(a1, inRun(v1));
                a2 = _mm_or_si128(a2, inRun(v2));
                a3 = _mm_or_si128(a3, inRun(v3));
            }
        }
        const quint64 bits = quint64(quint16(_mm_movemask_epi8(a0))) | (quint64(quint16(_mm_movemask_epi8(a1))) << 16)
            | (quint64(quint16(_mm_movemask_epi8(a2))) << 32) | (quint64(quint16(_mm_movemask_epi8(a3))) << 48);
        return m_negate ? ~bits : bits;
#else
        quint64 bits = 0;
        for (int r = 0; r < kRows; ++r) {
            const quint8 symbol = column[r];
            if (symbol < 64 && ((m_mask >> symbol) & 1))
                bits |= quint64(1) << r;
        }
        return bits;
#endif
    }

private:
    struct Run
    {
        quint8 lo = 0;
        quint8 span = 0; ///< symbols lo..lo+span
    };
    struct Runs
    {
        std::array<Run, 18> runs {};
        int count = 0;
        int cost = 0;
    };
    static Runs runsOf(quint64 mask)
    {
        Runs out;
        while (mask) {
            const int lo = std::countr_zero(mask);
            const int length = std::countr_one(mask >> lo);
            out.runs[out.count++] = {quint8(lo), quint8(length - 1)};
            out.cost += length == 1 ? 1 : 3;
            mask &= ~(((quint64(1) << length) - 1) << lo);
        }
        return out;
    }

    quint64 m_mask = 0;
    bool m_negate = false;
    int m_count = 0;
    int m_cost = 0;
    std::array<Run, 18> m_runs {};
};

} // namespace alpr

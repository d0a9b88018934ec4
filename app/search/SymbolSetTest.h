#pragma once

#include <QtGlobal>
#include <algorithm>
#include <array>
#include <bit>

// SSE2 is part of every x86-64 CPU; elsewhere (or with ALPR_SCALAR_SCAN, to test it) a plain loop stands in.
#if defined(__SSE2__) && !defined(ALPR_SCALAR_SCAN)
#define ALPR_SYMBOL_SSE2 1
#include <emmintrin.h>
#else
#define ALPR_SYMBOL_SSE2 0
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
        m_single = m_count == 1 && !m_negate && m_runs[0].span == 0;
#if ALPR_SYMBOL_SSE2
        for (int i = 0; i < std::min(m_count, kReadyRuns); ++i) {
            m_lo[i] = _mm_set1_epi8(char(m_runs[i].lo));
            m_span[i] = _mm_set1_epi8(char(m_runs[i].span));
        }
#endif
    }

    quint64 mask() const { return m_mask; }
    /** Vector operations per row vector; a rough cost. */
    int cost() const { return m_cost; }

    /** The pass/fail of 64 rows in vector form, so several tests combine before one conversion to bits. */
    struct Lanes
    {
#if ALPR_SYMBOL_SSE2
        __m128i v[4];
#else
        quint64 bits;
#endif
    };

    static Lanes none()
    {
#if ALPR_SYMBOL_SSE2
        const __m128i z = _mm_setzero_si128();
        return { { z, z, z, z } };
#else
        return { 0 };
#endif
    }
    static Lanes all()
    {
#if ALPR_SYMBOL_SSE2
        const __m128i ones = _mm_set1_epi8(char(0xFF));
        return { { ones, ones, ones, ones } };
#else
        return { ~quint64(0) };
#endif
    }
    static Lanes both(const Lanes& a, const Lanes& b)
    {
#if ALPR_SYMBOL_SSE2
        return { { _mm_and_si128(a.v[0], b.v[0]), _mm_and_si128(a.v[1], b.v[1]), _mm_and_si128(a.v[2], b.v[2]),
                   _mm_and_si128(a.v[3], b.v[3]) } };
#else
        return { a.bits & b.bits };
#endif
    }
    static Lanes either(const Lanes& a, const Lanes& b)
    {
#if ALPR_SYMBOL_SSE2
        return { { _mm_or_si128(a.v[0], b.v[0]), _mm_or_si128(a.v[1], b.v[1]), _mm_or_si128(a.v[2], b.v[2]),
                   _mm_or_si128(a.v[3], b.v[3]) } };
#else
        return { a.bits | b.bits };
#endif
    }
    /** Bit r set when lane r passed. */
    Q_ALWAYS_INLINE static quint64 bits(const Lanes& lanes)
    {
#if ALPR_SYMBOL_SSE2
        // movemask leaves the bits above 16 clear: no masking needed before shifting.
        return quint64(quint32(_mm_movemask_epi8(lanes.v[0]))) | (quint64(quint32(_mm_movemask_epi8(lanes.v[1]))) << 16)
            | (quint64(quint32(_mm_movemask_epi8(lanes.v[2]))) << 32)
            | (quint64(quint32(_mm_movemask_epi8(lanes.v[3]))) << 48);
#else
        return lanes.bits;
#endif
    }

    /** Which of the 64 rows at `column` (64 readable bytes) hold a symbol of the set. */
    Q_ALWAYS_INLINE Lanes lanes(const quint8* column) const
    {
#if ALPR_SYMBOL_SSE2
        __m128i v[4];
        __m128i a[4];
        for (int k = 0; k < 4; ++k)
            v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + 16 * k));
        // Most tests are one symbol (one comparison per 16 rows) or one range (three); the comparison values are
        // ready-made, as they are for the first few runs of any set.
        if (m_single)
            return { { _mm_cmpeq_epi8(v[0], m_lo[0]), _mm_cmpeq_epi8(v[1], m_lo[0]), _mm_cmpeq_epi8(v[2], m_lo[0]),
                       _mm_cmpeq_epi8(v[3], m_lo[0]) } };
        if (m_count == 1 && !m_negate) {
            for (int k = 0; k < 4; ++k) {
                const __m128i d = _mm_sub_epi8(v[k], m_lo[0]);
                a[k] = _mm_cmpeq_epi8(_mm_min_epu8(d, m_span[0]), d);
            }
            return { { a[0], a[1], a[2], a[3] } };
        }
        for (int k = 0; k < 4; ++k)
            a[k] = _mm_setzero_si128();
        for (int i = 0; i < m_count; ++i) {
            const __m128i lo = i < kReadyRuns ? m_lo[i] : _mm_set1_epi8(char(m_runs[i].lo));
            if (m_runs[i].span == 0) {
                for (int k = 0; k < 4; ++k)
                    a[k] = _mm_or_si128(a[k], _mm_cmpeq_epi8(v[k], lo));
            } else {
                // lo <= v <= lo + span  <=>  (v - lo) mod 256 <= span, unsigned.
                const __m128i span = i < kReadyRuns ? m_span[i] : _mm_set1_epi8(char(m_runs[i].span));
                for (int k = 0; k < 4; ++k) {
                    const __m128i d = _mm_sub_epi8(v[k], lo);
                    a[k] = _mm_or_si128(a[k], _mm_cmpeq_epi8(_mm_min_epu8(d, span), d));
                }
            }
        }
        if (m_negate) {
            const __m128i ones = _mm_set1_epi8(char(0xFF));
            for (int k = 0; k < 4; ++k)
                a[k] = _mm_xor_si128(a[k], ones);
        }
        return { { a[0], a[1], a[2], a[3] } };
#else
        quint64 bits = 0;
        for (int r = 0; r < kRows; ++r) {
            const quint8 symbol = column[r];
            if (symbol < 64 && ((m_mask >> symbol) & 1))
                bits |= quint64(1) << r;
        }
        return { bits };
#endif
    }

    /** Bit r set when column[r] is in the set, for r in 0..63. */
    Q_ALWAYS_INLINE quint64 test(const quint8* column) const
    {
        return bits(lanes(column));
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
            out.runs[out.count++] = { quint8(lo), quint8(length - 1) };
            out.cost += length == 1 ? 1 : 3;
            mask &= ~(((quint64(1) << length) - 1) << lo);
        }
        return out;
    }

#if ALPR_SYMBOL_SSE2
    static constexpr int kReadyRuns = 4;
    std::array<__m128i, kReadyRuns> m_lo {}; ///< the first runs' lo in every byte
    std::array<__m128i, kReadyRuns> m_span {}; ///< and their spans
#endif
    quint64 m_mask = 0;
    bool m_single = false; ///< one symbol, not negated: one comparison
    bool m_negate = false;
    int m_count = 0;
    int m_cost = 0;
    std::array<Run, 18> m_runs {};
};

} // namespace alpr

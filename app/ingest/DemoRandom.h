#pragma once

#include <QtGlobal>
#include <cmath>
#include <random>

namespace alpr {

/**
 * The demo generator's random source: a seeded std::mt19937_64 with the few draws it needs. Deterministic for a
 * seed on every platform (no std::*_distribution, whose output differs between standard libraries).
 * hash() is SplitMix64's finaliser: a stateless per-entity random value (commuter × day, plate → vehicle), so the
 * same entity gets the same answer whichever order the generator visits it in.
 */
class DemoRandom
{
public:
    explicit DemoRandom(quint64 seed)
        : m_engine(hash(seed))
    {
    }

    static quint64 hash(quint64 x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    static quint64 hash(quint64 a, quint64 b) { return hash(a ^ hash(b + 0x632be59bd9b4e019ULL)); }
    /** A stateless uniform double in [0, 1) from a hash value. */
    static double unit(quint64 h) { return double(h >> 11) * 0x1.0p-53; }

    quint64 next() { return m_engine(); }
    /** Uniform in [0, 1). */
    double uniform() { return unit(m_engine()); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /** Uniform integer in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 for the n used here). */
    quint64 below(quint64 n) { return quint64((static_cast<unsigned __int128>(m_engine()) * n) >> 64); }
    bool chance(double p) { return uniform() < p; }
    /** Triangular on (-1, 1), peaked at 0: a cheap bell for small scatter. */
    double triangular() { return uniform() - uniform(); }
    /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace alpr

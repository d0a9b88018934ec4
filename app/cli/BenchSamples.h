#pragma once

#include <QElapsedTimer>
#include <QList>

#include <algorithm>

namespace alpr {

/** Timings of one benchmark question, in milliseconds, and their percentiles (shared by every `bench` command). */
struct BenchSamples
{
    QList<double> ms;

    /** The sample at rank p (0..1) of the sorted samples, nearest rank; 0 when there are none. */
    double percentile(double p) const
    {
        if (ms.isEmpty())
            return 0;
        QList<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const qsizetype i = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size() - 1) + 0.5));
        return sorted.at(i);
    }
    double max() const { return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

inline double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace alpr

#include "MarkerSet.h"

#include "WebMercator.h"

#include <algorithm>
#include <numeric>

namespace alpr {

MarkerSet::MarkerSet(QList<MapRead> reads)
{
    const size_t n = size_t(reads.size());
    std::vector<QPointF> projected(n);
    for (size_t i = 0; i < n; ++i)
        projected[i] = WebMercator::toMercator(reads.at(qsizetype(i)).lat, reads.at(qsizetype(i)).lon);
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return projected[size_t(a)].x() < projected[size_t(b)].x(); });
    m_reads.reserve(qsizetype(n));
    m_x.reserve(n);
    m_y.reserve(n);
    m_time.reserve(n);
    for (int i : order) {
        m_reads << reads.at(i);
        m_x.push_back(projected[size_t(i)].x());
        m_y.push_back(projected[size_t(i)].y());
        m_time.push_back(reads.at(i).timeMs);
    }
}

std::pair<int, int> MarkerSet::rangeX(double minX, double maxX) const
{
    const auto first = std::lower_bound(m_x.begin(), m_x.end(), minX);
    const auto last = std::upper_bound(first, m_x.end(), maxX);
    return { int(first - m_x.begin()), int(last - m_x.begin()) };
}

int MarkerSet::indexOf(qint64 readId) const
{
    for (int i = 0; i < m_reads.size(); ++i)
        if (m_reads.at(i).id == readId)
            return i;
    return -1;
}

} // namespace alpr

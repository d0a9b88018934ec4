#pragma once

#include "MapRead.h"

#include <QList>
#include <QPointF>

#include <vector>

namespace alpr {

/**
 * Reads ready to be drawn many times: each read's normalised Web-Mercator position computed once. Immutable after
 * construction, so render tasks on other threads share one through a shared_ptr<const MarkerSet>. The reads are
 * reordered west to east (by Mercator x); read(i) is the i-th in that order.
 */
class MarkerSet
{
public:
    MarkerSet() = default;
    explicit MarkerSet(QList<MapRead> reads);

    int size() const { return int(m_reads.size()); }
    bool isEmpty() const { return m_reads.isEmpty(); }
    const MapRead& read(int i) const { return m_reads.at(i); }
    const QList<MapRead>& reads() const { return m_reads; }
    double x(int i) const { return m_x[size_t(i)]; }
    double y(int i) const { return m_y[size_t(i)]; }
    QPointF mercator(int i) const { return { m_x[size_t(i)], m_y[size_t(i)] }; }
    qint64 timeMs(int i) const { return m_time[size_t(i)]; }
    /**
     * The index range [first, last) of reads whose Mercator x lies in [minX, maxX]: reads are kept sorted by x, so
     * a frame looks only at the slab of the world it shows.
     */
    std::pair<int, int> rangeX(double minX, double maxX) const;
    /** Index of the read with this id, or -1. Linear: for occasional look-ups only. Indices follow x order. */
    int indexOf(qint64 readId) const;

private:
    QList<MapRead> m_reads;
    std::vector<double> m_x;
    std::vector<double> m_y;
    std::vector<qint64> m_time;
};

} // namespace alpr

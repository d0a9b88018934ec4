#include "TrackItem.h"

#include "MapView.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

const QColor kTrack(0x6a, 0x1b, 0x9a);

void drawArrow(QPainter& painter, QPointF from, QPointF to)
{
    // At 60 % of the leg, not the middle: a return trip over the same street gets its arrow elsewhere.
    const QPointF mid = from + (to - from) * 0.6;
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const double len = 14;
    const double spread = 0.45;
    const QPointF tip = mid + QPointF(std::cos(angle), std::sin(angle)) * (len / 2);
    const QPointF left = tip - QPointF(std::cos(angle - spread), std::sin(angle - spread)) * len;
    const QPointF right = tip - QPointF(std::cos(angle + spread), std::sin(angle + spread)) * len;
    painter.drawPolygon(QPolygonF { tip, left, right });
}

} // namespace

TrackItem::TrackItem(MapView& view)
    : MapLayerItem(view)
{
}

void TrackItem::setTrack(QList<MapRead> reads)
{
    std::stable_sort(reads.begin(), reads.end(),
                     [](const MapRead& a, const MapRead& b) { return a.timeMs < b.timeMs; });
    m_reads = std::move(reads);
    update();
}

void TrackItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_reads.isEmpty())
        return;
    const MapViewport& v = mapViewport();
    QPolygonF line;
    line.reserve(m_reads.size());
    for (const MapRead& r : std::as_const(m_reads))
        line << v.geoToScreen(r.lat, r.lon);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(255, 255, 255, 220), 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPolyline(line);
    painter->setPen(QPen(kTrack, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPolyline(line);

    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(kTrack);
    for (int i = 1; i < line.size(); ++i) {
        const QPointF d = line.at(i) - line.at(i - 1);
        if (std::hypot(d.x(), d.y()) >= 36)
            drawArrow(*painter, line.at(i - 1), line.at(i));
    }
    painter->setPen(QPen(kTrack, 2));
    painter->setBrush(Qt::white);
    for (int i = 1; i + 1 < line.size(); ++i)
        painter->drawEllipse(line.at(i), 4, 4);
    // The start as a green ring, the end as a red dot: both stay visible when a trip ends where it began.
    painter->setPen(QPen(QColor(0x1a, 0x98, 0x50), 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(line.first(), 10, 10);
    painter->setPen(QPen(Qt::white, 2));
    painter->setBrush(QColor(0xd7, 0x30, 0x27));
    painter->drawEllipse(line.last(), 6, 6);
}

int TrackItem::hit(QPointF pos) const
{
    const MapViewport& v = mapViewport();
    int best = -1;
    double bestDistance = 9;
    for (int i = 0; i < m_reads.size(); ++i) {
        const QPointF p = v.geoToScreen(m_reads.at(i).lat, m_reads.at(i).lon);
        const double d = std::hypot(p.x() - pos.x(), p.y() - pos.y());
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

} // namespace alpr

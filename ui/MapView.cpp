#include "MapView.h"

#include "AreaItem.h"
#include "DrawCircleTool.h"
#include "DrawPolygonTool.h"
#include "DrawRectangleTool.h"
#include "MarkerLayerItem.h"
#include "MarkerSet.h"
#include "PanTool.h"
#include "ReadSearchModel.h"
#include "SelectTool.h"
#include "TileLayerItem.h"
#include "TileSource.h"
#include "TrackItem.h"
#include "WebMercator.h"

#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

constexpr double kZoomPerWheelStep = 0.5; // half a level per notch: √2 per notch, fine-grained yet quick

} // namespace

MapView::MapView(QWidget* parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("mapView"));
    setScene(new QGraphicsScene(this));
    // The scene is the widget's pixel space; the map's own viewport does the projection.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::NoAnchor);
    // Every layer covers the whole view: repainting it whole is cheaper than tracking regions.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setBackgroundBrush(QColor(0xf2, 0xef, 0xe9));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    m_viewport = MapViewport(QPointF(0.5, 0.5), 2, QSize(qMax(1, width()), qMax(1, height())));

    m_tiles = new TileLayerItem(*this);
    m_tiles->setZValue(0);
    m_markers = new MarkerLayerItem(*this);
    m_markers->setZValue(10);
    m_track = new TrackItem(*this);
    m_track->setZValue(20);
    m_area = new AreaItem(*this);
    m_area->setZValue(30);
    for (QGraphicsItem* item : { static_cast<QGraphicsItem*>(m_tiles), static_cast<QGraphicsItem*>(m_markers),
                                 static_cast<QGraphicsItem*>(m_track), static_cast<QGraphicsItem*>(m_area) })
        scene()->addItem(item);

    m_zoomAnimation = new QVariantAnimation(this);
    m_zoomAnimation->setDuration(160);
    m_zoomAnimation->setEasingCurve(QEasingCurve::OutCubic);
    connect(m_zoomAnimation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& z) { zoomAt(z.toDouble(), m_zoomAnchor); });
    setTool(Tool::Pan);
}

MapView::~MapView()
{
    // Items refer to the view and the source: they go first.
    m_tiles->setSource(nullptr);
    delete scene();
}

void MapView::setTileSource(std::unique_ptr<TileSource> source)
{
    m_tiles->setSource(nullptr);
    m_source = std::move(source);
    m_basemapProblem.clear();
    m_tiles->setSource(m_source.get());
    viewport()->update();
}

void MapView::setReads(const QList<MapRead>& reads)
{
    m_markers->setReads(reads);
}

int MapView::readCount() const
{
    return m_markers->reads().size();
}

void MapView::setTrack(const QList<MapRead>& reads)
{
    m_track->setTrack(reads);
}

void MapView::setHighlightedReads(const QList<qint64>& readIds)
{
    m_markers->setHighlighted(readIds);
}

void MapView::setDrawnArea(const QGeoShape& area)
{
    m_area->setArea(area);
}

QGeoShape MapView::drawnArea() const
{
    return m_area->area();
}

void MapView::clearOverlays()
{
    if (m_tool)
        m_tool->cancel();
    m_markers->clear();
    m_track->setTrack({});
    m_area->setArea(QGeoShape());
    m_area->clearPreview();
    QToolTip::hideText();
    viewport()->update();
}

void MapView::setHeatMap(bool on)
{
    if (m_heatMap == on)
        return;
    m_heatMap = on;
    m_markers->setHeatMap(on);
    Q_EMIT heatMapChanged(on);
}

void MapView::setTool(Tool tool)
{
    if (m_tool)
        m_tool->cancel();
    switch (tool) {
    case Tool::Pan:
        m_tool = std::make_unique<PanTool>(*this);
        break;
    case Tool::Select:
        m_tool = std::make_unique<SelectTool>(*this);
        break;
    case Tool::Circle:
        m_tool = std::make_unique<DrawCircleTool>(*this);
        break;
    case Tool::Rectangle:
        m_tool = std::make_unique<DrawRectangleTool>(*this);
        break;
    case Tool::Polygon:
        m_tool = std::make_unique<DrawPolygonTool>(*this);
        break;
    }
    const bool changed = m_toolKind != tool;
    m_toolKind = tool;
    viewport()->setCursor(m_tool->cursor());
    if (changed)
        Q_EMIT toolChanged(tool);
}

void MapView::centreOn(const QGeoCoordinate& centre, double zoom)
{
    m_zoomAnimation->stop();
    setViewport(MapViewport::centredOn(centre.latitude(), centre.longitude(), std::clamp(zoom, minZoom(), maxZoom()),
                                       m_viewport.size()));
}

void MapView::zoomToReads()
{
    double minX = 2, minY = 2, maxX = -1, maxY = -1;
    auto add = [&](QPointF m) {
        minX = std::min(minX, m.x());
        maxX = std::max(maxX, m.x());
        minY = std::min(minY, m.y());
        maxY = std::max(maxY, m.y());
    };
    const MarkerSet& set = m_markers->reads();
    for (int i = 0; i < set.size(); ++i)
        add(set.mercator(i));
    for (const MapRead& r : m_track->track())
        add(WebMercator::toMercator(r.lat, r.lon));
    if (maxX < minX)
        return;
    const QSize s = m_viewport.size();
    const double spanX = std::max(maxX - minX, 1e-9);
    const double spanY = std::max(maxY - minY, 1e-9);
    const double scale = std::min((s.width() - 80) / spanX, (s.height() - 80) / spanY);
    const double zoom = std::clamp(std::log2(std::max(scale, 1.0) / WebMercator::kTileSize), minZoom(), 17.0);
    m_zoomAnimation->stop();
    setViewport(MapViewport(QPointF((minX + maxX) / 2, (minY + maxY) / 2), zoom, s));
}

QGeoCoordinate MapView::centre() const
{
    return { m_viewport.centreLatitude(), m_viewport.centreLongitude() };
}

bool MapView::isBusy() const
{
    return m_markers->isBusy() || m_tiles->pendingCount() > 0
        || m_zoomAnimation->state() == QAbstractAnimation::Running;
}

void MapView::setViewport(const MapViewport& viewport)
{
    if (viewport == m_viewport)
        return;
    m_viewport = viewport;
    m_tiles->viewportChanged();
    m_markers->viewportChanged();
    m_track->viewportChanged();
    m_area->viewportChanged();
    this->viewport()->update();
    Q_EMIT viewportChanged();
}

void MapView::panBy(QPointF delta)
{
    setViewport(m_viewport.panned(delta));
}

void MapView::zoomAt(double newZoom, QPointF anchor)
{
    setViewport(m_viewport.zoomedAt(std::clamp(newZoom, minZoom(), maxZoom()), anchor));
}

void MapView::activateAt(QPointF pos)
{
    if (const int t = m_track->hit(pos); t >= 0) {
        Q_EMIT readActivated(m_track->track().at(t).id);
        return;
    }
    const MarkerHit hit = m_markers->hit(pos, 1);
    if (hit.isEmpty())
        return;
    if (hit.cluster) {
        // Into the cluster: two levels closer, the cluster kept under the pointer.
        m_zoomAnchor = hit.centre;
        const double target = std::clamp(std::floor(zoom()) + 2, minZoom(), maxZoom());
        if (m_animated) {
            m_zoomAnimation->stop();
            m_zoomTarget = target;
            m_zoomAnimation->setStartValue(zoom());
            m_zoomAnimation->setEndValue(target);
            m_zoomAnimation->start();
        } else {
            zoomAt(target, hit.centre);
        }
        return;
    }
    Q_EMIT readActivated(hit.ids.first());
}

QList<qint64> MapView::readsInScreenRect(const QRectF& rect) const
{
    const QRectF m(m_viewport.screenToMercator(rect.topLeft()), m_viewport.screenToMercator(rect.bottomRight()));
    QList<qint64> ids;
    const MarkerSet& set = m_markers->reads();
    for (int i = 0; i < set.size(); ++i) {
        const double x = set.x(i);
        const double y = set.y(i);
        if (x >= m.left() && x <= m.right() && y >= m.top() && y <= m.bottom())
            ids << set.read(i).id;
    }
    return ids;
}

QList<qint64> MapView::readsIn(const QGeoShape& area) const
{
    QList<qint64> ids;
    const MarkerSet& set = m_markers->reads();
    for (int i = 0; i < set.size(); ++i)
        if (area.contains(QGeoCoordinate(set.read(i).lat, set.read(i).lon)))
            ids << set.read(i).id;
    return ids;
}

QList<qint64> MapView::readsAt(QPointF pos) const
{
    const MarkerHit hit = m_markers->hit(pos, 0);
    if (!hit.isEmpty())
        return hit.ids;
    if (const int t = m_track->hit(pos); t >= 0)
        return { m_track->track().at(t).id };
    return {};
}

QString MapView::basemapProblem() const
{
    return m_basemapProblem.isEmpty() ? m_tiles->lastError() : m_basemapProblem;
}

void MapView::setBasemapProblem(const QString& problem)
{
    m_basemapProblem = problem;
    viewport()->update();
}

void MapView::emitReadsSelected(const QList<qint64>& ids)
{
    setHighlightedReads(ids);
    Q_EMIT readsSelected(ids);
}

void MapView::emitAreaDrawn(const QGeoShape& area)
{
    m_area->setArea(area);
    Q_EMIT areaDrawn(area);
}

void MapView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    const QSize s = viewport()->size();
    scene()->setSceneRect(0, 0, s.width(), s.height());
    for (MapLayerItem* item : { static_cast<MapLayerItem*>(m_tiles), static_cast<MapLayerItem*>(m_markers),
                                static_cast<MapLayerItem*>(m_track), static_cast<MapLayerItem*>(m_area) })
        item->sizeChanged();
    setViewport(m_viewport.resized(s));
}

void MapView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    event->accept();
    const bool running = m_zoomAnimation->state() == QAbstractAnimation::Running;
    const double from = running ? m_zoomTarget : zoom();
    const double target = std::clamp(from + steps * kZoomPerWheelStep, minZoom(), maxZoom());
    m_zoomAnchor = event->position();
    if (!m_animated) {
        zoomAt(target, m_zoomAnchor);
        return;
    }
    m_zoomAnimation->stop();
    m_zoomTarget = target;
    m_zoomAnimation->setStartValue(zoom());
    m_zoomAnimation->setEndValue(target);
    m_zoomAnimation->start();
}

void MapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton) {
        m_middlePanning = true;
        m_lastPanPos = event->position();
        viewport()->setCursor(Qt::ClosedHandCursor);
        return;
    }
    m_tool->mousePress(event);
}

void MapView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_middlePanning) {
        panBy(event->position() - m_lastPanPos);
        m_lastPanPos = event->position();
        return;
    }
    m_tool->mouseMove(event);
}

void MapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_middlePanning && event->button() == Qt::MiddleButton) {
        m_middlePanning = false;
        viewport()->setCursor(m_tool->cursor());
        return;
    }
    m_tool->mouseRelease(event);
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event)
{
    m_tool->mouseDoubleClick(event);
}

void MapView::keyPressEvent(QKeyEvent* event)
{
    if (m_tool->keyPress(event))
        return;
    const QPointF middle(m_viewport.size().width() / 2.0, m_viewport.size().height() / 2.0);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAt(std::round(zoom()) + 1, middle);
        break;
    case Qt::Key_Minus:
        zoomAt(std::round(zoom()) - 1, middle);
        break;
    case Qt::Key_Left:
        panBy(QPointF(100, 0));
        break;
    case Qt::Key_Right:
        panBy(QPointF(-100, 0));
        break;
    case Qt::Key_Up:
        panBy(QPointF(0, 100));
        break;
    case Qt::Key_Down:
        panBy(QPointF(0, -100));
        break;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

bool MapView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

QString MapView::tooltipAt(QPointF pos) const
{
    if (const int t = m_track->hit(pos); t >= 0) {
        const MapRead& r = m_track->track().at(t);
        return tr("<b>Track</b>, sighting %1 of %2<br>%3<br>%4<br><i>Click for the read and its images</i>")
            .arg(t + 1)
            .arg(m_track->track().size())
            .arg(r.label.toHtmlEscaped(), ReadSearchModel::localTime(r.timeMs));
    }
    const MarkerHit hit = m_markers->hit(pos, 8);
    if (hit.isEmpty())
        return {};
    if (hit.cluster)
        return tr("<b>%n read(s)</b><br>%1 –<br>%2<br><i>Click to zoom in</i>", nullptr, int(hit.ids.size()))
            .arg(ReadSearchModel::localTime(hit.minTimeMs), ReadSearchModel::localTime(hit.maxTimeMs));
    QStringList lines;
    for (const MapRead& r : hit.reads)
        lines << tr("%1 — %2").arg(r.label.isEmpty() ? tr("read %1").arg(r.id) : r.label.toHtmlEscaped(),
                                   ReadSearchModel::localTime(r.timeMs));
    if (hit.ids.size() > hit.reads.size())
        lines << tr("… and %1 more here").arg(hit.ids.size() - hit.reads.size());
    lines << tr("<i>Click for the read and its images</i>");
    return lines.join(QStringLiteral("<br>"));
}

void MapView::drawForeground(QPainter* painter, const QRectF&)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    paintScaleBar(*painter);
    paintAttribution(*painter);
    const QString problem = basemapProblem();
    if (!problem.isEmpty()) {
        QFont f = painter->font();
        f.setPointSizeF(8.5);
        painter->setFont(f);
        const QString text = tr("Basemap: %1").arg(problem);
        const QRectF box(8, 8, m_viewport.size().width() - 16, 20);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 235, 235, 230));
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(QColor(0x9b, 0x1c, 0x1c));
        painter->drawText(box.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          painter->fontMetrics().elidedText(text, Qt::ElideRight, int(box.width()) - 12));
    }
    painter->restore();
}

void MapView::paintScaleBar(QPainter& painter) const
{
    const double mpp = m_viewport.metresPerPixel();
    auto nice = [](double maxValue) {
        const double p = std::pow(10.0, std::floor(std::log10(maxValue)));
        for (double m : { 5.0, 2.0, 1.0 })
            if (m * p <= maxValue)
                return m * p;
        return p;
    };
    constexpr double kMaxPx = 110;
    const double metres = nice(mpp * kMaxPx);
    const double metricPx = metres / mpp;
    const QString metricText = metres >= 1000 ? tr("%1 km").arg(metres / 1000) : tr("%1 m").arg(metres);
    const double feetPerPx = mpp * 3.28084;
    double imperialPx = 0;
    QString imperialText;
    if (feetPerPx * kMaxPx >= 5280) {
        const double miles = nice(feetPerPx * kMaxPx / 5280);
        imperialPx = miles * 5280 / feetPerPx;
        imperialText = tr("%1 mi").arg(miles);
    } else {
        const double feet = nice(feetPerPx * kMaxPx);
        imperialPx = feet / feetPerPx;
        imperialText = tr("%1 ft").arg(feet);
    }
    QFont f = painter.font();
    f.setPointSizeF(8);
    painter.setFont(f);
    const double x = 10;
    const double bottom = m_viewport.size().height() - 10;
    const QRectF box(x - 4, bottom - 38, std::max(metricPx, imperialPx) + 46, 36);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(box, 3, 3);
    const double y = bottom - 20;
    painter.setPen(QPen(QColor(0x33, 0x33, 0x33), 1.5));
    painter.drawLine(QPointF(x, y), QPointF(x + std::max(metricPx, imperialPx), y));
    painter.drawLine(QPointF(x, y - 5), QPointF(x, y + 5));
    painter.drawLine(QPointF(x + metricPx, y - 5), QPointF(x + metricPx, y));
    painter.drawLine(QPointF(x + imperialPx, y), QPointF(x + imperialPx, y + 5));
    painter.setPen(QColor(0x22, 0x22, 0x22));
    painter.drawText(QPointF(x + metricPx + 4, y - 3), metricText);
    painter.drawText(QPointF(x + imperialPx + 4, y + 12), imperialText);
}

void MapView::paintAttribution(QPainter& painter) const
{
    if (!m_source || m_source->attribution().isEmpty())
        return;
    QFont f = painter.font();
    f.setPointSizeF(7.5);
    painter.setFont(f);
    const QFontMetrics fm(f);
    const int maxWidth = std::max(60, m_viewport.size().width() - 200);
    const QString text = fm.elidedText(m_source->attribution(), Qt::ElideRight, maxWidth);
    const int w = fm.horizontalAdvance(text) + 10;
    const QRectF box(m_viewport.size().width() - w, m_viewport.size().height() - fm.height() - 4, w,
                     fm.height() + 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 210));
    painter.drawRect(box);
    painter.setPen(QColor(0x33, 0x33, 0x33));
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace alpr

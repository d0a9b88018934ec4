#include "ImageCanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

constexpr double kHandleRadius = 7;
constexpr double kZoomStep = 1.25;

} // namespace

ImageCanvas::ImageCanvas(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(160, 100);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ImageCanvas::setImage(const QImage& image, bool keepView)
{
    const bool sameSize = image.size() == m_image.size();
    m_image = image;
    if (!keepView || !sameSize || m_fitted)
        fitToWindow();
    else
        update();
}

void ImageCanvas::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    update();
}

double ImageCanvas::fitZoom() const
{
    if (m_image.isNull())
        return 1.0;
    const double zx = double(width() - 8) / m_image.width();
    const double zy = double(height() - 8) / m_image.height();
    return std::clamp(std::min(zx, zy), MinZoom, MaxZoom);
}

void ImageCanvas::fitToWindow()
{
    m_zoom = fitZoom();
    m_offset = QPointF((width() - m_image.width() * m_zoom) / 2, (height() - m_image.height() * m_zoom) / 2);
    m_fitted = true;
    update();
    emit zoomChanged(m_zoom);
    emit viewChanged();
}

void ImageCanvas::actualSize()
{
    setZoom(1.0);
    m_offset = QPointF((width() - m_image.width()) / 2.0, (height() - m_image.height()) / 2.0);
    clampOffset();
    update();
    emit viewChanged();
}

void ImageCanvas::setZoom(double factor, const QPointF& anchor)
{
    factor = std::clamp(factor, MinZoom, MaxZoom);
    const QPointF at = anchor.x() < 0 ? QPointF(width() / 2.0, height() / 2.0) : anchor;
    // Keep the image point under the anchor where it is.
    const QPointF imagePoint = toImage(at);
    m_zoom = factor;
    m_offset = at - imagePoint * m_zoom;
    m_fitted = false;
    clampOffset();
    update();
    emit zoomChanged(m_zoom);
    emit viewChanged();
}

void ImageCanvas::zoomIn()
{
    setZoom(m_zoom * kZoomStep);
}

void ImageCanvas::zoomOut()
{
    setZoom(m_zoom / kZoomStep);
}

void ImageCanvas::panBy(const QPointF& delta)
{
    m_offset += delta;
    m_fitted = false;
    clampOffset();
    update();
    emit viewChanged();
}

void ImageCanvas::setView(double zoom, const QPointF& offset, bool fitted)
{
    if (fitted) {
        fitToWindow();
        return;
    }
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    m_offset = offset;
    m_fitted = false;
    clampOffset();
    update();
    emit zoomChanged(m_zoom);
    emit viewChanged();
}

void ImageCanvas::clampOffset()
{
    // Some of the image always stays in view, so it cannot be lost off an edge.
    const double w = m_image.width() * m_zoom;
    const double h = m_image.height() * m_zoom;
    const double margin = 40;
    m_offset.setX(std::clamp(m_offset.x(), std::min(margin - w, 0.0), std::max(width() - margin, 0.0)));
    m_offset.setY(std::clamp(m_offset.y(), std::min(margin - h, 0.0), std::max(height() - margin, 0.0)));
}

QPointF ImageCanvas::toImage(const QPointF& widgetPos) const
{
    return (widgetPos - m_offset) / m_zoom;
}

QPointF ImageCanvas::toWidget(const QPointF& imagePos) const
{
    return imagePos * m_zoom + m_offset;
}

void ImageCanvas::setRegions(const QList<QPolygonF>& regions, int selected)
{
    m_regions = regions;
    m_selected = selected;
    update();
}

void ImageCanvas::setQuad(const QPolygonF& quad)
{
    m_quad = quad;
    update();
}

void ImageCanvas::setQuadEditable(bool editable)
{
    m_quadEditable = editable;
    update();
}

int ImageCanvas::handleAt(const QPointF& widgetPos) const
{
    if (!m_quadEditable || m_quad.size() != 4)
        return -1;
    for (int i = 0; i < 4; ++i) {
        if (QLineF(toWidget(m_quad[i]), widgetPos).length() <= kHandleRadius + 3)
            return i;
    }
    return -1;
}

void ImageCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(38, 40, 43));
    if (m_image.isNull()) {
        p.setPen(QColor(200, 200, 200));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    // Smooth when shrinking (no aliasing); blocky when enlarging a lot (every recorded pixel visible as it is).
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 2.0);
    const QRectF target(m_offset, QSizeF(m_image.width() * m_zoom, m_image.height() * m_zoom));
    p.drawImage(target, m_image);

    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setBold(true);
    p.setFont(font);
    for (int i = 0; i < m_regions.size(); ++i) {
        QPolygonF shown;
        for (const QPointF& pt : m_regions[i])
            shown << toWidget(pt);
        const bool selected = i == m_selected;
        p.setPen(QPen(selected ? QColor(60, 220, 90) : QColor(255, 200, 40), selected ? 2.5 : 1.5,
                      selected ? Qt::SolidLine : Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawPolygon(shown);
        const QRectF box = shown.boundingRect();
        const QRectF tag(box.left(), box.top() - 18, 18, 16);
        p.fillRect(tag, selected ? QColor(60, 220, 90) : QColor(255, 200, 40));
        p.setPen(Qt::black);
        p.drawText(tag, Qt::AlignCenter, QString::number(i + 1));
    }
    if (m_quad.size() == 4) {
        QPolygonF shown;
        for (const QPointF& pt : m_quad)
            shown << toWidget(pt);
        p.setPen(QPen(QColor(0, 190, 255), 2));
        p.setBrush(QColor(0, 190, 255, 30));
        p.drawPolygon(shown);
        if (m_quadEditable) {
            p.setBrush(QColor(255, 255, 255));
            p.setPen(QPen(QColor(0, 120, 200), 2));
            for (const QPointF& c : shown)
                p.drawEllipse(c, kHandleRadius, kHandleRadius);
        }
    }
    // The zoom factor, small, in the corner: the user always knows whether they see real pixels.
    const QString label = QStringLiteral("%1 %").arg(qRound(m_zoom * 100));
    const QRect tag(width() - 62, height() - 22, 56, 18);
    p.fillRect(tag, QColor(0, 0, 0, 140));
    p.setPen(Qt::white);
    p.drawText(tag, Qt::AlignCenter, label);
}

void ImageCanvas::wheelEvent(QWheelEvent* event)
{
    if (m_image.isNull())
        return;
    const double steps = event->angleDelta().y() / 120.0;
    setZoom(m_zoom * std::pow(kZoomStep, steps), event->position());
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return QWidget::mousePressEvent(event);
    m_lastMouse = event->position();
    m_dragHandle = handleAt(event->position());
    if (m_dragHandle >= 0)
        return;
    if (!m_regions.isEmpty()) {
        const QPointF at = toImage(event->position());
        for (int i = 0; i < m_regions.size(); ++i) {
            if (m_regions[i].containsPoint(at, Qt::OddEvenFill)) {
                m_selected = i;
                update();
                emit regionClicked(i);
                return;
            }
        }
    }
    m_panning = true;
    setCursor(Qt::ClosedHandCursor);
}

void ImageCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragHandle >= 0) {
        QPointF at = toImage(event->position());
        at.setX(std::clamp(at.x(), 0.0, double(m_image.width())));
        at.setY(std::clamp(at.y(), 0.0, double(m_image.height())));
        m_quad[m_dragHandle] = at;
        update();
        return;
    }
    if (m_panning) {
        panBy(event->position() - m_lastMouse);
        m_lastMouse = event->position();
        return;
    }
    setCursor(handleAt(event->position()) >= 0 ? Qt::SizeAllCursor : Qt::OpenHandCursor);
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragHandle >= 0) {
        m_dragHandle = -1;
        emit quadEdited(m_quad);
    }
    m_panning = false;
    setCursor(Qt::OpenHandCursor);
    QWidget::mouseReleaseEvent(event);
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Double-click toggles between the whole image and real pixels at the pointer.
    if (m_fitted)
        setZoom(1.0, event->position());
    else
        fitToWindow();
}

void ImageCanvas::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_fitted)
        fitToWindow();
    else
        clampOffset();
}

} // namespace alpr

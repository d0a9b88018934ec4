#include "DrawPolygonTool.h"

#include "AreaItem.h"
#include "MapView.h"

#include <QGeoPolygon>
#include <QKeyEvent>
#include <QMouseEvent>

namespace alpr {

void DrawPolygonTool::mousePress(QMouseEvent* event)
{
    if (event->button() == Qt::RightButton) {
        finish();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragged = false;
    m_press = m_last = event->position();
}

void DrawPolygonTool::mouseMove(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_pressed) {
        if ((pos - m_press).manhattanLength() > kClickSlop)
            m_dragged = true;
        if (m_dragged) {
            m_view.panBy(pos - m_last);
            m_last = pos;
        }
    }
    if (!m_vertices.isEmpty())
        showPreview(&pos);
}

void DrawPolygonTool::mouseRelease(QMouseEvent* event)
{
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if (m_dragged)
        return;
    const QPointF pos = event->position();
    // The first click of a double-click has already placed this corner; a second one on top adds nothing.
    if (!m_vertices.isEmpty() && (m_view.toScreen(m_vertices.last()) - pos).manhattanLength() <= kClickSlop)
        return;
    m_vertices << m_view.toGeo(pos);
    showPreview(&pos);
}

void DrawPolygonTool::mouseDoubleClick(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        finish();
}

bool DrawPolygonTool::keyPress(QKeyEvent* event)
{
    if (m_vertices.isEmpty())
        return false;
    switch (event->key()) {
    case Qt::Key_Escape:
        cancel();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish();
        return true;
    case Qt::Key_Backspace:
        m_vertices.removeLast();
        showPreview(nullptr);
        return true;
    default:
        return false;
    }
}

void DrawPolygonTool::cancel()
{
    m_vertices.clear();
    m_pressed = false;
    m_view.areaItem()->clearPreview();
}

void DrawPolygonTool::finish()
{
    const QList<QGeoCoordinate> vertices = m_vertices;
    cancel();
    if (vertices.size() < 3)
        return; // not an area; the half-drawn corners are dropped
    m_view.emitAreaDrawn(QGeoPolygon(vertices));
}

void DrawPolygonTool::showPreview(const QPointF* pointer)
{
    QList<QGeoCoordinate> points = m_vertices;
    points << (pointer ? m_view.toGeo(*pointer) : m_vertices.last());
    m_view.areaItem()->setPreview(AreaItem::Preview::Polygon, points);
}

} // namespace alpr

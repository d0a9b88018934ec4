#include "PanTool.h"

#include "MapView.h"

#include <QMouseEvent>

namespace alpr {

void PanTool::mousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_moved = false;
    m_press = m_last = event->position();
    m_view.viewport()->setCursor(cursor());
}

void PanTool::mouseMove(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const QPointF pos = event->position();
    if ((pos - m_press).manhattanLength() > kClickSlop)
        m_moved = true;
    m_view.panBy(pos - m_last);
    m_last = pos;
}

void PanTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    m_view.viewport()->setCursor(cursor());
    if (!m_moved)
        m_view.activateAt(event->position());
}

} // namespace alpr

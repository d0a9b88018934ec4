#include "SelectTool.h"

#include "AreaItem.h"
#include "MapView.h"

#include <QKeyEvent>
#include <QMouseEvent>

namespace alpr {

void SelectTool::mousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_press = event->position();
}

void SelectTool::mouseMove(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    m_view.areaItem()->setPreview(AreaItem::Preview::Rectangle,
                                  { m_view.toGeo(m_press), m_view.toGeo(event->position()) });
}

void SelectTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    m_view.areaItem()->clearPreview();
    const QPointF pos = event->position();
    const QRectF rect = QRectF(m_press, pos).normalized();
    if ((pos - m_press).manhattanLength() <= kClickSlop)
        m_view.emitReadsSelected(m_view.readsAt(pos));
    else
        m_view.emitReadsSelected(m_view.readsInScreenRect(rect));
}

bool SelectTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape || !m_dragging)
        return false;
    cancel();
    return true;
}

void SelectTool::cancel()
{
    m_dragging = false;
    m_view.areaItem()->clearPreview();
}

} // namespace alpr

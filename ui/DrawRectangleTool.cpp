#include "DrawRectangleTool.h"

#include "AreaItem.h"
#include "MapView.h"

#include <QGeoRectangle>
#include <QKeyEvent>
#include <QMouseEvent>

namespace alpr {

void DrawRectangleTool::mousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_press = event->position();
}

void DrawRectangleTool::mouseMove(QMouseEvent* event)
{
    if (m_dragging)
        m_view.areaItem()->setPreview(AreaItem::Preview::Rectangle,
                                      { m_view.toGeo(m_press), m_view.toGeo(event->position()) });
}

void DrawRectangleTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    m_view.areaItem()->clearPreview();
    const QRectF r = QRectF(m_press, event->position()).normalized();
    if (r.width() <= kClickSlop || r.height() <= kClickSlop)
        return;
    m_view.emitAreaDrawn(QGeoRectangle(m_view.toGeo(r.topLeft()), m_view.toGeo(r.bottomRight())));
}

bool DrawRectangleTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape || !m_dragging)
        return false;
    cancel();
    return true;
}

void DrawRectangleTool::cancel()
{
    m_dragging = false;
    m_view.areaItem()->clearPreview();
}

} // namespace alpr

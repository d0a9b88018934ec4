#include "DrawCircleTool.h"

#include "AreaItem.h"
#include "MapView.h"

#include <QGeoCircle>
#include <QKeyEvent>
#include <QMouseEvent>

namespace alpr {

void DrawCircleTool::mousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_centre = event->position();
}

void DrawCircleTool::mouseMove(QMouseEvent* event)
{
    if (m_dragging)
        m_view.areaItem()->setPreview(AreaItem::Preview::Circle,
                                      { m_view.toGeo(m_centre), m_view.toGeo(event->position()) });
}

void DrawCircleTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    m_view.areaItem()->clearPreview();
    if ((event->position() - m_centre).manhattanLength() <= kClickSlop)
        return; // a click is not a circle
    const QGeoCoordinate centre = m_view.toGeo(m_centre);
    m_view.emitAreaDrawn(QGeoCircle(centre, centre.distanceTo(m_view.toGeo(event->position()))));
}

bool DrawCircleTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape || !m_dragging)
        return false;
    cancel();
    return true;
}

void DrawCircleTool::cancel()
{
    m_dragging = false;
    m_view.areaItem()->clearPreview();
}

} // namespace alpr

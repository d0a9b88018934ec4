#pragma once

#include "MapTool.h"

namespace alpr {

/** Press at the centre, drag to the rim, release: emits a QGeoCircle (areaDrawn). Escape cancels. */
class DrawCircleTool final : public MapTool
{
public:
    using MapTool::MapTool;
    QCursor cursor() const override { return Qt::CrossCursor; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void cancel() override;

private:
    bool m_dragging = false;
    QPointF m_centre;
};

} // namespace alpr

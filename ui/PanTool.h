#pragma once

#include "MapTool.h"

namespace alpr {

/** Drag to pan; click a read for its details, a cluster to zoom into it. */
class PanTool final : public MapTool
{
public:
    using MapTool::MapTool;
    QCursor cursor() const override { return m_dragging ? Qt::ClosedHandCursor : Qt::OpenHandCursor; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    void cancel() override { m_dragging = false; }

private:
    bool m_dragging = false;
    bool m_moved = false;
    QPointF m_press;
    QPointF m_last;
};

} // namespace alpr

#pragma once

#include "MapTool.h"

namespace alpr {

/** Drag a rectangle to select the reads inside it; click a marker to select its reads (readsSelected). */
class SelectTool final : public MapTool
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
    QPointF m_press;
};

} // namespace alpr

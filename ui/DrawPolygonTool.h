#pragma once

#include "MapTool.h"

#include <QGeoCoordinate>
#include <QList>

namespace alpr {

/**
 * Click the corners; double-click, Return or a right click closes the polygon and emits a QGeoPolygon (areaDrawn).
 * Backspace removes the last corner, Escape cancels; a left drag pans the map meanwhile.
 */
class DrawPolygonTool final : public MapTool
{
public:
    using MapTool::MapTool;
    QCursor cursor() const override { return Qt::CrossCursor; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    void mouseDoubleClick(QMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void cancel() override;
    int vertexCount() const { return int(m_vertices.size()); }

private:
    void finish();
    void showPreview(const QPointF* pointer);

    QList<QGeoCoordinate> m_vertices;
    bool m_pressed = false;
    bool m_dragged = false;
    QPointF m_press;
    QPointF m_last;
};

} // namespace alpr

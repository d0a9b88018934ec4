#pragma once

#include <QCursor>
#include <QPointF>

class QKeyEvent;
class QMouseEvent;

namespace alpr {

class MapView;

/**
 * What the left mouse button does on the map (QGIS's QgsMapTool): one small class per tool, switched by
 * MapView::setTool(). The view gives every tool wheel zoom, middle-button pan and arrow-key pan itself.
 */
class MapTool
{
public:
    explicit MapTool(MapView& view) : m_view(view) {}
    virtual ~MapTool() = default;
    MapTool(const MapTool&) = delete;
    MapTool& operator=(const MapTool&) = delete;

    virtual QCursor cursor() const { return Qt::ArrowCursor; }
    virtual void mousePress(QMouseEvent* event) {}
    virtual void mouseMove(QMouseEvent* event) {}
    virtual void mouseRelease(QMouseEvent* event) {}
    virtual void mouseDoubleClick(QMouseEvent* event) {}
    /** Returns true when the tool used the key (Escape cancels, Return finishes, ...). */
    virtual bool keyPress(QKeyEvent* event) { return false; }
    /** Drops whatever is half done (the tool is switched away, or the view is cleared). */
    virtual void cancel() {}

protected:
    /** A press and release closer than this (pixels) is a click, not a drag. */
    static constexpr double kClickSlop = 4;
    MapView& m_view;
};

} // namespace alpr

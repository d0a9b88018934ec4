#pragma once

#include "MapRead.h"
#include "MapViewport.h"

#include <QGeoCoordinate>
#include <QGeoShape>
#include <QGraphicsView>
#include <QList>

#include <memory>

class QVariantAnimation;

namespace alpr {

class AreaItem;
class MapTool;
class MarkerLayerItem;
class TileLayerItem;
class TileSource;
class TrackItem;

/**
 * The map (DESIGN.md "Map"): a QGraphicsView whose scene is the widget's pixel space, holding one graphics item per
 * layer — basemap tiles, read markers (clusters or heat map), a plate's track, the drawn area — over a shared
 * MapViewport (centre, fractional zoom). Like QgsMapCanvas, what is slow is rendered off the GUI thread (tiles by
 * their source, markers by MarkerRenderer on the thread pool); while a new frame renders, the previous one is shown
 * moved and scaled, so pan and zoom never wait.
 *
 * Interaction: a MapTool (pan, select, draw circle/rectangle/polygon) gets the mouse; the middle button and the
 * arrow keys pan and the wheel zooms about the cursor whatever the tool. Hovering a marker shows what it holds;
 * clicking a read emits readActivated(), clicking a cluster zooms into it.
 */
class MapView : public QGraphicsView
{
    Q_OBJECT

public:
    enum class Tool { Pan, Select, Circle, Rectangle, Polygon };

    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    /** Replaces the basemap; the view owns it. Null shows the plain background. */
    void setTileSource(std::unique_ptr<TileSource> source);
    TileSource* tileSource() const { return m_source.get(); }

    /** The reads shown as markers (clusters below zoom 16, single reads above, or the heat map). */
    void setReads(const QList<MapRead>& reads);
    int readCount() const;
    /** A plate's track: its reads joined in time order (sorted here), with arrows for the direction of travel. */
    void setTrack(const QList<MapRead>& reads);
    /** Reads drawn highlighted, e.g. the rows selected in a results table. */
    void setHighlightedReads(const QList<qint64>& readIds);
    /** Shows an area (e.g. a canvass scene) as if drawn. An invalid shape removes it. */
    void setDrawnArea(const QGeoShape& area);
    QGeoShape drawnArea() const;
    /** Removes reads, track, highlight and drawn area at once (also used when the session locks). */
    void clearOverlays();

    void setHeatMap(bool on);
    bool heatMap() const { return m_heatMap; }
    void setTool(Tool tool);
    Tool tool() const { return m_toolKind; }
    MapTool* currentTool() const { return m_tool.get(); }

    void centreOn(const QGeoCoordinate& centre, double zoom);
    /** Centres and zooms so every read (or track point) is in view. */
    void zoomToReads();
    QGeoCoordinate centre() const;
    double zoom() const { return m_viewport.zoom(); }
    double minZoom() const { return 2; }
    double maxZoom() const { return 19; }
    const MapViewport& mapViewport() const { return m_viewport; }
    QPointF toScreen(const QGeoCoordinate& c) const { return m_viewport.geoToScreen(c); }
    QGeoCoordinate toGeo(QPointF screen) const { return m_viewport.screenToGeo(screen); }
    /** Wheel zooms animate over ~150 ms; tests and screenshots may turn that off. */
    void setAnimated(bool on) { m_animated = on; }
    /** True while a marker frame or a tile is still being rendered or loaded. */
    bool isBusy() const;

    // For the map tools.
    void panBy(QPointF delta);
    void zoomAt(double newZoom, QPointF anchor);
    /** Emits readActivated() for a read under pos, or zooms into a cluster there. */
    void activateAt(QPointF pos);
    /** Reads whose markers are inside a screen rectangle, or inside a drawn shape. */
    QList<qint64> readsInScreenRect(const QRectF& rect) const;
    QList<qint64> readsIn(const QGeoShape& area) const;
    /** Reads under a screen point (a single read, a stack of reads or a cluster's reads). */
    QList<qint64> readsAt(QPointF pos) const;
    AreaItem* areaItem() const { return m_area; }
    void emitReadsSelected(const QList<qint64>& ids);
    void emitAreaDrawn(const QGeoShape& area);
    /** A user-facing message about the basemap (e.g. tiles failing to load), empty when all is well. */
    QString basemapProblem() const;
    /** Shows a basemap problem that is not a tile's (e.g. the basemap could not be built); empty clears it. */
    void setBasemapProblem(const QString& problem);

Q_SIGNALS:
    void readActivated(qint64 readId);
    void readsSelected(const QList<qint64>& readIds);
    void areaDrawn(const QGeoShape& area);
    void viewportChanged();
    /** A marker frame for the current reads and view has been drawn. */
    void markersRendered();
    void toolChanged(alpr::MapView::Tool tool);
    void heatMapChanged(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void setViewport(const MapViewport& viewport);
    QString tooltipAt(QPointF pos) const;
    void paintScaleBar(QPainter& painter) const;
    void paintAttribution(QPainter& painter) const;

    MapViewport m_viewport;
    std::unique_ptr<TileSource> m_source;
    std::unique_ptr<MapTool> m_tool;
    Tool m_toolKind = Tool::Pan;
    TileLayerItem* m_tiles = nullptr;
    MarkerLayerItem* m_markers = nullptr;
    TrackItem* m_track = nullptr;
    AreaItem* m_area = nullptr;
    bool m_heatMap = false;
    bool m_animated = true;
    QVariantAnimation* m_zoomAnimation = nullptr;
    double m_zoomTarget = 0;
    QPointF m_zoomAnchor;
    bool m_middlePanning = false;
    QPointF m_lastPanPos;
    QString m_basemapProblem;
};

} // namespace alpr

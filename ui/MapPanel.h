#pragma once

#include "Result.h"

#include <QWidget>

class QActionGroup;
class QComboBox;
class QToolBar;

namespace alpr {

class MapView;

/**
 * The map dock's contents: a small toolbar (pan, select, circle, rectangle, polygon, heat map, clear, basemap
 * chooser) over the MapView. The basemap starts as the offline West Covina streets; a tile server URL or an
 * MBTiles file can be chosen instead.
 */
class MapPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MapPanel(QWidget* parent = nullptr);

    MapView* mapView() const { return m_view; }
    /** Wide enough for the toolbar and a useful map beside the pages. */
    QSize sizeHint() const override { return { 600, 640 }; }
    /** The offline West Covina basemap, centred on the city. */
    void useOfflineBasemap();
    /** Switches to a tile server; an error (the basemap unchanged) when the template or attribution is refused. */
    Status useTileServer(const QString& urlTemplate, const QString& attribution);
    /** Switches to a raster MBTiles file; an error naming the file when it cannot be used. */
    Status useMbTiles(const QString& path);

private:
    void basemapChosen(int index);
    void showError(const QString& message);

    MapView* m_view = nullptr;
    QToolBar* m_toolBar = nullptr;
    QActionGroup* m_tools = nullptr;
    QComboBox* m_basemap = nullptr;
    int m_basemapIndex = 0;
};

} // namespace alpr

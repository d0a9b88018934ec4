#include "MapPanel.h"

#include "MapView.h"
#include "MbTilesSource.h"
#include "VectorTileSource.h"
#include "WestCovinaBasemap.h"
#include "XyzTileSource.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPainter>
#include <QRadialGradient>
#include <QSignalBlocker>
#include <QToolBar>
#include <QVBoxLayout>

namespace alpr {

namespace {

enum BasemapChoice { Offline, TileServer, MbTiles };
enum class Glyph { Pan, Select, Circle, Rectangle, Polygon, Heat, Fit, Clear };

/** Small line-drawn tool icons: the toolbar fits a narrow dock without hiding tools behind "»". */
QIcon glyphIcon(Glyph glyph)
{
    QPixmap pixmap(QSize(20, 20) * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink(0x2d, 0x3a, 0x4a);
    const QColor accent(0x0b, 0x5c, 0xad);
    p.setPen(QPen(ink, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    switch (glyph) {
    case Glyph::Pan: {
        p.drawLine(QPointF(10, 2.5), QPointF(10, 17.5));
        p.drawLine(QPointF(2.5, 10), QPointF(17.5, 10));
        const QPointF tips[] = { { 10, 2.5 }, { 17.5, 10 }, { 10, 17.5 }, { 2.5, 10 } };
        const QPointF wings[][2] = { { { 7.5, 5 }, { 12.5, 5 } }, { { 15, 7.5 }, { 15, 12.5 } },
                                     { { 7.5, 15 }, { 12.5, 15 } }, { { 5, 7.5 }, { 5, 12.5 } } };
        for (int i = 0; i < 4; ++i) {
            p.drawLine(tips[i], wings[i][0]);
            p.drawLine(tips[i], wings[i][1]);
        }
        break;
    }
    case Glyph::Select:
        p.setPen(QPen(ink, 1.4, Qt::DashLine));
        p.drawRect(QRectF(2.5, 2.5, 11, 9));
        p.setPen(QPen(ink, 1.2));
        p.setBrush(ink);
        p.drawPolygon(QPolygonF { { 10, 8 }, { 17.5, 14 }, { 14, 14.5 }, { 16, 18 }, { 14.5, 18.8 }, { 12.5, 15.3 },
                                  { 10, 17.5 } });
        break;
    case Glyph::Circle:
        p.setBrush(QColor(11, 92, 173, 50));
        p.setPen(QPen(accent, 1.6));
        p.drawEllipse(QPointF(10, 10), 7.5, 7.5);
        p.setBrush(accent);
        p.drawEllipse(QPointF(10, 10), 1.3, 1.3);
        break;
    case Glyph::Rectangle:
        p.setBrush(QColor(11, 92, 173, 50));
        p.setPen(QPen(accent, 1.6));
        p.drawRect(QRectF(3, 4.5, 14, 11));
        break;
    case Glyph::Polygon:
        p.setBrush(QColor(11, 92, 173, 50));
        p.setPen(QPen(accent, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolygon(QPolygonF { { 3, 7 }, { 11, 2.5 }, { 17.5, 8 }, { 14, 17.5 }, { 5, 15 } });
        break;
    case Glyph::Heat: {
        QRadialGradient g(QPointF(10, 10), 8.5);
        g.setColorAt(0, QColor(0xd7, 0x30, 0x27));
        g.setColorAt(0.45, QColor(0xfe, 0xe0, 0x8b));
        g.setColorAt(0.75, QColor(0x1a, 0x98, 0x50));
        g.setColorAt(1, QColor(0x45, 0x75, 0xb4, 0));
        p.setPen(Qt::NoPen);
        p.setBrush(g);
        p.drawEllipse(QPointF(10, 10), 8.5, 8.5);
        break;
    }
    case Glyph::Fit:
        for (const QPointF& c : { QPointF(3, 3), QPointF(17, 3), QPointF(17, 17), QPointF(3, 17) }) {
            const double dx = c.x() < 10 ? 4.5 : -4.5;
            const double dy = c.y() < 10 ? 4.5 : -4.5;
            p.drawPolyline(QPolygonF { QPointF(c.x() + dx, c.y()), c, QPointF(c.x(), c.y() + dy) });
        }
        p.setBrush(accent);
        p.setPen(Qt::NoPen);
        for (const QPointF& c : { QPointF(8, 9), QPointF(12.5, 8), QPointF(10, 12.5) })
            p.drawEllipse(c, 1.6, 1.6);
        break;
    case Glyph::Clear:
        p.setPen(QPen(accent, 1.4, Qt::DashLine));
        p.drawEllipse(QPointF(9, 9), 6.5, 6.5);
        p.setPen(QPen(QColor(0xb3, 0x26, 0x1e), 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(12, 12), QPointF(18, 18));
        p.drawLine(QPointF(18, 12), QPointF(12, 18));
        break;
    }
    p.end();
    return QIcon(pixmap);
}

} // namespace

MapPanel::MapPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("mapPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolBar = new QToolBar(tr("Map tools"), this);
    m_toolBar->setObjectName(QStringLiteral("mapToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_toolBar->setIconSize(QSize(20, 20));
    m_view = new MapView(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view, 1);

    m_tools = new QActionGroup(this);
    m_tools->setExclusive(true);
    struct ToolAction { MapView::Tool tool; Glyph glyph; QString text; QString tip; const char* name; };
    const ToolAction actions[] = {
        { MapView::Tool::Pan, Glyph::Pan, tr("Pan"), tr("Pan: drag to move the map; click a read for its details"),
          "mapPanTool" },
        { MapView::Tool::Select, Glyph::Select, tr("Select"),
          tr("Select: drag a box (or click a marker) to select reads"), "mapSelectTool" },
        { MapView::Tool::Circle, Glyph::Circle, tr("Circle"),
          tr("Draw a circular area: press at the centre, drag to the edge"), "mapCircleTool" },
        { MapView::Tool::Rectangle, Glyph::Rectangle, tr("Rectangle"), tr("Draw a rectangular area"),
          "mapRectangleTool" },
        { MapView::Tool::Polygon, Glyph::Polygon, tr("Polygon"),
          tr("Draw a polygon: click the corners; double-click or press Enter to close"), "mapPolygonTool" },
    };
    for (const ToolAction& a : actions) {
        QAction* action = m_toolBar->addAction(glyphIcon(a.glyph), a.text);
        action->setObjectName(QLatin1String(a.name));
        action->setToolTip(a.tip);
        action->setCheckable(true);
        action->setChecked(a.tool == MapView::Tool::Pan);
        m_tools->addAction(action);
        connect(action, &QAction::triggered, m_view, [this, tool = a.tool] { m_view->setTool(tool); });
        connect(m_view, &MapView::toolChanged, action,
                [action, tool = a.tool](MapView::Tool now) { action->setChecked(now == tool); });
    }
    m_toolBar->addSeparator();
    QAction* heat = m_toolBar->addAction(glyphIcon(Glyph::Heat), tr("Heat map"));
    heat->setObjectName(QStringLiteral("mapHeatMapAction"));
    heat->setToolTip(tr("Show read density instead of markers"));
    heat->setCheckable(true);
    connect(heat, &QAction::toggled, m_view, &MapView::setHeatMap);
    connect(m_view, &MapView::heatMapChanged, heat, &QAction::setChecked);
    QAction* fit = m_toolBar->addAction(glyphIcon(Glyph::Fit), tr("Fit"));
    fit->setObjectName(QStringLiteral("mapFitAction"));
    fit->setToolTip(tr("Zoom to show all reads on the map"));
    connect(fit, &QAction::triggered, m_view, &MapView::zoomToReads);
    QAction* clearArea = m_toolBar->addAction(glyphIcon(Glyph::Clear), tr("Clear area"));
    clearArea->setObjectName(QStringLiteral("mapClearAreaAction"));
    clearArea->setToolTip(tr("Remove the drawn area"));
    connect(clearArea, &QAction::triggered, m_view, [this] { m_view->setDrawnArea(QGeoShape()); });
    m_toolBar->addSeparator();

    m_basemap = new QComboBox(m_toolBar);
    m_basemap->setObjectName(QStringLiteral("mapBasemapChooser"));
    m_basemap->setToolTip(tr("Basemap"));
    m_basemap->addItem(tr("West Covina streets (offline)"));
    m_basemap->addItem(tr("Tile server (URL)…"));
    m_basemap->addItem(tr("MBTiles file…"));
    m_basemap->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_toolBar->addWidget(m_basemap);
    connect(m_basemap, &QComboBox::activated, this, &MapPanel::basemapChosen);

    useOfflineBasemap();
}

void MapPanel::useOfflineBasemap()
{
    auto source = WestCovinaBasemap::createSource();
    if (!source) {
        // Not a message box: this runs while the main window is built.
        m_view->setTileSource(nullptr);
        m_view->setBasemapProblem(source.error().message);
        return;
    }
    m_view->setTileSource(std::move(source.value()));
    m_view->centreOn(WestCovinaBasemap::centre(), WestCovinaBasemap::kInitialZoom);
    m_basemapIndex = Offline;
    const QSignalBlocker block(m_basemap);
    m_basemap->setCurrentIndex(Offline);
}

Status MapPanel::useTileServer(const QString& urlTemplate, const QString& attribution)
{
    XyzTileSource::Options options;
    options.urlTemplate = urlTemplate;
    options.attribution = attribution;
    auto source = XyzTileSource::create(options);
    if (!source)
        return source.error();
    m_view->setTileSource(std::move(source.value()));
    m_basemapIndex = TileServer;
    const QSignalBlocker block(m_basemap);
    m_basemap->setCurrentIndex(TileServer);
    return {};
}

Status MapPanel::useMbTiles(const QString& path)
{
    auto source = MbTilesSource::open(path);
    if (!source)
        return source.error();
    m_view->setTileSource(std::move(source.value()));
    m_basemapIndex = MbTiles;
    const QSignalBlocker block(m_basemap);
    m_basemap->setCurrentIndex(MbTiles);
    return {};
}

void MapPanel::basemapChosen(int index)
{
    bool done = false;
    if (index == Offline) {
        useOfflineBasemap();
        done = true;
    } else if (index == TileServer) {
        bool ok = false;
        const QString url = QInputDialog::getText(
            this, tr("Tile server"),
            tr("Tile URL template, with {z}, {x} and {y}.\nTiles are requested over the network and cached on this "
               "workstation."),
            QLineEdit::Normal, QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"), &ok);
        if (ok && !url.trimmed().isEmpty()) {
            const QString suggested = url.contains(QLatin1String("openstreetmap"))
                ? tr("© OpenStreetMap contributors")
                : QString();
            const QString credit = QInputDialog::getText(this, tr("Tile server"),
                                                         tr("Attribution the tile server's licence requires:"),
                                                         QLineEdit::Normal, suggested, &ok);
            if (ok) {
                const Status s = useTileServer(url.trimmed(), credit.trimmed());
                if (!s)
                    showError(s.error().message);
                done = s.ok();
            }
        }
    } else if (index == MbTiles) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open MBTiles basemap"), QString(),
                                                          tr("MBTiles (*.mbtiles);;All files (*)"));
        if (!path.isEmpty()) {
            const Status s = useMbTiles(path);
            if (!s)
                showError(s.error().message);
            done = s.ok();
        }
    }
    if (!done) {
        const QSignalBlocker block(m_basemap);
        m_basemap->setCurrentIndex(m_basemapIndex);
    }
}

void MapPanel::showError(const QString& message)
{
    QMessageBox::warning(this, tr("Basemap"), message);
}

} // namespace alpr

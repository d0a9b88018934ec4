#include "ImageViewer.h"

#include "CompareView.h"
#include "EnhancementPanel.h"
#include "EnhancementRunner.h"
#include "ImageCanvas.h"
#include "PlateRegionFinder.h"
#include "ReadSearchModel.h"
#include "Session.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace alpr {

namespace {

QToolButton* toolButton(QWidget* parent, QAction* action)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setAutoRaise(true);
    return button;
}

} // namespace

ImageViewer::ImageViewer(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("imageViewer"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_pane = new ReadImagePane(this);
    m_pane->setObjectName(QStringLiteral("readImagePane"));
    m_panel = new EnhancementPanel(this);
    m_panel->setObjectName(QStringLiteral("enhancementPanel"));
    for (int t = 0; t < 2; ++t) {
        m_runners[t] = new EnhancementRunner(this);
        connect(m_runners[t], &EnhancementRunner::ready, this,
                [this, t](int, const QImage& image) { enhanced(ReadImagePane::Target(t), image); });
        connect(m_runners[t], &EnhancementRunner::failed, this,
                [this](int, const QString& message) { setStatus(message, true); });
    }
    buildActions();
    layout->addWidget(m_pane, 1);
    layout->addWidget(m_panel);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("viewerStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_panel, &EnhancementPanel::settingsChanged, this, &ImageViewer::settingsChanged);
    connect(m_panel, &EnhancementPanel::findQuadRequested, this, &ImageViewer::findQuad);
    connect(m_panel, &EnhancementPanel::editCornersToggled, this, &ImageViewer::editCorners);
    for (int t = 0; t < 2; ++t) {
        connect(m_pane->canvas(ReadImagePane::Target(t)), &ImageCanvas::quadEdited, this,
                [this](const QPolygonF& quad) { m_panel->setQuad(quad); });
    }
    setTarget(ReadImagePane::Plate);
    updatePosition();
}

ImageViewer::~ImageViewer()
{
    for (const QPointer<QWidget>& w : std::as_const(m_windows))
        delete w.data();
}

void ImageViewer::buildActions()
{
    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    auto action = [this](const QString& name, const QString& text, const QString& tip, QKeySequence key,
                         auto slot) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setToolTip(key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    auto canvas = [this] { return m_pane->canvas(m_target); };
    QAction* previous = action(QStringLiteral("previousRead"), tr("◀ Previous"), tr("Previous read of the results"),
                               QKeySequence(Qt::Key_PageUp), [this] { this->previous(); });
    QAction* next = action(QStringLiteral("nextRead"), tr("Next ▶"), tr("Next read of the results"),
                           QKeySequence(Qt::Key_PageDown), [this] { this->next(); });
    QAction* fit = action(QStringLiteral("fitImage"), tr("Fit"), tr("Whole image"), QKeySequence(Qt::CTRL | Qt::Key_0),
                          [canvas] { canvas()->fitToWindow(); });
    QAction* actual = action(QStringLiteral("actualSize"), tr("1:1"), tr("One image pixel per screen pixel"),
                             QKeySequence(Qt::CTRL | Qt::Key_1), [canvas] { canvas()->actualSize(); });
    QAction* zoomIn = action(QStringLiteral("zoomIn"), tr("+"), tr("Zoom in"), QKeySequence::ZoomIn,
                             [canvas] { canvas()->zoomIn(); });
    QAction* zoomOut = action(QStringLiteral("zoomOut"), tr("−"), tr("Zoom out"), QKeySequence::ZoomOut,
                              [canvas] { canvas()->zoomOut(); });
    QAction* pin = action(QStringLiteral("pinRead"), tr("Pin"), tr("Keep this read for comparison"), QKeySequence(),
                          [this] { pinForCompare(); });
    QAction* compare = action(QStringLiteral("compareReads"), tr("Compare"),
                              tr("Show the pinned read above this one"), QKeySequence(),
                              [this] { compareWithPinned(); });
    QAction* exportAction = action(QStringLiteral("exportEvidence"), tr("Export evidence…"),
                                   tr("Save the image as shown, with a caption, and record it in the audit log"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportInteractively(); });

    bar->addWidget(toolButton(this, previous));
    bar->addWidget(toolButton(this, next));
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("positionLabel"));
    m_position->setMinimumWidth(90);
    bar->addWidget(m_position);
    bar->addSpacing(8);
    for (QAction* a : { fit, actual, zoomOut, zoomIn })
        bar->addWidget(toolButton(this, a));
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Enhance:"), this));
    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetCombo"));
    m_targetCombo->addItem(tr("Overview"));
    m_targetCombo->addItem(tr("Plate crop"));
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setTarget(ReadImagePane::Target(index)); });
    bar->addWidget(m_targetCombo);
    bar->addStretch(1);
    bar->addWidget(toolButton(this, pin));
    m_compareButton = toolButton(this, compare);
    bar->addWidget(m_compareButton);
    bar->addWidget(toolButton(this, exportAction));
    static_cast<QVBoxLayout*>(layout())->addLayout(bar);
}

void ImageViewer::followTable(QTableView* table)
{
    auto* model = table ? qobject_cast<ReadSearchModel*>(table->model()) : nullptr;
    if (!model || !table->selectionModel())
        return;
    QPointer<QTableView> guarded(table);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, guarded](const QModelIndex& current) {
                if (guarded)
                    currentRowChanged(guarded, current.row());
            });
}

void ImageViewer::currentRowChanged(QTableView* table, int row)
{
    m_table = table;
    m_row = row;
    if (!isVisible()) {
        m_pendingRow = row; // fetched (and audited) only when the viewer is looked at
        updatePosition();
        return;
    }
    showRow(row);
}

void ImageViewer::showRow(int row)
{
    m_pendingRow = -1;
    auto* model = m_table ? qobject_cast<ReadSearchModel*>(m_table->model()) : nullptr;
    if (!model || row < 0 || row >= model->rowCount()) {
        updatePosition();
        return;
    }
    const Read& read = model->readAt(row);
    showRead(read, model->cameraName(read.cameraId));
    updatePosition();
}

void ImageViewer::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_pendingRow >= 0)
        showRow(m_pendingRow);
}

void ImageViewer::next()
{
    auto* model = m_table ? qobject_cast<ReadSearchModel*>(m_table->model()) : nullptr;
    if (!model || m_row + 1 >= model->rowCount())
        return;
    const QModelIndex index = model->index(m_row + 1, std::max(0, m_table->currentIndex().column()));
    m_table->setCurrentIndex(index); // the table's selection signal shows it
    m_table->scrollTo(index);
}

void ImageViewer::previous()
{
    auto* model = m_table ? qobject_cast<ReadSearchModel*>(m_table->model()) : nullptr;
    if (!model || m_row <= 0)
        return;
    const QModelIndex index = model->index(m_row - 1, std::max(0, m_table->currentIndex().column()));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void ImageViewer::updatePosition()
{
    auto* model = m_table ? qobject_cast<ReadSearchModel*>(m_table->model()) : nullptr;
    if (model && m_row >= 0)
        m_position->setText(tr("%1 of %2").arg(m_row + 1).arg(model->rowCount()));
    else
        m_position->setText(QString());
    m_compareButton->setEnabled(hasPinned() && m_pane->hasRead() && m_pinned.readId != m_pane->read().id);
}

bool ImageViewer::showRead(const Read& read, const QString& cameraName)
{
    m_enhanced[0] = m_enhanced[1] = QImage();
    for (EnhancementRunner* r : m_runners)
        r->cancel();
    m_panel->setEditingCorners(false);
    for (EnhancementSettings& s : m_settings)
        s.perspective = {};
    m_panel->setSettings(m_settings[m_target]);
    if (!read.hasImages) {
        m_pane->clear(tr("No images are stored for read %1 (%2).").arg(read.id).arg(read.plate.toHtmlEscaped()));
        updatePosition();
        return false;
    }
    auto images = ReadImageSource::fetch(m_session, read.id, QStringLiteral("image viewer"));
    if (!images) {
        m_pane->clear(tr("Images not shown: %1").arg(images.error().message.toHtmlEscaped()));
        updatePosition();
        return false;
    }
    m_pane->setRead(read, cameraName, images.value());
    setStatus(images->problem, !images->problem.isEmpty());
    for (int t = 0; t < 2; ++t)
        request(ReadImagePane::Target(t));
    updatePosition();
    emit readShown(read.id);
    return true;
}

void ImageViewer::clear()
{
    for (EnhancementRunner* r : m_runners)
        r->cancel();
    m_enhanced[0] = m_enhanced[1] = QImage();
    m_pinned = {};
    m_pinnedRead = {};
    m_pinnedCamera.clear();
    m_row = m_pendingRow = -1;
    m_panel->setEditingCorners(false);
    m_pane->clear(tr("Select a read in a results table to see its images."));
    setStatus(QString());
    for (const QPointer<QWidget>& w : std::as_const(m_windows))
        delete w.data();
    m_windows.clear();
    updatePosition();
}

void ImageViewer::setTarget(ReadImagePane::Target target)
{
    m_panel->setEditingCorners(false);
    m_target = target;
    if (m_targetCombo->currentIndex() != int(target))
        m_targetCombo->setCurrentIndex(int(target));
    m_panel->setSettings(m_settings[target]);
}

QImage ImageViewer::shownImage(ReadImagePane::Target target) const
{
    return m_pane->canvas(target)->image();
}

bool ImageViewer::waitForEnhancements(int timeoutMs)
{
    return m_runners[0]->waitForIdle(timeoutMs) && m_runners[1]->waitForIdle(timeoutMs);
}

void ImageViewer::settingsChanged(const EnhancementSettings& settings)
{
    m_settings[m_target] = settings;
    request(m_target);
}

void ImageViewer::request(ReadImagePane::Target target)
{
    const QImage original = m_pane->original(target);
    if (original.isNull())
        return;
    if (!m_settings[target].any()) {
        m_runners[target]->cancel();
        m_enhanced[target] = QImage();
        if (!(m_panel->editingCorners() && target == m_target))
            m_pane->showImage(target, original, false, true);
        return;
    }
    m_runners[target]->request(original, m_settings[target]);
}

void ImageViewer::enhanced(ReadImagePane::Target target, const QImage& image)
{
    m_enhanced[target] = image;
    // While the user places corners, the canvas keeps showing the original they are placed on.
    if (!(m_panel->editingCorners() && target == m_target))
        m_pane->showImage(target, image, true, true);
}

void ImageViewer::findQuad()
{
    const QImage original = m_pane->original(m_target);
    if (original.isNull())
        return;
    setStatus(tr("Looking for the plate…"));
    auto* watcher = new QFutureWatcher<QPolygonF>(this);
    connect(watcher, &QFutureWatcher<QPolygonF>::finished, this, [this, watcher, target = m_target] {
        const QPolygonF quad = watcher->result();
        watcher->deleteLater();
        if (target != m_target)
            return;
        if (quad.size() != 4) {
            setStatus(tr("No plate-like region found; drag the corners yourself (Edit corners)."), true);
            return;
        }
        setStatus(tr("Plate corners placed; adjust them with Edit corners if needed."));
        m_panel->setQuad(quad);
        if (m_panel->editingCorners())
            m_pane->canvas(m_target)->setQuad(quad);
    });
    const bool closeUp = m_target == ReadImagePane::Plate;
    watcher->setFuture(QtConcurrent::run([original, closeUp] {
        PlateRegionFinder finder;
        if (closeUp) // the camera's plate crop: the plate is the light shape filling most of it
            return finder.plateOutline(original);
        const QList<PlateRegion> regions = finder.propose(original, 1);
        return regions.isEmpty() ? QPolygonF() : finder.refineQuad(original, regions.first());
    }));
}

void ImageViewer::editCorners(bool on)
{
    for (int t = 0; t < 2; ++t) {
        ImageCanvas* canvas = m_pane->canvas(ReadImagePane::Target(t));
        canvas->setQuadEditable(false);
        canvas->setQuad({});
    }
    ImageCanvas* canvas = m_pane->canvas(m_target);
    const QImage original = m_pane->original(m_target);
    if (on && !original.isNull()) {
        // Corners are placed on the original, whose geometry the perspective filter works on.
        QPolygonF quad = m_settings[m_target].perspective.quad;
        if (quad.size() != 4) {
            const QRectF r(original.width() * 0.2, original.height() * 0.25, original.width() * 0.6,
                           original.height() * 0.5);
            quad = QPolygonF() << r.topLeft() << r.topRight() << r.bottomRight() << r.bottomLeft();
        }
        m_pane->showImage(m_target, original, false, false);
        canvas->setQuad(quad);
        canvas->setQuadEditable(true);
        setStatus(tr("Drag the four corners onto the plate's corners, then click Edit corners again to straighten."));
        return;
    }
    if (!original.isNull()) {
        if (m_settings[m_target].any() && !m_enhanced[m_target].isNull())
            m_pane->showImage(m_target, m_enhanced[m_target], true, false);
        request(m_target);
    }
    setStatus(QString());
}

void ImageViewer::pinForCompare()
{
    if (!m_pane->hasRead())
        return;
    m_pinnedRead = m_pane->read();
    m_pinnedCamera = m_pane->cameraName();
    m_pinned = m_pane->images();
    setStatus(tr("Read %1 (%2) pinned; go to another read and click Compare.")
                  .arg(m_pinnedRead.id)
                  .arg(m_pinnedRead.plate));
    updatePosition();
}

CompareView* ImageViewer::compareWithPinned()
{
    if (!hasPinned() || !m_pane->hasRead())
        return nullptr;
    auto* view = new CompareView(nullptr);
    view->setObjectName(QStringLiteral("compareView"));
    view->setAttribute(Qt::WA_DeleteOnClose);
    const auto& activeCase = m_session.activeCase();
    view->setWindowTitle(activeCase ? tr("Compare reads %1 and %2 — %3")
                                          .arg(m_pinnedRead.id)
                                          .arg(m_pane->read().id)
                                          .arg(activeCase->title())
                                    : tr("Compare reads %1 and %2").arg(m_pinnedRead.id).arg(m_pane->read().id));
    view->setReads(m_pinnedRead, m_pinnedCamera, m_pinned, m_pane->read(), m_pane->cameraName(), m_pane->images());
    view->resize(1100, 820);
    m_windows.removeAll(nullptr);
    m_windows.append(view);
    view->show();
    return view;
}

Result<EvidenceRecord> ImageViewer::exportEvidence(const QString& path)
{
    if (!m_pane->hasRead())
        return usageError(tr("No read is shown."));
    const ReadImagePane::Target t = m_target;
    if (m_pane->original(t).isNull())
        return usageError(tr("This read has no %1.").arg(ReadImagePane::targetName(t)));
    waitForEnhancements(10000); // what is exported is what the settings say, not an older result
    const bool enhanced = m_settings[t].any() && !m_enhanced[t].isNull();
    EvidenceRequest r;
    r.originalBytes = m_pane->originalBytes(t);
    r.enhanced = enhanced ? m_enhanced[t] : m_pane->original(t);
    r.settings = enhanced ? m_settings[t] : EnhancementSettings {};
    r.readId = m_pane->read().id;
    r.imageKind = ReadImagePane::targetName(t);
    r.plate = m_pane->read().plate;
    r.readTimeMs = m_pane->read().timeMs;
    r.cameraName = m_pane->cameraName();
    r.path = path;
    return EvidenceExporter(m_session).exportImage(r);
}

void ImageViewer::exportInteractively()
{
    if (!m_pane->hasRead())
        return;
    const auto& activeCase = m_session.activeCase();
    const QString name = tr("case-%1-read-%2-%3.png")
                             .arg(activeCase ? activeCase->number : tr("none"))
                             .arg(m_pane->read().id)
                             .arg(m_target == ReadImagePane::Overview ? tr("overview") : tr("plate"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export evidence image"), QDir(dir).filePath(name),
                                                      tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg)"));
    if (path.isEmpty())
        return;
    auto record = exportEvidence(path);
    if (!record) {
        QMessageBox::warning(this, tr("Evidence not exported"), record.error().message);
        return;
    }
    setStatus(tr("Exported to %1 and recorded in the audit log (SHA-256 %2…).")
                  .arg(QDir::toNativeSeparators(record->path), record->exportSha256.left(16)));
}

void ImageViewer::setStatus(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QString ImageViewer::statusText() const
{
    return m_status->text();
}

} // namespace alpr

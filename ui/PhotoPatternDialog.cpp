#include "PhotoPatternDialog.h"

#include "EnhancementPipeline.h"
#include "ImageCanvas.h"
#include "ImageLoader.h"
#include "PlateReader.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace alpr {

struct PhotoPatternDialog::Analysis
{
    QImage photo;
    QList<PlateRegion> regions;
    QList<QPolygonF> quads;
    QString error;
};

struct PhotoPatternDialog::Ocr
{
    QImage straightened;
    PlateReading reading;
    QString error;
};

namespace {

constexpr int kShownRegions = 5;

QImage straighten(const QImage& photo, const QPolygonF& quad)
{
    EnhancementSettings s;
    s.perspective.enabled = true;
    s.perspective.quad = quad;
    return EnhancementPipeline(s).run(photo);
}

} // namespace

PhotoPatternDialog::PhotoPatternDialog(QWidget* parent)
    : QDialog(parent)
    , m_reader(std::make_unique<PlateReader>())
{
    setObjectName(QStringLiteral("photoPatternDialog"));
    setWindowTitle(tr("Plate from a photo"));
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    m_open = new QPushButton(tr("Open photo…"), this);
    m_open->setObjectName(QStringLiteral("openPhotoButton"));
    m_file = new QLabel(tr("A JPEG or PNG photo with a plate in it: a doorbell or dash camera still, a witness's "
                           "picture."),
                        this);
    m_file->setObjectName(QStringLiteral("fileLabel"));
    m_file->setWordWrap(true);
    top->addWidget(m_open);
    top->addWidget(m_file, 1);
    layout->addLayout(top);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_canvas = new ImageCanvas(splitter);
    m_canvas->setObjectName(QStringLiteral("photoCanvas"));
    m_canvas->setPlaceholder(tr("No photo opened."));
    splitter->addWidget(m_canvas);

    auto* side = new QWidget(splitter);
    auto* column = new QVBoxLayout(side);
    column->setContentsMargins(6, 0, 0, 0);
    column->addWidget(new QLabel(tr("<b>1.</b> Pick the plate (click an outline or a row; drag the corners to "
                                    "fit):"),
                                 side));
    m_regionList = new QListWidget(side);
    m_regionList->setObjectName(QStringLiteral("regionList"));
    m_regionList->setMaximumHeight(110);
    column->addWidget(m_regionList);
    column->addWidget(new QLabel(tr("<b>2.</b> The plate, straightened, as the recogniser reads it:"), side));
    m_crop = new ImageCanvas(side);
    m_crop->setObjectName(QStringLiteral("cropCanvas"));
    m_crop->setMinimumHeight(110);
    m_crop->setPlaceholder(tr("No plate chosen yet."));
    column->addWidget(m_crop);
    m_characters = new QLabel(side);
    m_characters->setObjectName(QStringLiteral("charactersLabel"));
    m_characters->setTextFormat(Qt::RichText);
    m_characters->setMinimumHeight(64);
    column->addWidget(m_characters);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(new QLabel(tr("<b>3.</b> Unsure below"), side));
    m_threshold = new QSpinBox(side);
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    m_threshold->setRange(0, 100);
    m_threshold->setValue(80);
    m_threshold->setSuffix(tr(" % confidence"));
    m_threshold->setToolTip(tr("Characters read with less confidence become ? (any one character) in the pattern."));
    thresholdRow->addWidget(m_threshold);
    thresholdRow->addStretch(1);
    column->addLayout(thresholdRow);
    auto* patternRow = new QHBoxLayout;
    patternRow->addWidget(new QLabel(tr("Pattern:"), side));
    m_pattern = new QLineEdit(side);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setPointSize(14);
    mono.setBold(true);
    m_pattern->setFont(mono);
    m_pattern->setPlaceholderText(tr("e.g. 7P?T94?"));
    m_pattern->setToolTip(tr("? one unknown character, * any run; edit it if you can read more than the recogniser."));
    patternRow->addWidget(m_pattern, 1);
    column->addLayout(patternRow);
    column->addStretch(1);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_search = m_buttons->addButton(tr("Search partial plate"), QDialogButtonBox::AcceptRole);
    m_search->setObjectName(QStringLiteral("searchButton"));
    m_search->setEnabled(false);
    layout->addWidget(m_buttons);
    resize(1100, 680);

    connect(m_open, &QPushButton::clicked, this, &PhotoPatternDialog::chooseFile);
    connect(m_regionList, &QListWidget::currentRowChanged, this, &PhotoPatternDialog::selectRegion);
    connect(m_canvas, &ImageCanvas::regionClicked, this, [this](int i) { m_regionList->setCurrentRow(i); });
    connect(m_canvas, &ImageCanvas::quadEdited, this, [this](const QPolygonF& q) { setQuad(q); });
    connect(m_threshold, &QSpinBox::valueChanged, this, [this] { showReading(); });
    connect(m_pattern, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_search->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        emit searchRequested(pattern());
        accept();
    });
}

PhotoPatternDialog::~PhotoPatternDialog()
{
    // The tasks use m_reader: they finish before it goes.
    for (QFuture<void>& f : m_work)
        f.waitForFinished();
}

void PhotoPatternDialog::chooseFile()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open a photo"), dir, tr("Photos (*.jpg *.jpeg *.png);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void PhotoPatternDialog::openFile(const QString& path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    showStatus(tr("Opening the photo and looking for plates…"));
    ++m_busy;
    auto* watcher = new QFutureWatcher<Analysis>(this);
    connect(watcher, &QFutureWatcher<Analysis>::finished, this, [this, watcher] {
        const Analysis a = watcher->result();
        watcher->deleteLater();
        --m_busy;
        if (!a.error.isEmpty()) {
            showError(a.error);
            return;
        }
        m_photo = a.photo;
        m_regions = a.regions;
        m_quads = a.quads;
        loaded();
    });
    QFuture<Analysis> future = QtConcurrent::run([path] {
        Analysis a;
        auto image = ImageLoader::loadFile(path);
        if (!image) {
            a.error = image.error().message;
            return a;
        }
        a.photo = image.value();
        PlateRegionFinder finder;
        a.regions = finder.propose(a.photo, kShownRegions);
        for (const PlateRegion& r : std::as_const(a.regions))
            a.quads.append(finder.refineQuad(a.photo, r));
        return a;
    });
    watcher->setFuture(future);
    m_work.append(QFuture<void>(future));
}

void PhotoPatternDialog::loaded()
{
    m_canvas->setImage(m_photo);
    m_regionList->clear();
    m_reading = {};
    for (int i = 0; i < m_regions.size(); ++i) {
        const QRect b = m_regions[i].bounds.toAlignedRect();
        m_regionList->addItem(
            tr("%1. %2 × %3 px at (%4, %5)").arg(i + 1).arg(b.width()).arg(b.height()).arg(b.x()).arg(b.y()));
    }
    QList<QPolygonF> outlines;
    for (const PlateRegion& r : std::as_const(m_regions))
        outlines.append(r.quad);
    m_canvas->setRegions(outlines, -1);
    if (m_regions.isEmpty()) {
        // Still usable: the user places the corners by hand.
        const QRectF r(m_photo.width() * 0.35, m_photo.height() * 0.4, m_photo.width() * 0.3, m_photo.height() * 0.15);
        showStatus(tr("No plate-like region found. Drag the four corners onto the plate."));
        setQuad(QPolygonF() << r.topLeft() << r.topRight() << r.bottomRight() << r.bottomLeft());
        m_canvas->setQuadEditable(true);
        return;
    }
    showStatus(tr("%n plate-like region(s) found, best first.", nullptr, int(m_regions.size())));
    m_regionList->setCurrentRow(0);
}

void PhotoPatternDialog::selectRegion(int index)
{
    if (index < 0 || index >= m_regions.size())
        return;
    m_selected = index;
    if (m_regionList->currentRow() != index)
        m_regionList->setCurrentRow(index);
    QList<QPolygonF> outlines;
    for (const PlateRegion& r : std::as_const(m_regions))
        outlines.append(r.quad);
    m_canvas->setRegions(outlines, index);
    m_canvas->setQuadEditable(true);
    setQuad(m_quads.value(index, m_regions[index].quad));
}

QPolygonF PhotoPatternDialog::quad() const
{
    return m_canvas->quad();
}

void PhotoPatternDialog::setQuad(const QPolygonF& quad)
{
    if (m_canvas->quad() != quad)
        m_canvas->setQuad(quad);
    readPlate();
}

void PhotoPatternDialog::readPlate()
{
    if (m_photo.isNull() || m_canvas->quad().size() != 4)
        return;
    if (m_ocrRunning) {
        m_readAgain = true; // the newest corners are read when the running read ends (one engine, one read at a time)
        return;
    }
    m_readAgain = false;
    m_ocrRunning = true;
    ++m_busy;
    showStatus(tr("Reading the plate…"));
    const QImage photo = m_photo;
    const QPolygonF quad = m_canvas->quad();
    PlateReader* reader = m_reader.get();
    auto* watcher = new QFutureWatcher<Ocr>(this);
    connect(watcher, &QFutureWatcher<Ocr>::finished, this, [this, watcher] {
        const Ocr o = watcher->result();
        watcher->deleteLater();
        --m_busy;
        m_ocrRunning = false;
        if (m_readAgain) {
            m_readAgain = false;
            readPlate();
            return;
        }
        if (!o.error.isEmpty()) {
            showError(o.error);
            return;
        }
        m_crop->setImage(o.straightened);
        m_reading = o.reading;
        showReading();
    });
    QFuture<Ocr> future = QtConcurrent::run([photo, quad, reader] {
        Ocr o;
        o.straightened = straighten(photo, quad);
        auto reading = reader->read(o.straightened);
        if (reading)
            o.reading = reading.value();
        else
            o.error = reading.error().message;
        return o;
    });
    watcher->setFuture(future);
    m_work.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
    m_work.append(QFuture<void>(future));
}

void PhotoPatternDialog::showReading()
{
    const float limit = float(m_threshold->value());
    if (m_reading.characters.isEmpty()) {
        m_characters->setText(tr("<i>No characters could be read here. Adjust the corners, or type what you can "
                                 "read into the pattern.</i>"));
        m_characters->setWordWrap(true);
        if (!m_photo.isNull())
            showStatus(tr("Nothing legible in this region."));
        return;
    }
    // Each character over its confidence, red when it becomes ? in the pattern.
    QString cells;
    for (const PlateCharacter& c : std::as_const(m_reading.characters)) {
        const bool sure = c.confidence >= limit;
        cells += QStringLiteral("<td align='center' style='padding:2px 6px; background:%1;'>"
                                "<span style='font-family:\"DejaVu Sans Mono\"; font-size:18pt; font-weight:bold;'>"
                                "%2</span><br/><span style='font-size:8pt;'>%3 %</span></td>")
                     .arg(sure ? QStringLiteral("#dff3e2") : QStringLiteral("#f8d7da"), QString(c.character))
                     .arg(qRound(c.confidence));
    }
    m_characters->setText(QStringLiteral("<table cellspacing='3'><tr>%1</tr></table>").arg(cells));
    m_pattern->setText(m_reading.pattern(limit));
    const int unsure = m_reading.uncertainCount(limit);
    showStatus(unsure == 0 ? tr("Read with confidence. Check the pattern against the photo before searching.")
                           : tr("%n character(s) uncertain: shown as ? in the pattern.", nullptr, unsure));
}

void PhotoPatternDialog::setThreshold(int percent)
{
    m_threshold->setValue(percent);
}

int PhotoPatternDialog::threshold() const
{
    return m_threshold->value();
}

QString PhotoPatternDialog::pattern() const
{
    return m_pattern->text().trimmed().toUpper();
}

QString PhotoPatternDialog::errorText() const
{
    return m_status->property("error").toBool() ? m_status->text() : QString();
}

void PhotoPatternDialog::showError(const QString& message)
{
    m_status->setProperty("error", true);
    m_status->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 600;"));
    m_status->setText(message);
}

void PhotoPatternDialog::showStatus(const QString& message)
{
    m_status->setProperty("error", false);
    m_status->setStyleSheet(QString());
    m_status->setText(message);
}

bool PhotoPatternDialog::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while ((m_busy > 0 || m_readAgain) && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return m_busy == 0;
}

} // namespace alpr

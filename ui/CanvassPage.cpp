#include "CanvassPage.h"

#include "CanvassResultModel.h"
#include "CanvassService.h"
#include "Clock.h"
#include "LocateAnalysis.h"
#include "Plate.h"
#include "ReadSearchModel.h"
#include "ReadTableController.h"
#include "SceneArea.h"
#include "SceneListModel.h"
#include "Session.h"
#include "Store.h"

#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGeoCircle>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <memory>

namespace alpr {

namespace {

constexpr qint64 kHourMs = 60 * 60 * 1000;
const QString kTimeFormat = QStringLiteral("yyyy-MM-dd HH:mm t");

/** Busy cursor for the length of a query (the store answers on this thread; see the class comment). */
class BusyCursor
{
public:
    BusyCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QGuiApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};

CanvassResultModel::Cell number(qint64 n)
{
    return { QString::number(n), QVariant(n), true };
}

CanvassResultModel::Cell time(qint64 ms)
{
    return { SceneListModel::localTime(ms), QVariant(ms) };
}

QTableView* makeTable(QWidget* parent, const QString& name)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QSpinBox* spin(QWidget* parent, const QString& name, int min, int max, int value, const QString& suffix)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

CanvassPage::CanvassPage(Session& session, CanvassService& canvass, ClipboardGuard& clipboard, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_canvass(canvass)
    , m_scenes(new SceneListModel(this))
    , m_results(new CanvassResultModel(this))
    , m_resultsProxy(new QSortFilterProxyModel(this))
    , m_reads(new ReadSearchModel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(buildSceneBox(), 3);
    top->addWidget(buildAnalysisBox(), 0);
    layout->addLayout(top);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("canvassStatus"));
    m_statusLabel->setWordWrap(true);
    layout->addWidget(m_statusLabel);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("canvassResultsSplitter"));
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Results</b> — select a row to see its reads"), left));
    m_resultTable = makeTable(left, QStringLiteral("canvassResultsTable"));
    m_resultsProxy->setSourceModel(m_results);
    m_resultsProxy->setSortRole(CanvassResultModel::SortRole);
    m_resultTable->setModel(m_resultsProxy);
    m_resultTable->setSortingEnabled(true);
    m_resultTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_resultTable->horizontalHeader()->setStretchLastSection(false);
    leftLayout->addWidget(m_resultTable);
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_readsLabel = new QLabel(tr("<b>Reads</b>"), right);
    m_readsLabel->setObjectName(QStringLiteral("canvassReadsLabel"));
    rightLayout->addWidget(m_readsLabel);
    m_readTable = makeTable(right, QStringLiteral("canvassReadsTable"));
    rightLayout->addWidget(m_readTable);
    m_readsController
        = new ReadTableController(m_readTable, m_reads, session, clipboard, QStringLiteral("canvassPage"), this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(m_resultTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CanvassPage::resultRowSelected);
    connect(m_sceneTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CanvassPage::sceneSelected);
    connect(m_scenes, &QAbstractItemModel::rowsInserted, this, &CanvassPage::updateButtons);
    connect(m_scenes, &QAbstractItemModel::rowsRemoved, this, &CanvassPage::updateButtons);
    connect(m_reads, &ReadSearchModel::pageLoaded, this, [this] {
        if (!m_reads->lastError().isEmpty())
            showMessage(m_reads->lastError(), true);
        // The first page decides the column widths (the table is built empty).
        if (m_reads->loaded() <= ReadSearchModel::kPageSize)
            m_readTable->resizeColumnsToContents();
    });
    updateButtons();
    showMessage(tr("Add a scene (type a centre and radius, or draw an area on the map), then choose an analysis."),
                false);
}

CanvassPage::~CanvassPage()
{
    // The session and service are the main window's and may be gone before the tables: no query while tearing down.
    disconnect(m_resultTable->selectionModel(), nullptr, this, nullptr);
}

QWidget* CanvassPage::buildSceneBox()
{
    auto* box = new QGroupBox(tr("Scenes"), this);
    auto* layout = new QVBoxLayout(box);
    m_sceneTable = makeTable(box, QStringLiteral("sceneTable"));
    m_sceneTable->setModel(m_scenes);
    m_sceneTable->setSelectionMode(QAbstractItemView::SingleSelection);
    // Times and number always whole; the area takes what is left (its full text is the tooltip).
    QHeaderView* header = m_sceneTable->horizontalHeader();
    const int timeWidth = m_sceneTable->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-27 19:30 PDT")) + 24;
    for (int column : { int(SceneListModel::From), int(SceneListModel::To) }) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, timeWidth);
    }
    header->setSectionResizeMode(SceneListModel::Number, QHeaderView::Fixed);
    header->resizeSection(SceneListModel::Number, m_sceneTable->fontMetrics().horizontalAdvance(tr("Scene")) + 24);
    header->setSectionResizeMode(SceneListModel::Area, QHeaderView::Stretch);
    m_sceneTable->setTextElideMode(Qt::ElideMiddle);
    m_sceneTable->setMinimumHeight(m_sceneTable->verticalHeader()->defaultSectionSize() * 4 + 30);
    layout->addWidget(m_sceneTable);

    auto* form = new QHBoxLayout;
    m_centreEdit = new QLineEdit(box);
    m_centreEdit->setObjectName(QStringLiteral("sceneCentreEdit"));
    m_centreEdit->setPlaceholderText(tr("34.04730, -117.96572"));
    m_centreEdit->setMinimumWidth(
        m_centreEdit->fontMetrics().horizontalAdvance(QStringLiteral("-34.047300, -117.965720")));
    m_centreEdit->setToolTip(tr("Centre of a circular scene: latitude, longitude in degrees. Or draw the scene on the "
                                "map (circle, rectangle or polygon)."));
    m_radiusSpin = new QDoubleSpinBox(box);
    m_radiusSpin->setObjectName(QStringLiteral("sceneRadiusSpin"));
    m_radiusSpin->setRange(0, 50000);
    m_radiusSpin->setDecimals(0);
    m_radiusSpin->setValue(500);
    m_radiusSpin->setSuffix(tr(" m"));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs()).toLocalTime();
    const QDateTime hour(now.date(), QTime(now.time().hour(), 0));
    m_fromEdit = new QDateTimeEdit(hour.addSecs(-2 * 3600), box);
    m_fromEdit->setObjectName(QStringLiteral("sceneFromEdit"));
    m_toEdit = new QDateTimeEdit(hour, box);
    m_toEdit->setObjectName(QStringLiteral("sceneToEdit"));
    for (QDateTimeEdit* edit : { m_fromEdit, m_toEdit }) {
        edit->setDisplayFormat(kTimeFormat);
        edit->setCalendarPopup(true);
    }
    m_toEdit->setToolTip(tr("The window is half-open: reads at exactly this time are not included."));
    form->addWidget(new QLabel(tr("Centre"), box));
    form->addWidget(m_centreEdit, 2);
    form->addWidget(new QLabel(tr("Radius"), box));
    form->addWidget(m_radiusSpin);
    layout->addLayout(form);
    // The window on a row of its own: the page stays narrow enough to leave the map dock room beside it.
    auto* window = new QHBoxLayout;
    window->addWidget(new QLabel(tr("From"), box));
    window->addWidget(m_fromEdit);
    window->addWidget(new QLabel(tr("to"), box));
    window->addWidget(m_toEdit);
    window->addStretch(1);
    layout->addLayout(window);

    auto* buttons = new QHBoxLayout;
    m_addButton = new QPushButton(tr("Add scene"), box);
    m_addButton->setObjectName(QStringLiteral("addSceneButton"));
    m_updateButton = new QPushButton(tr("Update selected"), box);
    m_updateButton->setObjectName(QStringLiteral("updateSceneButton"));
    m_updateButton->setToolTip(tr("Apply the window (and, for a circle, the centre and radius) to the selected scene"));
    m_removeButton = new QPushButton(tr("Remove"), box);
    m_removeButton->setObjectName(QStringLiteral("removeSceneButton"));
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_updateButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_addButton, &QPushButton::clicked, this, &CanvassPage::addCircleFromForm);
    connect(m_centreEdit, &QLineEdit::returnPressed, this, &CanvassPage::addCircleFromForm);
    connect(m_updateButton, &QPushButton::clicked, this, &CanvassPage::updateSelectedFromForm);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_sceneTable->currentIndex();
        if (current.isValid())
            m_scenes->removeScene(current.row());
    });
    return box;
}

QWidget* CanvassPage::buildAnalysisBox()
{
    auto* box = new QGroupBox(tr("Analyses"), this);
    auto* layout = new QFormLayout(box);
    layout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);

    m_canvassButton = new QPushButton(tr("Canvass scene"), box);
    m_canvassButton->setObjectName(QStringLiteral("canvassButton"));
    m_canvassButton->setToolTip(tr("Every read in the selected scene's area and window, plates ranked by reads"));
    layout->addRow(m_canvassButton, new QLabel(tr("vehicles at the selected scene"), box));

    auto* common = new QHBoxLayout;
    common->addWidget(new QLabel(tr("seen at at least"), box));
    m_minScenesSpin = spin(box, QStringLiteral("minScenesSpin"), 1, 1, 1, QString());
    common->addWidget(m_minScenesSpin);
    common->addWidget(new QLabel(tr("scenes"), box));
    common->addStretch(1);
    m_commonButton = new QPushButton(tr("Common plates"), box);
    m_commonButton->setObjectName(QStringLiteral("commonPlatesButton"));
    layout->addRow(m_commonButton, common);

    m_plateEdit = new QLineEdit(box);
    m_plateEdit->setObjectName(QStringLiteral("canvassPlateEdit"));
    m_plateEdit->setPlaceholderText(tr("plate, e.g. 7PBT942"));
    m_plateEdit->setMaxLength(12);
    layout->addRow(tr("Plate"), m_plateEdit);

    auto* convoy = new QHBoxLayout;
    convoy->addWidget(new QLabel(tr("within"), box));
    m_withinSecondsSpin = spin(box, QStringLiteral("withinSecondsSpin"), 0, 3600, 60, tr(" s"));
    convoy->addWidget(m_withinSecondsSpin);
    convoy->addWidget(new QLabel(tr("and"), box));
    m_withinMetresSpin = spin(box, QStringLiteral("withinMetresSpin"), 0, 5000, 100, tr(" m"));
    convoy->addWidget(m_withinMetresSpin);
    convoy->addWidget(new QLabel(tr("at least"), box));
    m_minTimesSpin = spin(box, QStringLiteral("minTimesSpin"), 1, 1000, 2, tr(" times"));
    convoy->addWidget(m_minTimesSpin);
    convoy->addStretch(1);
    m_convoyButton = new QPushButton(tr("Convoy"), box);
    m_convoyButton->setObjectName(QStringLiteral("convoyButton"));
    m_convoyButton->setToolTip(tr("Plates read near this plate's sightings, again and again"));
    layout->addRow(m_convoyButton, convoy);

    auto* locate = new QHBoxLayout;
    locate->addWidget(new QLabel(tr("places of"), box));
    m_clusterSpin = spin(box, QStringLiteral("clusterMetresSpin"), 0, 5000, 200, tr(" m"));
    locate->addWidget(m_clusterSpin);
    locate->addStretch(1);
    m_locateButton = new QPushButton(tr("Locate"), box);
    m_locateButton->setObjectName(QStringLiteral("locateButton"));
    m_locateButton->setToolTip(tr("Where and at what hours this plate is usually seen"));
    layout->addRow(m_locateButton, locate);

    connect(m_canvassButton, &QPushButton::clicked, this, &CanvassPage::canvassScene);
    connect(m_commonButton, &QPushButton::clicked, this, &CanvassPage::commonPlates);
    connect(m_convoyButton, &QPushButton::clicked, this, &CanvassPage::convoy);
    connect(m_locateButton, &QPushButton::clicked, this, &CanvassPage::locate);
    connect(m_plateEdit, &QLineEdit::textChanged, this, &CanvassPage::updateButtons);
    return box;
}

void CanvassPage::updateButtons()
{
    const int n = int(m_scenes->scenes().size());
    const bool plate = isValidNormalisedPlate(normalisePlate(m_plateEdit->text()));
    m_canvassButton->setEnabled(n > 0);
    m_commonButton->setEnabled(n > 1);
    m_minScenesSpin->setMaximum(std::max(1, n));
    if (m_minScenesSpin->value() < 2 && n > 1)
        m_minScenesSpin->setValue(2);
    m_updateButton->setEnabled(m_sceneTable->currentIndex().isValid());
    m_removeButton->setEnabled(m_sceneTable->currentIndex().isValid());
    m_convoyButton->setEnabled(plate);
    m_locateButton->setEnabled(plate);
}

void CanvassPage::showMessage(const QString& text, bool error)
{
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

bool CanvassPage::windowFromForm(qint64* fromMs, qint64* toMs)
{
    *fromMs = m_fromEdit->dateTime().toMSecsSinceEpoch();
    *toMs = m_toEdit->dateTime().toMSecsSinceEpoch();
    if (*fromMs >= *toMs) {
        showMessage(tr("The scene's window is empty: 'From' must be before 'to'."), true);
        m_toEdit->setFocus();
        return false;
    }
    return true;
}

void CanvassPage::addScene(const QGeoShape& area)
{
    Scene s;
    s.area = area;
    if (!windowFromForm(&s.fromMs, &s.toMs))
        return;
    auto checked = SceneArea::fromShape(area);
    if (!checked) {
        showMessage(checked.error().message, true);
        return;
    }
    const int row = m_scenes->addScene(s);
    m_sceneTable->setCurrentIndex(m_scenes->index(row, SceneListModel::Area));
    showMessage(tr("Scene %1 added: %2.").arg(row + 1).arg(checked->describe()), false);
}

void CanvassPage::addCircleFromForm()
{
    const QStringList parts = m_centreEdit->text().split(u',');
    bool okLat = false;
    bool okLon = false;
    const double lat = parts.value(0).trimmed().toDouble(&okLat);
    const double lon = parts.value(1).trimmed().toDouble(&okLon);
    if (parts.size() != 2 || !okLat || !okLon || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        showMessage(tr("Centre: type latitude, longitude in degrees, e.g. 34.04730, -117.96572."), true);
        m_centreEdit->setFocus();
        return;
    }
    addScene(QGeoCircle(QGeoCoordinate(lat, lon), m_radiusSpin->value()));
}

void CanvassPage::updateSelectedFromForm()
{
    const QModelIndex current = m_sceneTable->currentIndex();
    if (!current.isValid())
        return;
    Scene s = m_scenes->scenes().at(current.row());
    if (!windowFromForm(&s.fromMs, &s.toMs))
        return;
    if (s.area.type() == QGeoShape::CircleType) {
        const QStringList parts = m_centreEdit->text().split(u',');
        bool okLat = false;
        bool okLon = false;
        const double lat = parts.value(0).trimmed().toDouble(&okLat);
        const double lon = parts.value(1).trimmed().toDouble(&okLon);
        if (parts.size() == 2 && okLat && okLon)
            s.area = QGeoCircle(QGeoCoordinate(lat, lon), m_radiusSpin->value());
    }
    m_scenes->replaceScene(current.row(), s);
    showMessage(tr("Scene %1 updated.").arg(current.row() + 1), false);
}

void CanvassPage::sceneSelected()
{
    updateButtons();
    const QModelIndex current = m_sceneTable->currentIndex();
    if (!current.isValid())
        return;
    const Scene& s = m_scenes->scenes().at(current.row());
    m_fromEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(s.fromMs).toLocalTime());
    m_toEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(s.toMs).toLocalTime());
    if (s.area.type() == QGeoShape::CircleType) {
        const QGeoCircle c(s.area);
        m_centreEdit->setText(
            QStringLiteral("%1, %2").arg(c.center().latitude(), 0, 'f', 5).arg(c.center().longitude(), 0, 'f', 5));
        m_radiusSpin->setValue(c.radius());
    }
}

void CanvassPage::clear()
{
    m_readsController->closeDetails();
    m_reads->clear();
    m_results->clear();
    m_resultAbout = {};
    m_readsLabel->setText(tr("<b>Reads</b>"));
    showMessage(QString(), false);
}

void CanvassPage::showReadsOf(const QList<ReadPoint>& points, const QString& what)
{
    // Newest first, the reads table's own order; whole reads are fetched a page at a time as the user scrolls, each
    // page a logged access.
    auto ids = std::make_shared<QList<qint64>>();
    QList<ReadPoint> sorted = points;
    std::sort(sorted.begin(), sorted.end(), [](const ReadPoint& a, const ReadPoint& b) {
        return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.readId > b.readId;
    });
    for (const ReadPoint& p : std::as_const(sorted))
        ids->append(p.readId);
    auto next = std::make_shared<qsizetype>(0);
    QJsonObject about = m_resultAbout;
    QHash<qint64, QString> names;
    if (auto cams = m_session.store().cameras())
        for (const Camera& c : cams.value())
            names.insert(c.id, c.name);
    m_reads->setSource(
        [this, ids, next, about](int n) -> Result<QList<Read>> {
            if (*next >= ids->size())
                return QList<Read> {};
            const QList<qint64> page = ids->mid(*next, n);
            *next += page.size();
            BusyCursor busy;
            return m_canvass.reads(page, about);
        },
        names);
    m_readsLabel->setText(tr("<b>Reads</b> — %1 (%n read(s))", nullptr, int(ids->size())).arg(what));
    std::reverse(sorted.begin(), sorted.end());
    Q_EMIT readsShown(sorted);
}

void CanvassPage::openRead(qint64 readId)
{
    BusyCursor busy;
    auto reads = m_canvass.reads({ readId }, m_resultAbout);
    if (!reads) {
        showMessage(reads.error().message, true);
        return;
    }
    if (!reads->isEmpty())
        m_readsController->openDetails(reads->constFirst());
}

void CanvassPage::resultRowSelected()
{
    const QModelIndex current = m_resultTable->currentIndex();
    if (!current.isValid()) {
        showReadsOf(m_results->allReads(), tr("all results"));
        return;
    }
    const CanvassResultModel::Row& row = m_results->rowAt(m_resultsProxy->mapToSource(current).row());
    showReadsOf(row.reads, row.cells.value(1).text);
}

void CanvassPage::canvassScene()
{
    if (m_scenes->scenes().isEmpty())
        return;
    const QModelIndex current = m_sceneTable->currentIndex();
    const int index = current.isValid() ? current.row() : 0;
    const Scene scene = m_scenes->scenes().at(index);
    clear();
    Result<SceneResult> result = failure(QString());
    {
        BusyCursor busy;
        result = m_canvass.scene(scene);
    }
    if (!result) {
        showMessage(result.error().message, true);
        return;
    }
    QHash<qint64, QList<ReadPoint>> byPlate;
    for (const ReadPoint& p : std::as_const(result->reads))
        byPlate[p.plateId].append(p);
    QList<CanvassResultModel::Row> rows;
    for (const ScenePlate& p : std::as_const(result->plates)) {
        rows.append({ { number(rows.size() + 1), { p.plate, {} }, number(p.reads), time(p.firstMs), time(p.lastMs) },
                      byPlate.value(p.plateId) });
    }
    m_resultAbout = CanvassService::describe(scene);
    m_results->setResult({ tr("Rank"), tr("Plate"), tr("Reads"), tr("First seen"), tr("Last seen") }, rows);
    m_resultTable->sortByColumn(0, Qt::AscendingOrder);
    m_resultTable->resizeColumnsToContents();
    showMessage(
        tr("Scene %1: %2 reads of %3 plates.").arg(index + 1).arg(result->reads.size()).arg(result->plates.size()),
        false);
    showReadsOf(result->reads, tr("scene %1").arg(index + 1));
}

void CanvassPage::commonPlates()
{
    const QList<Scene> scenes = m_scenes->scenes();
    const int k = m_minScenesSpin->value();
    clear();
    Result<MultiSceneResult> result = failure(QString());
    {
        BusyCursor busy;
        result = m_canvass.commonPlates(scenes, k);
    }
    if (!result) {
        showMessage(result.error().message, true);
        return;
    }
    QStringList headers { tr("Rank"), tr("Plate"), tr("Scenes") };
    for (qsizetype i = 0; i < scenes.size(); ++i)
        headers.append(tr("Scene %1").arg(i + 1));
    headers.append(tr("Reads"));
    QList<CanvassResultModel::Row> rows;
    for (const CommonPlate& p : std::as_const(result->plates)) {
        CanvassResultModel::Row row { { number(rows.size() + 1), { p.plate, {} }, number(p.scenes) }, p.reads };
        for (qint64 n : p.readsPerScene)
            row.cells.append(number(n));
        row.cells.append(number(p.totalReads));
        rows.append(row);
    }
    QJsonArray list;
    for (const Scene& s : scenes)
        list.append(CanvassService::describe(s));
    m_resultAbout = { { QStringLiteral("scenes"), list }, { QStringLiteral("min_scenes"), k } };
    m_results->setResult(headers, rows);
    m_resultTable->sortByColumn(0, Qt::AscendingOrder);
    m_resultTable->resizeColumnsToContents();
    QStringList perScene;
    for (qint64 n : std::as_const(result->readsPerScene))
        perScene.append(QString::number(n));
    showMessage(tr("%1 plates seen at %2 or more of the %3 scenes (reads at each scene: %4).")
                    .arg(result->plates.size())
                    .arg(k)
                    .arg(scenes.size())
                    .arg(perScene.join(QStringLiteral(", "))),
                false);
    showReadsOf(m_results->allReads(), tr("all common plates"));
}

void CanvassPage::convoy()
{
    ConvoyQuery q;
    q.plate = normalisePlate(m_plateEdit->text());
    q.withinMs = qint64(m_withinSecondsSpin->value()) * 1000;
    q.withinMetres = m_withinMetresSpin->value();
    q.minTimes = m_minTimesSpin->value();
    clear();
    Result<ConvoyResult> result = failure(QString());
    {
        BusyCursor busy;
        result = m_canvass.convoy(q);
    }
    if (!result) {
        showMessage(result.error().message, true);
        return;
    }
    QList<CanvassResultModel::Row> rows;
    for (const ConvoyPlate& p : std::as_const(result->plates)) {
        rows.append({ { number(rows.size() + 1),
                        { p.plate, {} },
                        number(p.sightingsMatched),
                        number(p.coReads),
                        time(p.firstMs),
                        time(p.lastMs) },
                      p.reads });
    }
    m_resultAbout = { { QStringLiteral("convoy_of"), q.plate } };
    m_results->setResult(
        { tr("Rank"), tr("Plate"), tr("Times together"), tr("Reads"), tr("First together"), tr("Last together") },
        rows);
    m_resultTable->sortByColumn(0, Qt::AscendingOrder);
    m_resultTable->resizeColumnsToContents();
    if (result->targetSightings.isEmpty())
        showMessage(tr("%1 has no reads: nothing travels with it.").arg(q.plate), false);
    else
        showMessage(tr("%1 was read %2 times; %3 plates were read within %4 s and %5 m of it at least %6 times.")
                        .arg(q.plate)
                        .arg(result->targetSightings.size())
                        .arg(result->plates.size())
                        .arg(m_withinSecondsSpin->value())
                        .arg(m_withinMetresSpin->value())
                        .arg(q.minTimes),
                    false);
    showReadsOf(m_results->allReads(), tr("all companions"));
}

void CanvassPage::locate()
{
    LocateQuery q;
    q.plate = normalisePlate(m_plateEdit->text());
    q.clusterMetres = m_clusterSpin->value();
    clear();
    Result<LocateResult> result = failure(QString());
    {
        BusyCursor busy;
        result = m_canvass.locate(q);
    }
    if (!result) {
        showMessage(result.error().message, true);
        return;
    }
    QList<CanvassResultModel::Row> rows;
    for (const SightingCluster& c : std::as_const(result->clusters)) {
        const QString place = QStringLiteral("%1, %2").arg(c.lat, 0, 'f', 5).arg(c.lon, 0, 'f', 5);
        rows.append({ { number(rows.size() + 1),
                        { place, {} },
                        number(c.sightings),
                        number(c.days),
                        { LocateAnalysis::formatHours(c.usualHours), QVariant(c.usualHours.value(0, 99)) },
                        time(c.firstMs),
                        time(c.lastMs) },
                      c.reads });
    }
    m_resultAbout = { { QStringLiteral("locate"), q.plate } };
    m_results->setResult({ tr("Place"), tr("Centre"), tr("Sightings"), tr("Days"), tr("Usual hours"), tr("First seen"),
                           tr("Last seen") },
                         rows);
    m_resultTable->sortByColumn(0, Qt::AscendingOrder);
    m_resultTable->resizeColumnsToContents();
    showMessage(result->sightings == 0 ? tr("%1 has no reads.").arg(q.plate)
                                       : tr("%1: %2 sightings in %3 places (hours in %4).")
                                             .arg(q.plate)
                                             .arg(result->sightings)
                                             .arg(result->clusters.size())
                                             .arg(QString::fromUtf8(q.zone.id())),
                false);
    showReadsOf(m_results->allReads(), tr("all sightings"));
}

} // namespace alpr

#include "PartialPlatePage.h"

#include "CandidateModel.h"
#include "ClipboardGuard.h"
#include "Clock.h"
#include "OcrConfusion.h"
#include "PlatePositionBox.h"
#include "ReadSearchModel.h"
#include "ReadTableController.h"
#include "Session.h"
#include "Store.h"
#include "ui_PartialPlatePage.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <algorithm>
#include <bit>

namespace alpr {

namespace {

constexpr int kDefaultLength = 7; // most plates of the region (California) have seven characters

/** The characters of a symbol mask in alphabet order (digits, then letters). */
QString charsOf(quint64 mask)
{
    QString out;
    for (int s = 0; s < PlatePattern::kAlphabetSize; ++s) {
        if (mask & (quint64(1) << s))
            out.append(PlatePattern::charOf(s));
    }
    return out;
}

} // namespace

PartialPlatePage::PartialPlatePage(Session& session, SearchService& search, ClipboardGuard& clipboard, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PartialPlatePage>())
    , m_session(session)
    , m_search(search)
    , m_clipboard(clipboard)
    , m_candidates(new CandidateModel(this))
    , m_candidateProxy(new QSortFilterProxyModel(this))
    , m_reads(new ReadSearchModel(this))
{
    m_ui->setupUi(this);
    m_ui->patternErrorLabel->setVisible(false);
    m_ui->complexityLabel->setVisible(false);
    QFont patternFont(QStringLiteral("DejaVu Sans Mono"));
    patternFont.setPointSizeF(patternFont.pointSizeF() * 1.15);
    m_ui->patternEdit->setFont(patternFont);

    const QStringList groups = OcrConfusion::groups();
    m_ui->misreadGroupsLabel->setText(tr("(%1)").arg(groups.join(QStringLiteral(" · "))));
    const QString misreadHelp = tr("Each known character also matches the characters cameras confuse it with. "
                                   "Confusion groups: %1. Matches that need a misread rank below exact ones.")
                                    .arg(groups.join(QStringLiteral(", ")));
    m_ui->misreadCheck->setToolTip(misreadHelp);
    m_ui->misreadGroupsLabel->setToolTip(misreadHelp);

    m_boxesLayout = new QHBoxLayout(m_ui->boxesContainer);
    m_boxesLayout->setContentsMargins(0, 0, 0, 0);
    m_boxesLayout->setSpacing(6);
    m_gapMarker = new QLabel(tr("…"), m_ui->boxesContainer);
    m_gapMarker->setObjectName(QStringLiteral("gapMarker"));
    m_gapMarker->setStyleSheet(QStringLiteral("font-size: 20pt; font-weight: 600; padding: 0 6px;"));
    m_gapMarker->setToolTip(tr("Any number of characters the witness did not see"));
    m_ui->lengthKnownCheck->setChecked(true);
    m_ui->lengthSpin->setValue(kDefaultLength);
    setBoxCount(kDefaultLength);
    updateGapChoices();
    layoutBoxes();

    connect(m_ui->lengthKnownCheck, &QCheckBox::toggled, this, [this](bool known) {
        if (m_syncing)
            return;
        if (!known)
            m_gap = int(m_boxes.size()); // the usual case: the witness saw how it started
        updateGapChoices();
        layoutBoxes();
        builderChanged();
    });
    connect(m_ui->lengthSpin, &QSpinBox::valueChanged, this, [this](int count) {
        if (m_syncing)
            return;
        const bool gapAtEnd = m_gap >= m_boxes.size();
        setBoxCount(count);
        m_gap = gapAtEnd ? count : std::min(m_gap, count);
        updateGapChoices();
        layoutBoxes();
        builderChanged();
    });
    connect(m_ui->gapCombo, &QComboBox::activated, this, [this](int index) {
        m_gap = m_ui->gapCombo->itemData(index).toInt();
        layoutBoxes();
        builderChanged();
    });
    connect(m_ui->patternEdit, &QLineEdit::textEdited, this, &PartialPlatePage::patternEdited);
    connect(m_ui->patternEdit, &QLineEdit::returnPressed, this, &PartialPlatePage::findCandidates);
    connect(m_ui->findButton, &QPushButton::clicked, this, &PartialPlatePage::findCandidates);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &PartialPlatePage::reset);

    // The scene: a place and a time window, both needed, used only to rank.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(session.clock().nowMs()).toLocalTime();
    const QDateTime hour(now.date(), QTime(now.time().hour(), 0));
    m_ui->sceneFromEdit->setDateTime(hour.addSecs(-3600));
    m_ui->sceneToEdit->setDateTime(hour);
    for (QWidget* w : { static_cast<QWidget*>(m_ui->sceneLocationEdit), static_cast<QWidget*>(m_ui->sceneFromEdit),
                        static_cast<QWidget*>(m_ui->sceneToEdit) })
        connect(m_ui->sceneCheck, &QCheckBox::toggled, w, &QWidget::setEnabled);

    m_candidateProxy->setSourceModel(m_candidates);
    m_candidateProxy->setSortRole(CandidateModel::SortRole);
    QTableView* candidates = m_ui->candidatesTable;
    candidates->setModel(m_candidateProxy);
    candidates->verticalHeader()->setVisible(false);
    candidates->verticalHeader()->setDefaultSectionSize(candidates->fontMetrics().height() + 8);
    candidates->horizontalHeader()->setStretchLastSection(true);
    candidates->horizontalHeader()->setSortIndicator(CandidateModel::Rank, Qt::AscendingOrder);
    candidates->setSortingEnabled(true);
    candidates->resizeColumnsToContents();
    candidates->setColumnHidden(CandidateModel::Nearest, true); // until a scene is given
    auto* copy = new QAction(tr("&Copy plates"), candidates);
    copy->setObjectName(QStringLiteral("copyCandidatesAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &PartialPlatePage::copySelectedCandidates);
    candidates->addAction(copy);
    candidates->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(candidates->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showReadsOfCandidate(current.row());
            });

    m_readsController = new ReadTableController(m_ui->readsTable, m_reads, session, clipboard,
                                                QStringLiteral("partialPlatePage"), this);
    connect(m_reads, &ReadSearchModel::pageLoaded, this, &PartialPlatePage::updateReadsLabel);
    m_ui->resultsSplitter->setStretchFactor(0, 3);
    m_ui->resultsSplitter->setStretchFactor(1, 2);

    builderChanged();
    updateStatus();
    updateReadsLabel();
}

PartialPlatePage::~PartialPlatePage()
{
    // The tables die after this body, and the session and search service may already be gone (they are the main
    // window's members): a selection change while the models are torn down must not start a query.
    disconnect(m_ui->candidatesTable->selectionModel(), nullptr, this, nullptr);
}

void PartialPlatePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateStatus(); // the case may have changed while the page was hidden
}

// ---- the builder

void PartialPlatePage::setBoxCount(int count)
{
    while (m_boxes.size() > count)
        delete m_boxes.takeLast();
    while (m_boxes.size() < count) {
        auto* box = new PlatePositionBox(m_ui->boxesContainer);
        box->setObjectName(QStringLiteral("positionBox%1").arg(m_boxes.size() + 1));
        connect(box, &PlatePositionBox::changed, this, &PartialPlatePage::builderChanged);
        m_boxes.append(box);
    }
}

void PartialPlatePage::layoutBoxes()
{
    while (m_boxesLayout->count() > 0)
        delete m_boxesLayout->takeAt(0); // the widgets stay; only the layout items go
    const bool lengthKnown = m_ui->lengthKnownCheck->isChecked();
    const int n = int(m_boxes.size());
    for (int i = 0; i <= n; ++i) {
        if (!lengthKnown && i == m_gap)
            m_boxesLayout->addWidget(m_gapMarker);
        if (i == n)
            break;
        PlatePositionBox* box = m_boxes.at(i);
        // Boxes after the unknown run are counted from the end of the plate.
        if (lengthKnown || i < m_gap)
            box->setPosition(i + 1);
        else
            box->setPosition(-(n - i));
        m_boxesLayout->addWidget(box);
    }
    m_boxesLayout->addStretch(1);
    m_gapMarker->setVisible(!lengthKnown);
    m_ui->gapLabel->setVisible(!lengthKnown);
    m_ui->gapCombo->setVisible(!lengthKnown);
    m_ui->lengthUnitLabel->setText(lengthKnown ? tr("characters") : tr("positions described, plus unknown characters"));
    m_ui->lengthSpin->setToolTip(lengthKnown ? tr("How many characters the plate has")
                                             : tr("How many positions the witness described"));

    // Keyboard order follows the boxes as shown.
    QWidget* previous = m_ui->gapCombo;
    for (PlatePositionBox* box : std::as_const(m_boxes)) {
        auto* edit = box->findChild<QWidget*>(QStringLiteral("charsEdit"));
        auto* mode = box->findChild<QWidget*>(QStringLiteral("modeCombo"));
        setTabOrder(previous, edit);
        setTabOrder(edit, mode);
        previous = mode;
    }
    setTabOrder(previous, m_ui->patternEdit);
}

void PartialPlatePage::updateGapChoices()
{
    const int n = int(m_boxes.size());
    const QSignalBlocker blocker(m_ui->gapCombo);
    m_ui->gapCombo->clear();
    m_ui->gapCombo->addItem(tr("after the boxes: the plate starts with them"), n);
    m_ui->gapCombo->addItem(tr("before the boxes: the plate ends with them"), 0);
    for (int k = 1; k < n; ++k)
        m_ui->gapCombo->addItem(tr("in the middle: %1 at the start, %2 at the end").arg(k).arg(n - k), k);
    m_ui->gapCombo->setCurrentIndex(std::max(0, m_ui->gapCombo->findData(m_gap)));
}

QString PartialPlatePage::builderPattern() const
{
    QString out;
    const bool lengthKnown = m_ui->lengthKnownCheck->isChecked();
    for (int i = 0; i <= m_boxes.size(); ++i) {
        if (!lengthKnown && i == m_gap)
            out += u'*';
        if (i < m_boxes.size())
            out += m_boxes.at(i)->patternText();
    }
    return out;
}

void PartialPlatePage::builderChanged()
{
    if (m_syncing)
        return;
    m_ui->patternEdit->setText(builderPattern());
    m_ui->patternErrorLabel->setVisible(false);
}

bool PartialPlatePage::applyToBoxes(const PlatePattern& pattern)
{
    const QList<PlatePattern::Element>& elements = pattern.elements();
    int stars = 0;
    int gap = 0;
    for (int i = 0; i < elements.size(); ++i) {
        if (elements.at(i).isStar()) {
            ++stars;
            gap = i;
        }
    }
    if (stars > 1)
        return false;
    QList<PlatePattern::Element> positions;
    for (const PlatePattern::Element& e : elements) {
        if (!e.isStar())
            positions.append(e);
    }
    if (positions.isEmpty()) {
        // A lone `*` is every plate: the same as one unknown position followed by the unknown run.
        positions.append(PlatePattern::Element { false, PlatePattern::kAllSymbols, PlatePattern::kAllSymbols });
        gap = 1;
    }

    m_syncing = true;
    m_ui->lengthKnownCheck->setChecked(stars == 0);
    m_ui->lengthSpin->setValue(int(positions.size()));
    setBoxCount(int(positions.size()));
    m_gap = stars ? gap : int(positions.size());
    for (int i = 0; i < positions.size(); ++i) {
        const quint64 mask = positions.at(i).typedMask;
        const int count = std::popcount(mask);
        if (mask == PlatePattern::kAllSymbols)
            m_boxes.at(i)->set(PlatePositionBox::Mode::Any, QString());
        else if (count == 1)
            m_boxes.at(i)->set(PlatePositionBox::Mode::Known, charsOf(mask));
        else if (count <= PlatePattern::kAlphabetSize / 2)
            m_boxes.at(i)->set(PlatePositionBox::Mode::OneOf, charsOf(mask));
        else
            m_boxes.at(i)->set(PlatePositionBox::Mode::NoneOf, charsOf(~mask & PlatePattern::kAllSymbols));
    }
    updateGapChoices();
    layoutBoxes();
    m_syncing = false;
    return true;
}

void PartialPlatePage::setBoxesEnabled(bool enabled)
{
    m_ui->boxesContainer->setEnabled(enabled);
    m_ui->lengthKnownCheck->setEnabled(enabled);
    m_ui->lengthSpin->setEnabled(enabled);
    m_ui->gapCombo->setEnabled(enabled);
}

void PartialPlatePage::patternEdited(const QString& text)
{
    m_ui->patternErrorLabel->setVisible(false);
    if (text.trimmed().isEmpty()) {
        m_ui->complexityLabel->setVisible(false);
        setBoxesEnabled(true);
        m_syncing = true;
        for (PlatePositionBox* box : std::as_const(m_boxes))
            box->set(PlatePositionBox::Mode::Any, QString());
        m_syncing = false;
        return;
    }
    PlatePattern::ParseError error;
    auto pattern = PlatePattern::parse(text, false, &error);
    if (!pattern) {
        // Probably half-typed (`7[8`): say what is wrong, but leave the cursor where the user is typing.
        showPatternError(error, false);
        return;
    }
    const bool fits = applyToBoxes(pattern.value());
    setBoxesEnabled(fits);
    m_ui->complexityLabel->setVisible(!fits);
    if (!fits) {
        m_ui->complexityLabel->setText(tr("Pattern too complex for the boxes: they can show one run of unknown "
                                          "characters, this pattern has several. The pattern is searched as typed; "
                                          "clear it to use the boxes again."));
    }
}

void PartialPlatePage::setPattern(const QString& pattern)
{
    m_ui->patternEdit->setText(pattern);
    patternEdited(pattern);
}

void PartialPlatePage::reset()
{
    m_syncing = true;
    m_ui->lengthKnownCheck->setChecked(true);
    m_ui->lengthSpin->setValue(kDefaultLength);
    setBoxCount(kDefaultLength);
    for (PlatePositionBox* box : std::as_const(m_boxes))
        box->set(PlatePositionBox::Mode::Any, QString());
    m_gap = kDefaultLength;
    updateGapChoices();
    layoutBoxes();
    m_syncing = false;
    setBoxesEnabled(true);
    m_ui->complexityLabel->setVisible(false);
    builderChanged();
    clear();
}

void PartialPlatePage::showPatternError(const PlatePattern::ParseError& error, bool select)
{
    m_ui->patternErrorLabel->setText(error.position > 0 ? tr("Position %1: %2").arg(error.position).arg(error.reason)
                                                        : error.reason);
    m_ui->patternErrorLabel->setVisible(true);
    if (!select)
        return;
    const int length = int(m_ui->patternEdit->text().size());
    m_ui->patternEdit->setFocus(Qt::OtherFocusReason);
    if (error.position >= 1 && error.position <= length)
        m_ui->patternEdit->setSelection(error.position - 1, 1);
    else
        m_ui->patternEdit->setCursorPosition(length);
}

// ---- candidates and their reads

Result<std::optional<SceneHint>> PartialPlatePage::sceneFromForm() const
{
    if (!m_ui->sceneCheck->isChecked())
        return std::optional<SceneHint>();
    const QStringList parts = m_ui->sceneLocationEdit->text().split(u',');
    bool latOk = false;
    bool lonOk = false;
    SceneHint scene;
    if (parts.size() == 2) {
        scene.lat = parts.at(0).trimmed().toDouble(&latOk);
        scene.lon = parts.at(1).trimmed().toDouble(&lonOk);
    }
    if (!latOk || !lonOk || scene.lat < -90 || scene.lat > 90 || scene.lon < -180 || scene.lon > 180)
        return usageError(tr("Scene location: write latitude,longitude in degrees, e.g. 34.0473,-117.9657."));
    scene.fromMs = m_ui->sceneFromEdit->dateTime().toMSecsSinceEpoch();
    scene.toMs = m_ui->sceneToEdit->dateTime().toMSecsSinceEpoch();
    if (scene.fromMs >= scene.toMs)
        return usageError(tr("Scene time: “to” must be later than “from”."));
    return std::optional<SceneHint>(scene);
}

void PartialPlatePage::findCandidates()
{
    PlateQuery query;
    query.pattern = m_ui->patternEdit->text();
    query.misread = m_ui->misreadCheck->isChecked();
    query.alternates = m_ui->alternativesCheck->isChecked();
    PlatePattern::ParseError error;
    auto pattern = PlatePattern::parse(query.pattern, query.misread, &error);
    if (!pattern) {
        showPatternError(error, true);
        return;
    }
    // A pattern of unknowns only would list every plate of a length: not a lead, and not a query to log.
    const auto& elements = pattern->elements();
    if (std::none_of(elements.begin(), elements.end(),
                     [](const PlatePattern::Element& e) { return !e.isStar() && !e.isAny(); })) {
        m_message = tr("Describe at least one character of the plate.");
        updateStatus();
        return;
    }
    m_ui->patternErrorLabel->setVisible(false);
    auto scene = sceneFromForm();
    if (!scene) {
        m_message = scene.error().message;
        updateStatus();
        return;
    }
    m_readsController->closeDetails();
    m_reads->clear();
    m_shownPlate.clear();
    updateReadsLabel();
    auto found = m_search.candidates(query, scene.value());
    if (!found) {
        m_candidates->clear();
        m_query.reset();
        m_message = found.error().message;
        updateStatus();
        return;
    }
    m_query = query;
    m_withScene = scene->has_value();
    m_message.clear();
    m_candidates->setCandidates(std::move(found.value()), m_withScene);
    m_ui->candidatesTable->sortByColumn(CandidateModel::Rank, Qt::AscendingOrder);
    m_ui->candidatesTable->resizeColumnsToContents();
    m_ui->candidatesTable->setColumnHidden(CandidateModel::Nearest, !m_withScene);
    updateStatus();
}

QHash<qint64, QString> PartialPlatePage::cameraNames() const
{
    QHash<qint64, QString> names;
    if (auto cameras = m_session.store().cameras())
        for (const Camera& c : cameras.value())
            names.insert(c.id, c.name);
    return names;
}

void PartialPlatePage::showReadsOfCandidate(int row)
{
    const QModelIndex source = m_candidateProxy->mapToSource(m_candidateProxy->index(row, 0));
    if (!source.isValid() || !m_query)
        return;
    const CandidatePlate candidate = m_candidates->candidateAt(source.row());
    m_readsController->closeDetails();
    auto reads = m_search.readsOfPlate(candidate, m_query->alternates, ReadFilter {});
    if (!reads) {
        m_reads->clear();
        m_shownPlate.clear();
        m_message = reads.error().message;
        updateStatus();
        updateReadsLabel();
        return;
    }
    m_shownPlate = candidate.plate;
    m_reads->setSearch(std::move(reads.value()), cameraNames());
    if (m_reads->rowCount() > 0)
        m_ui->readsTable->resizeColumnsToContents();
    updateReadsLabel();
}

void PartialPlatePage::copySelectedCandidates()
{
    QStringList plates;
    QModelIndexList rows = m_ui->candidatesTable->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : rows)
        plates.append(m_candidates->candidateAt(m_candidateProxy->mapToSource(index).row()).plate);
    if (!plates.isEmpty())
        m_clipboard.copy(plates.join(u'\n'));
}

void PartialPlatePage::clear()
{
    m_readsController->closeDetails();
    m_reads->clear();
    m_candidates->clear();
    m_query.reset();
    m_shownPlate.clear();
    m_message.clear();
    updateStatus();
    updateReadsLabel();
}

void PartialPlatePage::updateStatus()
{
    const auto& activeCase = m_session.activeCase();
    const QString caseText = activeCase ? tr("For %1.").arg(activeCase->title().toHtmlEscaped())
                                        : tr("<b>No active case</b> — open one (Session ▸ Switch case) to search.");
    QString text;
    if (!m_message.isEmpty()) {
        text = QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(m_message.toHtmlEscaped());
    } else if (m_query) {
        const QList<CandidatePlate>& all = m_candidates->candidates();
        qsizetype exact = 0;
        qsizetype alternateOnly = 0;
        for (const CandidatePlate& c : all) {
            exact += c.misreads == 0 ? 1 : 0;
            alternateOnly += c.onlyAsAlternate ? 1 : 0;
        }
        const QLocale locale;
        if (all.isEmpty()) {
            text = tr("No plate matches <b>%1</b>.").arg(m_query->pattern.toHtmlEscaped());
        } else {
            text = tr("<b>%1</b> candidate plates for <b>%2</b>: %3 exact, %4 with misreads; %5 known only as an OCR "
                      "alternative. Select one to list its reads.")
                       .arg(locale.toString(all.size()), m_query->pattern.toHtmlEscaped(), locale.toString(exact),
                            locale.toString(all.size() - exact), locale.toString(alternateOnly));
        }
    } else {
        text = tr("Describe the plate in the boxes or type a pattern, then Find candidates.");
    }
    m_ui->statusLabel->setText(text + QStringLiteral(" &nbsp; ") + caseText);
}

void PartialPlatePage::updateReadsLabel()
{
    if (m_shownPlate.isEmpty()) {
        m_ui->readsLabel->setText(tr("Reads of the selected candidate appear here."));
        return;
    }
    const QString count = QLocale().toString(m_reads->loaded());
    if (!m_reads->lastError().isEmpty())
        m_ui->readsLabel->setText(tr("Reads of <b>%1</b>: %2 loaded; loading more failed: %3")
                                      .arg(m_shownPlate, count, m_reads->lastError().toHtmlEscaped()));
    else if (!m_reads->atEnd())
        m_ui->readsLabel->setText(
            tr("Reads of <b>%1</b>, newest first: %2 so far — scroll for more.").arg(m_shownPlate, count));
    else
        m_ui->readsLabel->setText(tr("Reads of <b>%1</b>, newest first: %2.").arg(m_shownPlate, count));
}

} // namespace alpr

#include "SearchPage.h"

#include "AtomicFile.h"
#include "AuditLog.h"
#include "ClipboardGuard.h"
#include "Clock.h"
#include "OcrConfusion.h"
#include "ReadSearchModel.h"
#include "ReadTableController.h"
#include "Session.h"
#include "Store.h"
#include "ui_SearchPage.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>
#include <QStandardPaths>
#include <algorithm>

namespace alpr {

namespace {

const char* const kStates[]
    = { "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
        "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
        "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY" };

/** One CSV field (RFC 4180). Text a spreadsheet would run as a formula is defused with a leading apostrophe. */
QString csvText(QString text)
{
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text;
}

QString nowLocal(const Session& session)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(session.clock().nowMs()).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + t.timeZoneAbbreviation();
}

} // namespace

SearchPage::SearchPage(Session& session, SearchService& search, ClipboardGuard& clipboard, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SearchPage>())
    , m_session(session)
    , m_search(search)
    , m_model(new ReadSearchModel(this))
{
    m_ui->setupUi(this);
    m_controller
        = new ReadTableController(m_ui->resultsTable, m_model, session, clipboard, QStringLiteral("searchPage"), this);
    m_ui->patternErrorLabel->setVisible(false);
    m_ui->misreadCheck->setToolTip(tr("Also match characters that plate cameras are known to confuse:\n%1")
                                       .arg(OcrConfusion::groups().join(QStringLiteral("  "))));
    QFont patternFont(QStringLiteral("DejaVu Sans Mono"));
    patternFont.setPointSizeF(patternFont.pointSizeF() * 1.15);
    m_ui->patternEdit->setFont(patternFont);

    m_ui->stateCombo->addItem(tr("Any state"), QString());
    for (const char* state : kStates)
        m_ui->stateCombo->addItem(QLatin1String(state), QLatin1String(state));

    // A sensible window to start from when a bound is ticked: yesterday and today.
    const QDate today = QDateTime::fromMSecsSinceEpoch(session.clock().nowMs()).toLocalTime().date();
    m_ui->fromEdit->setDateTime(QDateTime(today.addDays(-1), QTime(0, 0)));
    m_ui->toEdit->setDateTime(QDateTime(today.addDays(1), QTime(0, 0)));
    connect(m_ui->fromCheck, &QCheckBox::toggled, m_ui->fromEdit, &QWidget::setEnabled);
    connect(m_ui->toCheck, &QCheckBox::toggled, m_ui->toEdit, &QWidget::setEnabled);

    connect(m_ui->searchButton, &QPushButton::clicked, this, &SearchPage::search);
    connect(m_ui->patternEdit, &QLineEdit::returnPressed, this, &SearchPage::search);
    connect(m_ui->makeEdit, &QLineEdit::returnPressed, this, &SearchPage::search);
    connect(m_ui->colourEdit, &QLineEdit::returnPressed, this, &SearchPage::search);
    connect(m_ui->patternEdit, &QLineEdit::textEdited, this, [this] { m_ui->patternErrorLabel->setVisible(false); });
    connect(m_ui->copyButton, &QPushButton::clicked, this, &SearchPage::copySelectedPlates);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SearchPage::exportInteractive);
    connect(m_controller, &ReadTableController::copied, this, [this](int n) {
        m_message = n == 0 ? tr("Select rows to copy first.")
            : n == 1       ? tr("Copied 1 plate to the clipboard.")
                           : tr("Copied %1 plates to the clipboard.").arg(n);
        updateStatus();
    });
    connect(m_model, &ReadSearchModel::pageLoaded, this, [this] {
        m_message.clear();
        updateStatus();
    });
    connect(m_ui->cameraFilterEdit, &QLineEdit::textChanged, this, &SearchPage::filterCameras);
    connect(m_ui->cameraList, &QListWidget::itemChanged, this, &SearchPage::updateCameraCount);
    connect(m_ui->clearCamerasButton, &QPushButton::clicked, this, [this] {
        for (int i = 0; i < m_ui->cameraList->count(); ++i)
            m_ui->cameraList->item(i)->setCheckState(Qt::Unchecked);
    });

    loadCameras();
    updateStatus();
}

SearchPage::~SearchPage() = default;

void SearchPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    loadCameras();
    updateStatus(); // the case may have changed while the page was hidden
}

void SearchPage::loadCameras()
{
    QSet<qint64> ticked;
    for (int i = 0; i < m_ui->cameraList->count(); ++i) {
        if (m_ui->cameraList->item(i)->checkState() == Qt::Checked)
            ticked.insert(m_ui->cameraList->item(i)->data(Qt::UserRole).toLongLong());
    }
    auto cameras = m_session.store().cameras();
    if (!cameras) {
        m_ui->cameraCountLabel->setText(tr("Cameras unavailable: %1").arg(cameras.error().message));
        return;
    }
    QList<Camera> list = cameras.value();
    std::sort(list.begin(), list.end(), [](const Camera& a, const Camera& b) {
        return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
    });
    const QSignalBlocker blocker(m_ui->cameraList);
    m_ui->cameraList->clear();
    for (const Camera& c : list) {
        auto* item = new QListWidgetItem(c.mobile ? tr("%1 (mobile)").arg(c.name) : c.name, m_ui->cameraList);
        item->setData(Qt::UserRole, c.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(ticked.contains(c.id) ? Qt::Checked : Qt::Unchecked);
        if (!c.unit.isEmpty())
            item->setToolTip(tr("Unit: %1").arg(c.unit));
    }
    filterCameras(m_ui->cameraFilterEdit->text());
    updateCameraCount();
}

void SearchPage::filterCameras(const QString& text)
{
    for (int i = 0; i < m_ui->cameraList->count(); ++i) {
        QListWidgetItem* item = m_ui->cameraList->item(i);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

void SearchPage::updateCameraCount()
{
    int ticked = 0;
    for (int i = 0; i < m_ui->cameraList->count(); ++i)
        ticked += m_ui->cameraList->item(i)->checkState() == Qt::Checked ? 1 : 0;
    m_ui->cameraCountLabel->setText(ticked ? tr("%1 of %2 ticked").arg(ticked).arg(m_ui->cameraList->count())
                                           : tr("none ticked: all %1 searched").arg(m_ui->cameraList->count()));
}

Result<ReadFilter> SearchPage::filterFromForm() const
{
    ReadFilter filter;
    if (m_ui->fromCheck->isChecked())
        filter.fromMs = m_ui->fromEdit->dateTime().toMSecsSinceEpoch();
    if (m_ui->toCheck->isChecked())
        filter.toMs = m_ui->toEdit->dateTime().toMSecsSinceEpoch();
    if (filter.fromMs >= filter.toMs)
        return usageError(tr("The time window is empty: “Until” must be later than “From”."));
    for (int i = 0; i < m_ui->cameraList->count(); ++i) {
        if (m_ui->cameraList->item(i)->checkState() == Qt::Checked)
            filter.cameraIds.append(m_ui->cameraList->item(i)->data(Qt::UserRole).toLongLong());
    }
    filter.state = m_ui->stateCombo->currentData().toString();
    filter.hotlistOnly = m_ui->hotlistCheck->isChecked();
    filter.make = m_ui->makeEdit->text().trimmed();
    filter.colour = m_ui->colourEdit->text().trimmed();
    return filter;
}

void SearchPage::showPatternError(const PlatePattern::ParseError& error)
{
    m_ui->patternErrorLabel->setText(error.position > 0 ? tr("Position %1: %2").arg(error.position).arg(error.reason)
                                                        : error.reason);
    m_ui->patternErrorLabel->setVisible(true);
    // Put the user on the spot: select the offending character (or the end, when something is missing there).
    const int length = int(m_ui->patternEdit->text().size());
    m_ui->patternEdit->setFocus(Qt::OtherFocusReason);
    if (error.position >= 1 && error.position <= length)
        m_ui->patternEdit->setSelection(error.position - 1, 1);
    else
        m_ui->patternEdit->setCursorPosition(length);
}

void SearchPage::search()
{
    PlateQuery query;
    query.pattern = m_ui->patternEdit->text();
    query.misread = m_ui->misreadCheck->isChecked();
    query.alternates = m_ui->alternativesCheck->isChecked();
    PlatePattern::ParseError parseError;
    auto pattern = PlatePattern::parse(query.pattern, query.misread, &parseError);
    if (!pattern) {
        showPatternError(parseError);
        return;
    }
    m_ui->patternErrorLabel->setVisible(false);
    // A pattern of unknowns only (`*`, `???????`) with a place and time is a canvass, which needs its own permission
    // (records clerks may search plates but not canvass): not offered here.
    const auto& elements = pattern->elements();
    if (std::none_of(elements.begin(), elements.end(),
                     [](const PlatePattern::Element& e) { return !e.isStar() && !e.isAny(); })) {
        m_message = tr("Give at least one character of the plate. To list every read at a place and time, use "
                       "Canvass.");
        updateStatus();
        return;
    }
    auto filter = filterFromForm();
    if (!filter) {
        m_message = filter.error().message;
        updateStatus();
        return;
    }
    m_controller->closeDetails();
    auto started = m_search.search(query, filter.value());
    if (!started) {
        m_model->clear();
        m_query.reset();
        m_message = started.error().message;
        updateStatus();
        return;
    }
    QHash<qint64, QString> names;
    if (auto cameras = m_session.store().cameras())
        for (const Camera& c : cameras.value())
            names.insert(c.id, c.name);
    m_query = query;
    m_message.clear();
    m_model->setSearch(std::move(started.value()), std::move(names));
    if (m_model->rowCount() > 0) {
        m_ui->resultsTable->resizeColumnsToContents();
        m_ui->resultsTable->scrollToTop();
    }
    updateStatus();
}

void SearchPage::clear()
{
    m_controller->closeDetails();
    m_model->clear();
    m_query.reset();
    m_message.clear();
    m_ui->patternErrorLabel->setVisible(false);
    updateStatus();
}

void SearchPage::updateStatus()
{
    const auto& activeCase = m_session.activeCase();
    const QString caseText = activeCase ? tr("For %1.").arg(activeCase->title().toHtmlEscaped())
                                        : tr("<b>No active case</b> — open one (Session ▸ Switch case) to search.");
    QString text;
    if (!m_message.isEmpty()) {
        text = QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(m_message.toHtmlEscaped());
    } else if (m_query) {
        const QString count = QLocale().toString(m_model->loaded());
        const QString pattern = m_query->pattern.toHtmlEscaped();
        if (!m_model->lastError().isEmpty())
            text = tr("%1 reads loaded; loading more failed: %2").arg(count, m_model->lastError().toHtmlEscaped());
        else if (m_model->loaded() == 0)
            text = tr("No reads match <b>%1</b> with these filters.").arg(pattern);
        else if (!m_model->atEnd())
            text = tr("<b>%1</b> reads so far — scroll for more. Matching <b>%2</b>.").arg(count, pattern);
        else
            text = tr("<b>%1</b> reads match <b>%2</b>.").arg(count, pattern);
    } else {
        text = tr("Enter a plate or a partial plate and press Enter.");
    }
    m_ui->statusLabel->setText(text + QStringLiteral(" &nbsp; ") + caseText);
    m_ui->copyButton->setEnabled(m_model->rowCount() > 0);
    m_ui->exportButton->setEnabled(m_model->rowCount() > 0 && m_session.may(Permission::ExportShare));
}

int SearchPage::copySelectedPlates()
{
    return m_controller->copySelectedPlates();
}

void SearchPage::exportInteractive()
{
    // Ask the policy before asking for a file name: a refusal should not come after the user picked one.
    if (Status s = m_session.authorise(Permission::ExportShare, QStringLiteral("CSV export")); !s) {
        m_message = s.error().message;
        updateStatus();
        return;
    }
    const auto& activeCase = m_session.activeCase();
    const QString stamp = QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs())
                              .toLocalTime()
                              .toString(QStringLiteral("yyyyMMdd-HHmm"));
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath(QStringLiteral("reads-%1-%2.csv")
                            .arg(activeCase ? activeCase->number : QStringLiteral("nocase"), stamp));
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export reads as CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    Status s = exportCsv(path);
    m_message = s ? QString() : s.error().message;
    updateStatus();
    if (s) {
        const QString more
            = m_model->atEnd() ? QString() : tr(" More reads match: scroll to load them, then export again.");
        m_ui->statusLabel->setText(
            tr("Exported %1 reads to %2.%3")
                .arg(QLocale().toString(m_model->loaded()), QFileInfo(path).fileName().toHtmlEscaped(), more));
    }
}

Status SearchPage::exportCsv(const QString& path)
{
    if (!m_query || m_model->rowCount() == 0)
        return usageError(tr("Nothing to export: run a search first."));
    if (Status s = m_session.authorise(Permission::ExportShare, QStringLiteral("CSV export")); !s)
        return s;
    const auto& activeCase = m_session.activeCase();
    if (!activeCase)
        return policyError(tr("Exports belong to a case: open one first."));
    const UserRecord& user = m_session.user();
    const int rows = m_model->rowCount();

    QString csv;
    csv.reserve(rows * 160);
    QString options;
    if (m_query->misread)
        options += tr(", misreads allowed");
    if (m_query->alternates)
        options += tr(", with OCR alternatives");
    const QString intro = tr("ALPR Workstation export; %1; case number %2; exported by %3 (%4) at %5; query %6%7; "
                             "%8 reads%9")
                              .arg(activeCase->title(), activeCase->number, user.name, user.agency, nowLocal(m_session),
                                   m_query->pattern, options, QString::number(rows),
                                   m_model->atEnd() ? QString() : tr(" (those loaded; more matched)"));
    csv += csvText(intro) + QStringLiteral("\r\n");
    // Column names are identifiers for other tools, not translated text.
    csv += QStringLiteral("read_id,time_local,time_utc,plate,state,camera,camera_id,latitude,longitude,heading,"
                          "confidence,ocr_alternatives,make,model,colour,images\r\n");
    for (int row = 0; row < rows; ++row) {
        const Read& r = m_model->readAt(row);
        QStringList alternatives;
        for (const PlateCandidate& c : r.candidates)
            alternatives.append(QStringLiteral("%1 (%2)").arg(c.plate).arg(double(c.confidence), 0, 'f', 1));
        const QStringList fields {
            QString::number(r.id),
            csvText(ReadSearchModel::localTime(r.timeMs)),
            QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs),
            csvText(r.plate),
            csvText(r.state),
            csvText(m_model->cameraName(r.cameraId)),
            QString::number(r.cameraId),
            QString::number(r.lat, 'f', 6),
            QString::number(r.lon, 'f', 6),
            r.heading < 0 ? QString() : QString::number(double(r.heading), 'f', 0),
            QString::number(double(r.confidence), 'f', 1),
            csvText(alternatives.join(QStringLiteral("; "))),
            csvText(r.make),
            csvText(r.model),
            csvText(r.colour),
            r.hasImages ? QStringLiteral("yes") : QStringLiteral("no"),
        };
        csv += fields.join(u',') + QStringLiteral("\r\n");
    }

    const QJsonObject detail { { QStringLiteral("case"), activeCase->number },
                               { QStringLiteral("rows"), rows },
                               { QStringLiteral("file"), QFileInfo(path).fileName() } };
    Status written = writeFileAtomically(path, csv.toUtf8(), tr("CSV export"));
    if (!written) {
        QJsonObject failed = detail;
        failed.insert(QStringLiteral("reason"), written.error().message);
        // The write failure is what the user must hear about; a failing audit log will show on the next event.
        ignoreError(
            m_session.audit().record(user.name, QStringLiteral("export.csv"), QStringLiteral("failure"), failed));
        return written;
    }
    // An export the audit log does not know about must not exist.
    if (Status s = m_session.audit().record(user.name, QStringLiteral("export.csv"), QStringLiteral("success"), detail);
        !s) {
        QFile::remove(path);
        return failure(
            tr("The export was not kept: it could not be recorded in the audit log (%1).").arg(s.error().message));
    }
    return {};
}

} // namespace alpr

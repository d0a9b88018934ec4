#include "AuditPage.h"

#include "AccessLogTableModel.h"
#include "AuditLog.h"
#include "AuditTableModel.h"
#include "Clock.h"
#include "Session.h"
#include "Store.h"
#include "ui_AuditPage.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <algorithm>

namespace alpr {

namespace {

constexpr int kMaxColumnWidth = 320;

/** Fits the columns to their contents, but no column so wide that the ones after it scroll out of sight. */
void fitColumns(QTableView* table)
{
    table->resizeColumnsToContents();
    for (int c = 0; c < table->model()->columnCount(); ++c)
        table->setColumnWidth(c, std::min(table->columnWidth(c), kMaxColumnWidth));
}

void setUpTable(QTableView* table)
{
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
}

/** Replaces a combo's choices, keeping the current one when it is still offered. */
void setChoices(QComboBox* combo, const QString& allText, QStringList values)
{
    const QString current = combo->currentData().toString();
    std::sort(values.begin(), values.end());
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString& v : values)
        combo->addItem(v, v);
    const int keep = combo->findData(current);
    combo->setCurrentIndex(keep >= 0 ? keep : 0);
}

} // namespace

AuditPage::AuditPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuditPage>())
    , m_session(session)
    , m_auditModel(new AuditTableModel(this))
    , m_accessModel(new AccessLogTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->auditTable->setModel(m_auditModel);
    m_ui->accessTable->setModel(m_accessModel);
    setUpTable(m_ui->auditTable);
    setUpTable(m_ui->accessTable);
    m_ui->errorLabel->setVisible(false);
    m_ui->verifyStatusLabel->setText(tr("Not verified yet in this session."));

    connect(m_ui->verifyButton, &QPushButton::clicked, this, &AuditPage::verify);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_ui->userFilterCombo, &QComboBox::currentIndexChanged, this, &AuditPage::loadAudit);
    connect(m_ui->eventFilterCombo, &QComboBox::currentIndexChanged, this, &AuditPage::loadAudit);
    connect(m_ui->accessSearchButton, &QPushButton::clicked, this, &AuditPage::searchAccessLog);
    connect(m_ui->accessFilterEdit, &QLineEdit::returnPressed, this, &AuditPage::searchAccessLog);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == m_ui->tabs->indexOf(m_ui->accessTab) && m_allowed && !m_accessLoaded)
            searchAccessLog();
    });
}

AuditPage::~AuditPage() = default;

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    activate();
}

void AuditPage::activate()
{
    if (m_activated)
        return;
    m_activated = true;
    if (Status s = m_session.authorise(Permission::ReviewAudit, QStringLiteral("review audit log")); !s) {
        showError(s.error().message);
        m_ui->tabs->setEnabled(false);
        return;
    }
    m_allowed = true;
    refresh();
}

void AuditPage::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void AuditPage::refresh()
{
    if (!m_allowed)
        return;
    // Recorded before reading, so the review shows up in what the reviewer sees.
    if (Status s
        = m_session.audit().record(m_session.user().name, QStringLiteral("audit.review"), QStringLiteral("success"),
                                   { { QStringLiteral("log"), QStringLiteral("audit") } });
        !s) {
        showError(s.error().message);
        return;
    }
    showError(QString());
    loadAudit();
}

void AuditPage::loadAudit()
{
    if (!m_allowed)
        return;
    const QString user = m_ui->userFilterCombo->currentData().toString();
    const QString event = m_ui->eventFilterCombo->currentData().toString();
    QSet<QString> users;
    QSet<QString> events;
    QList<AuditRow> rows;
    qint64 matching = 0;
    qint64 total = 0;
    const Status s = m_session.store().forEachAudit([&](const AuditRow& r) {
        ++total;
        users.insert(r.username);
        events.insert(r.event);
        if ((user.isEmpty() || r.username == user) && (event.isEmpty() || r.event == event)) {
            ++matching;
            rows.append(r);
            // Keep only the newest kMaxRows; trimming in batches keeps this linear.
            if (rows.size() >= 2 * kMaxRows)
                rows.remove(0, rows.size() - kMaxRows);
        }
        return true;
    });
    if (!s) {
        showError(s.error().message);
        return;
    }
    if (rows.size() > kMaxRows)
        rows.remove(0, rows.size() - kMaxRows);
    std::reverse(rows.begin(), rows.end()); // newest first

    setChoices(m_ui->userFilterCombo, tr("All users"), QStringList(users.begin(), users.end()));
    setChoices(m_ui->eventFilterCombo, tr("All events"), QStringList(events.begin(), events.end()));
    m_auditModel->setRows(rows);
    fitColumns(m_ui->auditTable);
    const QLocale locale;
    m_ui->countLabel->setText(
        matching > rows.size()
            ? tr("Newest %1 of %2 matching rows (%3 in the log)")
                  .arg(locale.toString(rows.size()), locale.toString(matching), locale.toString(total))
            : tr("%1 of %2 rows").arg(locale.toString(matching), locale.toString(total)));
}

void AuditPage::verify()
{
    if (!m_allowed)
        return;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    auto result = m_session.audit().verify();
    QGuiApplication::restoreOverrideCursor();
    if (!result) {
        m_ui->verifyStatusLabel->setText(tr("Could not verify: %1").arg(result.error().message));
        m_ui->verifyStatusLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 600;"));
        return;
    }
    const AuditVerification& v = result.value();
    const QLocale locale;
    QJsonObject detail { { QStringLiteral("rows"), double(v.rowsChecked) } };
    if (v.ok) {
        QString text = tr("Intact: %1 rows (checked %2)")
                           .arg(locale.toString(v.rowsChecked),
                                QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs())
                                    .toLocalTime()
                                    .toString(QStringLiteral("HH:mm:ss t")));
        if (v.anchoredRowId < v.lastRowId)
            text += u' ' + tr("(rows after %1 are not anchored yet)").arg(v.anchoredRowId);
        m_ui->verifyStatusLabel->setText(text);
        m_ui->verifyStatusLabel->setStyleSheet(QStringLiteral("color: #1b7f3b; font-weight: 600;"));
        m_auditModel->setHighlightedId(0);
    } else {
        // The verifier's problem names the row; say it here only when it does not.
        QString text = tr("Not intact: %1").arg(v.problem);
        if (!v.problem.contains(QString::number(v.firstBadRowId)))
            text += u' ' + tr("(first broken row: %1)").arg(v.firstBadRowId);
        m_ui->verifyStatusLabel->setText(text);
        m_ui->verifyStatusLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 600;"));
        detail.insert(QStringLiteral("first_bad_row"), double(v.firstBadRowId));
        detail.insert(QStringLiteral("problem"), v.problem);
    }
    if (Status s = m_session.audit().record(m_session.user().name, QStringLiteral("audit.verify"),
                                            v.ok ? QStringLiteral("success") : QStringLiteral("failure"), detail);
        !s)
        showError(s.error().message);
    if (!v.ok) {
        // Show the broken row: clear the filters (that reloads) and select it if it is among the rows shown.
        const QSignalBlocker blockUser(m_ui->userFilterCombo);
        const QSignalBlocker blockEvent(m_ui->eventFilterCombo);
        m_ui->userFilterCombo->setCurrentIndex(0);
        m_ui->eventFilterCombo->setCurrentIndex(0);
    }
    loadAudit();
    if (!v.ok) {
        m_auditModel->setHighlightedId(v.firstBadRowId);
        if (const int row = m_auditModel->rowOfId(v.firstBadRowId); row >= 0) {
            m_ui->auditTable->selectRow(row);
            m_ui->auditTable->scrollTo(m_auditModel->index(row, 0), QAbstractItemView::PositionAtCenter);
        }
    }
}

void AuditPage::searchAccessLog()
{
    if (!m_allowed)
        return;
    // Plates are stored normalised (upper case); the search is literal, so match their case.
    const QString filter = m_ui->accessFilterEdit->text().trimmed().toUpper();
    QJsonObject detail { { QStringLiteral("log"), QStringLiteral("access") } };
    if (!filter.isEmpty())
        detail.insert(QStringLiteral("filter"), filter);
    if (Status s = m_session.audit().record(m_session.user().name, QStringLiteral("audit.review"),
                                            QStringLiteral("success"), detail);
        !s) {
        showError(s.error().message);
        return;
    }
    auto records = m_session.store().accessLog(filter, kMaxAccessRecords);
    if (!records) {
        showError(records.error().message);
        return;
    }
    showError(QString());
    m_accessLoaded = true;
    m_accessModel->setRecords(records.value());
    fitColumns(m_ui->accessTable);
    const QLocale locale;
    m_ui->accessCountLabel->setText(records->size() >= kMaxAccessRecords
                                        ? tr("Newest %1 records").arg(locale.toString(records->size()))
                                        : tr("%n record(s)", nullptr, int(records->size())));
}

} // namespace alpr

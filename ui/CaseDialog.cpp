#include "CaseDialog.h"

#include "ActiveCase.h"
#include "Clock.h"
#include "Session.h"
#include "ui_CaseDialog.h"

#include <QDateTime>
#include <QPushButton>

namespace alpr {

CaseDialog::CaseDialog(Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CaseDialog>())
    , m_session(session)
    , m_pattern(session.caseNumberPattern())
{
    m_ui->setupUi(this);
    m_ui->errorLabel->setVisible(false);
    m_ui->categoryCombo->addItems(ActiveCase::categories());
    m_ui->categoryCombo->setCurrentIndex(-1);
    m_ui->categoryCombo->setPlaceholderText(tr("Choose a category…"));

    const QString example = exampleNumber(m_pattern.pattern(), currentYear());
    if (!example.isEmpty()) {
        m_ui->caseNumberEdit->setPlaceholderText(tr("e.g. %1").arg(example));
        m_ui->formatLabel->setText(tr("Format: two-digit year, dash, six digits (e.g. %1).").arg(example));
    } else {
        m_ui->caseNumberEdit->setPlaceholderText(tr("case number"));
        m_ui->formatLabel->setText(tr("Format set by the administrator: %1").arg(m_pattern.pattern()));
    }

    const auto& active = session.activeCase();
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("openCaseButton"));
    if (active) {
        setWindowTitle(tr("Switch case"));
        ok->setText(tr("Switch case"));
        m_ui->caseNumberEdit->setText(active->number);
        m_ui->categoryCombo->setCurrentIndex(m_ui->categoryCombo->findText(active->category));
        m_ui->purposeEdit->setText(active->purpose);
        m_ui->activeLabel->setText(tr("Active now: %1").arg(active->title()));
    } else {
        ok->setText(tr("Open case"));
        m_ui->activeLabel->setVisible(false);
    }

    connect(m_ui->caseNumberEdit, &QLineEdit::textChanged, this, &CaseDialog::validateNumber);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CaseDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CaseDialog::reject);
    validateNumber();
    m_ui->caseNumberEdit->setFocus();
    m_ui->caseNumberEdit->selectAll();
}

CaseDialog::~CaseDialog() = default;

int CaseDialog::currentYear() const
{
    return QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs()).toLocalTime().date().year();
}

QString CaseDialog::exampleNumber(const QString& pattern, int year)
{
    if (pattern != ActiveCase::defaultNumberPattern())
        return {};
    return QStringLiteral("%1-001234").arg(year % 100, 2, 10, QLatin1Char('0'));
}

void CaseDialog::validateNumber()
{
    const QString text = m_ui->caseNumberEdit->text().trimmed();
    // A partial match means "could still become valid": no complaint while the user is typing.
    const auto match = m_pattern.match(text, 0, QRegularExpression::PartialPreferCompleteMatch);
    QString style;
    if (text.isEmpty() || !m_pattern.isValid()) {
        m_ui->numberStatusLabel->clear();
    } else if (match.hasMatch()) {
        m_ui->numberStatusLabel->setText(tr("✓"));
        m_ui->numberStatusLabel->setStyleSheet(QStringLiteral("color: #1b7f3b; font-weight: 600;"));
        m_ui->numberStatusLabel->setToolTip(QString());
    } else if (match.hasPartialMatch()) {
        m_ui->numberStatusLabel->clear();
    } else {
        m_ui->numberStatusLabel->setText(tr("Not in the case-number format"));
        m_ui->numberStatusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
        style = QStringLiteral("QLineEdit { border: 1px solid #b00020; }");
    }
    m_ui->caseNumberEdit->setStyleSheet(style);
}

void CaseDialog::accept()
{
    Status s = m_session.openCase(m_ui->caseNumberEdit->text(), m_ui->categoryCombo->currentText(),
                                  m_ui->purposeEdit->text());
    if (!s) {
        QString message = s.error().message;
        const QString number = m_ui->caseNumberEdit->text().trimmed();
        const QString example = exampleNumber(m_pattern.pattern(), currentYear());
        // The session names the pattern as a regular expression; for the default format words say it better.
        if (!number.isEmpty() && !m_pattern.match(number).hasMatch() && !example.isEmpty())
            message = tr("Case number '%1' does not have the department's format: two-digit year, dash, six digits "
                         "(e.g. %2).")
                          .arg(number, example);
        m_ui->errorLabel->setText(message);
        m_ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace alpr

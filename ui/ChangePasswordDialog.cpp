#include "ChangePasswordDialog.h"

#include "PasswordPolicy.h"
#include "Session.h"
#include "ui_ChangePasswordDialog.h"

#include <QGuiApplication>
#include <QPushButton>

namespace alpr {

ChangePasswordDialog::ChangePasswordDialog(Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChangePasswordDialog>())
    , m_session(session)
{
    m_ui->setupUi(this);
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Change password"));
    ok->setObjectName(QStringLiteral("changeButton"));
    m_ui->errorLabel->setVisible(false);

    const PasswordRules& rules = session.passwordPolicy().rules();
    QString intro = session.mustChangePassword()
        ? tr("Your password has to be changed: passwords are changed at least every %n day(s).", nullptr,
             rules.maxAgeDays)
        : tr("Choose a new password for %1.").arg(session.user().name);
    intro += u' ';
    intro += tr("Use at least %n characters. Long passphrases of several words are best; spaces and any characters "
                "are allowed.",
                nullptr, rules.minLength);
    m_ui->introLabel->setText(intro);

    connect(m_ui->newPasswordEdit, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateFeedback);
    connect(m_ui->repeatEdit, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateFeedback);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ChangePasswordDialog::reject);
    updateFeedback();
    m_ui->newPasswordEdit->setFocus();
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::updateFeedback()
{
    const QString password = m_ui->newPasswordEdit->text();
    QString text;
    QString colour;
    if (password.isEmpty()) {
        text = tr("Type the new password.");
    } else if (Status s = m_session.passwordPolicy().check(password, m_session.user().name); !s) {
        text = s.error().message;
        colour = QStringLiteral("#b00020");
    } else if (m_ui->repeatEdit->text().isEmpty()) {
        text = tr("Meets the password policy. Now repeat it.");
        colour = QStringLiteral("#1b7f3b");
    } else if (m_ui->repeatEdit->text() != password) {
        text = tr("The two passwords differ.");
        colour = QStringLiteral("#b00020");
    } else {
        text = tr("Meets the password policy, and both entries match.");
        colour = QStringLiteral("#1b7f3b");
    }
    m_ui->policyLabel->setText(text);
    m_ui->policyLabel->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
}

void ChangePasswordDialog::accept()
{
    const QString password = m_ui->newPasswordEdit->text();
    QString error;
    if (password != m_ui->repeatEdit->text()) {
        error = tr("The two passwords differ; type the same password twice.");
    } else if (Status s = m_session.passwordPolicy().check(password, m_session.user().name); !s) {
        error = s.error().message;
    } else {
        // Session::changePassword derives two keys (the check against the old password and the new slot).
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        Status changed = m_session.changePassword(password);
        QGuiApplication::restoreOverrideCursor();
        if (changed) {
            m_ui->newPasswordEdit->clear();
            m_ui->repeatEdit->clear();
            QDialog::accept();
            return;
        }
        error = changed.error().message;
    }
    m_ui->errorLabel->setText(error);
    m_ui->errorLabel->setVisible(true);
    m_ui->repeatEdit->clear();
    m_ui->newPasswordEdit->setFocus();
    m_ui->newPasswordEdit->selectAll();
}

} // namespace alpr

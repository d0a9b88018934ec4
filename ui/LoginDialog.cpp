#include "LoginDialog.h"

#include "AuditLog.h"
#include "ChangePasswordDialog.h"
#include "Crypto.h"
#include "MfaEnrolmentDialog.h"
#include "Session.h"
#include "ui_LoginDialog.h"

#include <QFileDialog>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShowEvent>
#include <QSysInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace alpr {

LoginDialog::LoginDialog(const Clock& clock, const QString& storePath, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LoginDialog>())
    , m_clock(clock)
{
    m_ui->setupUi(this);
    m_ui->bannerText->setPlainText(Authenticator::bannerText());
    m_ui->storePathEdit->setText(storePath);
    // Authenticator apps show the code as "123 456"; Totp::verify ignores that space.
    m_ui->otpEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,3} ?[0-9]{0,3}")), this));
    m_ui->busyBar->setVisible(false);
    m_ui->errorLabel->setVisible(false);
    QPushButton* signIn = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    signIn->setText(tr("Sign in"));
    signIn->setObjectName(QStringLiteral("signInButton"));

    connect(m_ui->acknowledgeCheck, &QCheckBox::toggled, this, &LoginDialog::updateSignInEnabled);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &LoginDialog::browse);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::attempt);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<QByteArray>>::finished, this, &LoginDialog::unwrapFinished);
    updateSignInEnabled();
    m_ui->acknowledgeCheck->setFocus();
}

LoginDialog::~LoginDialog()
{
    // Only while a derivation is in flight: once its result was taken the future no longer reports "finished".
    if (m_unwrapping)
        m_watcher.waitForFinished();
}

std::unique_ptr<Session> LoginDialog::takeSession()
{
    return std::move(m_session);
}

QString LoginDialog::sessionSource()
{
    return QStringLiteral("workstation@") + QSysInfo::machineHostName();
}

void LoginDialog::reject()
{
    if (m_unwrapping) {
        m_discard = true;
        setBusy(false);
    }
    QDialog::reject();
}

void LoginDialog::showEvent(QShowEvent* event)
{
    // The notice is acknowledged at every sign-in (CJIS AC-8): showing the dialog again asks again.
    if (!event->spontaneous() && !m_busy)
        m_ui->acknowledgeCheck->setChecked(false);
    QDialog::showEvent(event);
}

void LoginDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open ALPR store"), m_ui->storePathEdit->text(),
                                                      tr("ALPR stores (*.alpr);;All files (*)"));
    if (!path.isEmpty())
        m_ui->storePathEdit->setText(path);
}

void LoginDialog::updateSignInEnabled()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && m_ui->acknowledgeCheck->isChecked());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->busyBar->setVisible(busy && !m_duty);
    for (QWidget* w : std::initializer_list<QWidget*> { m_ui->acknowledgeCheck, m_ui->storePathEdit, m_ui->browseButton,
                                                        m_ui->userEdit, m_ui->passwordEdit, m_ui->otpEdit })
        w->setEnabled(!busy);
    updateSignInEnabled();
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void LoginDialog::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(true);
}

void LoginDialog::attempt()
{
    if (m_busy)
        return;
    if (!m_ui->acknowledgeCheck->isChecked()) {
        showError(tr("Read and acknowledge the system-use notice first."));
        return;
    }
    m_pending = Credentials { m_ui->storePathEdit->text().trimmed(), m_ui->userEdit->text().trimmed(),
                              m_ui->passwordEdit->text(), m_ui->otpEdit->text().trimmed(),
                              m_ui->acknowledgeCheck->isChecked() };
    // The same field names the department's server: its database checks the password (no key slot to unwrap).
    if (m_pending.storePath.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive))
        std::swap(m_pending.storePath, m_pending.serverUri);
    if ((m_pending.storePath.isEmpty() && m_pending.serverUri.isEmpty()) || m_pending.user.isEmpty()
        || m_pending.password.isEmpty()) {
        m_pending.password.clear();
        showError(tr("Enter the store, your user name and your password."));
        return;
    }
    m_ui->errorLabel->setVisible(false);
    setBusy(true);
    m_unwrapping = true;
    m_discard = false;
    const Authenticator auth(m_clock);
    m_watcher.setFuture(QtConcurrent::run([auth, credentials = m_pending] { return auth.unwrapKey(credentials); }));
}

void LoginDialog::unwrapFinished()
{
    if (!m_unwrapping)
        return;
    m_unwrapping = false;
    // Taken, not copied: the future keeps no second copy of the key that secureZero() could not reach.
    Result<QByteArray> key = m_watcher.future().takeResult();
    if (m_discard) {
        m_discard = false;
        m_pending.password.clear();
        if (key)
            secureZero(key.value());
        return;
    }
    m_ui->passwordEdit->clear();
    // A server connection still needs the password (the database checks it when openSession() connects).
    if (m_pending.serverUri.isEmpty() || !key)
        m_pending.password.clear();
    if (!key) {
        setBusy(false);
        showError(key.error().message);
        m_ui->passwordEdit->setFocus();
        return;
    }
    // Opened here, on the GUI thread: the store connection belongs to the thread that opens it.
    auto session = Authenticator(m_clock).openSession(m_pending, std::move(key.value()), sessionSource());
    m_pending.password.clear();
    if (!session) {
        setBusy(false);
        m_ui->otpEdit->clear();
        showError(session.error().message);
        m_ui->passwordEdit->setFocus();
        return;
    }
    m_session = std::move(session.value());
    continueDuties();
}

void LoginDialog::continueDuties()
{
    if (m_session->mustEnrolMfa()) {
        auto* dialog = new MfaEnrolmentDialog(*m_session, this);
        m_duty = dialog;
        connect(dialog, &QDialog::finished, this,
                [this](int result) { dutyFinished(result, QStringLiteral("MFA enrolment cancelled")); });
    } else if (m_session->mustChangePassword()) {
        auto* dialog = new ChangePasswordDialog(*m_session, this);
        m_duty = dialog;
        connect(dialog, &QDialog::finished, this,
                [this](int result) { dutyFinished(result, QStringLiteral("password change cancelled")); });
    } else {
        setBusy(false);
        accept();
        return;
    }
    m_ui->busyBar->setVisible(false);
    m_duty->setAttribute(Qt::WA_DeleteOnClose);
    m_duty->open();
}

void LoginDialog::dutyFinished(int result, const QString& abandonedReason)
{
    m_duty = nullptr;
    if (result == QDialog::Accepted && m_session) {
        continueDuties();
        return;
    }
    if (m_session) {
        // Best effort: the sign-in is abandoned whether or not this row can be written.
        static_cast<void>(m_session->audit().record(m_session->user().name, QStringLiteral("login.abandon"),
                                                    QStringLiteral("success"),
                                                    { { QStringLiteral("reason"), abandonedReason } }));
        m_session.reset(); // records the logout and closes the store
    }
    setBusy(false);
    reject();
}

} // namespace alpr

#pragma once

#include "Authenticator.h"
#include "Result.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>
#include <memory>

namespace Ui {
class LoginDialog;
}

namespace alpr {

class Clock;
class Session;

/**
 * Sign-in: the system-use notice (CJIS AC-8), which must be acknowledged at every sign-in (the checkbox starts
 * unchecked whenever the dialog is shown and nothing remembers it), then store, user name, password and the TOTP code.
 *
 * The key derivation (Authenticator::unwrapKey, about half a second by design) runs on a worker thread behind a busy
 * bar; the session is opened on the GUI thread, which then owns the store connection. Duties found at sign-in are
 * done before the dialog is accepted: MFA enrolment (MfaEnrolmentDialog) and an expired password
 * (ChangePasswordDialog). Cancelling either abandons the sign-in: the session is closed and the dialog rejected.
 */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(const Clock& clock, const QString& storePath, QWidget* parent = nullptr);
    ~LoginDialog() override;

    /** The signed-in session after the dialog was accepted (nullptr otherwise); the caller takes it. */
    std::unique_ptr<Session> takeSession();

    /** Cancels: a key derivation still running is left to finish and its result thrown away. */
    void reject() override;

    /** "workstation@<host name>": the source recorded on every audit row of sessions opened here. */
    static QString sessionSource();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void browse();
    void attempt();
    void unwrapFinished();
    void continueDuties();
    void dutyFinished(int result, const QString& abandonedReason);
    void showError(const QString& message);
    void setBusy(bool busy);
    void updateSignInEnabled();

    std::unique_ptr<Ui::LoginDialog> m_ui;
    const Clock& m_clock;
    Credentials m_pending; ///< the attempt in flight (password cleared once the key is unwrapped)
    QFutureWatcher<Result<QByteArray>> m_watcher;
    std::unique_ptr<Session> m_session;
    QPointer<QDialog> m_duty; ///< the MFA enrolment or password change dialog open now
    bool m_busy = false;
    bool m_unwrapping = false; ///< a key derivation runs on the worker thread
    bool m_discard = false; ///< the dialog was cancelled while it ran: ignore its result
};

} // namespace alpr

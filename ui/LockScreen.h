#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class LockScreen;
}

namespace alpr {

class Session;

/**
 * What the main window shows in place of its whole central area while the session is locked (idle lock, 12-hour
 * re-authentication, or the user's own lock): no data, only who is signed in and why it locked. Unlocking
 * re-authenticates the same user with Session::unlock (password, and the one-time code when the user is enrolled);
 * failures count toward the account lockout. Signing out instead is the window's business: signOutRequested().
 *
 * Session::unlock derives a key from the password (about half a second) and then writes the store, which belongs to
 * the GUI thread, so it runs there behind a busy cursor: Session offers no way to split the derivation off.
 */
class LockScreen : public QWidget
{
    Q_OBJECT

public:
    LockScreen(Session& session, QWidget* parent = nullptr);
    ~LockScreen() override;

    /** Shows "Locked: <reason>" and the user, clears the fields, shows the code field when enrolled, focuses the
     * password. */
    void prepare(const QString& reason);

signals:
    void unlocked();
    void signOutRequested();

private:
    void startUnlock();
    void finishUnlock();
    void setBusy(bool busy);

    std::unique_ptr<Ui::LockScreen> m_ui;
    Session& m_session;
    bool m_busy = false;
    bool m_needsOtp = false; ///< the user has a TOTP secret: unlocking takes a code too
};

} // namespace alpr

#pragma once

#include "Vault.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

namespace Ui {
class LoginDialog;
}

namespace alpr {

class Clock;

/**
 * Asks for the store, user name and password and unlocks the store. The key derivation (about half a second by
 * design) runs on a worker thread with a busy indicator; the store itself is opened on the GUI thread, which owns
 * the connection.
 */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(const Clock& clock, const QString& storePath, QWidget* parent = nullptr);
    ~LoginDialog() override;

    /** The unlocked vault after the dialog was accepted; the caller takes it. */
    std::unique_ptr<Vault> takeVault();

private:
    void browse();
    void attempt();
    void unwrapFinished();
    void setBusy(bool busy);

    std::unique_ptr<Ui::LoginDialog> m_ui;
    const Clock& m_clock;
    QFutureWatcher<Result<QByteArray>> m_watcher;
    std::unique_ptr<Vault> m_vault;
};

} // namespace alpr

#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class ChangePasswordDialog;
}

namespace alpr {

class Session;

/**
 * Changes the signed-in user's password: new password twice, with live feedback from the store's password policy
 * (PasswordPolicy::check gives the reason). Accepted only when Session::changePassword() succeeded; a mismatch or a
 * refused password leaves it open with the reason. The change re-wraps the key slot (a key derivation, about half
 * a second) on the GUI thread, since it writes the store the GUI thread owns.
 */
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT

public:
    ChangePasswordDialog(Session& session, QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    void accept() override;

private:
    void updateFeedback();

    std::unique_ptr<Ui::ChangePasswordDialog> m_ui;
    Session& m_session;
};

} // namespace alpr

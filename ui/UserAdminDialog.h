#pragma once

#include "Result.h"

#include <QDialog>
#include <memory>

namespace Ui {
class UserAdminDialog;
}

namespace alpr {

class Session;
class UserTableModel;
struct UserRecord;

/**
 * Account administration (Permission::ManageUsers): the users with role, agency, training and refresher dates, CLETS
 * authorisation and status; adding a user, editing role/training/CLETS, resetting a password, unlocking an account
 * locked by failed sign-ins and disabling one (which deletes its key slot). The form below the table serves add,
 * edit and password reset. Every change is authorised and audited ("user.add", "user.update", "user.passwd",
 * "user.disable"; unlocks are audited by Authenticator::unlockAccount). Without the permission the dialog shows why
 * and offers nothing.
 *
 * Adding a user and setting a password wrap the data key under a new key slot (a key derivation, about half a
 * second) on the GUI thread, since the vault and its store belong to it; the cursor shows it is busy.
 */
class UserAdminDialog : public QDialog
{
    Q_OBJECT

public:
    UserAdminDialog(Session& session, QWidget* parent = nullptr);
    ~UserAdminDialog() override;

    UserTableModel* model() const { return m_model; }

private:
    enum class Mode { None, Add, Edit, Password };

    void reload(const QString& select = {});
    void updateActions();
    int selectedRow() const;
    void showForm(Mode mode);
    void hideForm();
    void fillForm(const UserRecord& user);
    void updatePasswordFeedback();
    void trainingToggled(bool trained);
    void save();
    Status saveAdd();
    Status saveEdit();
    Status savePassword();
    Status forceChangeAtNextSignIn(const QString& name);
    void disableSelected();
    void unlockSelected();
    void showStatus(const QString& message);
    void showFormError(const QString& message);

    std::unique_ptr<Ui::UserAdminDialog> m_ui;
    Session& m_session;
    UserTableModel* m_model = nullptr;
    Mode m_mode = Mode::None;
    bool m_allowed = false;
};

} // namespace alpr

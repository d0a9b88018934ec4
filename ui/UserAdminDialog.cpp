#include "UserAdminDialog.h"

#include "AuditLog.h"
#include "Authenticator.h"
#include "Clock.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "Store.h"
#include "UserTableModel.h"
#include "Vault.h"
#include "ui_UserAdminDialog.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>

namespace alpr {

namespace {

const Role kRoles[] = { Role::Detective, Role::Clerk, Role::Supervisor, Role::Admin };

QString isoDate(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

/** Restores the cursor however the slow call returns. */
class BusyCursor
{
public:
    BusyCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QGuiApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};

} // namespace

UserAdminDialog::UserAdminDialog(Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UserAdminDialog>())
    , m_session(session)
    , m_model(new UserTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->usersTable->setModel(m_model);
    m_ui->usersTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->usersTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->usersTable->verticalHeader()->setVisible(false);
    m_ui->usersTable->verticalHeader()->setDefaultSectionSize(m_ui->usersTable->fontMetrics().height() + 8);
    for (Role role : kRoles)
        m_ui->formRoleCombo->addItem(roleName(role), int(role));
    m_ui->formTrainedDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_ui->formRefresherDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_ui->formGroup->setVisible(false);
    m_ui->statusLabel->setVisible(false);
    m_ui->errorLabel->setVisible(false);

    connect(m_ui->addUserButton, &QPushButton::clicked, this, [this] { showForm(Mode::Add); });
    connect(m_ui->editUserButton, &QPushButton::clicked, this, [this] { showForm(Mode::Edit); });
    connect(m_ui->resetPasswordButton, &QPushButton::clicked, this, [this] { showForm(Mode::Password); });
    connect(m_ui->unlockUserButton, &QPushButton::clicked, this, &UserAdminDialog::unlockSelected);
    connect(m_ui->disableUserButton, &QPushButton::clicked, this, &UserAdminDialog::disableSelected);
    connect(m_ui->formSaveButton, &QPushButton::clicked, this, &UserAdminDialog::save);
    connect(m_ui->formCancelButton, &QPushButton::clicked, this, &UserAdminDialog::hideForm);
    connect(m_ui->formTrainedCheck, &QCheckBox::toggled, this, &UserAdminDialog::trainingToggled);
    connect(m_ui->formTrainedDate, &QDateEdit::dateChanged, this,
            [this](QDate date) { m_ui->formRefresherDate->setDate(date.addYears(1)); });
    connect(m_ui->formPasswordEdit, &QLineEdit::textChanged, this, &UserAdminDialog::updatePasswordFeedback);
    connect(m_ui->formRepeatEdit, &QLineEdit::textChanged, this, &UserAdminDialog::updatePasswordFeedback);
    connect(m_ui->formNameEdit, &QLineEdit::textChanged, this, &UserAdminDialog::updatePasswordFeedback);
    connect(m_ui->usersTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UserAdminDialog::updateActions);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &UserAdminDialog::reject);

    if (Status s = session.authorise(Permission::ManageUsers, QStringLiteral("open user administration")); !s) {
        m_ui->errorLabel->setText(s.error().message);
        m_ui->errorLabel->setVisible(true);
        m_ui->usersTable->setEnabled(false);
        updateActions();
        return;
    }
    m_allowed = true;
    reload();
}

UserAdminDialog::~UserAdminDialog() = default;

void UserAdminDialog::reload(const QString& select)
{
    auto users = m_session.store().users();
    if (!users) {
        showStatus(QString());
        m_ui->errorLabel->setText(users.error().message);
        m_ui->errorLabel->setVisible(true);
        return;
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs()).toLocalTime().date();
    m_model->setUsers(users.value(), Authenticator::lockedAccounts(m_session), today);
    if (const int row = select.isEmpty() ? -1 : m_model->rowOf(select); row >= 0)
        m_ui->usersTable->selectRow(row);
    updateActions();
}

int UserAdminDialog::selectedRow() const
{
    const QModelIndexList rows = m_ui->usersTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void UserAdminDialog::updateActions()
{
    const int row = m_allowed ? selectedRow() : -1;
    const bool usable = row >= 0 && !m_model->user(row).disabled;
    m_ui->addUserButton->setEnabled(m_allowed);
    m_ui->editUserButton->setEnabled(usable);
    m_ui->resetPasswordButton->setEnabled(usable);
    m_ui->unlockUserButton->setEnabled(usable && m_model->isLocked(row));
    m_ui->disableUserButton->setEnabled(usable && m_model->user(row).name != m_session.user().name);
}

void UserAdminDialog::showStatus(const QString& message)
{
    m_ui->statusLabel->setText(message);
    m_ui->statusLabel->setVisible(!message.isEmpty());
}

void UserAdminDialog::showFormError(const QString& message)
{
    m_ui->formErrorLabel->setText(message);
    m_ui->formErrorLabel->setVisible(!message.isEmpty());
}

void UserAdminDialog::trainingToggled(bool trained)
{
    m_ui->formTrainedDate->setEnabled(trained);
    m_ui->formRefresherDate->setEnabled(trained);
}

void UserAdminDialog::fillForm(const UserRecord& user)
{
    m_ui->formNameEdit->setText(user.name);
    m_ui->formFullNameEdit->setText(user.fullName);
    m_ui->formAgencyEdit->setText(user.agency);
    m_ui->formRoleCombo->setCurrentIndex(m_ui->formRoleCombo->findData(int(user.role)));
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_session.clock().nowMs()).toLocalTime().date();
    {
        // Setting the training date must not overwrite a recorded refresher date.
        const QSignalBlocker blocker(m_ui->formTrainedDate);
        m_ui->formTrainedDate->setDate(user.trainedOn.isValid() ? user.trainedOn : today);
    }
    m_ui->formRefresherDate->setDate(user.refresherDue.isValid()    ? user.refresherDue
                                         : user.trainedOn.isValid() ? user.trainedOn.addYears(1)
                                                                    : today.addYears(1));
    m_ui->formTrainedCheck->setChecked(user.trainedOn.isValid());
    trainingToggled(user.trainedOn.isValid());
    m_ui->formCletsCheck->setChecked(user.cletsAuthorised);
}

void UserAdminDialog::showForm(Mode mode)
{
    const int row = selectedRow();
    if (mode != Mode::Add && row < 0)
        return;
    m_mode = mode;
    showFormError(QString());
    showStatus(QString());
    m_ui->formPasswordEdit->clear();
    m_ui->formRepeatEdit->clear();
    m_ui->formMustChangeCheck->setChecked(true);

    UserRecord record;
    if (mode == Mode::Add) {
        record.agency = m_session.user().agency.isEmpty() ? QStringLiteral("West Covina PD") : m_session.user().agency;
        m_ui->formGroup->setTitle(tr("New user"));
        m_ui->formSaveButton->setText(tr("Add user"));
    } else {
        record = m_model->user(row);
        m_ui->formGroup->setTitle(mode == Mode::Edit ? tr("Edit %1").arg(record.name)
                                                     : tr("New password for %1").arg(record.name));
        m_ui->formSaveButton->setText(mode == Mode::Edit ? tr("Save changes") : tr("Set password"));
    }
    fillForm(record);

    const bool details = mode != Mode::Password;
    const bool password = mode != Mode::Edit;
    m_ui->formNameEdit->setReadOnly(mode != Mode::Add);
    QFormLayout* form = m_ui->formLayout;
    for (QWidget* field :
         { static_cast<QWidget*>(m_ui->formFullNameEdit), static_cast<QWidget*>(m_ui->formRoleCombo),
           static_cast<QWidget*>(m_ui->formAgencyEdit), static_cast<QWidget*>(m_ui->trainingRow),
           static_cast<QWidget*>(m_ui->formRefresherDate), static_cast<QWidget*>(m_ui->formCletsCheck) })
        form->setRowVisible(field, details);
    for (QWidget* field :
         { static_cast<QWidget*>(m_ui->formPasswordEdit), static_cast<QWidget*>(m_ui->formRepeatEdit),
           static_cast<QWidget*>(m_ui->formPolicyLabel), static_cast<QWidget*>(m_ui->formMustChangeCheck) })
        form->setRowVisible(field, password);
    updatePasswordFeedback();
    m_ui->formGroup->setVisible(true);
    m_ui->formSaveButton->setDefault(true); // Enter in the form saves it
    if (mode == Mode::Add)
        m_ui->formNameEdit->setFocus();
    else if (mode == Mode::Edit)
        m_ui->formRoleCombo->setFocus();
    else
        m_ui->formPasswordEdit->setFocus();
}

void UserAdminDialog::hideForm()
{
    m_mode = Mode::None;
    m_ui->formPasswordEdit->clear();
    m_ui->formRepeatEdit->clear();
    m_ui->formGroup->setVisible(false);
    m_ui->formSaveButton->setDefault(false);
    showFormError(QString());
}

void UserAdminDialog::updatePasswordFeedback()
{
    const QString password = m_ui->formPasswordEdit->text();
    QString text;
    QString colour = QStringLiteral("#b00020");
    if (password.isEmpty()) {
        text = tr("At least %n characters; long passphrases are best.", nullptr,
                  m_session.passwordPolicy().rules().minLength);
        colour.clear();
    } else if (Status s = m_session.passwordPolicy().check(password, m_ui->formNameEdit->text().trimmed()); !s) {
        text = s.error().message;
    } else if (!m_ui->formRepeatEdit->text().isEmpty() && m_ui->formRepeatEdit->text() != password) {
        text = tr("The two passwords differ.");
    } else {
        text = tr("Meets the password policy.");
        colour = QStringLiteral("#1b7f3b");
    }
    m_ui->formPolicyLabel->setText(text);
    m_ui->formPolicyLabel->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
}

void UserAdminDialog::save()
{
    Status s;
    switch (m_mode) {
    case Mode::Add:
        s = saveAdd();
        break;
    case Mode::Edit:
        s = saveEdit();
        break;
    case Mode::Password:
        s = savePassword();
        break;
    case Mode::None:
        return;
    }
    if (!s) {
        showFormError(s.error().message);
        return;
    }
    const QString name = m_ui->formNameEdit->text().trimmed();
    const Mode done = m_mode;
    hideForm();
    reload(name);
    showStatus(done == Mode::Add        ? tr("Added %1.").arg(name)
                   : done == Mode::Edit ? tr("Saved the changes to %1.").arg(name)
                                        : tr("Set a new password for %1.").arg(name));
}

Status UserAdminDialog::forceChangeAtNextSignIn(const QString& name)
{
    // A password the administrator typed is known to two people: the user replaces it at the next sign-in
    // (PasswordPolicy::expired treats an unknown change time as expired).
    auto record = m_session.store().user(name);
    if (!record)
        return record.error();
    record->passwordChangedMs = 0;
    return m_session.store().updateUser(record.value());
}

Status UserAdminDialog::saveAdd()
{
    if (Status s = m_session.authorise(Permission::ManageUsers, QStringLiteral("add user")); !s)
        return s;
    UserRecord u;
    u.name = m_ui->formNameEdit->text().trimmed();
    u.fullName = m_ui->formFullNameEdit->text().simplified();
    u.agency = m_ui->formAgencyEdit->text().simplified();
    u.role = Role(m_ui->formRoleCombo->currentData().toInt());
    if (m_ui->formTrainedCheck->isChecked()) {
        u.trainedOn = m_ui->formTrainedDate->date();
        u.refresherDue = m_ui->formRefresherDate->date();
    }
    u.cletsAuthorised = m_ui->formCletsCheck->isChecked();
    const QString password = m_ui->formPasswordEdit->text();

    if (u.name.isEmpty())
        return usageError(tr("Enter a user name."));
    for (QChar c : u.name) {
        if (c.isSpace() || !c.isPrint())
            return usageError(tr("User name: spaces and control characters are not allowed."));
    }
    if (m_model->rowOf(u.name) >= 0)
        return usageError(tr("A user named %1 already exists.").arg(u.name));
    if (u.agency.isEmpty())
        return usageError(tr("Enter the user's agency: it is recorded with every query (Civil Code 1798.90.52)."));
    if (u.trainedOn.isValid() && u.refresherDue < u.trainedOn)
        return usageError(tr("Refresher due: the date is before the training date."));
    if (password != m_ui->formRepeatEdit->text())
        return usageError(tr("The two passwords differ; type the same password twice."));
    if (Status s = m_session.passwordPolicy().check(password, u.name); !s)
        return s;
    {
        const BusyCursor busy;
        if (Status s = m_session.vault().addUser(u, password); !s)
            return s;
    }
    const bool mustChange = m_ui->formMustChangeCheck->isChecked();
    Status forced = mustChange ? forceChangeAtNextSignIn(u.name) : Status();
    Status audited
        = m_session.audit().record(m_session.user().name, QStringLiteral("user.add"), QStringLiteral("success"),
                                   { { QStringLiteral("account"), u.name },
                                     { QStringLiteral("role"), roleName(u.role) },
                                     { QStringLiteral("agency"), u.agency },
                                     { QStringLiteral("trained"), isoDate(u.trainedOn) },
                                     { QStringLiteral("refresher_due"), isoDate(u.refresherDue) },
                                     { QStringLiteral("clets"), u.cletsAuthorised },
                                     { QStringLiteral("must_change_password"), mustChange && forced.ok() } });
    return !forced ? forced : audited;
}

Status UserAdminDialog::saveEdit()
{
    if (Status s = m_session.authorise(Permission::ManageUsers, QStringLiteral("update user")); !s)
        return s;
    const QString name = m_ui->formNameEdit->text().trimmed();
    auto current = m_session.store().user(name);
    if (!current)
        return current.error();
    UserRecord u = current.value();
    u.fullName = m_ui->formFullNameEdit->text().simplified();
    u.agency = m_ui->formAgencyEdit->text().simplified();
    u.role = Role(m_ui->formRoleCombo->currentData().toInt());
    u.trainedOn = m_ui->formTrainedCheck->isChecked() ? m_ui->formTrainedDate->date() : QDate();
    u.refresherDue = m_ui->formTrainedCheck->isChecked() ? m_ui->formRefresherDate->date() : QDate();
    u.cletsAuthorised = m_ui->formCletsCheck->isChecked();

    if (name == m_session.user().name && current->role == Role::Admin && u.role != Role::Admin)
        return policyError(tr("You cannot take the administrator role from your own account; another administrator "
                              "must do it."));
    if (u.agency.isEmpty())
        return usageError(tr("Enter the user's agency: it is recorded with every query (Civil Code 1798.90.52)."));
    if (u.trainedOn.isValid() && u.refresherDue < u.trainedOn)
        return usageError(tr("Refresher due: the date is before the training date."));

    // The audit row names what changed, old and new, so a reviewer sees e.g. who granted CLETS and when.
    QJsonObject detail { { QStringLiteral("account"), name } };
    auto note = [&](const char* field, const QString& before, const QString& after) {
        if (before != after)
            detail.insert(QString::fromLatin1(field),
                          QJsonObject { { QStringLiteral("from"), before }, { QStringLiteral("to"), after } });
    };
    note("full_name", current->fullName, u.fullName);
    note("agency", current->agency, u.agency);
    note("role", roleName(current->role), roleName(u.role));
    note("trained", isoDate(current->trainedOn), isoDate(u.trainedOn));
    note("refresher_due", isoDate(current->refresherDue), isoDate(u.refresherDue));
    note("clets", current->cletsAuthorised ? QStringLiteral("yes") : QStringLiteral("no"),
         u.cletsAuthorised ? QStringLiteral("yes") : QStringLiteral("no"));
    if (detail.size() == 1)
        return {}; // nothing changed: nothing to write or audit
    if (Status s = m_session.store().updateUser(u); !s)
        return s;
    return m_session.audit().record(m_session.user().name, QStringLiteral("user.update"), QStringLiteral("success"),
                                    detail);
}

Status UserAdminDialog::savePassword()
{
    const QString name = m_ui->formNameEdit->text().trimmed();
    const QString password = m_ui->formPasswordEdit->text();
    if (password != m_ui->formRepeatEdit->text())
        return usageError(tr("The two passwords differ; type the same password twice."));
    if (name == m_session.user().name) {
        // Your own password goes through the session: it also checks that the new one differs from the old.
        const BusyCursor busy;
        return m_session.changePassword(password);
    }
    if (Status s = m_session.authorise(Permission::ManageUsers, QStringLiteral("reset password")); !s)
        return s;
    if (Status s = m_session.passwordPolicy().check(password, name); !s)
        return s;
    {
        const BusyCursor busy;
        if (Status s = m_session.vault().changePassword(name, password); !s)
            return s;
    }
    const bool mustChange = m_ui->formMustChangeCheck->isChecked();
    Status forced = mustChange ? forceChangeAtNextSignIn(name) : Status();
    Status audited = m_session.audit().record(
        m_session.user().name, QStringLiteral("user.passwd"), QStringLiteral("success"),
        { { QStringLiteral("account"), name }, { QStringLiteral("must_change_password"), mustChange && forced.ok() } });
    return !forced ? forced : audited;
}

void UserAdminDialog::disableSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QString name = m_model->user(row).name;
    QMessageBox confirm(QMessageBox::Warning, tr("Disable account"), tr("Disable the account %1?").arg(name),
                        QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("disableConfirm"));
    confirm.setInformativeText(tr("Their key slot is deleted: their password no longer opens this store. This cannot "
                                  "be undone; the account can only be replaced by a new one."));
    QPushButton* disable = confirm.addButton(tr("Disable"), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != disable)
        return;
    hideForm();
    Status s = m_session.authorise(Permission::ManageUsers, QStringLiteral("disable user"));
    if (s)
        s = m_session.vault().disableUser(name);
    if (s)
        s = m_session.audit().record(m_session.user().name, QStringLiteral("user.disable"), QStringLiteral("success"),
                                     { { QStringLiteral("account"), name } });
    reload(name);
    if (!s) {
        m_ui->errorLabel->setText(s.error().message);
        m_ui->errorLabel->setVisible(true);
        return;
    }
    m_ui->errorLabel->setVisible(false);
    showStatus(tr("Disabled %1; their key slot is deleted.").arg(name));
}

void UserAdminDialog::unlockSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QString name = m_model->user(row).name;
    const Status s = Authenticator::unlockAccount(m_session, name);
    reload(name);
    if (!s) {
        m_ui->errorLabel->setText(s.error().message);
        m_ui->errorLabel->setVisible(true);
        return;
    }
    m_ui->errorLabel->setVisible(false);
    showStatus(tr("Unlocked %1.").arg(name));
}

} // namespace alpr

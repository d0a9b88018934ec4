// The access-control screens as a user drives them: sign-in with the system-use notice, MFA enrolment, password
// change, the case gate, the lock screen, user administration and the audit page. Real widgets found by objectName,
// real encrypted stores, a fake clock.
#include "AccessLogTableModel.h"
#include "AuditLog.h"
#include "AuditPage.h"
#include "AuditTableModel.h"
#include "Authenticator.h"
#include "CaseDialog.h"
#include "ChangePasswordDialog.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "KeySlotFile.h"
#include "LocalStore.h"
#include "LockScreen.h"
#include "LockoutFile.h"
#include "LoginDialog.h"
#include "MfaEnrolmentDialog.h"
#include "PasswordPolicy.h"
#include "QrCodeWidget.h"
#include "Session.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"
#include "Totp.h"
#include "UserAdminDialog.h"
#include "UserTableModel.h"
#include "Vault.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <catch2/catch_test_macros.hpp>
#include <functional>

using namespace alpr;

namespace {

constexpr int kTimeoutMs = 20000;

QString passwordOf(const QString& user)
{
    return user + QStringLiteral(" has a long test passphrase");
}

struct Account
{
    QString name;
    Role role = Role::Detective;
    QDate trained = QDate(2026, 5, 1);
};

/**
 * A store with the administrator "alice" and the given accounts, each with the password passwordOf(name). Unless MFA
 * is wanted it is marked as a demonstration store, the only kind that may go without MFA. The data key is known, so
 * a test can tamper with the file through raw SQL.
 */
struct TestStore
{
    test::TempDir dir;
    test::FakeClock clock;
    QString path = dir.path(QStringLiteral("screens.alpr"));
    QByteArray key = randomBytes(32);

    explicit TestStore(const QList<Account>& accounts = {}, bool requireMfa = false)
    {
        auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store);
        auto storeId = store.value()->setting(QStringLiteral("store_id"));
        REQUIRE(storeId);
        KeySlotFile keySlots = KeySlotFile::createNew(storeId.value());
        QList<Account> all { { QStringLiteral("alice"), Role::Admin, QDate() } };
        all += accounts;
        for (const Account& a : all) {
            UserRecord u;
            u.name = a.name;
            u.fullName = a.name == QLatin1String("alice") ? QStringLiteral("Alice Adams") : QString();
            u.role = a.role;
            u.agency = QStringLiteral("West Covina PD");
            u.trainedOn = a.trained;
            u.refresherDue = a.trained.isValid() ? a.trained.addYears(1) : QDate();
            u.createdMs = clock.nowMs();
            u.passwordChangedMs = clock.nowMs();
            REQUIRE(store.value()->addUser(u));
            REQUIRE(keySlots.setSlot(a.name, passwordOf(a.name), key, kMinimumPbkdf2Iterations));
        }
        REQUIRE(keySlots.save(KeySlotFile::pathForStore(path)));
        if (!requireMfa) {
            REQUIRE(store.value()->setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
            REQUIRE(store.value()->setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")));
        }
    }

    std::unique_ptr<Session> signIn(const QString& user, const QString& otp = {})
    {
        auto s = Authenticator(clock).signIn({ path, user, passwordOf(user), otp, true }, QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        return std::move(s.value());
    }

    /** Runs SQL on a second connection to the same file, as someone with the key and a SQL shell would. */
    void tamper(const QString& statement) const
    {
        registerSqlCipherDriver();
        const QString name = QStringLiteral("tamper-%1").arg(QRandomGenerator::global()->generate64());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), name);
            db.setDatabaseName(path);
            REQUIRE(db.open(QString(), QString::fromLatin1(key.toHex())));
            QSqlQuery q(db);
            INFO(q.lastError().text().toStdString());
            REQUIRE(q.exec(statement));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
};

template<typename T> T* child(QObject* parent, const char* name)
{
    auto* w = parent->findChild<T*>(QString::fromLatin1(name));
    INFO("no child " << name);
    REQUIRE(w);
    return w;
}

bool waitFor(const std::function<bool()>& condition)
{
    return QTest::qWaitFor(condition, kTimeoutMs);
}

void type(QLineEdit* edit, const QString& text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

void click(QAbstractButton* button)
{
    QTest::mouseClick(button, Qt::LeftButton);
}

void acknowledge(LoginDialog& dialog)
{
    auto* check = child<QCheckBox>(&dialog, "acknowledgeCheck");
    if (!check->isChecked()) {
        check->setFocus();
        QTest::keyClick(check, Qt::Key_Space);
    }
    REQUIRE(check->isChecked());
}

void submit(LoginDialog& dialog, const QString& user, const QString& password, const QString& otp = {})
{
    type(child<QLineEdit>(&dialog, "userEdit"), user);
    type(child<QLineEdit>(&dialog, "passwordEdit"), password);
    type(child<QLineEdit>(&dialog, "otpEdit"), otp);
    click(child<QPushButton>(&dialog, "signInButton"));
}

/** Waits until the sign-in attempt in flight has finished (busy bar gone, fields enabled). */
bool attemptFinished(LoginDialog& dialog)
{
    auto* busy = dialog.findChild<QProgressBar*>(QStringLiteral("busyBar"));
    auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
    return waitFor([&] { return !busy->isVisible() && user->isEnabled(); });
}

QList<AuditRow> auditRows(Session& s)
{
    QList<AuditRow> rows;
    REQUIRE(s.store().forEachAudit([&](const AuditRow& r) {
        rows.append(r);
        return true;
    }));
    return rows;
}

bool hasAudit(Session& s, const QString& user, const QString& event, const QString& detailPart = {})
{
    for (const AuditRow& r : auditRows(s)) {
        if (r.username == user && r.event == event && r.detail.contains(detailPart))
            return true;
    }
    return false;
}

/** A 6-digit code that is certainly not the right one now. */
QString wrongCode(const QByteArray& secret, qint64 nowMs)
{
    const int right = Totp::code(secret, nowMs).toInt();
    return QStringLiteral("%1").arg((right + 500000) % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace

TEST_CASE("sign-in: the notice must be acknowledged, a wrong password is refused, the right one gives a session")
{
    TestStore store;
    LoginDialog dialog(store.clock, store.path);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    auto* signIn = child<QPushButton>(&dialog, "signInButton");
    auto* error = child<QLabel>(&dialog, "errorLabel");
    CHECK(child<QPlainTextEdit>(&dialog, "bannerText")->toPlainText() == Authenticator::bannerText());
    CHECK(child<QPlainTextEdit>(&dialog, "bannerText")->isReadOnly());

    // Without the acknowledgement the button cannot be pressed, and Enter does nothing either.
    CHECK_FALSE(child<QCheckBox>(&dialog, "acknowledgeCheck")->isChecked());
    CHECK_FALSE(signIn->isEnabled());
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));
    QTest::keyClick(child<QLineEdit>(&dialog, "passwordEdit"), Qt::Key_Return);
    QTest::qWait(100);
    CHECK_FALSE(child<QProgressBar>(&dialog, "busyBar")->isVisible());
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK_FALSE(dialog.takeSession());

    // Cancelled while the key derivation runs: its result is thrown away, no session, nothing accepted.
    acknowledge(dialog);
    CHECK(signIn->isEnabled());
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));
    dialog.reject();
    QTest::qWait(1500);
    CHECK(dialog.result() == QDialog::Rejected);
    CHECK_FALSE(dialog.takeSession());

    // Shown again, it asks for the acknowledgement again.
    dialog.show();
    CHECK_FALSE(child<QCheckBox>(&dialog, "acknowledgeCheck")->isChecked());
    CHECK_FALSE(signIn->isEnabled());
    acknowledge(dialog);
    submit(dialog, QStringLiteral("alice"), QStringLiteral("not the right passphrase"));
    REQUIRE(attemptFinished(dialog));
    CHECK(error->isVisible());
    CHECK(error->text().contains(QStringLiteral("Wrong user name or password")));
    CHECK(child<QLineEdit>(&dialog, "passwordEdit")->text().isEmpty());
    CHECK(dialog.result() != QDialog::Accepted);

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));
    REQUIRE(waitFor([&] { return accepted.count() == 1; }));
    auto session = dialog.takeSession();
    REQUIRE(session);
    CHECK(session->user().name == QStringLiteral("alice"));
    CHECK(session->source() == LoginDialog::sessionSource());
    CHECK(session->source().startsWith(QStringLiteral("workstation@")));
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("login")));

    // Never remembered: showing the dialog again asks again.
    dialog.show();
    CHECK_FALSE(child<QCheckBox>(&dialog, "acknowledgeCheck")->isChecked());
    CHECK_FALSE(signIn->isEnabled());
}

TEST_CASE("sign-in to an MFA store: the enrolment dialog enrols with a code from the app, the lock screen asks for it")
{
    TestStore store({}, true);
    LoginDialog dialog(store.clock, store.path);
    dialog.show();
    acknowledge(dialog);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));

    MfaEnrolmentDialog* enrol = nullptr;
    REQUIRE(waitFor([&] {
        enrol = dialog.findChild<MfaEnrolmentDialog*>();
        return enrol && enrol->isVisible();
    }));
    CHECK(accepted.count() == 0);
    auto* qr = child<QrCodeWidget>(enrol, "qrCode");
    CHECK(qr->hasCode());
    CHECK(qr->text().startsWith(QStringLiteral("otpauth://totp/ALPR%20Workstation:alice?secret=")));
    // The key shown for typing by hand is the one in the QR code.
    auto secret = Totp::base32Decode(child<QLabel>(enrol, "secretLabel")->text());
    REQUIRE(secret);
    CHECK(secret->size() == Totp::kSecretBytes);
    CHECK(qr->text()
          == Totp::provisioningUri(secret.value(), QStringLiteral("alice"), QStringLiteral("ALPR Workstation")));

    // A wrong code keeps the dialog open with the reason.
    auto* code = child<QLineEdit>(enrol, "codeEdit");
    auto* enrolButton = child<QPushButton>(enrol, "enrolButton");
    type(code, wrongCode(secret.value(), store.clock.nowMs()));
    click(enrolButton);
    CHECK(enrol->isVisible());
    CHECK(child<QLabel>(enrol, "errorLabel")->text().contains(QStringLiteral("does not match")));
    CHECK(accepted.count() == 0);

    type(code, Totp::code(secret.value(), store.clock.nowMs()));
    click(enrolButton);
    REQUIRE(waitFor([&] { return accepted.count() == 1; }));
    auto session = dialog.takeSession();
    REQUIRE(session);
    CHECK_FALSE(session->mustEnrolMfa());
    auto stored = session->store().totpSecret(QStringLiteral("alice"));
    REQUIRE(stored);
    CHECK(stored.value() == secret.value());

    // Enrolled: the lock screen asks for the code, and unlocks with password and a fresh code.
    session->lock(QStringLiteral("idle"));
    LockScreen lock(*session);
    lock.prepare(QStringLiteral("idle"));
    auto* otp = child<QLineEdit>(&lock, "otpEdit");
    CHECK(otp->isVisibleTo(&lock));
    store.clock.advance(30 * 1000); // the enrolment code's step is used up: replays are refused
    QSignalSpy unlocked(&lock, &LockScreen::unlocked);
    type(child<QLineEdit>(&lock, "passwordEdit"), passwordOf(QStringLiteral("alice")));
    type(otp, Totp::code(secret.value(), store.clock.nowMs()));
    click(child<QPushButton>(&lock, "unlockButton"));
    REQUIRE(waitFor([&] { return unlocked.count() == 1; }));
    CHECK_FALSE(session->isLocked());
}

TEST_CASE("sign-in: cancelling the MFA enrolment abandons the sign-in")
{
    TestStore store({}, true);
    LoginDialog dialog(store.clock, store.path);
    dialog.show();
    acknowledge(dialog);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));
    MfaEnrolmentDialog* enrol = nullptr;
    REQUIRE(waitFor([&] {
        enrol = dialog.findChild<MfaEnrolmentDialog*>();
        return enrol && enrol->isVisible();
    }));
    enrol->reject();
    REQUIRE(waitFor([&] { return rejected.count() == 1; }));
    CHECK_FALSE(dialog.takeSession());

    // Nothing was enrolled, and the abandoned sign-in is in the log.
    auto session = Vault::openWithKey(store.path, QStringLiteral("alice"), store.key, store.clock);
    REQUIRE(session);
    auto secret = session.value()->store().totpSecret(QStringLiteral("alice"));
    REQUIRE(secret);
    CHECK(secret->isEmpty());
    bool abandoned = false;
    REQUIRE(session.value()->store().forEachAudit([&](const AuditRow& r) {
        abandoned |= r.event == QLatin1String("login.abandon");
        return true;
    }));
    CHECK(abandoned);
}

TEST_CASE("sign-in with an expired password: the change dialog refuses weak and mismatched passwords")
{
    TestStore store;
    {
        auto vault = Vault::openWithKey(store.path, QStringLiteral("alice"), store.key, store.clock);
        REQUIRE(vault);
        UserRecord alice = vault.value()->user();
        alice.passwordChangedMs = 0; // unknown age: must be changed
        REQUIRE(vault.value()->store().updateUser(alice));
    }
    LoginDialog dialog(store.clock, store.path);
    dialog.show();
    acknowledge(dialog);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("alice"), passwordOf(QStringLiteral("alice")));
    ChangePasswordDialog* change = nullptr;
    REQUIRE(waitFor([&] {
        change = dialog.findChild<ChangePasswordDialog*>();
        return change && change->isVisible();
    }));
    auto* newPassword = child<QLineEdit>(change, "newPasswordEdit");
    auto* repeat = child<QLineEdit>(change, "repeatEdit");
    auto* policy = child<QLabel>(change, "policyLabel");
    auto* error = child<QLabel>(change, "errorLabel");
    auto* ok = child<QPushButton>(change, "changeButton");

    // Live feedback is the policy's own reason.
    const PasswordPolicy rules;
    type(newPassword, QStringLiteral("short"));
    CHECK(policy->text() == rules.check(QStringLiteral("short"), QStringLiteral("alice")).error().message);
    type(repeat, QStringLiteral("short"));
    click(ok);
    CHECK(change->isVisible());
    CHECK(error->text() == rules.check(QStringLiteral("short"), QStringLiteral("alice")).error().message);

    const QString good = QStringLiteral("copper kettle on a rainy porch");
    type(newPassword, good);
    type(repeat, good + QStringLiteral("!"));
    CHECK(policy->text().contains(QStringLiteral("differ")));
    click(ok);
    CHECK(change->isVisible());
    CHECK(error->text().contains(QStringLiteral("differ")));
    CHECK(accepted.count() == 0);

    type(newPassword, good);
    type(repeat, good);
    click(ok);
    REQUIRE(waitFor([&] { return accepted.count() == 1; }));
    auto session = dialog.takeSession();
    REQUIRE(session);
    CHECK_FALSE(session->mustChangePassword());
    CHECK(session->vault().checkPassword(good));
}

TEST_CASE("case dialog, lock screen and a refused administration dialog, as a detective")
{
    TestStore store({ { QStringLiteral("dave"), Role::Detective } });
    auto session = store.signIn(QStringLiteral("dave"));

    SECTION("the case gate rejects a malformed number and opens a well-formed one")
    {
        CaseDialog dialog(*session);
        dialog.show();
        auto* number = child<QLineEdit>(&dialog, "caseNumberEdit");
        auto* category = child<QComboBox>(&dialog, "categoryCombo");
        auto* purpose = child<QLineEdit>(&dialog, "purposeEdit");
        auto* error = child<QLabel>(&dialog, "errorLabel");
        auto* ok = child<QPushButton>(&dialog, "openCaseButton");
        CHECK(number->placeholderText().contains(QStringLiteral("26-001234")));
        CHECK(category->count() == ActiveCase::categories().size());
        CHECK(category->currentIndex() == -1); // a conscious choice, not a default

        type(number, QStringLiteral("12345"));
        CHECK(child<QLabel>(&dialog, "numberStatusLabel")->text().contains(QStringLiteral("format")));
        category->setCurrentIndex(0);
        type(purpose, QStringLiteral("burglary canvass"));
        click(ok);
        CHECK(dialog.isVisible());
        CHECK(dialog.result() != QDialog::Accepted);
        CHECK(error->isVisible());
        CHECK(error->text().contains(QStringLiteral("'12345' does not have the department's format: two-digit year")));
        CHECK_FALSE(session->activeCase());

        type(number, QStringLiteral("26-001234"));
        CHECK(child<QLabel>(&dialog, "numberStatusLabel")->text() == QStringLiteral("✓"));
        click(ok);
        CHECK(dialog.result() == QDialog::Accepted);
        REQUIRE(session->activeCase());
        CHECK(session->activeCase()->number == QStringLiteral("26-001234"));
        CHECK(session->activeCase()->category == ActiveCase::categories().first());
        CHECK(session->activeCase()->purpose == QStringLiteral("burglary canvass"));

        // Switching starts from the active case.
        CaseDialog again(*session);
        CHECK(child<QLineEdit>(&again, "caseNumberEdit")->text() == QStringLiteral("26-001234"));
        CHECK(child<QComboBox>(&again, "categoryCombo")->currentText() == ActiveCase::categories().first());
        CHECK(child<QLineEdit>(&again, "purposeEdit")->text() == QStringLiteral("burglary canvass"));
        CHECK(child<QPushButton>(&again, "openCaseButton")->text() == QStringLiteral("Switch case"));
    }

    SECTION("the lock screen refuses a wrong password and unlocks with the right one")
    {
        session->lock(QStringLiteral("idle"));
        LockScreen lock(*session);
        lock.show();
        lock.prepare(QStringLiteral("idle"));
        CHECK(child<QLabel>(&lock, "reasonLabel")->text() == QStringLiteral("Locked: idle"));
        CHECK(child<QLabel>(&lock, "userLabel")->text().contains(QStringLiteral("dave")));
        CHECK_FALSE(child<QLineEdit>(&lock, "otpEdit")->isVisible()); // not enrolled
        QSignalSpy unlocked(&lock, &LockScreen::unlocked);
        QSignalSpy signOut(&lock, &LockScreen::signOutRequested);
        auto* password = child<QLineEdit>(&lock, "passwordEdit");
        auto* error = child<QLabel>(&lock, "errorLabel");

        type(password, QStringLiteral("not dave's passphrase"));
        QTest::keyClick(password, Qt::Key_Return); // Enter unlocks too
        REQUIRE(waitFor([&] { return error->isVisible(); }));
        CHECK(error->text().contains(QStringLiteral("Wrong password")));
        CHECK(password->text().isEmpty());
        CHECK(session->isLocked());
        CHECK(unlocked.count() == 0);

        type(password, passwordOf(QStringLiteral("dave")));
        click(child<QPushButton>(&lock, "unlockButton"));
        REQUIRE(waitFor([&] { return unlocked.count() == 1; }));
        CHECK_FALSE(session->isLocked());

        click(child<QPushButton>(&lock, "signOutButton"));
        CHECK(signOut.count() == 1);
    }

    SECTION("a detective may not manage users: the dialog says why and offers nothing")
    {
        UserAdminDialog dialog(*session);
        auto* error = child<QLabel>(&dialog, "errorLabel");
        CHECK(error->isVisibleTo(&dialog));
        CHECK(error->text().contains(QStringLiteral("detective role may not")));
        CHECK_FALSE(child<QPushButton>(&dialog, "addUserButton")->isEnabled());
        CHECK(dialog.model()->rowCount() == 0);
    }

    SECTION("a detective may not review the audit log")
    {
        AuditPage page(*session);
        page.show();
        CHECK(child<QLabel>(&page, "errorLabel")->text().contains(QStringLiteral("detective role may not")));
        CHECK(page.auditModel()->rowCount() == 0);
        CHECK_FALSE(child<QPushButton>(&page, "verifyButton")->isEnabled());
    }
}

TEST_CASE("user administration: add a user through the form, refuse a weak password, unlock a locked account")
{
    TestStore store({ { QStringLiteral("dave"), Role::Detective } });
    auto session = store.signIn(QStringLiteral("alice"));

    // dave is locked by five failed sign-ins (recorded directly: five key derivations would only cost time).
    {
        const QString path = LockoutFile::pathForStore(store.path);
        auto lockout = LockoutFile::load(path);
        REQUIRE(lockout);
        for (int i = 0; i < LockoutFile::kMaxFailures; ++i)
            lockout->recordFailure(QStringLiteral("dave"), store.clock.nowMs() + i, QStringLiteral("test"));
        REQUIRE(lockout->save(path));
    }

    UserAdminDialog dialog(*session);
    dialog.show();
    UserTableModel* model = dialog.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto* table = child<QTableView>(&dialog, "usersTable");
    CHECK(table->model() == model);
    REQUIRE(model->rowCount() == 2);
    const int daveRow = model->rowOf(QStringLiteral("dave"));
    REQUIRE(daveRow >= 0);
    CHECK(model->index(daveRow, UserTableModel::AccountStatus).data().toString() == QStringLiteral("locked"));
    CHECK(model->index(model->rowOf(QStringLiteral("alice")), UserTableModel::TrainedOn).data().toString()
          == QStringLiteral("not trained"));

    // Unlock is offered only for the locked account.
    auto* unlock = child<QPushButton>(&dialog, "unlockUserButton");
    table->selectRow(model->rowOf(QStringLiteral("alice")));
    CHECK_FALSE(unlock->isEnabled());
    CHECK_FALSE(child<QPushButton>(&dialog, "disableUserButton")->isEnabled()); // not yourself
    table->selectRow(daveRow);
    REQUIRE(unlock->isEnabled());
    click(unlock);
    CHECK(Authenticator::lockedAccounts(*session).isEmpty());
    CHECK(model->index(model->rowOf(QStringLiteral("dave")), UserTableModel::AccountStatus).data().toString()
          == QStringLiteral("active"));
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("account.unlock"), QStringLiteral("dave")));

    // Add a user through the form.
    click(child<QPushButton>(&dialog, "addUserButton"));
    auto* form = child<QWidget>(&dialog, "formGroup");
    REQUIRE(form->isVisible());
    type(child<QLineEdit>(&dialog, "formNameEdit"), QStringLiteral("bob"));
    type(child<QLineEdit>(&dialog, "formFullNameEdit"), QStringLiteral("Bob Brown"));
    auto* role = child<QComboBox>(&dialog, "formRoleCombo");
    role->setCurrentIndex(role->findText(QStringLiteral("clerk")));
    CHECK(child<QLineEdit>(&dialog, "formAgencyEdit")->text() == QStringLiteral("West Covina PD"));
    child<QCheckBox>(&dialog, "formTrainedCheck")->setChecked(true);
    child<QDateEdit>(&dialog, "formTrainedDate")->setDate(QDate(2026, 4, 15));
    CHECK(child<QDateEdit>(&dialog, "formRefresherDate")->date() == QDate(2027, 4, 15));
    child<QCheckBox>(&dialog, "formCletsCheck")->setChecked(true);

    // A weak password is refused with the policy's reason, and nothing is added.
    auto* password = child<QLineEdit>(&dialog, "formPasswordEdit");
    auto* repeat = child<QLineEdit>(&dialog, "formRepeatEdit");
    const QString weak = QStringLiteral("Password2024!");
    type(password, weak);
    type(repeat, weak);
    const QString reason = session->passwordPolicy().check(weak, QStringLiteral("bob")).error().message;
    REQUIRE_FALSE(reason.isEmpty());
    CHECK(child<QLabel>(&dialog, "formPolicyLabel")->text() == reason);
    click(child<QPushButton>(&dialog, "formSaveButton"));
    CHECK(child<QLabel>(&dialog, "formErrorLabel")->text() == reason);
    CHECK(model->rowOf(QStringLiteral("bob")) == -1);
    CHECK_FALSE(session->store().user(QStringLiteral("bob")));

    const QString strong = QStringLiteral("seven herons over the flood channel");
    type(password, strong);
    type(repeat, strong);
    click(child<QPushButton>(&dialog, "formSaveButton"));
    CHECK_FALSE(form->isVisible());
    const int bobRow = model->rowOf(QStringLiteral("bob"));
    REQUIRE(bobRow >= 0);
    CHECK(model->index(bobRow, UserTableModel::RoleName).data().toString() == QStringLiteral("clerk"));
    CHECK(model->index(bobRow, UserTableModel::Clets).data().toString() == QStringLiteral("yes"));
    CHECK(child<QLabel>(&dialog, "statusLabel")->text().contains(QStringLiteral("bob")));

    auto users = session->store().users();
    REQUIRE(users);
    const auto bob = std::find_if(users->begin(), users->end(),
                                  [](const UserRecord& u) { return u.name == QLatin1String("bob"); });
    REQUIRE(bob != users->end());
    CHECK(bob->fullName == QStringLiteral("Bob Brown"));
    CHECK(bob->role == Role::Clerk);
    CHECK(bob->trainedOn == QDate(2026, 4, 15));
    CHECK(bob->refresherDue == QDate(2027, 4, 15));
    CHECK(bob->cletsAuthorised);
    CHECK(bob->passwordChangedMs == 0); // the administrator's password is replaced at the first sign-in
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("user.add"), QStringLiteral("\"bob\"")));
    // bob's slot opens the store with the password typed in the form.
    CHECK(Vault::unwrapKey(store.path, QStringLiteral("bob"), strong));

    // Edit: take CLETS away; the audit row says what changed.
    table->selectRow(bobRow);
    click(child<QPushButton>(&dialog, "editUserButton"));
    REQUIRE(form->isVisible());
    CHECK_FALSE(child<QLineEdit>(&dialog, "formPasswordEdit")->isVisibleTo(&dialog));
    child<QCheckBox>(&dialog, "formCletsCheck")->setChecked(false);
    click(child<QPushButton>(&dialog, "formSaveButton"));
    CHECK_FALSE(form->isVisible());
    auto edited = session->store().user(QStringLiteral("bob"));
    REQUIRE(edited);
    CHECK_FALSE(edited->cletsAuthorised);
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("user.update"), QStringLiteral("clets")));

    // Reset dave's password: checked against the policy, his slot re-wrapped, the change forced at his next sign-in.
    table->selectRow(model->rowOf(QStringLiteral("dave")));
    click(child<QPushButton>(&dialog, "resetPasswordButton"));
    REQUIRE(form->isVisible());
    CHECK_FALSE(child<QLineEdit>(&dialog, "formFullNameEdit")->isVisibleTo(&dialog));
    const QString fresh = QStringLiteral("lanterns along the arroyo trail");
    type(password, fresh);
    type(repeat, fresh);
    click(child<QPushButton>(&dialog, "formSaveButton"));
    CHECK_FALSE(form->isVisible());
    CHECK(Vault::unwrapKey(store.path, QStringLiteral("dave"), fresh));
    CHECK(session->store().user(QStringLiteral("dave"))->passwordChangedMs == 0);
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("user.passwd"), QStringLiteral("dave")));

    // Disable bob after confirming: his slot is gone, so his password no longer opens the store.
    table->selectRow(model->rowOf(QStringLiteral("bob")));
    QTimer::singleShot(0, &dialog, [&dialog] {
        auto* confirm = dialog.findChild<QMessageBox*>(QStringLiteral("disableConfirm"));
        REQUIRE(confirm);
        for (QAbstractButton* b : confirm->buttons()) {
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        }
    });
    click(child<QPushButton>(&dialog, "disableUserButton"));
    CHECK(model->index(model->rowOf(QStringLiteral("bob")), UserTableModel::AccountStatus).data().toString()
          == QStringLiteral("disabled"));
    CHECK(session->store().user(QStringLiteral("bob"))->disabled);
    CHECK_FALSE(Vault::unwrapKey(store.path, QStringLiteral("bob"), strong));
    CHECK(hasAudit(*session, QStringLiteral("alice"), QStringLiteral("user.disable"), QStringLiteral("bob")));
}

TEST_CASE("audit page: verify shows Intact, then names the row changed behind the application's back")
{
    TestStore store({ { QStringLiteral("sam"), Role::Supervisor } });
    auto session = store.signIn(QStringLiteral("sam"));
    REQUIRE(session->openCase(QStringLiteral("26-004321"), ActiveCase::categories().first(),
                              QStringLiteral("stolen vehicle follow-up")));
    REQUIRE(session->recordAccess(Permission::Search, { { QStringLiteral("plate"), QStringLiteral("7ABC123") } }, 3));
    REQUIRE(session->recordAccess(Permission::Search, { { QStringLiteral("pattern"), QStringLiteral("8XY*") } }, 12));

    AuditPage page(*session);
    page.resize(1100, 600);
    page.show();
    AuditTableModel* audit = page.auditModel();
    QAbstractItemModelTester auditTester(audit, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(audit->rowCount() > 0);
    // Newest first, and opening the page is itself audited.
    CHECK(audit->row(0).event == QStringLiteral("audit.review"));
    CHECK(audit->index(0, AuditTableModel::Time).data().toString().startsWith(QStringLiteral("20")));

    // Filters.
    auto* eventFilter = child<QComboBox>(&page, "eventFilterCombo");
    eventFilter->setCurrentIndex(eventFilter->findText(QStringLiteral("login")));
    REQUIRE(audit->rowCount() >= 1);
    for (int i = 0; i < audit->rowCount(); ++i)
        CHECK(audit->row(i).event == QStringLiteral("login"));
    eventFilter->setCurrentIndex(0);
    auto* userFilter = child<QComboBox>(&page, "userFilterCombo");
    userFilter->setCurrentIndex(userFilter->findText(QStringLiteral("sam")));
    for (int i = 0; i < audit->rowCount(); ++i)
        CHECK(audit->row(i).username == QStringLiteral("sam"));
    userFilter->setCurrentIndex(0);

    auto* status = child<QLabel>(&page, "verifyStatusLabel");
    click(child<QPushButton>(&page, "verifyButton"));
    CHECK(status->text().startsWith(QStringLiteral("Intact: ")));

    // The access log, with a plate filter; searching it is audited.
    auto* tabs = child<QTabWidget>(&page, "tabs");
    tabs->setCurrentWidget(child<QWidget>(&page, "accessTab"));
    AccessLogTableModel* access = page.accessModel();
    QAbstractItemModelTester accessTester(access, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(access->rowCount() == 2);
    CHECK(access->index(0, AccessLogTableModel::Results).data().toLongLong() == 12); // newest first
    CHECK(access->index(0, AccessLogTableModel::Case).data().toString() == QStringLiteral("26-004321"));
    CHECK(access->index(0, AccessLogTableModel::Time).data().toString().endsWith(QStringLiteral(" UTC")));
    type(child<QLineEdit>(&page, "accessFilterEdit"), QStringLiteral("7abc"));
    click(child<QPushButton>(&page, "accessSearchButton"));
    REQUIRE(access->rowCount() == 1);
    CHECK(access->index(0, AccessLogTableModel::Results).data().toLongLong() == 3);
    CHECK(hasAudit(*session, QStringLiteral("sam"), QStringLiteral("audit.review"), QStringLiteral("7ABC")));

    // Change one field of row 2 with raw SQL: the verifier names row 2.
    store.tamper(QStringLiteral("UPDATE audit_log SET outcome = 'failure' WHERE id = 2"));
    click(child<QPushButton>(&page, "verifyButton"));
    INFO(status->text().toStdString());
    CHECK(status->text().startsWith(QStringLiteral("Not intact: Row 2 was changed")));
    CHECK(hasAudit(*session, QStringLiteral("sam"), QStringLiteral("audit.verify"), QStringLiteral("first_bad_row")));
    const int badRow = audit->rowOfId(2);
    REQUIRE(badRow >= 0);
    CHECK(audit->index(badRow, 0).data(Qt::BackgroundRole).isValid());
}

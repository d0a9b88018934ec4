// The login dialog and the main window as a user drives them: real widgets found by objectName, offscreen.
#include "Clock.h"
#include "Crypto.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "ReadSearchModel.h"
#include "Session.h"
#include "TempDir.h"
#include "Vault.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

const QString kPw = QStringLiteral("a passphrase for the ui test");

QString makeStore(const test::TempDir& dir, const Clock& clock)
{
    const QString path = dir.path(QStringLiteral("ui.alpr"));
    UserRecord admin;
    admin.name = QStringLiteral("alice");
    admin.role = Role::Admin;
    auto vault = Vault::create(path, admin, kPw, clock, kMinimumPbkdf2Iterations);
    REQUIRE(vault);
    // sam, a trained supervisor, may search; a demonstration store, so no MFA enrolment at sign-in.
    UserRecord sam;
    sam.name = QStringLiteral("sam");
    sam.role = Role::Supervisor;
    sam.agency = QStringLiteral("West Covina PD");
    sam.trainedOn = QDateTime::fromMSecsSinceEpoch(clock.nowMs()).date().addDays(-30);
    sam.refresherDue = sam.trainedOn.addYears(1);
    REQUIRE(vault.value()->addUser(sam, kPw));
    REQUIRE(vault.value()->store().setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
    REQUIRE(vault.value()->store().setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")));
    Camera cam;
    cam.name = QStringLiteral("Azusa Ave & Amar Rd");
    auto cams = vault.value()->store().upsertCameras({cam});
    REQUIRE(cams);
    QList<Read> reads;
    for (int i = 0; i < 25; ++i) {
        Read r;
        r.plate = QStringLiteral("7ABC%1").arg(100 + i);
        r.timeMs = 1'780'000'000'000 + i * 60'000;
        r.cameraId = cams->first().id;
        reads.append(r);
    }
    REQUIRE(vault.value()->store().addReads(reads));
    return path;
}

void signIn(LoginDialog& dialog, const QString& user, const QString& password)
{
    auto* acknowledge = dialog.findChild<QCheckBox*>(QStringLiteral("acknowledgeCheck"));
    auto* userEdit = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
    auto* passwordEdit = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    auto* signInButton = dialog.findChild<QPushButton*>(QStringLiteral("signInButton"));
    REQUIRE(acknowledge);
    REQUIRE(userEdit);
    REQUIRE(passwordEdit);
    REQUIRE(signInButton);
    // The system-use notice is acknowledged before every sign-in; until then the button does nothing.
    if (!acknowledge->isChecked()) {
        CHECK_FALSE(signInButton->isEnabled());
        acknowledge->setFocus();
        QTest::keyClick(acknowledge, Qt::Key_Space);
    }
    REQUIRE(signInButton->isEnabled());
    userEdit->clear();
    QTest::keyClicks(userEdit, user);
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(signInButton, Qt::LeftButton);
}

} // namespace

TEST_CASE("signing in with a wrong password shows the reason; the right one opens the main window")
{
    SystemClock clock;
    test::TempDir dir;
    const QString path = makeStore(dir, clock);

    LoginDialog dialog(clock, path);
    dialog.show();
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    auto* busy = dialog.findChild<QProgressBar*>(QStringLiteral("busyBar"));
    REQUIRE(error);
    REQUIRE(busy);

    signIn(dialog, QStringLiteral("sam"), QStringLiteral("wrong passphrase entirely"));
    REQUIRE(QTest::qWaitFor([&] { return error->isVisible() && !busy->isVisible(); }, 20000));
    CHECK(error->text().contains(QStringLiteral("Wrong user name or password")));
    CHECK(dialog.result() != QDialog::Accepted);
    // The password field is cleared after a failed attempt.
    CHECK(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    signIn(dialog, QStringLiteral("sam"), kPw);
    REQUIRE(QTest::qWaitFor([&] { return accepted.count() == 1; }, 20000));
    auto session = dialog.takeSession();
    REQUIRE(session);
    CHECK(session->user().name == QStringLiteral("sam"));
    // Reads are shown only inside a case (policy 462.5(b)).
    REQUIRE(session->openCase(QStringLiteral("26-001234"), ActiveCase::categories().first(),
                              QStringLiteral("burglary canvass")));

    MainWindow window(std::move(session));
    window.show();
    window.showPage(QStringLiteral("readsPage"));
    auto* summary = window.findChild<QLabel*>(QStringLiteral("summaryLabel"));
    auto* table = window.findChild<QTableView*>(QStringLiteral("latestReadsTable"));
    REQUIRE(summary);
    REQUIRE(table);
    CHECK(summary->text().contains(QStringLiteral("<b>25</b> reads")));
    REQUIRE(table->model()->rowCount() == 25);
    // Newest first.
    CHECK(table->model()->index(0, ReadSearchModel::Plate).data().toString() == QStringLiteral("7ABC124"));
    CHECK(table->model()->index(0, ReadSearchModel::Camera).data().toString() == QStringLiteral("Azusa Ave & Amar Rd"));
}


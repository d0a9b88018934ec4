// The login dialog and the main window as a user drives them: real widgets found by objectName, offscreen.
#include "Clock.h"
#include "Crypto.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "ReadTableModel.h"
#include "TempDir.h"
#include "Vault.h"
#include "KeySlotFile.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QDialogButtonBox>
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
    auto* userEdit = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
    auto* passwordEdit = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    auto* buttons = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"));
    REQUIRE(userEdit);
    REQUIRE(passwordEdit);
    REQUIRE(buttons);
    userEdit->clear();
    QTest::keyClicks(userEdit, user);
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
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
    REQUIRE(error);

    signIn(dialog, QStringLiteral("alice"), QStringLiteral("wrong passphrase entirely"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    CHECK(error->text().contains(QStringLiteral("Wrong user name or password")));
    CHECK(dialog.result() != QDialog::Accepted);
    // The password field is cleared after a failed attempt.
    CHECK(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    signIn(dialog, QStringLiteral("alice"), kPw);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
    auto vault = dialog.takeVault();
    REQUIRE(vault);
    CHECK(vault->user().name == QStringLiteral("alice"));

    MainWindow window(std::move(vault));
    window.show();
    auto* summary = window.findChild<QLabel*>(QStringLiteral("summaryLabel"));
    auto* table = window.findChild<QTableView*>(QStringLiteral("latestReadsTable"));
    REQUIRE(summary);
    REQUIRE(table);
    CHECK(summary->text().contains(QStringLiteral("<b>25</b> reads")));
    REQUIRE(table->model()->rowCount() == 25);
    // Newest first.
    CHECK(table->model()->index(0, ReadTableModel::Plate).data().toString() == QStringLiteral("7ABC124"));
    CHECK(table->model()->index(0, ReadTableModel::Camera).data().toString() == QStringLiteral("Azusa Ave & Amar Rd"));
}

TEST_CASE("the read table model is a well-behaved model")
{
    ReadTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Read r;
    r.plate = QStringLiteral("7ABC123");
    r.candidates = {{QStringLiteral("7A8C123"), 60}};
    model.setReads({r, r}, {});
    CHECK(model.rowCount() == 2);
    CHECK(model.index(1, ReadTableModel::Candidates).data().toString() == QStringLiteral("7A8C123"));
    model.setReads({}, {});
    CHECK(model.rowCount() == 0);
}

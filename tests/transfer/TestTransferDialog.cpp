// "End of shift: transfer and purge…" driven like a user would: the fields filled by objectName, the button
// clicked, the receipt read from the window; a real PostgreSQL behind it.
#include "Clock.h"
#include "LoginDialog.h"
#include "MfaEnrolmentDialog.h"
#include "TransferDialog.h"
#include "TransferFixture.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

TEST_CASE("the transfer dialog moves the reads, shows progress and the receipt", "[transfer][ui][pg]")
{
    TransferFixture f;
    f.addLocalReads(makeReads(2500));
    auto local = f.signInLocal();
    TransferDialog dialog(*local);
    dialog.show();
    auto* start = dialog.findChild<QPushButton*>(QStringLiteral("transferStart"));
    REQUIRE(start);
    CHECK_FALSE(start->isEnabled()); // no server, no password yet
    const QUrl uri(f.uri());
    QUrl server = uri;
    server.setQuery(QString());
    // The last server used is remembered (QSettings): type over it.
    dialog.findChild<QLineEdit*>(QStringLiteral("transferServer"))->clear();
    dialog.findChild<QLineEdit*>(QStringLiteral("transferCa"))->clear();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("transferServer")), server.toString());
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("transferCa")),
                     QUrlQuery(uri).queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("transferPassword")), TransferFixture::password());
    REQUIRE(start->isEnabled());
    const QString shots = qEnvironmentVariable("ALPR_SCREENSHOTS");
    if (!shots.isEmpty())
        dialog.grab().save(shots + QStringLiteral("/transfer-before.png"));
    QTest::mouseClick(start, Qt::LeftButton);
    INFO(dialog.outcome().toStdString());
    CHECK(dialog.outcome().contains(QStringLiteral("Transfer complete")));
    CHECK(dialog.outcome().contains(QStringLiteral("Reads left in the local store: 0")));
    auto* bar = dialog.findChild<QProgressBar*>(QStringLiteral("transferProgress"));
    CHECK(bar->value() == 2500);
    CHECK(bar->maximum() == 2500);
    CHECK(require(local->store().stats()).reads == 0);
    CHECK(require(f.serverReader()->stats()).reads == 2500);
    CHECK(dialog.findChild<QLineEdit*>(QStringLiteral("transferPassword"))->text().isEmpty()); // not kept
    if (!shots.isEmpty())
        dialog.grab().save(shots + QStringLiteral("/transfer-after.png"));

    // A wrong password: a clear message, nothing purged, the dialog ready again.
    f.addLocalReads(makeReads(10, 5000));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("transferPassword")),
                     QStringLiteral("not the password at all"));
    QTest::mouseClick(start, Qt::LeftButton);
    CHECK_FALSE(dialog.outcome().contains(QStringLiteral("Transfer complete")));
    CHECK_FALSE(dialog.outcome().isEmpty());
    CHECK(require(local->store().stats()).reads == 10);
}

TEST_CASE("the sign-in dialog signs in to the department's server when given its postgresql:// address",
          "[ui][pg]")
{
    TransferFixture f;
    SystemClock clock;
    LoginDialog dialog(clock, f.uri());
    dialog.show();
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    auto* busy = dialog.findChild<QProgressBar*>(QStringLiteral("busyBar"));
    REQUIRE(error);
    REQUIRE(busy);
    auto attempt = [&](const QString& password) {
        auto* acknowledge = dialog.findChild<QCheckBox*>(QStringLiteral("acknowledgeCheck"));
        if (!acknowledge->isChecked())
            acknowledge->setChecked(true);
        dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"))->setText(f.user());
        dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
    };

    // The server checks the password: a wrong one is refused with the server's reason, not a missing file.
    attempt(QStringLiteral("not the password at all"));
    REQUIRE(QTest::qWaitFor([&] { return error->isVisible() && !busy->isVisible(); }, 20000));
    INFO(error->text().toStdString());
    CHECK_FALSE(error->text().contains(QStringLiteral("does not exist")));
    CHECK(dialog.result() != QDialog::Accepted);

    // The right one opens a session on the server (accepted, or first the MFA enrolment the server requires).
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    attempt(TransferFixture::password());
    REQUIRE(QTest::qWaitFor(
        [&] { return accepted.count() == 1 || dialog.findChild<MfaEnrolmentDialog*>() != nullptr; }, 20000));
    CHECK_FALSE(error->isVisible());
}

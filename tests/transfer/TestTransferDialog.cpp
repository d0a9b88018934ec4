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
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
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

TEST_CASE("the transfer dialog handles events while the server stores a batch; Cancel leaves what is not confirmed",
          "[transfer][ui][pg]")
{
    TransferFixture f;
    const int total = 60'000;
    f.addLocalReads(makeReads(total, 0, false));
    auto local = f.signInLocal();
    TransferDialog dialog(*local);
    dialog.show();
    const QUrl uri(f.uri());
    QUrl server = uri;
    server.setQuery(QString());
    dialog.findChild<QLineEdit*>(QStringLiteral("transferServer"))->setText(server.toString());
    dialog.findChild<QLineEdit*>(QStringLiteral("transferCa"))
        ->setText(QUrlQuery(uri).queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded));
    dialog.findChild<QLineEdit*>(QStringLiteral("transferPassword"))->setText(TransferFixture::password());
    auto* bar = dialog.findChild<QProgressBar*>(QStringLiteral("transferProgress"));
    auto* status = dialog.findChild<QLabel*>(QStringLiteral("transferStatus"));
    auto* cancel = dialog.findChild<QPushButton*>(QStringLiteral("transferCancel"));
    REQUIRE(bar);
    REQUIRE(status);
    REQUIRE(cancel);
    // A 1 ms timer stands for the user: it runs only when the window handles events. During the transfer it counts
    // its turns and clicks Cancel at the first one. Batches are the CLI's 20,000 reads: the window handles events
    // while the server stores them, not only after each batch's purge (when the progress bar moves).
    QSignalSpy moves(bar, &QProgressBar::valueChanged);
    int turns = 0;
    QTimer clicker;
    clicker.setInterval(1);
    QObject::connect(&clicker, &QTimer::timeout, [&] {
        if (status->text() == TransferDialog::tr("Signing in to the server…"))
            return;
        if (turns++ == 0)
            QTest::mouseClick(cancel, Qt::LeftButton);
    });
    clicker.start();
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("transferStart")), Qt::LeftButton);
    clicker.stop();
    INFO(dialog.outcome().toStdString());
    INFO("timer turns " << turns << ", progress moves " << moves.count());
    CHECK(turns > 2 * moves.count() + 2);
    CHECK(status->text() == TransferDialog::tr("Cancelled: the rest stays on the laptop for the next transfer."));
    // The batches already read and sent finish and are purged; the rest stays.
    const qint64 left = require(local->store().stats()).reads;
    const qint64 stored = require(f.serverReader()->stats()).reads;
    CHECK(left > 0);
    CHECK(stored > 0);
    CHECK(left + stored == total);
    CHECK(bar->value() == stored);
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

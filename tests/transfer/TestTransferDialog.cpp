// "End of shift: transfer and purge…" driven like a user would: the fields filled by objectName, the button
// clicked, the receipt read from the window; a real PostgreSQL behind it.
#include "TransferDialog.h"
#include "TransferFixture.h"

#include <QLineEdit>
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

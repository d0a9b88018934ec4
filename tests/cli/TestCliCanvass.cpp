// `alpr-cli canvass` end to end on a demo store: the seeded burglary scene finds the suspect's plate, several scenes,
// convoy and locate run, and the exit statuses of CLI.md (2 usage, 4 policy: no case, or a role without canvass).
#include "TempDir.h"
#include "TestConfig.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <catch2/catch_test_macros.hpp>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args, const QString& password)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ALPR_ACCEPT_BANNER"), QStringLiteral("1"));
    env.insert(QStringLiteral("ALPR_PASSWORD"), password);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Local times are Pacific, as at the department: the scene's window is typed and printed in PST.
    env.insert(QStringLiteral("TZ"), QStringLiteral("America/Los_Angeles"));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH), args);
    if (!p.waitForFinished(300000))
        return {};
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

/** "2026-11-27 19:30:00 PST" -> "2026-11-27T19:30:00" (local time, as the CLI reads it). */
QString isoLocal(const QString& shown)
{
    return shown.left(19).replace(u' ', u'T');
}

} // namespace

TEST_CASE("canvass from the command line: the burglary scene, several scenes, convoy, locate, exit statuses")
{
    alpr::test::TempDir dir;
    const QString store = dir.path(QStringLiteral("demo.alpr"));
    Run r = cli({ QStringLiteral("demo"), QStringLiteral("--store"), store, QStringLiteral("--reads"),
                  QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("5") },
                QString());
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // "Within 500 m of 34.04730,-117.96572, 2026-11-27 19:30:00 PST to 2026-11-27 21:30:00 PST."
    const QRegularExpression sceneLine(QStringLiteral(
        R"(Within (\d+) m of ([-0-9.]+,[-0-9.]+), (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \S+ )"
        R"(to (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d))"));
    const QRegularExpressionMatch m = sceneLine.match(r.out);
    REQUIRE(m.hasMatch());
    const QString radius = m.captured(1);
    const QString at = m.captured(2);
    const QString from = isoLocal(m.captured(3));
    const QString to = isoLocal(m.captured(4));

    const QString detPw = QStringLiteral("demo detective passphrase");
    const QStringList asDet
        = { QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("detective") };
    const QStringList withCase
        = { QStringLiteral("--case"),           QStringLiteral("26-000001"), QStringLiteral("--purpose"),
            QStringLiteral("burglary canvass"), QStringLiteral("--format"),  QStringLiteral("csv") };
    // The suspect, found the way the README tells: the witness's partial plate.
    r = cli(QStringList { QStringLiteral("candidates"), QStringLiteral("--plate"), QStringLiteral("7?B*2") } + asDet
                + withCase,
            detPw);
    REQUIRE(r.exitCode == 0);
    const QString suspect = r.out.section(u'\n', 1, 1).section(u',', 0, 0);
    REQUIRE(suspect.size() == 7);

    const QStringList scene = { QStringLiteral("canvass"),
                                QStringLiteral("--at"),
                                at,
                                QStringLiteral("--radius"),
                                radius,
                                QStringLiteral("--from"),
                                from,
                                QStringLiteral("--to"),
                                to };
    // No case, no data.
    r = cli(scene + asDet, detPw);
    CHECK(r.exitCode == 4);
    CHECK(r.err.contains(QStringLiteral("case")));
    // A records clerk may search plates but not canvass (policy table).
    r = cli(scene + QStringList { QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("clerk") }
                + withCase,
            QStringLiteral("demo clerk passphrase"));
    CHECK(r.exitCode == 4);

    // The scene: the suspect's plate is among the vehicles there, ranked by reads.
    r = cli(scene + asDet + withCase, detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    REQUIRE(lines.size() >= 2); // 3,000 reads over 60 days: few vehicles besides the suspect
    CHECK(lines.first() == QStringLiteral("rank,plate,reads,first seen,last seen"));
    CHECK(r.out.contains(u',' + suspect + u','));
    // Its reads, with camera names.
    r = cli(scene + QStringList { QStringLiteral("--show"), QStringLiteral("reads") } + asDet + withCase, detPw);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.startsWith(QStringLiteral("id,time,plate")));
    CHECK(r.out.contains(suspect));

    // Two scenes (the burglary, and the same place a day earlier): plates at at least one of them.
    const QString sceneArg = at + u',' + radius + u',' + from + u',' + to;
    auto dayEarlier
        = [](const QString& iso) { return QDateTime::fromString(iso, Qt::ISODate).addDays(-1).toString(Qt::ISODate); };
    const QString dayBefore = at + u',' + radius + u',' + dayEarlier(from) + u',' + dayEarlier(to);
    r = cli(QStringList { QStringLiteral("canvass"), QStringLiteral("--scene"), sceneArg, QStringLiteral("--scene"),
                          dayBefore, QStringLiteral("--min-scenes"), QStringLiteral("1") }
                + asDet + withCase,
            detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.startsWith(QStringLiteral("rank,plate,scenes,scene 1,scene 2,reads")));
    CHECK(r.out.contains(suspect));

    // Convoy and locate of the suspect.
    r = cli(QStringList { QStringLiteral("canvass"), QStringLiteral("--convoy"), suspect,
                          QStringLiteral("--within-seconds"), QStringLiteral("300"), QStringLiteral("--within-metres"),
                          QStringLiteral("500"), QStringLiteral("--min-times"), QStringLiteral("1") }
                + asDet + withCase,
            detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.startsWith(QStringLiteral("rank,plate,times,reads,first together,last together")));
    r = cli(QStringList { QStringLiteral("canvass"), QStringLiteral("--locate"), suspect } + asDet + withCase
                + QStringList { QStringLiteral("--format"), QStringLiteral("json") },
            detPw);
    REQUIRE(r.exitCode == 0);
    const QJsonArray places = QJsonDocument::fromJson(r.out.toUtf8()).array();
    REQUIRE_FALSE(places.isEmpty());
    int sightings = 0;
    for (const QJsonValue& v : places)
        sightings += v.toObject().value(QStringLiteral("sightings")).toString().toInt();
    CHECK(sightings >= 2);

    // Usage errors (exit 2), checked before signing in.
    const QList<QStringList> bad = {
        { QStringLiteral("canvass"), QStringLiteral("--at"), QStringLiteral("34.05"), QStringLiteral("--radius"),
          QStringLiteral("500"), QStringLiteral("--from"), from, QStringLiteral("--to"), to },
        { QStringLiteral("canvass"), QStringLiteral("--at"), at, QStringLiteral("--radius"), QStringLiteral("-1"),
          QStringLiteral("--from"), from, QStringLiteral("--to"), to },
        { QStringLiteral("canvass"), QStringLiteral("--at"), at, QStringLiteral("--radius"), radius,
          QStringLiteral("--from"), to, QStringLiteral("--to"), from },
        { QStringLiteral("canvass"), QStringLiteral("--scene"), at + QStringLiteral(",500,") + from },
        { QStringLiteral("canvass"), QStringLiteral("--scene"), sceneArg, QStringLiteral("--min-scenes"),
          QStringLiteral("2") },
        { QStringLiteral("canvass"), QStringLiteral("--convoy"), suspect, QStringLiteral("--locate"), suspect },
        { QStringLiteral("canvass") },
        { QStringLiteral("canvass"), QStringLiteral("--polygon"), QStringLiteral("34.0,-117.9;34.1,-117.9") },
    };
    for (const QStringList& args : bad) {
        r = cli(args + asDet + withCase, detPw);
        INFO(args.join(u' ').toStdString());
        CHECK(r.exitCode == 2);
    }
}

// alpr-cli as a user runs it: a real child process, real store files, passwords from the environment,
// exit statuses per CLI.md (0 done, 2 usage, 3 authentication, 4 policy).
#include "TempDir.h"
#include "TestConfig.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>

#include <catch2/catch_test_macros.hpp>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args, const QString& password = {}, const QString& newPassword = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ALPR_PASSWORD"));
    env.remove(QStringLiteral("ALPR_NEW_PASSWORD"));
    if (!password.isNull())
        env.insert(QStringLiteral("ALPR_PASSWORD"), password);
    if (!newPassword.isNull())
        env.insert(QStringLiteral("ALPR_NEW_PASSWORD"), newPassword);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH), args);
    if (!p.waitForFinished(300000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

const QString kAdminPw = QStringLiteral("admin passphrase for tests");
const QString kDetPw = QStringLiteral("detective passphrase for tests");

} // namespace

TEST_CASE("init, user management and stats from the command line")
{
    alpr::test::TempDir dir;
    const QString store = dir.path(QStringLiteral("s.alpr"));
    const QStringList as = {QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("alice")};

    Run r = cli({QStringLiteral("init"), QStringLiteral("--store"), store, QStringLiteral("--admin"),
                 QStringLiteral("alice")},
                {}, kAdminPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(QFile::exists(store + QStringLiteral(".keys")));

    // init again: refused, store kept.
    r = cli({QStringLiteral("init"), QStringLiteral("--store"), store, QStringLiteral("--admin"),
             QStringLiteral("eve")},
            {}, kAdminPw);
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(store));

    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"),
                        QStringLiteral("detective"), QStringLiteral("--trained"), QStringLiteral("2026-01-15"),
                        QStringLiteral("--clets")}
                + as,
            kAdminPw, kDetPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);

    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--format"),
                        QStringLiteral("csv")}
                + as,
            kAdminPw);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("bob,detective")));
    CHECK(r.out.contains(QStringLiteral("2026-01-15")));

    // A detective may not manage accounts (policy), and a wrong password is an authentication failure.
    const QStringList asBob = {QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("bob")};
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list")} + asBob, kDetPw);
    CHECK(r.exitCode == 4);
    r = cli(QStringList{QStringLiteral("stats")} + asBob, QStringLiteral("not the password"));
    CHECK(r.exitCode == 3);
    r = cli(QStringList{QStringLiteral("stats")} + asBob, kDetPw);
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("reads")));

    // Disabled: bob's slot is gone.
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("bob")} + as, kAdminPw);
    REQUIRE(r.exitCode == 0);
    r = cli(QStringList{QStringLiteral("stats")} + asBob, kDetPw);
    CHECK(r.exitCode == 3);

    // Usage errors.
    CHECK(cli({QStringLiteral("frobnicate")}).exitCode == 2);
    CHECK(cli({QStringLiteral("stats")}, kAdminPw).exitCode == 2); // no --store
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"), QStringLiteral("--role"),
                        QStringLiteral("janitor")}
                + as,
            kAdminPw, kDetPw);
    CHECK(r.exitCode == 2);
}

TEST_CASE("demo data: counts, idempotence, case requirement and no plate in the raw bytes")
{
    alpr::test::TempDir dir;
    const QString store = dir.path(QStringLiteral("demo.alpr"));
    Run r = cli({QStringLiteral("demo"), QStringLiteral("--store"), store, QStringLiteral("--reads"),
                 QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("5")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("detective")));
    const QString detPw = QStringLiteral("demo detective passphrase");
    const QStringList asDet = {QStringLiteral("--store"), store, QStringLiteral("--user"),
                               QStringLiteral("detective")};

    r = cli(QStringList{QStringLiteral("stats"), QStringLiteral("--format"), QStringLiteral("csv")} + asDet, detPw);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("reads,3000")));

    // Reads are ALPR data: no case, no data.
    r = cli(QStringList{QStringLiteral("reads")} + asDet, detPw);
    CHECK(r.exitCode == 4);

    r = cli(QStringList{QStringLiteral("reads"), QStringLiteral("--case"), QStringLiteral("26-000001"),
                        QStringLiteral("--purpose"), QStringLiteral("test"), QStringLiteral("--format"),
                        QStringLiteral("csv")}
                + asDet,
            detPw);
    REQUIRE(r.exitCode == 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3001);
    CHECK(lines.first().startsWith(QStringLiteral("id,time,plate")));
    QSet<QString> plates;
    for (qsizetype i = 1; i < lines.size(); ++i)
        plates.insert(lines.at(i).section(u',', 2, 2));
    CHECK(plates.size() > 300);

    // Same seed again, as the administrator: nothing new.
    r = cli({QStringLiteral("demo"), QStringLiteral("--store"), store, QStringLiteral("--reads"),
             QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--user"),
             QStringLiteral("admin")},
            QStringLiteral("demo admin passphrase"));
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    r = cli(QStringList{QStringLiteral("stats"), QStringLiteral("--format"), QStringLiteral("csv")} + asDet, detPw);
    CHECK(r.out.contains(QStringLiteral("reads,3000")));

    // No demo plate appears in the raw bytes of the store or its WAL.
    QByteArray raw;
    for (const QString& f : {store, store + QStringLiteral("-wal")}) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            raw += file.readAll();
    }
    REQUIRE(raw.size() > 100000);
    int found = 0;
    for (const QString& p : plates)
        if (p.size() >= 5 && raw.contains(p.toLatin1()))
            ++found;
    CHECK(found == 0);
}

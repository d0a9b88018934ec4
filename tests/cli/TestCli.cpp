// alpr-cli as a user runs it: a real child process, real store files, passwords from the environment,
// exit statuses per CLI.md (0 done, 2 usage, 3 authentication, 4 policy).
#include "TempDir.h"
#include "TestConfig.h"
#include "Totp.h"

#include <QDateTime>

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

Run cli(const QStringList& args, const QString& password = {}, const QString& newPassword = {},
        bool acceptBanner = true)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ALPR_PASSWORD"));
    env.remove(QStringLiteral("ALPR_NEW_PASSWORD"));
    env.remove(QStringLiteral("ALPR_ACCEPT_BANNER"));
    if (acceptBanner)
        env.insert(QStringLiteral("ALPR_ACCEPT_BANNER"), QStringLiteral("1"));
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

/** Enrols the user in MFA through the CLI, as a user with an authenticator app would; returns the secret. */
QByteArray enrol(const QStringList& as, const QString& password)
{
    Run r = cli(QStringList{QStringLiteral("mfa"), QStringLiteral("enroll")} + as, password);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const qsizetype at = r.out.indexOf(QStringLiteral("secret="));
    REQUIRE(at > 0);
    const QString base32 = r.out.mid(at + 7).section(u'&', 0, 0).trimmed();
    auto secret = alpr::Totp::base32Decode(base32);
    REQUIRE(secret);
    r = cli(QStringList{QStringLiteral("mfa"), QStringLiteral("confirm"), QStringLiteral("--otp"),
                        alpr::Totp::code(secret.value(), QDateTime::currentMSecsSinceEpoch())}
                + as,
            password);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return secret.value();
}

QStringList otp(const QByteArray& secret)
{
    return {QStringLiteral("--otp"), alpr::Totp::code(secret, QDateTime::currentMSecsSinceEpoch())};
}

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

    // No sign-in without the system-use notice.
    r = cli(QStringList{QStringLiteral("stats")} + as, kAdminPw, {}, /*acceptBanner*/ false);
    CHECK(r.exitCode == 4);
    CHECK(r.err.contains(QStringLiteral("monitored")));

    // A new store requires MFA: nothing but enrolment until then.
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list")} + as, kAdminPw);
    CHECK(r.exitCode == 4);
    const QByteArray adminSecret = enrol(as, kAdminPw);
    // Enrolled: the code is now required at every sign-in.
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list")} + as, kAdminPw);
    CHECK(r.exitCode == 3);
    const QStringList asAdmin = as;

    // A weak password is refused with the reason, and nothing is added.
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"),
                        QStringLiteral("detective")}
                + asAdmin + otp(adminSecret),
            kAdminPw, QStringLiteral("password1234"));
    CHECK(r.exitCode == 2);
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"),
                        QStringLiteral("detective"), QStringLiteral("--trained"), QStringLiteral("2026-01-15"),
                        QStringLiteral("--clets")}
                + asAdmin + otp(adminSecret),
            kAdminPw, kDetPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);

    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--format"),
                        QStringLiteral("csv")}
                + asAdmin + otp(adminSecret),
            kAdminPw);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("bob,detective")));
    CHECK(r.out.contains(QStringLiteral("2026-01-15")));

    // A wrong password is an authentication failure; a detective may not manage accounts (policy).
    const QStringList asBob = {QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("bob")};
    r = cli(QStringList{QStringLiteral("stats")} + asBob, QStringLiteral("not the password"));
    CHECK(r.exitCode == 3);
    r = cli(QStringList{QStringLiteral("stats")} + asBob, kDetPw);
    CHECK(r.exitCode == 4); // not enrolled in MFA yet
    const QByteArray bobSecret = enrol(asBob, kDetPw);
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("list")} + asBob + otp(bobSecret), kDetPw);
    CHECK(r.exitCode == 4);
    r = cli(QStringList{QStringLiteral("stats")} + asBob + otp(bobSecret), kDetPw);
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("reads")));

    // The audit log verifies, and an administrator may read it.
    r = cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + asAdmin + otp(adminSecret), kAdminPw);
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("intact")));

    // Disabled: bob's slot is gone.
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("bob")} + asAdmin
                + otp(adminSecret),
            kAdminPw);
    REQUIRE(r.exitCode == 0);
    r = cli(QStringList{QStringLiteral("stats")} + asBob + otp(bobSecret), kDetPw);
    CHECK(r.exitCode == 3);

    // Usage errors.
    CHECK(cli({QStringLiteral("frobnicate")}).exitCode == 2);
    CHECK(cli({QStringLiteral("stats")}, kAdminPw).exitCode == 2); // no --store
    r = cli(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"), QStringLiteral("--role"),
                        QStringLiteral("janitor")}
                + asAdmin + otp(adminSecret),
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

    // The seeded suspect from a witness's partial plate, and its misread variant.
    const QStringList withCase = {QStringLiteral("--case"), QStringLiteral("26-000001"), QStringLiteral("--purpose"),
                                  QStringLiteral("burglary canvass"), QStringLiteral("--format"), QStringLiteral("csv")};
    r = cli(QStringList{QStringLiteral("candidates"), QStringLiteral("--plate"), QStringLiteral("7?B*2")} + asDet
                + withCase,
            detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString suspect = r.out.section(u'\n', 1, 1).section(u',', 0, 0);
    CHECK(suspect.size() == 7);
    r = cli(QStringList{QStringLiteral("search"), QStringLiteral("--plate"), suspect} + asDet + withCase, detPw);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.count(suspect) >= 2);
    // Searches need a case too, and a bad pattern is a usage error naming the position.
    r = cli(QStringList{QStringLiteral("search"), QStringLiteral("--plate"), QStringLiteral("7[AB")} + asDet
                + withCase,
            detPw);
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("position 2")));
    r = cli(QStringList{QStringLiteral("search"), QStringLiteral("--plate"), suspect} + asDet, detPw);
    CHECK(r.exitCode == 4);

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

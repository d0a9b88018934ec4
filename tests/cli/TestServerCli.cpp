// alpr-cli against the department's server, end to end: a real child process, a real PostgreSQL (PgTestCluster)
// over verified TLS. server init on an empty database, the first administrator, MFA, a detective added as a login
// role, then stats and search as that detective, and the audit chain verified on the server.
#include "PgTestCluster.h"
#include "RemoteStore.h"
#include "TempDir.h"
#include "TestConfig.h"
#include "Totp.h"

#include <QDateTime>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

class Cli
{
public:
    explicit Cli(QString stateDir)
        : m_stateDir(std::move(stateDir))
    {
    }

    Run operator()(const QStringList& args, const QString& password, const QString& newPassword = {}) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ALPR_ACCEPT_BANNER"), QStringLiteral("1"));
        env.insert(QStringLiteral("ALPR_PASSWORD"), password);
        env.remove(QStringLiteral("ALPR_NEW_PASSWORD"));
        if (!newPassword.isNull())
            env.insert(QStringLiteral("ALPR_NEW_PASSWORD"), newPassword);
        env.insert(QStringLiteral("ALPR_STATE_DIR"), m_stateDir); // the per-server lockout file
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(ALPR_CLI_PATH), args);
        if (!p.waitForFinished(120000))
            return {};
        return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                 QString::fromUtf8(p.readAllStandardError()) };
    }

private:
    QString m_stateDir;
};

QStringList otp(const QByteArray& secret)
{
    return { QStringLiteral("--otp"), Totp::code(secret, QDateTime::currentMSecsSinceEpoch()) };
}

/** Enrols through the CLI as a user with an authenticator app would; returns the secret. */
QByteArray enrol(const Cli& cli, const QStringList& as, const QString& password)
{
    Run r = cli(QStringList { QStringLiteral("mfa"), QStringLiteral("enroll") } + as, password);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const qsizetype at = r.out.indexOf(QStringLiteral("secret="));
    REQUIRE(at > 0);
    auto secret = Totp::base32Decode(r.out.mid(at + 7).section(u'&', 0, 0).trimmed());
    REQUIRE(secret);
    r = cli(QStringList { QStringLiteral("mfa"), QStringLiteral("confirm") } + otp(secret.value()) + as, password);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return secret.value();
}

} // namespace

TEST_CASE("alpr-cli server init, then stats and search on the server as a detective", "[cli][server]")
{
    PgTestCluster& cluster = PgTestCluster::shared();
    TempDir state;
    const Cli cli(state.root());
    // An empty database, as a department's DBA would create it: server init does everything else.
    const QString db = PgTestCluster::uniqueName(QStringLiteral("cli"));
    REQUIRE(cluster.exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(db)));
    const QString uri = cluster.uri(db);
    const QString boss = PgTestCluster::uniqueName(QStringLiteral("boss"));
    const QString det = PgTestCluster::uniqueName(QStringLiteral("det"));
    const QString bossPw = QStringLiteral("administrator passphrase 1");
    const QString detPw = QStringLiteral("detective passphrase 2");
    const QStringList server { QStringLiteral("--server"), uri };

    Run r = cli(QStringList { QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--user"),
                              cluster.superuser(), QStringLiteral("--admin"), boss, QStringLiteral("--agency"),
                              QStringLiteral("West Covina PD") }
                    + server,
                cluster.superPassword(), bossPw);
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("Created the ALPR schema")));
    CHECK(r.out.contains(boss));
    // Again: nothing to create, roles and grants refreshed.
    r = cli(
        QStringList { QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--user"), cluster.superuser() }
            + server,
        cluster.superPassword());
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("already there")));
    // Only a superuser installs: the new administrator is refused (exit 4, policy).
    r = cli(QStringList { QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--user"), boss } + server,
            bossPw);
    CHECK(r.exitCode == 4);
    CHECK(r.err.contains(QStringLiteral("superuser")));
    // A wrong password is an authentication failure (exit 3); the password is not echoed.
    r = cli(QStringList { QStringLiteral("stats"), QStringLiteral("--user"), boss } + server,
            QStringLiteral("wrong passphrase here"));
    CHECK(r.exitCode == 3);
    CHECK_FALSE(r.err.contains(QStringLiteral("wrong passphrase here")));
    // A URI without the CA is a usage error (exit 2).
    r = cli({ QStringLiteral("stats"), QStringLiteral("--user"), boss, QStringLiteral("--server"),
              QStringLiteral("postgresql://127.0.0.1:%1/%2").arg(cluster.port()).arg(db) },
            bossPw);
    CHECK(r.exitCode == 2);

    // The administrator enrols in MFA (required by default), then adds a detective: a login role on the server.
    const QStringList asBoss = QStringList { QStringLiteral("--user"), boss } + server;
    const QByteArray bossSecret = enrol(cli, asBoss, bossPw);
    r = cli(QStringList { QStringLiteral("user"), QStringLiteral("add"), det, QStringLiteral("--role"),
                          QStringLiteral("detective"), QStringLiteral("--trained"),
                          QDate::currentDate().addMonths(-1).toString(Qt::ISODate) }
                + asBoss + otp(bossSecret),
            bossPw, detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    r = cli(QStringList { QStringLiteral("user"), QStringLiteral("list") } + asBoss + otp(bossSecret), bossPw);
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(det));

    // Reads on the server, written as the detective's own role.
    {
        auto address = ServerAddress::parse(uri);
        REQUIRE(address);
        auto store = RemoteStore::connect(address.value(), det, detPw);
        INFO((store ? QString() : store.error().message).toStdString());
        REQUIRE(store);
        QList<Read> reads;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 30; ++i) {
            Read x;
            x.plate = i % 3 ? QStringLiteral("6ABC%1").arg(100 + i) : QStringLiteral("7PBT942");
            x.state = QStringLiteral("CA");
            x.timeMs = now - qint64(i) * 3'600'000;
            x.lat = 34.0686;
            x.lon = -117.939;
            x.confidence = 90;
            x.sourceFile = QStringLiteral("unit412.json");
            x.sourceId = QString::number(i);
            reads.append(x);
        }
        REQUIRE(store.value()->addReads(reads).value() == 30);
    }

    const QStringList asDet = QStringList { QStringLiteral("--user"), det } + server;
    const QByteArray detSecret = enrol(cli, asDet, detPw);
    r = cli(QStringList { QStringLiteral("stats") } + asDet + otp(detSecret), detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("server 127.0.0.1:%1/%2").arg(cluster.port()).arg(db)));
    CHECK(r.out.contains(QRegularExpression(QStringLiteral("reads\\s+30\\b"))));

    const QStringList withCase { QStringLiteral("--case"), QStringLiteral("26-000123"), QStringLiteral("--purpose"),
                                 QStringLiteral("burglary canvass") };
    r = cli(QStringList { QStringLiteral("search"), QStringLiteral("--plate"), QStringLiteral("7PBT94?"),
                          QStringLiteral("--format"), QStringLiteral("csv") }
                + asDet + withCase + otp(detSecret),
            detPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.count(QStringLiteral("7PBT942")) == 10);
    CHECK_FALSE(r.out.contains(QStringLiteral("6ABC")));
    // No case, no data (exit 4), on the server as locally.
    r = cli(QStringList { QStringLiteral("search"), QStringLiteral("--plate"), QStringLiteral("7PBT942") } + asDet
                + otp(detSecret),
            detPw);
    CHECK(r.exitCode == 4);

    // The administrator reviews: the access record of the search, and the server's audit chain verifies.
    r = cli(QStringList { QStringLiteral("access"), QStringLiteral("log") } + asBoss + otp(bossSecret), bossPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(det));
    CHECK(r.out.contains(QStringLiteral("26-000123")));
    r = cli(QStringList { QStringLiteral("audit"), QStringLiteral("verify") } + asBoss + otp(bossSecret), bossPw);
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("intact")));
    // A detective may not review the logs: refused by the app (exit 4) before the server would refuse too.
    r = cli(QStringList { QStringLiteral("audit"), QStringLiteral("verify") } + asDet + otp(detSecret), detPw);
    CHECK(r.exitCode == 4);

    // The administrator disables the detective: on a server that is the login role, not a key slot, and the
    // message says so; the server itself then refuses the detective's sign-in.
    r = cli(QStringList { QStringLiteral("user"), QStringLiteral("disable"), det } + asBoss + otp(bossSecret), bossPw);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("no longer lets their role sign in")));
    CHECK_FALSE(r.out.contains(QStringLiteral("key slot")));
    {
        auto address = ServerAddress::parse(uri);
        REQUIRE(address);
        CHECK_FALSE(RemoteStore::connect(address.value(), det, detPw));
    }
    r = cli(QStringList { QStringLiteral("stats") } + asDet + otp(detSecret), detPw);
    CHECK(r.exitCode != 0);

    ignoreError(cluster.dropDatabase(db));
}

// alpr-cli transfer end to end: a real child process SIGKILLed in the middle of a transfer, several times, then run to
// the end: no read lost, none duplicated, nothing purged that the server did not confirm.
#include "LocalTransferReads.h"
#include "TestConfig.h"
#include "TransferFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

namespace {

QProcessEnvironment cliEnvironment(const TransferFixture& f, const QString& password)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ALPR_ACCEPT_BANNER"), QStringLiteral("1"));
    env.insert(QStringLiteral("ALPR_PASSWORD"), password);
    env.remove(QStringLiteral("ALPR_SERVER_PASSWORD"));
    env.insert(QStringLiteral("ALPR_STATE_DIR"), qEnvironmentVariable("ALPR_STATE_DIR"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    Q_UNUSED(f);
    return env;
}

QStringList transferArgs(const TransferFixture& f, int batch)
{
    return { QStringLiteral("transfer"), QStringLiteral("--store"), f.path(), QStringLiteral("--server"), f.uri(),
             QStringLiteral("--user"), f.user(), QStringLiteral("--batch"), QString::number(batch) };
}

/** Local read id -> how many times the server holds it (under any batch key). */
QHash<qint64, int> serverLocalIds(RemoteStore& reader)
{
    QHash<qint64, int> out;
    for (const Read& r : serverReads(reader))
        ++out[r.sourceId.section(u':', 0, 0).toLongLong()];
    return out;
}

/** Local read ids still in the store. */
QSet<qint64> localIds(TransferFixture& f)
{
    auto s = f.signInLocal();
    QSet<qint64> out;
    for (const Read& r : require(LocalTransferReads(*s->vault().localStore()).next(0, 1 << 30)))
        out.insert(r.id);
    return out;
}

} // namespace

TEST_CASE("alpr-cli transfer killed with SIGKILL mid-transfer, then resumed: nothing lost, duplicated or purged "
          "unconfirmed",
          "[transfer][cli][pg]")
{
    TransferFixture f;
    const int total = 30'000;
    f.addLocalReads(makeReads(total));
    auto reader = f.serverReader();
    for (int killAfter : { 2, 4, 3 }) {
        QProcess p;
        p.setProcessEnvironment(cliEnvironment(f, TransferFixture::password()));
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(ALPR_CLI_PATH), transferArgs(f, 1500));
        REQUIRE(p.waitForStarted());
        QByteArray err;
        QElapsedTimer timer;
        timer.start();
        while (err.count("confirmed and purged") < killAfter && p.state() == QProcess::Running
               && timer.elapsed() < 60000) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        INFO(err.toStdString());
        REQUIRE(p.state() == QProcess::Running); // still working: the kill lands mid-transfer
        p.kill(); // SIGKILL
        REQUIRE(p.waitForFinished(10000));
        CHECK(p.exitStatus() == QProcess::CrashExit);

        const QHash<qint64, int> onServer = serverLocalIds(*reader);
        const QSet<qint64> left = localIds(f);
        for (auto it = onServer.cbegin(); it != onServer.cend(); ++it)
            CHECK(it.value() == 1); // no read twice, not even under two batch keys
        for (qint64 id = 1; id <= total; ++id)
            if (!left.contains(id))
                REQUIRE(onServer.contains(id)); // purged only after the server confirmed it
        CHECK(left.size() < total);
        CHECK(left.size() > 0);
    }

    QProcess p;
    p.setProcessEnvironment(cliEnvironment(f, TransferFixture::password()));
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH), transferArgs(f, 1500));
    REQUIRE(p.waitForFinished(120000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    INFO(out.toStdString() << p.readAllStandardError().toStdString());
    REQUIRE(p.exitCode() == 0);
    CHECK(out.contains(QStringLiteral("Transfer complete")));
    CHECK(out.contains(QStringLiteral("Reads left in the local store: 0")));
    const QHash<qint64, int> onServer = serverLocalIds(*reader);
    CHECK(onServer.size() == total);
    for (qint64 id = 1; id <= total; ++id)
        CHECK(onServer.value(id) == 1);
    CHECK(require(reader->stats()).reads == total);
    CHECK(localIds(f).isEmpty());
}

TEST_CASE("alpr-cli transfer: exit codes for a wrong password, a missing server and a refused role",
          "[transfer][cli][pg]")
{
    TransferFixture f;
    f.addLocalReads(makeReads(5));
    auto run = [&](const QStringList& args, const QString& password, const QString& serverPassword = {}) {
        QProcess p;
        QProcessEnvironment env = cliEnvironment(f, password);
        if (!serverPassword.isEmpty())
            env.insert(QStringLiteral("ALPR_SERVER_PASSWORD"), serverPassword);
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(ALPR_CLI_PATH), args);
        p.waitForFinished(60000);
        return std::pair<int, QString>(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    auto r = run({ QStringLiteral("transfer"), QStringLiteral("--store"), f.path(), QStringLiteral("--user"), f.user() },
                 TransferFixture::password());
    CHECK(r.first == 2);
    CHECK(r.second.contains(QStringLiteral("--server")));
    r = run(transferArgs(f, 100), TransferFixture::password(), QStringLiteral("not the server password 1"));
    CHECK(r.first == 3);
    CHECK_FALSE(r.second.contains(QStringLiteral("not the server password")));
    // The local administrator is not the server's user and may not transfer anyway.
    QStringList asAdmin = transferArgs(f, 100);
    asAdmin[asAdmin.indexOf(f.user())] = QStringLiteral("admin");
    r = run(asAdmin, TransferFixture::password());
    CHECK((r.first == 3 || r.first == 4));
    CHECK(require(f.signInLocal()->store().stats()).reads == 5);
}

TEST_CASE("alpr-cli bench transfer: moves its demo reads end to end and reports them beside the baseline's",
          "[transfer][cli][pg]")
{
    TransferFixture f;
    QProcess p;
    p.setProcessEnvironment(cliEnvironment(f, TransferFixture::password()));
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH),
            { QStringLiteral("bench"), QStringLiteral("transfer"), QStringLiteral("--server"), f.uri(),
              QStringLiteral("--user"), f.user(), QStringLiteral("--reads"), QStringLiteral("3000"),
              QStringLiteral("--batch"), QStringLiteral("1000"), QStringLiteral("--json") });
    REQUIRE(p.waitForFinished(120000));
    const QByteArray err = p.readAllStandardError();
    INFO(err.toStdString());
    REQUIRE(p.exitCode() == 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    CHECK(o.value(QStringLiteral("reads")).toInteger() == 3000);
    CHECK(o.value(QStringLiteral("batches")).toInteger() == 3);
    CHECK(o.value(QStringLiteral("baseline_reads")).toInteger() == 3000);
    CHECK(o.value(QStringLiteral("transfer_reads_per_s")).toDouble() > 0);
    CHECK(o.value(QStringLiteral("baseline_reads_per_s")).toDouble() > 0);
    CHECK(o.value(QStringLiteral("purge_s")).toDouble() > 0);
    // The server holds both copies, each read once: ours under the throwaway store's key, the baseline's under its own.
    auto reader = f.serverReader();
    const QHash<QString, Read> stored = serverReads(*reader);
    CHECK(stored.size() == 6000);
    int ours = 0;
    for (const Read& r : stored)
        ours += r.sourceFile.startsWith(QStringLiteral("store:bench-baseline-")) ? 0 : 1;
    CHECK(ours == 3000);
}

TEST_CASE("bench: alpr-cli bench transfer against the test cluster (ALPR_BENCH_READS, default 100,000)",
          "[.bench][transfer][cli]")
{
    const int asked = qEnvironmentVariableIntValue("ALPR_BENCH_READS");
    const int n = asked > 0 ? asked : 100'000;
    TransferFixture f;
    QProcess p;
    p.setProcessEnvironment(cliEnvironment(f, TransferFixture::password()));
    p.setStandardInputFile(QProcess::nullDevice());
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    QStringList args { QStringLiteral("bench"), QStringLiteral("transfer"), QStringLiteral("--server"), f.uri(),
                       QStringLiteral("--user"), f.user(), QStringLiteral("--reads"), QString::number(n) };
    if (qEnvironmentVariableIsSet("ALPR_BENCH_BATCH"))
        args << QStringLiteral("--batch") << qEnvironmentVariable("ALPR_BENCH_BATCH");
    p.start(QStringLiteral(ALPR_CLI_PATH), args);
    REQUIRE(p.waitForFinished(1'800'000));
    REQUIRE(p.exitCode() == 0);
}

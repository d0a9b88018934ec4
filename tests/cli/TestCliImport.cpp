// `alpr-cli import` as a user runs it, and a real child process killed with SIGKILL in the middle of an import.
#include "Authenticator.h"
#include "Clock.h"
#include "Session.h"
#include "Store.h"
#include "TempDir.h"
#include "TestConfig.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QThread>
#include <catch2/catch_test_macros.hpp>
#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QProcessEnvironment environment(const QString& password)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ALPR_ACCEPT_BANNER"), QStringLiteral("1"));
    env.insert(QStringLiteral("ALPR_PASSWORD"), password);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

Run cli(const QStringList& args, const QString& password = QStringLiteral("demo clerk passphrase"))
{
    QProcess p;
    p.setProcessEnvironment(environment(password));
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH), args);
    if (!p.waitForFinished(300000))
        return {};
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

void write(const QString& path, const QByteArray& data)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(data) == data.size());
}

QString demoStore(const alpr::test::TempDir& dir)
{
    const QString store = dir.path(QStringLiteral("demo.alpr"));
    const Run r = cli({ QStringLiteral("demo"), QStringLiteral("--reads"), QStringLiteral("1000"),
                        QStringLiteral("--store"), store });
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return store;
}

const QByteArray kMapping = R"({
  "version": 1, "delimiter": ",", "header": true,
  "columns": { "plate": "Plate", "time": "Seen", "latitude": "Lat", "longitude": "Lon", "camera": "Camera" },
  "time": { "format": "yyyy-MM-dd HH:mm:ss", "zone": "America/Los_Angeles" }
})";

/** Every read the store holds from one source file, as plate|time, counted. */
QMap<QString, int> storedReads(const QString& store, const QString& sourceFile)
{
    alpr::SystemClock clock;
    alpr::Credentials c { store, QStringLiteral("clerk"), QStringLiteral("demo clerk passphrase"), QString(), true };
    auto session = alpr::Authenticator(clock).signIn(c, QStringLiteral("test"));
    INFO((session ? std::string() : session.error().message.toStdString()));
    REQUIRE(session.ok());
    QMap<QString, int> out;
    REQUIRE(session.value()
                ->store()
                .forEachRead(0, std::numeric_limits<qint64>::max(),
                             [&](const alpr::Read& r) {
                                 if (r.sourceFile == sourceFile)
                                     ++out[r.plate + u'|' + QString::number(r.timeMs)];
                                 return true;
                             })
                .ok());
    return out;
}

} // namespace

TEST_CASE("alpr-cli import: CSV with a mapping and OpenALPR JSON, bad rows, re-import, roles, audit")
{
    alpr::test::TempDir dir;
    const QString store = demoStore(dir);
    const QStringList as = { QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("clerk") };
    const QString map = dir.path(QStringLiteral("map.json"));
    write(map, kMapping);
    const QString csv = dir.path(QStringLiteral("unit412.csv"));
    write(csv,
          "Plate,Seen,Lat,Lon,Camera\n"
          "7ABC123,2026-01-10 08:00:00,34.06,-117.93,Unit 412\n"
          "7ABC124,2026-01-10 08:00:05,34.06,-117.93,Unit 412\n"
          "7ABC125,2026-03-08 02:30:00,34.06,-117.93,Unit 412\n"
          "7ABC126,2026-01-10 08:00:09,34.06,-117.93,Unit 412\n");

    Run r = cli(QStringList { QStringLiteral("import"), csv, QStringLiteral("--mapping"), map } + as);
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 5);
    CHECK(r.err.contains(QStringLiteral("unit412.csv line 4")));
    CHECK(r.err.contains(QStringLiteral("does not exist")));
    CHECK(r.err.contains(QStringLiteral("kept")));
    CHECK(r.out.contains(QStringLiteral("3 imported")));

    // Again: nothing added, the bad row still reported.
    r = cli(QStringList { QStringLiteral("import"), csv, QStringLiteral("--mapping"), map } + as);
    CHECK(r.exitCode == 5);
    CHECK(r.out.contains(QStringLiteral("0 imported, 3 already present")));
    CHECK(storedReads(store, QStringLiteral("unit412.csv")).size() == 3);

    // OpenALPR JSON lines, sniffed; a clean file exits 0.
    const QString json = dir.path(QStringLiteral("agent.jsonl"));
    write(
        json,
        R"({"data_type":"alpr_group","best_uuid":"a-1","best_plate_number":"8XYZ001","epoch_start":1768060800000,"camera_id":2,"agent_uid":"car7","gps_latitude":34.07,"gps_longitude":-117.92}
{"data_type":"heartbeat"}
{"data_type":"alpr_results","uuid":"r-1","epoch_time":1768060900000,"camera_id":2,"agent_uid":"car7","gps_latitude":34.07,"gps_longitude":-117.92,"results":[{"plate":"8XYZ002","confidence":88.1,"candidates":[{"plate":"8XYZ0O2","confidence":80}]}]}
)");
    r = cli(QStringList { QStringLiteral("import"), json } + as);
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("2 imported")));
    CHECK(r.out.contains(QStringLiteral("heartbeat")));

    // Usage errors: no mapping for CSV, a missing file, an unknown format.
    r = cli(QStringList { QStringLiteral("import"), csv, QStringLiteral("--format"), QStringLiteral("csv") } + as);
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("--mapping")));
    r = cli(QStringList { QStringLiteral("import"), dir.path(QStringLiteral("nope.csv")) } + as);
    CHECK(r.exitCode == 2);
    r = cli(QStringList { QStringLiteral("import"), json, QStringLiteral("--format"), QStringLiteral("xml") } + as);
    CHECK(r.exitCode == 2);
    // A bad mapping file names the field.
    const QString badMap = dir.path(QStringLiteral("bad.json"));
    write(badMap, R"({"columns": {"plate": "Plate", "time": "Seen", "lattitude": "Lat"}})");
    r = cli(QStringList { QStringLiteral("import"), csv, QStringLiteral("--mapping"), badMap } + as);
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("columns.lattitude")));

    // Roles: detectives and administrators do not import (exit 4), and the refusal is audited.
    r = cli({ QStringLiteral("import"), json, QStringLiteral("--store"), store, QStringLiteral("--user"),
              QStringLiteral("detective") },
            QStringLiteral("demo detective passphrase"));
    CHECK(r.exitCode == 4);
    r = cli({ QStringLiteral("import"), json, QStringLiteral("--store"), store, QStringLiteral("--user"),
              QStringLiteral("admin") },
            QStringLiteral("demo admin passphrase"));
    CHECK(r.exitCode == 4);

    // The audit log names the files, the counts and the rejected row.
    r = cli({ QStringLiteral("audit"), QStringLiteral("log"), QStringLiteral("--store"), store,
              QStringLiteral("--user"), QStringLiteral("supervisor"), QStringLiteral("--format"),
              QStringLiteral("csv") },
            QStringLiteral("demo supervisor passphrase"));
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("import")));
    CHECK(r.out.contains(QStringLiteral("unit412.csv")));
    CHECK(r.out.contains(QStringLiteral("does not exist")));
    CHECK(r.out.contains(QStringLiteral("agent.jsonl")));
}

TEST_CASE("alpr-cli import killed with SIGKILL mid-import, then run again: no read lost, none duplicated")
{
    alpr::test::TempDir dir;
    const QString store = demoStore(dir);
    const QString map = dir.path(QStringLiteral("map.json"));
    write(map, kMapping);
    constexpr int kRows = 40000;
    const QString csv = dir.path(QStringLiteral("big.csv"));
    QByteArray text = "Plate,Seen,Lat,Lon,Camera\n";
    QMap<QString, int> expected;
    for (int i = 0; i < kRows; ++i) {
        // Plates repeat, and rows 1 and 2 are identical twins: each row is a read of its own all the same.
        const int n = i == 1 ? 0 : i;
        const QString plate = QStringLiteral("K%1").arg(n % 9000, 5, 10, QLatin1Char('0'));
        const QDateTime local(QDate(2026, 1, 5).addDays(n / 86400), QTime(0, 0).addSecs(n % 86400));
        text += QStringLiteral("%1,%2,34.%3,-117.9,Cam %4\n")
                    .arg(plate, local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                    .arg(n % 997, 3, 10, QLatin1Char('0'))
                    .arg(n % 7)
                    .toUtf8();
        // January in Los Angeles: UTC-8.
        const qint64 utc = QDateTime(local.date(), local.time(), Qt::UTC).toMSecsSinceEpoch() + 8 * 3600000LL;
        ++expected[plate + u'|' + QString::number(utc)];
    }
    write(csv, text);

    QProcess child;
    child.setProcessEnvironment(environment(QStringLiteral("demo clerk passphrase")));
    child.setStandardInputFile(QProcess::nullDevice());
    // Small transactions, so that some are committed and one is cut short by the kill.
    child.start(QStringLiteral(ALPR_CLI_PATH),
                { QStringLiteral("import"), csv, QStringLiteral("--mapping"), map, QStringLiteral("--store"), store,
                  QStringLiteral("--user"), QStringLiteral("clerk"), QStringLiteral("--batch"),
                  QStringLiteral("4000") });
    REQUIRE(child.waitForStarted());
    // Wait until batches are being committed (the write-ahead log grows), then kill -9: no chance to clean up.
    const QString wal = store + QStringLiteral("-wal");
    const qint64 walBefore = QFileInfo(wal).size();
    QElapsedTimer waited;
    waited.start();
    while (QFileInfo(wal).size() < walBefore + 2 * 1024 * 1024 && child.state() == QProcess::Running
           && waited.elapsed() < 120000)
        QThread::msleep(20);
    REQUIRE(child.state() == QProcess::Running); // really mid-import
    REQUIRE(::kill(pid_t(child.processId()), SIGKILL) == 0);
    child.waitForFinished(10000);
    CHECK(child.exitStatus() == QProcess::CrashExit);

    const QMap<QString, int> partial = storedReads(store, QStringLiteral("big.csv"));
    INFO("reads stored before the kill: " << partial.size());
    CHECK(partial.size() > 0); // whole batches were committed...
    CHECK(partial.size() < expected.size()); // ...and it was cut short...
    for (auto it = partial.begin(); it != partial.end(); ++it)
        CHECK(it.value() <= expected.value(it.key())); // ...and what is there is whole and real

    const Run r = cli({ QStringLiteral("import"), csv, QStringLiteral("--mapping"), map, QStringLiteral("--store"),
                        store, QStringLiteral("--user"), QStringLiteral("clerk") });
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QMap<QString, int> stored = storedReads(store, QStringLiteral("big.csv"));
    qint64 total = 0;
    for (int n : stored)
        total += n;
    CHECK(total == kRows);
    CHECK(stored == expected);
}

TEST_CASE("alpr-cli bench ingest: the import, the writer alone and the baseline, each a median of runs; nothing left")
{
    alpr::test::TempDir dir;
    // The benchmark works in the user's cache folder: a throwaway one here, to see that it leaves nothing there.
    QProcess p;
    QProcessEnvironment env = environment(QString());
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.path(QStringLiteral("cache")));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ALPR_CLI_PATH),
            { QStringLiteral("bench"), QStringLiteral("ingest"), QStringLiteral("--reads"), QStringLiteral("3000"),
              QStringLiteral("--runs"), QStringLiteral("2"), QStringLiteral("--json") });
    REQUIRE(p.waitForFinished(300000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    INFO(err.toStdString());
    REQUIRE(p.exitCode() == 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    CHECK(o.value(QStringLiteral("reads")).toDouble() == 3000);
    CHECK(o.value(QStringLiteral("import_runs")).toDouble() == 2);
    const double import = o.value(QStringLiteral("import_reads_per_s")).toDouble();
    CHECK(import > 0);
    CHECK(o.value(QStringLiteral("import_reads_per_s_slowest")).toDouble() <= import);
    CHECK(o.value(QStringLiteral("import_reads_per_s_fastest")).toDouble() >= import);
    CHECK(o.value(QStringLiteral("addreads_reads_per_s")).toDouble() > 0);
    CHECK(o.value(QStringLiteral("baseline_reads_per_s")).toDouble() > 0);
    CHECK(o.value(QStringLiteral("target_reads_per_s")).toDouble() == 100000);
    // The CSV and every store it made are gone (plates and times of generated reads, but no leftovers either way).
    QDirIterator files(dir.path(QStringLiteral("cache")), QDir::Files, QDirIterator::Subdirectories);
    QStringList left;
    while (files.hasNext())
        left << files.next();
    INFO(left.join(u' ').toStdString());
    CHECK(left.isEmpty());

    const Run bad = cli({ QStringLiteral("bench"), QStringLiteral("ingest"), QStringLiteral("--runs"),
                          QStringLiteral("12") });
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains(QStringLiteral("--runs: '12' is not a whole number from 1 to 9")));
    const Run badReads = cli({ QStringLiteral("bench"), QStringLiteral("ingest"), QStringLiteral("--reads"),
                               QStringLiteral("many") });
    CHECK(badReads.exitCode == 2);
    CHECK(badReads.err.contains(QStringLiteral("--reads: 'many' is not a whole number from 1 to 50000000")));
}

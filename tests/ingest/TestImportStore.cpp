// Imports into a real encrypted store: re-imports add nothing, a failing batch leaves nothing half-written,
// cameras and positions, cancel.
#include "Crypto.h"
#include "ImportPipeline.h"
#include "ImportService.h"
#include "ImportTestSupport.h"
#include "ImporterRegistry.h"
#include "LocalStore.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;
using Field = CsvMapping::Field;

namespace {

struct TestStore
{
    QString path;
    QByteArray key = randomBytes(32);
    std::unique_ptr<LocalStore> store;

    explicit TestStore(const QString& p)
        : path(p)
    {
        auto s = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(s.ok());
        store = std::move(s.value());
    }

    void sql(const QString& statement) const
    {
        registerSqlCipherDriver();
        const QString name = QStringLiteral("import-test-%1").arg(QRandomGenerator::global()->generate64());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), name);
            db.setDatabaseName(path);
            REQUIRE(db.open(QString(), QString::fromLatin1(key.toHex())));
            QSqlQuery q(db);
            INFO(str(statement));
            const bool ok = q.exec(statement);
            INFO(str(q.lastError().text()));
            REQUIRE(ok);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    QList<Read> reads() const
    {
        QList<Read> out;
        REQUIRE(store
                    ->forEachRead(0, std::numeric_limits<qint64>::max(),
                                  [&](const Read& r) {
                                      out.append(r);
                                      return true;
                                  })
                    .ok());
        return out;
    }
};

CsvMapping simpleMapping()
{
    CsvMapping m;
    m.columns.insert(Field::Plate, { QStringLiteral("plate"), 0 });
    m.columns.insert(Field::Time, { QStringLiteral("time"), 0 });
    m.columns.insert(Field::Latitude, { QStringLiteral("lat"), 0 });
    m.columns.insert(Field::Longitude, { QStringLiteral("lon"), 0 });
    m.columns.insert(Field::Camera, { QStringLiteral("camera"), 0 });
    m.columns.insert(Field::Candidates, { QStringLiteral("alts"), 0 });
    return m;
}

QByteArray csvRows(int n, const QString& prefix = QStringLiteral("P"), int failAt = -1)
{
    QByteArray out = "plate,time,lat,lon,camera,alts\n";
    for (int i = 0; i < n; ++i) {
        const QString plate = i == failAt ? QStringLiteral("FAIL999") : prefix + QString::number(i % 700);
        out += QStringLiteral("%1,2026-03-01T%2:%3:%4Z,34.%5,-117.9,Cam %6,%7\n")
                   .arg(plate)
                   .arg(10 + i / 3600 % 10, 2, 10, QLatin1Char('0'))
                   .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(i % 60, 2, 10, QLatin1Char('0'))
                   .arg(i % 1000, 3, 10, QLatin1Char('0'))
                   .arg(i % 5)
                   .arg(i % 4 == 0 ? plate + QStringLiteral("B:70.5") : QString())
                   .toUtf8();
    }
    return out;
}

ImportSummary importCsv(LocalStore& store, const QString& path, int batchSize = 10000)
{
    ImportOptions options;
    options.mapping = simpleMapping();
    options.batchSize = batchSize;
    return ImportService::importInto(store, { path }, QString(), options, ImporterRegistry::standard());
}

} // namespace

TEST_CASE("Re-importing the same files adds nothing; an appended file adds only its new rows")
{
    TempDir dir;
    TestStore s(dir.path(QStringLiteral("s.alpr")));
    const QString csv = dir.path(QStringLiteral("reads.csv"));
    writeFile(csv, csvRows(2500));
    const QString json = dir.path(QStringLiteral("feed.jsonl"));
    QByteArray lines;
    for (int i = 0; i < 30; ++i)
        lines += QJsonDocument(QJsonObject { { QStringLiteral("data_type"), QStringLiteral("alpr_group") },
                                             { QStringLiteral("best_uuid"), QStringLiteral("g-%1").arg(i) },
                                             { QStringLiteral("best_plate_number"), QStringLiteral("GRP%1").arg(i) },
                                             { QStringLiteral("epoch_start"), 1772359200000.0 + i },
                                             { QStringLiteral("camera_id"), 3 },
                                             { QStringLiteral("gps_latitude"), 34.1 },
                                             { QStringLiteral("gps_longitude"), -117.8 } })
                     .toJson(QJsonDocument::Compact)
            + '\n';
    writeFile(json, lines);

    ImportOptions options;
    options.mapping = simpleMapping();
    options.batchSize = 1000;
    const ImporterRegistry registry = ImporterRegistry::standard();
    ImportSummary first = ImportService::importInto(*s.store, { csv, json }, QString(), options, registry);
    INFO(str(first.error));
    REQUIRE(first.error.isEmpty());
    CHECK(first.inserted() == 2530);
    CHECK(first.rejected() == 0);
    CHECK(first.files.at(0).format == QStringLiteral("csv"));
    CHECK(first.files.at(1).format == QStringLiteral("openalpr"));
    CHECK(first.plates.contains(QStringLiteral("P5")));
    CHECK(first.plates.contains(QStringLiteral("P0B"))); // OCR alternatives too
    const auto before = s.store->stats().value();
    CHECK(before.reads == 2530);

    ImportSummary again = ImportService::importInto(*s.store, { csv, json }, QString(), options, registry);
    CHECK(again.inserted() == 0);
    CHECK(again.alreadyPresent() == 2530);
    const auto after = s.store->stats().value();
    CHECK(after.reads == before.reads);
    CHECK(after.plates == before.plates);

    // Rows appended to the export: only they are new.
    writeFile(csv, csvRows(2600));
    ImportSummary appended = importCsv(*s.store, csv, 1000);
    CHECK(appended.inserted() == 100);
    CHECK(appended.alreadyPresent() == 2500);
    CHECK(s.store->stats().value().reads == 2630);

    // Every row of the file is in the store exactly once (compared against the file, not just counted).
    QMap<QString, int> ids;
    for (const Read& r : s.reads())
        if (r.sourceFile == QStringLiteral("reads.csv"))
            ++ids[r.sourceId];
    CHECK(ids.size() == 2600);
    for (int count : ids)
        CHECK(count == 1);
}

TEST_CASE("A batch that fails leaves nothing of itself in the store; the import stops and resumes cleanly")
{
    TempDir dir;
    TestStore s(dir.path(QStringLiteral("s.alpr")));
    const QString csv = dir.path(QStringLiteral("reads.csv"));
    writeFile(csv, csvRows(350, QStringLiteral("P"), 150));
    // A real failure inside the store's transaction: the second batch (rows 101-200) meets it half-way.
    s.store.reset();
    s.sql(QStringLiteral("CREATE TRIGGER fail_import BEFORE INSERT ON reads WHEN NEW.plate_id = (SELECT id FROM "
                         "plates WHERE plate = 'FAIL999') BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
    s.store = LocalStore::open(s.path, s.key, LocalStore::Mode::OpenExisting).value();
    ImportSummary failed = importCsv(*s.store, csv, 100);
    CHECK(!failed.error.isEmpty());
    CHECK(failed.error.contains(QStringLiteral("injected failure")));
    CHECK(failed.inserted() == 100);
    const QList<Read> stored = s.reads();
    CHECK(stored.size() == 100);
    qint64 plateReads = 0;
    REQUIRE(s.store->forEachPlate([&](const PlateSummary& p) { plateReads += p.readCount; }).ok());
    CHECK(plateReads == 100); // the plate counts of the failed batch were rolled back with it

    s.store.reset();
    s.sql(QStringLiteral("DROP TRIGGER fail_import"));
    s.store = LocalStore::open(s.path, s.key, LocalStore::Mode::OpenExisting).value();
    ImportSummary resumed = importCsv(*s.store, csv, 100);
    REQUIRE(resumed.error.isEmpty());
    CHECK(resumed.inserted() == 250);
    CHECK(resumed.alreadyPresent() == 100);
    CHECK(s.reads().size() == 350);
}

TEST_CASE("Cameras: names become store cameras; reads without a position take their camera's")
{
    TempDir dir;
    TestStore s(dir.path(QStringLiteral("s.alpr")));
    Camera known;
    known.name = QStringLiteral("Fixed Cam");
    known.lat = 34.0;
    known.lon = -117.5;
    REQUIRE(s.store->upsertCameras({ known }).ok());
    const QString csv = dir.path(QStringLiteral("c.csv"));
    writeFile(csv,
              "plate,time,lat,lon,camera,alts\n"
              "AAA1,2026-03-01T10:00:00Z,,,Fixed Cam,\n"
              "AAA2,2026-03-01T10:00:01Z,34.2,-117.2,New Cam,\n"
              "AAA3,2026-03-01T10:00:02Z,,,New Cam,\n"
              "AAA4,2026-03-01T10:00:03Z,,,Nowhere Cam,\n"
              "AAA5,2026-03-01T10:00:04Z,,,,\n");
    ImportSummary summary = importCsv(*s.store, csv);
    REQUIRE(summary.error.isEmpty());
    CHECK(summary.inserted() == 3);
    REQUIRE(summary.rejected() == 2);
    CHECK(summary.files.at(0).issues.at(0).line == 5);
    CHECK(summary.files.at(0).issues.at(0).reason.contains(QStringLiteral("Nowhere Cam")));
    CHECK(summary.files.at(0).issues.at(1).line == 6);
    QMap<QString, Camera> cameras;
    const auto stored = s.store->cameras();
    REQUIRE(stored.ok());
    for (const Camera& c : stored.value())
        cameras.insert(c.name, c);
    REQUIRE(cameras.contains(QStringLiteral("New Cam")));
    CHECK(cameras.value(QStringLiteral("New Cam")).lat == 34.2);
    QMap<QString, Read> byPlate;
    for (const Read& r : s.reads())
        byPlate.insert(r.plate, r);
    CHECK(byPlate.value(QStringLiteral("AAA1")).lat == 34.0);
    CHECK(byPlate.value(QStringLiteral("AAA1")).cameraId == cameras.value(QStringLiteral("Fixed Cam")).id);
    CHECK(byPlate.value(QStringLiteral("AAA3")).lat == 34.2);
    CHECK(byPlate.value(QStringLiteral("AAA3")).cameraId == cameras.value(QStringLiteral("New Cam")).id);
}

TEST_CASE("The pipeline hands batches over in order, bounded, and stops when cancelled")
{
    TempDir dir;
    const QString csv = dir.path(QStringLiteral("big.csv"));
    writeFile(csv, csvRows(20000));
    ImportOptions options;
    options.mapping = simpleMapping();
    options.batchSize = 1000;
    const ImporterRegistry registry = ImporterRegistry::standard();
    {
        ImportPipeline pipeline({ csv }, QString(), options, registry);
        pipeline.start();
        ImportChunk chunk;
        qint64 total = 0;
        qint64 lastLine = 0;
        int chunks = 0;
        while (pipeline.take(&chunk)) {
            ++chunks;
            CHECK(chunk.reads.size() <= 1000);
            for (const ParsedRead& r : chunk.reads) {
                CHECK(r.line > lastLine);
                lastLine = r.line;
            }
            total += chunk.reads.size();
        }
        CHECK(total == 20000);
        CHECK(chunks >= 20);
        CHECK(chunk.fileDone);
        CHECK(chunk.bytesDone == pipeline.totalBytes());
    }
    {
        ImportPipeline pipeline({ csv }, QString(), options, registry);
        pipeline.start();
        ImportChunk chunk;
        REQUIRE(pipeline.take(&chunk));
        pipeline.cancel();
        CHECK(!pipeline.take(&chunk));
    } // the destructor joins the parser
    TestStore s(dir.path(QStringLiteral("s.alpr")));
    std::atomic<bool> cancel { false };
    int batches = 0;
    ImportSummary summary = ImportService::importInto(
        *s.store, { csv }, QString(), options, registry,
        [&](qint64, qint64) {
            if (++batches == 3)
                cancel = true;
        },
        &cancel);
    CHECK(summary.cancelled);
    CHECK(summary.inserted() == 3000);
    CHECK(s.store->stats().value().reads == 3000);
}

TEST_CASE("Parse rate of the CSV and OpenALPR importers", "[.][bench]")
{
    TempDir dir;
    // ALPR_BENCH_CSV / ALPR_BENCH_MAPPING: parse another file (e.g. the CSV `bench ingest` writes) instead.
    QString csv = qEnvironmentVariable("ALPR_BENCH_CSV");
    ImportOptions options;
    options.mapping = simpleMapping();
    if (csv.isEmpty()) {
        csv = dir.path(QStringLiteral("bench.csv"));
        writeFile(csv, csvRows(200000));
    } else {
        options.mapping = CsvMapping::load(qEnvironmentVariable("ALPR_BENCH_MAPPING")).value();
    }
    const ImporterRegistry registry = ImporterRegistry::standard();
    for (int round = 0; round < 3; ++round) {
        ImportPipeline pipeline({ csv }, QString(), options, registry);
        QElapsedTimer t;
        t.start();
        pipeline.start();
        ImportChunk chunk;
        qint64 n = 0;
        while (pipeline.take(&chunk))
            n += chunk.reads.size();
        WARN("parse: " << n << " reads, parse " << pipeline.parseSeconds() << " s = " << n / pipeline.parseSeconds()
                     << " reads/s; wall " << t.nsecsElapsed() / 1e9);
    }
}

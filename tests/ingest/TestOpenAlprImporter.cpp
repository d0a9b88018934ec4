// OpenALPR alpr_results / alpr_group JSON: good files in every container shape, hostile and truncated files.
#include "ImportTestSupport.h"
#include "ImportPipeline.h"
#include "ImporterRegistry.h"
#include "OpenAlprImporter.h"
#include "TempDir.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

namespace {

const qint64 kNow = 1767225600000; // 2026-01-01T00:00:00Z

QJsonObject resultsDoc(const QString& uuid, qint64 epochMs, const QStringList& plates)
{
    QJsonArray results;
    for (const QString& p : plates) {
        results.append(QJsonObject {
            { QStringLiteral("plate"), p },
            { QStringLiteral("confidence"), 91.5 },
            { QStringLiteral("matches_template"), 1 },
            { QStringLiteral("region"), QStringLiteral("us-ca") },
            { QStringLiteral("region_confidence"), 88 },
            { QStringLiteral("coordinates"),
              QJsonArray { QJsonObject { { QStringLiteral("x"), 1 }, { QStringLiteral("y"), 2 } } } },
            { QStringLiteral("candidates"),
              QJsonArray { QJsonObject { { QStringLiteral("plate"), p }, { QStringLiteral("confidence"), 91.5 } },
                           QJsonObject { { QStringLiteral("plate"), p.left(p.size() - 1) + u'8' },
                                         { QStringLiteral("confidence"), 80.25 } },
                           QJsonObject { { QStringLiteral("plate"), QStringLiteral("!!") },
                                         { QStringLiteral("confidence"), 70 } } } },
            { QStringLiteral("vehicle"),
              QJsonObject { { QStringLiteral("make"),
                              QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("toyota") },
                                                         { QStringLiteral("confidence"), 80 } },
                                           QJsonObject { { QStringLiteral("name"), QStringLiteral("honda") },
                                                         { QStringLiteral("confidence"), 10 } } } },
                            { QStringLiteral("make_model"),
                              QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("toyota_camry") },
                                                         { QStringLiteral("confidence"), 70 } } } },
                            { QStringLiteral("color"),
                              QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("silver") },
                                                         { QStringLiteral("confidence"), 60 } } } } } } });
    }
    return QJsonObject { { QStringLiteral("version"), 2 },
                         { QStringLiteral("data_type"), QStringLiteral("alpr_results") },
                         { QStringLiteral("epoch_time"), double(epochMs) },
                         { QStringLiteral("uuid"), uuid },
                         { QStringLiteral("camera_id"), 7 },
                         { QStringLiteral("agent_uid"), QStringLiteral("agent-1") },
                         { QStringLiteral("site_id"), QStringLiteral("hq") },
                         { QStringLiteral("gps_latitude"), 34.0686 },
                         { QStringLiteral("gps_longitude"), -117.9390 },
                         { QStringLiteral("results"), results } };
}

QJsonObject groupDoc(const QString& bestUuid, const QStringList& uuids, const QString& plate)
{
    return QJsonObject {
        { QStringLiteral("version"), 1 },
        { QStringLiteral("data_type"), QStringLiteral("alpr_group") },
        { QStringLiteral("epoch_start"), double(kNow - 3600000) },
        { QStringLiteral("epoch_end"), double(kNow - 3598000) },
        { QStringLiteral("agent_uid"), QStringLiteral("agent-1") },
        { QStringLiteral("camera_id"), 7 },
        { QStringLiteral("web_server_config"),
          QJsonObject { { QStringLiteral("camera_label"), QStringLiteral("Azusa Ave NB") },
                        { QStringLiteral("agent_label"), QStringLiteral("Unit 412") } } },
        { QStringLiteral("gps_latitude"), 34.05 },
        { QStringLiteral("gps_longitude"), -117.92 },
        { QStringLiteral("travel_direction"), 271.5 },
        { QStringLiteral("uuids"), QJsonArray::fromStringList(uuids) },
        { QStringLiteral("best_uuid"), bestUuid },
        { QStringLiteral("best_plate_number"), plate },
        { QStringLiteral("best_confidence"), 93.0 },
        { QStringLiteral("best_region"), QStringLiteral("us-nv") },
        { QStringLiteral("candidates"),
          QJsonArray { QJsonObject { { QStringLiteral("plate"), plate }, { QStringLiteral("confidence"), 93.0 } },
                       QJsonObject { { QStringLiteral("plate"), QStringLiteral("7PBT94Z") },
                                     { QStringLiteral("confidence"), 85.0 } } } },
        { QStringLiteral("vehicle"),
          QJsonObject { { QStringLiteral("color"),
                          QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("white") },
                                                     { QStringLiteral("confidence"), 90 } } } },
                        { QStringLiteral("make"),
                          QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("ford") },
                                                     { QStringLiteral("confidence"), 77 } } } },
                        { QStringLiteral("body_type"),
                          QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("truck-standard") },
                                                     { QStringLiteral("confidence"), 77 } } } } } },
        { QStringLiteral("best_plate"),
          QJsonObject { { QStringLiteral("plate"), plate }, { QStringLiteral("confidence"), 93.0 } } }
    };
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

CollectingSink parse(const QString& path, Status* status = nullptr)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    CollectingSink sink;
    ImportOptions options;
    options.nowMs = kNow;
    const Status s = OpenAlprImporter().parse(path, data, options, sink);
    if (status)
        *status = s;
    else
        REQUIRE(s.ok());
    return sink;
}

} // namespace

TEST_CASE("OpenALPR alpr_results: fields, candidates, state, vehicle and source ids")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("frames.json"));
    writeFile(path,
              QJsonDocument(resultsDoc(QStringLiteral("u-1"), kNow - 60000,
                                       { QStringLiteral("7pbt-942"), QStringLiteral("ABC123") }))
                  .toJson());
    CollectingSink sink = parse(path);
    INFO(str(sink.reasons()));
    REQUIRE(sink.rejected.isEmpty());
    REQUIRE(sink.reads.size() == 2);
    const ParsedRead& r = sink.reads.at(0);
    CHECK(r.read.plate == QStringLiteral("7PBT942"));
    CHECK(r.read.state == QStringLiteral("CA"));
    CHECK(r.read.timeMs == kNow - 60000);
    CHECK(r.read.confidence == 91.5f);
    CHECK(r.hasPosition);
    CHECK(r.read.lat == 34.0686);
    CHECK(r.read.make == QStringLiteral("Toyota"));
    CHECK(r.read.model == QStringLiteral("Camry"));
    CHECK(r.read.colour == QStringLiteral("Silver"));
    // The plate itself and an unreadable candidate are left out; the alternative is kept with its confidence.
    REQUIRE(r.read.candidates.size() == 1);
    CHECK(r.read.candidates.at(0).plate == QStringLiteral("7PBT948"));
    CHECK(r.read.candidates.at(0).confidence == 80.25f);
    CHECK(r.cameraName == QStringLiteral("OpenALPR hq camera 7"));
    CHECK(r.read.sourceFile == QStringLiteral("openalpr/agent-1"));
    CHECK(r.read.sourceId == QStringLiteral("u-1#0"));
    CHECK(sink.reads.at(1).read.sourceId == QStringLiteral("u-1#1"));
}

TEST_CASE("OpenALPR: a version 1 document in seconds, an array, and JSON lines give the same reads")
{
    TempDir dir;
    QJsonObject v1 = resultsDoc(QStringLiteral("u-9"), 0, { QStringLiteral("XYZ789") });
    v1.insert(QStringLiteral("epoch_time"), double((kNow - 5000) / 1000)); // seconds
    CollectingSink single
        = parse((writeFile(dir.path(QStringLiteral("a.json")), compact(v1)), dir.path(QStringLiteral("a.json"))));
    REQUIRE(single.reads.size() == 1);
    CHECK(single.reads.at(0).read.timeMs == (kNow - 5000) / 1000 * 1000);

    QList<QJsonObject> docs;
    for (int i = 0; i < 5; ++i)
        docs.append(resultsDoc(QStringLiteral("u-%1").arg(i), kNow - 1000 * i, { QStringLiteral("PLT%1").arg(i) }));
    QJsonArray array;
    QByteArray lines;
    for (const QJsonObject& d : docs) {
        array.append(d);
        lines += compact(d) + "\r\n";
    }
    writeFile(dir.path(QStringLiteral("b.json")), QJsonDocument(array).toJson(QJsonDocument::Indented));
    writeFile(dir.path(QStringLiteral("c.jsonl")), lines);
    CollectingSink fromArray = parse(dir.path(QStringLiteral("b.json")));
    CollectingSink fromLines = parse(dir.path(QStringLiteral("c.jsonl")));
    REQUIRE(fromArray.reads.size() == 5);
    REQUIRE(fromLines.reads.size() == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(fromArray.reads.at(i).read.plate == fromLines.reads.at(i).read.plate);
        CHECK(fromArray.reads.at(i).read.sourceId == fromLines.reads.at(i).read.sourceId);
        CHECK(fromLines.reads.at(i).line == i + 1);
    }
}

TEST_CASE("OpenALPR alpr_group: best plate, heading, GPS, camera label; its frames and heartbeats are skipped")
{
    TempDir dir;
    QByteArray lines;
    lines += compact(resultsDoc(QStringLiteral("f-1"), kNow - 3600000, { QStringLiteral("7PBT942") })) + '\n';
    lines += compact(resultsDoc(QStringLiteral("f-2"), kNow - 3599000, { QStringLiteral("7PBT942") })) + '\n';
    lines += compact(resultsDoc(QStringLiteral("f-3"), kNow - 100, { QStringLiteral("OTHER1") })) + '\n';
    lines += compact(QJsonObject { { QStringLiteral("data_type"), QStringLiteral("heartbeat") } }) + '\n';
    lines += compact(groupDoc(QStringLiteral("f-1"), { QStringLiteral("f-1"), QStringLiteral("f-2") },
                              QStringLiteral("7PBT942")))
        + '\n';
    writeFile(dir.path(QStringLiteral("feed.jsonl")), lines);
    CollectingSink sink = parse(dir.path(QStringLiteral("feed.jsonl")));
    INFO(str(sink.reasons()));
    REQUIRE(sink.rejected.isEmpty());
    // The two frames the group lists are the group: one read for them, plus the ungrouped frame.
    REQUIRE(sink.reads.size() == 2);
    const ParsedRead& frame = sink.reads.at(0);
    CHECK(frame.read.plate == QStringLiteral("OTHER1"));
    const ParsedRead& g = sink.reads.at(1);
    CHECK(g.read.plate == QStringLiteral("7PBT942"));
    CHECK(g.read.timeMs == kNow - 3600000);
    CHECK(g.read.heading == 271.5f);
    CHECK(g.read.state == QStringLiteral("NV"));
    CHECK(g.read.lat == 34.05);
    CHECK(g.read.make == QStringLiteral("Ford"));
    CHECK(g.read.colour == QStringLiteral("White"));
    CHECK(g.cameraName == QStringLiteral("Azusa Ave NB"));
    CHECK(g.cameraUnit == QStringLiteral("Unit 412"));
    CHECK(g.read.sourceId == QStringLiteral("group:f-1"));
    REQUIRE(g.read.candidates.size() == 1);
    CHECK(g.read.candidates.at(0).plate == QStringLiteral("7PBT94Z"));
    qint64 skipped = 0;
    for (qint64 n : sink.skipped)
        skipped += n;
    CHECK(skipped == 3); // two grouped frames and the heartbeat
}

TEST_CASE("OpenALPR images: inline base64, files beside the import, PNG converted, hostile ones refused")
{
    TempDir dir;
    QDir(dir.root()).mkpath(QStringLiteral("crops"));
    const QByteArray jpeg = imageBytes("JPEG");
    const QByteArray png = imageBytes("PNG");
    writeFile(dir.path(QStringLiteral("crops/p1.jpg")), jpeg);
    writeFile(dir.path(QStringLiteral("crops/p2.png")), png);
    writeFile(dir.path(QStringLiteral("crops/fake.jpg")), QByteArray("this is not an image at all"));
    // A secret outside the import folder, reached by ".." and by a symbolic link.
    TempDir outside;
    writeFile(outside.path(QStringLiteral("secret.jpg")), jpeg);
    QFile::link(outside.path(QStringLiteral("secret.jpg")), dir.path(QStringLiteral("crops/link.jpg")));

    auto doc = [&](const QString& uuid, const QString& key, const QJsonValue& value) {
        QJsonObject d = resultsDoc(uuid, kNow - 1000, { QStringLiteral("IMG%1").arg(uuid.right(1)) });
        QJsonArray results = d.value(QStringLiteral("results")).toArray();
        QJsonObject r = results.at(0).toObject();
        r.insert(key, value);
        results[0] = r;
        d.insert(QStringLiteral("results"), results);
        return compact(d) + '\n';
    };
    const QString relOutside = QDir(dir.root()).relativeFilePath(outside.path(QStringLiteral("secret.jpg")));
    QByteArray lines;
    lines += doc(QStringLiteral("i1"), QStringLiteral("plate_crop_jpeg"), QString::fromLatin1(jpeg.toBase64()));
    lines += doc(QStringLiteral("i2"), QStringLiteral("plate_crop_path"), QStringLiteral("crops/p1.jpg"));
    lines += doc(QStringLiteral("i3"), QStringLiteral("plate_crop_path"), QStringLiteral("crops/p2.png"));
    lines += doc(QStringLiteral("i4"), QStringLiteral("plate_crop_jpeg"), QStringLiteral("@@not base64@@"));
    lines += doc(QStringLiteral("i5"), QStringLiteral("plate_crop_path"), relOutside);
    lines += doc(QStringLiteral("i6"), QStringLiteral("plate_crop_path"), QStringLiteral("crops/link.jpg"));
    lines += doc(QStringLiteral("i7"), QStringLiteral("plate_crop_path"), QStringLiteral("crops/fake.jpg"));
    lines += doc(QStringLiteral("i8"), QStringLiteral("plate_crop_path"), QStringLiteral("crops/missing.jpg"));
    lines += doc(QStringLiteral("i9"), QStringLiteral("plate_crop_jpeg"),
                 QString::fromLatin1(QByteArray("GIF89a not really").toBase64()));
    writeFile(dir.path(QStringLiteral("img.jsonl")), lines);
    CollectingSink sink = parse(dir.path(QStringLiteral("img.jsonl")));
    INFO(str(sink.reasons()));
    REQUIRE(sink.reads.size() == 3);
    CHECK(sink.reads.at(0).read.plateJpeg == jpeg);
    CHECK(sink.reads.at(1).read.plateJpeg == jpeg);
    // The PNG became a JPEG.
    CHECK(sink.reads.at(2).read.plateJpeg.startsWith("\xFF\xD8\xFF"));
    CHECK(!QImage::fromData(sink.reads.at(2).read.plateJpeg).isNull());
    REQUIRE(sink.rejected.size() == 6);
    CHECK(sink.rejected.at(0).line == 4);
    CHECK(sink.rejected.at(0).reason.contains(QStringLiteral("base64")));
    CHECK(sink.rejected.at(1).reason.contains(QStringLiteral("outside")));
    CHECK(sink.rejected.at(2).reason.contains(QStringLiteral("outside")));
    CHECK(sink.rejected.at(3).reason.contains(QStringLiteral("not an image")));
    CHECK(sink.rejected.at(4).reason.contains(QStringLiteral("no such image")));
    CHECK((sink.rejected.at(5).reason.contains(QStringLiteral("not an image"))
           || sink.rejected.at(5).reason.contains(QStringLiteral("cannot be decoded"))));
    for (const Rejected& r : sink.rejected)
        CHECK(r.reason.contains(QStringLiteral("plate_crop")));
}

TEST_CASE("OpenALPR hostile input: bad JSON, deep nesting, huge fields, bad values; good records kept")
{
    TempDir dir;
    QByteArray lines;
    lines += compact(resultsDoc(QStringLiteral("g1"), kNow - 1000, { QStringLiteral("GOOD1") })) + '\n'; // 1
    lines += "{\"data_type\": \"alpr_results\", \"results\": [ {\"plate\": }\n"; // 2 broken
    lines += QByteArray(100000, '[') + QByteArray(100000, ']') + '\n'; // 3 deep
    lines += "{\"a\":" + QByteArray(200000, '[') + QByteArray(200000, ']') + "}\n"; // 4 deep
    QJsonObject longPlate = resultsDoc(QStringLiteral("g2"), kNow, { QString(5000, u'A') });
    lines += compact(longPlate) + '\n'; // 5
    QJsonObject future = resultsDoc(QStringLiteral("g3"), kNow + 7LL * 86400000, { QStringLiteral("FUT1") });
    lines += compact(future) + '\n'; // 6
    QJsonObject offEarth = resultsDoc(QStringLiteral("g4"), kNow, { QStringLiteral("GPS1") });
    offEarth.insert(QStringLiteral("gps_latitude"), 123.0);
    lines += compact(offEarth) + '\n'; // 7
    lines += "42\n"; // 8
    lines += compact(QJsonObject { { QStringLiteral("hello"), 1 } }) + '\n'; // 9
    lines += compact(resultsDoc(QStringLiteral("g5"), kNow - 2000, { QStringLiteral("GOOD2") })) + '\n'; // 10
    writeFile(dir.path(QStringLiteral("hostile.jsonl")), lines);
    CollectingSink sink = parse(dir.path(QStringLiteral("hostile.jsonl")));
    INFO(str(sink.reasons()));
    REQUIRE(sink.reads.size() == 2);
    CHECK(sink.reads.at(0).read.plate == QStringLiteral("GOOD1"));
    CHECK(sink.reads.at(1).read.plate == QStringLiteral("GOOD2"));
    CHECK(sink.reads.at(1).line == 10);
    QMap<qint64, QString> byLine;
    for (const Rejected& r : sink.rejected)
        byLine.insert(r.line, r.reason);
    CHECK(byLine.value(2).contains(QStringLiteral("not closed")));
    CHECK(byLine.value(3).contains(QStringLiteral("nested")));
    CHECK(byLine.value(4).contains(QStringLiteral("nested")));
    CHECK(byLine.value(5).contains(QStringLiteral("longer than 64")));
    CHECK(byLine.value(6).contains(QStringLiteral("future")));
    CHECK(byLine.value(7).contains(QStringLiteral("gps_latitude")));
    CHECK(byLine.value(8).contains(QStringLiteral("not a JSON object")));
    CHECK(byLine.value(9).contains(QStringLiteral("not an OpenALPR")));
    CHECK(sink.rejected.size() == 8);
}

TEST_CASE("OpenALPR truncated files: records before the cut are kept, the cut one is named")
{
    TempDir dir;
    QByteArray lines;
    for (int i = 0; i < 4; ++i)
        lines
            += compact(resultsDoc(QStringLiteral("t%1").arg(i), kNow - i, { QStringLiteral("TRUNC%1").arg(i) })) + '\n';
    // JSON lines cut in the middle of the last record...
    writeFile(dir.path(QStringLiteral("cut.jsonl")), lines.left(lines.size() - 40));
    CollectingSink sink = parse(dir.path(QStringLiteral("cut.jsonl")));
    CHECK(sink.reads.size() == 3);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected.at(0).line == 4);
    CHECK(sink.rejected.at(0).reason.contains(QStringLiteral("truncated")));

    // ... a line cut short in the middle of the file (the writer was killed, then restarted) ...
    const QList<QByteArray> parts = lines.split('\n');
    QByteArray middle = parts.at(0) + '\n' + parts.at(1).left(50) + '\n' + parts.at(2) + '\n' + parts.at(3) + '\n';
    writeFile(dir.path(QStringLiteral("mid.jsonl")), middle);
    sink = parse(dir.path(QStringLiteral("mid.jsonl")));
    CHECK(sink.reads.size() == 3);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected.at(0).line == 2);

    // ... and an array cut inside its third element.
    QJsonArray array;
    for (int i = 0; i < 4; ++i)
        array.append(resultsDoc(QStringLiteral("a%1").arg(i), kNow - i, { QStringLiteral("ARR%1").arg(i) }));
    const QByteArray whole = QJsonDocument(array).toJson(QJsonDocument::Indented);
    const qsizetype third = whole.indexOf("\"a2\"");
    writeFile(dir.path(QStringLiteral("cut.json")), whole.left(third));
    Status status;
    sink = parse(dir.path(QStringLiteral("cut.json")), &status);
    CHECK(sink.reads.size() == 2);
    CHECK(sink.rejected.size() == 1);
    CHECK(sink.rejected.at(0).reason.contains(QStringLiteral("truncated")));

    // An empty file is an error for the file, not a crash.
    writeFile(dir.path(QStringLiteral("empty.json")), QByteArray());
    sink = parse(dir.path(QStringLiteral("empty.json")), &status);
    CHECK(!status.ok());
    CHECK(sink.reads.isEmpty());
}

TEST_CASE("OpenALPR: a record without a uuid gets a line + content key; random bytes do not crash")
{
    TempDir dir;
    QJsonObject d = resultsDoc(QString(), kNow, { QStringLiteral("NOID1") });
    d.remove(QStringLiteral("uuid"));
    writeFile(dir.path(QStringLiteral("noid.json")), "\n\n" + compact(d));
    CollectingSink sink = parse(dir.path(QStringLiteral("noid.json")));
    REQUIRE(sink.reads.size() == 1);
    CHECK(sink.reads.at(0).read.sourceFile == QStringLiteral("noid.json"));
    CHECK(sink.reads.at(0).read.sourceId.startsWith(QStringLiteral("L3:")));

    // Fuzz-ish: mutations of a valid file never crash and never invent reads.
    const QByteArray good = compact(resultsDoc(QStringLiteral("fz"), kNow, { QStringLiteral("FUZZ1") })) + '\n';
    quint32 seed = 12345;
    for (int round = 0; round < 300; ++round) {
        QByteArray m = good + good;
        for (int k = 0; k < 1 + round % 7; ++k) {
            seed = seed * 1664525u + 1013904223u;
            const qsizetype at = qsizetype(seed % quint32(m.size()));
            seed = seed * 1664525u + 1013904223u;
            m[at] = char(seed >> 24);
        }
        CollectingSink s;
        ImportOptions options;
        options.nowMs = kNow;
        ignoreError(OpenAlprImporter().parse(dir.path(QStringLiteral("fuzz.json")), m, options, s));
        CHECK(s.reads.size() <= 2);
    }
}

TEST_CASE("The registry finds importers by name and by sniffing")
{
    TempDir dir;
    const ImporterRegistry registry = ImporterRegistry::standard();
    CHECK(registry.byName(QStringLiteral("openalpr")) != nullptr);
    CHECK(registry.byName(QStringLiteral("CSV")) != nullptr);
    CHECK(registry.byName(QStringLiteral("xml")) == nullptr);
    writeFile(dir.path(QStringLiteral("a.dat")), compact(groupDoc(QStringLiteral("x"), {}, QStringLiteral("A1"))));
    writeFile(dir.path(QStringLiteral("b.txt")), "Plate|Time|Lat\nABC123|2026-01-01 10:00|34.1\nXYZ|2026-01-01|3\n");
    writeFile(dir.path(QStringLiteral("c.bin")), QByteArray("\x00\x01\x02garbage", 10));
    auto a = registry.sniff(dir.path(QStringLiteral("a.dat")));
    REQUIRE(a.ok());
    CHECK(a.value()->name() == QStringLiteral("openalpr"));
    auto b = registry.sniff(dir.path(QStringLiteral("b.txt")));
    REQUIRE(b.ok());
    CHECK(b.value()->name() == QStringLiteral("csv"));
    auto c = registry.sniff(dir.path(QStringLiteral("c.bin")));
    REQUIRE(!c.ok());
    CHECK(c.error().message.contains(QStringLiteral("c.bin")));
}

TEST_CASE("OpenALPR images: a batch ends at its image byte limit, so inline images cannot fill memory")
{
    TempDir dir;
    const QByteArray jpeg = imageBytes("JPEG");
    QByteArray lines;
    for (int i = 0; i < 20; ++i) {
        QJsonObject d = resultsDoc(QStringLiteral("b%1").arg(i), kNow - 1000 - i, { QStringLiteral("BATCH%1").arg(i) });
        QJsonArray results = d.value(QStringLiteral("results")).toArray();
        QJsonObject r = results.at(0).toObject();
        r.insert(QStringLiteral("plate_crop_jpeg"), QString::fromLatin1(jpeg.toBase64()));
        results[0] = r;
        d.insert(QStringLiteral("results"), results);
        lines += compact(d) + '\n';
    }
    writeFile(dir.path(QStringLiteral("big.jsonl")), lines);
    ImportOptions options;
    options.nowMs = kNow;
    options.batchImageBytes = 3 * jpeg.size(); // three reads' images per batch
    const ImporterRegistry registry = ImporterRegistry::standard();
    ImportPipeline pipeline({ dir.path(QStringLiteral("big.jsonl")) }, QString(), options, registry);
    pipeline.start();
    ImportChunk chunk;
    QList<qsizetype> sizes;
    qint64 reads = 0;
    while (pipeline.take(&chunk)) {
        if (chunk.reads.isEmpty())
            continue;
        sizes.append(chunk.reads.size());
        reads += chunk.reads.size();
        qint64 bytes = 0;
        for (const ParsedRead& p : chunk.reads)
            bytes += p.read.plateJpeg.size();
        CHECK(bytes <= options.batchImageBytes);
    }
    CHECK(reads == 20);
    // 20 reads, cut every 3 by bytes (the 50,000-read limit never comes into it).
    CHECK(sizes == QList<qsizetype> { 3, 3, 3, 3, 3, 3, 2 });
}

// Delimited text through a column mapping: quoting, delimiters, mapping files, hostile and truncated rows.
#include "CsvImporter.h"
#include "CsvMapping.h"
#include "CsvReader.h"
#include "ImportTestSupport.h"
#include "TempDir.h"

#include <QDir>
#include <QFile>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;
using Field = CsvMapping::Field;

namespace {

const qint64 kNow = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

CsvMapping mapping()
{
    CsvMapping m;
    m.columns.insert(Field::Plate, { QStringLiteral("Plate"), 0 });
    m.columns.insert(Field::Time, { QStringLiteral("Time"), 0 });
    m.columns.insert(Field::Latitude, { QStringLiteral("Lat"), 0 });
    m.columns.insert(Field::Longitude, { QStringLiteral("Lon"), 0 });
    m.columns.insert(Field::Camera, { QStringLiteral("Camera"), 0 });
    m.columns.insert(Field::State, { QStringLiteral("State"), 0 });
    m.columns.insert(Field::Heading, { QStringLiteral("Heading"), 0 });
    m.columns.insert(Field::Make, { QStringLiteral("Make"), 0 });
    m.columns.insert(Field::Colour, { QStringLiteral("Color"), 0 });
    m.columns.insert(Field::PlateImage, { QStringLiteral("Crop"), 0 });
    m.timeFormat = QStringLiteral("MM/dd/yyyy h:mm:ss AP");
    m.timeZone = QStringLiteral("America/Los_Angeles");
    return m;
}

CollectingSink parse(const QString& path, const CsvMapping& m, Status* status = nullptr)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    CollectingSink sink;
    ImportOptions options;
    options.mapping = m;
    options.nowMs = kNow;
    const Status s = CsvImporter().parse(path, data, options, sink);
    if (status)
        *status = s;
    else {
        INFO(str(s.ok() ? QString() : s.error().message));
        REQUIRE(s.ok());
    }
    return sink;
}

} // namespace

TEST_CASE("CsvReader: RFC 4180 quoting, embedded delimiters and line breaks, CRLF, pipe and tab")
{
    const QByteArray text = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",x,\r\nlast,row,\"\"";
    CsvReader reader(text, ',');
    CsvReader::Row row;
    REQUIRE(reader.next(&row));
    CHECK(row.line == 1);
    REQUIRE(row.fields.size() == 3);
    CHECK(row.fields[1] == QByteArrayView("b,1"));
    CHECK(row.fields[2] == QByteArrayView("say \"hi\""));
    REQUIRE(reader.next(&row));
    CHECK(row.line == 3);
    REQUIRE(row.fields.size() == 3);
    CHECK(row.fields[0] == QByteArrayView("multi\nline"));
    CHECK(row.fields[2].isEmpty());
    REQUIRE(reader.next(&row));
    CHECK(row.line == 5);
    CHECK(row.fields.size() == 3);
    CHECK(!reader.next(&row));

    CsvReader pipe("p|q|\"r|s\"\n", '|');
    REQUIRE(pipe.next(&row));
    REQUIRE(row.fields.size() == 3);
    CHECK(row.fields[2] == QByteArrayView("r|s"));
    CsvReader tab("p\tq\n1\t2", '\t');
    REQUIRE(tab.next(&row));
    REQUIRE(tab.next(&row));
    CHECK(row.fields[1] == QByteArrayView("2"));

    // Broken rows are reported and reading goes on at the next line.
    CsvReader broken("ok,1\n\"bad\"x,2\nok,3\n\"open,4\n", ',');
    REQUIRE(broken.next(&row));
    CHECK(row.error.isEmpty());
    REQUIRE(broken.next(&row));
    CHECK(row.error.contains(QStringLiteral("closing quote")));
    REQUIRE(broken.next(&row));
    CHECK(row.line == 3);
    CHECK(row.fields[1] == QByteArrayView("3"));
    REQUIRE(broken.next(&row));
    CHECK(row.error.contains(QStringLiteral("truncated")));
    CHECK(!broken.next(&row));

    // A huge field is refused without reading the rest of the file as one row.
    QByteArray huge = "a," + QByteArray(CsvReader::kMaxRowBytes + 10, 'x') + "\nb,2\n";
    CsvReader big(huge, ',');
    REQUIRE(big.next(&row));
    CHECK(row.error.contains(QStringLiteral("longer")));
    REQUIRE(big.next(&row));
    CHECK(row.fields[0] == QByteArrayView("b"));
}

TEST_CASE("CSV import: a typical camera export with 12-hour local times, quoted fields and image paths")
{
    TempDir dir;
    QDir(dir.root()).mkpath(QStringLiteral("img"));
    writeFile(dir.path(QStringLiteral("img/c1.jpg")), imageBytes("JPEG"));
    const QByteArray text
        = "Plate,Time,Lat,Lon,Camera,State,Heading,Make,Color,Crop\r\n"
          "7PBT942,03/01/2026 2:05:09 PM,34.0686,-117.9390,\"Azusa Ave, NB\",ca,12,Toyota,Silver,img/c1.jpg\r\n"
          "\"8ABC 123\",12/31/2025 11:59:59 PM,34.07,-117.94,\"Unit \"\"412\"\"\",NV,,Ford,White,\r\n";
    writeFile(dir.path(QStringLiteral("export.csv")), text);
    CollectingSink sink = parse(dir.path(QStringLiteral("export.csv")), mapping());
    INFO(str(sink.reasons()));
    REQUIRE(sink.reads.size() == 2);
    const ParsedRead& a = sink.reads.at(0);
    CHECK(a.read.plate == QStringLiteral("7PBT942"));
    // 2:05:09 PM PST on 1 March 2026 = 22:05:09 UTC.
    CHECK(a.read.timeMs == QDateTime(QDate(2026, 3, 1), QTime(22, 5, 9), Qt::UTC).toMSecsSinceEpoch());
    CHECK(a.cameraName == QStringLiteral("Azusa Ave, NB"));
    CHECK(a.read.state == QStringLiteral("CA"));
    CHECK(a.read.heading == 12.0f);
    CHECK(a.read.colour == QStringLiteral("Silver"));
    CHECK(a.read.plateJpeg.startsWith("\xFF\xD8"));
    CHECK(a.line == 2);
    CHECK(a.read.sourceFile == QStringLiteral("export.csv"));
    CHECK(a.read.sourceId.startsWith(QStringLiteral("L2:")));
    const ParsedRead& b = sink.reads.at(1);
    CHECK(b.read.plate == QStringLiteral("8ABC123"));
    CHECK(b.read.heading < 0);
    CHECK(b.cameraName == QStringLiteral("Unit \"412\""));
    CHECK(b.read.timeMs == QDateTime(QDate(2026, 1, 1), QTime(7, 59, 59), Qt::UTC).toMSecsSinceEpoch());
}

TEST_CASE("CSV import: bad rows are rejected with line and reason, good rows kept")
{
    TempDir dir;
    TempDir outside;
    writeFile(outside.path(QStringLiteral("x.jpg")), imageBytes("JPEG"));
    const QString escape = QDir(dir.root()).relativeFilePath(outside.path(QStringLiteral("x.jpg")));
    QByteArray text = "Plate,Time,Lat,Lon,Camera,State,Heading,Make,Color,Crop\n";
    text += "GOOD1,03/01/2026 1:00:00 PM,34.1,-117.9,C1,CA,,,,\n"; // 2
    text += ",03/01/2026 1:00:00 PM,34.1,-117.9,C1,CA,,,,\n"; // 3 no plate
    text += "ABCDEFGHIJKLM,03/01/2026 1:00:00 PM,34.1,-117.9,C1,CA,,,,\n"; // 4 too long
    text += "BAD4,2026-03-01 13:00,34.1,-117.9,C1,CA,,,,\n"; // 5 format
    text += "BAD5,02/30/2026 1:00:00 PM,34.1,-117.9,C1,CA,,,,\n"; // 6 no such day
    text += "BAD6,03/01/2026 1:00:00 PM,95,-117.9,C1,CA,,,,\n"; // 7 latitude
    text += "BAD7,03/01/2026 1:00:00 PM,34.1,-117.9,C1,CA,400,,,\n"; // 8 heading
    text += "BAD8,03/01/2026 1:00:00 PM,34.1,-117.9,C1,CA,,,," + escape.toUtf8() + "\n"; // 9 escape
    text += "BAD9,03/01/2026 1:00:00 PM\n"; // 10 short row is ok?
    text += "BAD10,03/01/1999 1:00:00 PM,34.1,-117.9,C1,CA,,,,\n"; // 11 too old
    text += "\"BAD11,03/01/2026 1:00:00 PM\"x,34.1\n"; // 12 broken quoting
    text += "GOOD2,03/01/2026 1:00:01 PM,34.1,-117.9,C1,California,,,,\n"; // 13 state dropped
    text += "BAD12,03/01/2026 1:00:00 PM,34.1,-117.9," + QByteArray(300, 'c') + ",CA,,,,\n"; // 14
    writeFile(dir.path(QStringLiteral("bad.csv")), text);
    CollectingSink sink = parse(dir.path(QStringLiteral("bad.csv")), mapping());
    INFO(str(sink.reasons()));
    QMap<qint64, QString> byLine;
    for (const Rejected& r : sink.rejected)
        byLine.insert(r.line, r.reason);
    // A short row has no position: the writer decides (its camera's position); the parser keeps it.
    REQUIRE(sink.reads.size() == 3);
    CHECK(sink.reads.at(0).read.plate == QStringLiteral("GOOD1"));
    CHECK(sink.reads.at(1).read.plate == QStringLiteral("BAD9"));
    CHECK(!sink.reads.at(1).hasPosition);
    CHECK(sink.reads.at(2).read.plate == QStringLiteral("GOOD2"));
    CHECK(sink.reads.at(2).read.state.isEmpty());
    CHECK(sink.warnings.size() == 1);
    CHECK(byLine.value(3).contains(QStringLiteral("plate")));
    CHECK(byLine.value(4).contains(QStringLiteral("at most 10")));
    CHECK(byLine.value(5).contains(QStringLiteral("does not match")));
    CHECK(byLine.value(6).contains(QStringLiteral("does not match")));
    CHECK(byLine.value(7).contains(QStringLiteral("latitude")));
    CHECK(byLine.value(8).contains(QStringLiteral("heading")));
    CHECK(byLine.value(9).contains(QStringLiteral("outside")));
    CHECK(byLine.value(11).contains(QStringLiteral("2000")));
    CHECK(byLine.value(12).contains(QStringLiteral("quote")));
    CHECK(byLine.value(14).contains(QStringLiteral("camera")));
    CHECK(sink.rejected.size() == 10);
    // Reasons never repeat the plate.
    for (const Rejected& r : sink.rejected)
        CHECK(!r.reason.contains(QStringLiteral("BAD")));
}

TEST_CASE("CSV import: truncated file, missing header column, no mapping, columns by position")
{
    TempDir dir;
    const QByteArray text = "Plate,Time,Lat,Lon\nAAA111,2026-03-01T10:00:00Z,34,-117\nBBB222,2026-03-01T10:0";
    writeFile(dir.path(QStringLiteral("cut.csv")), text);
    CsvMapping m;
    m.columns.insert(Field::Plate, { QStringLiteral("Plate"), 0 });
    m.columns.insert(Field::Time, { QStringLiteral("Time"), 0 });
    m.columns.insert(Field::Latitude, { QStringLiteral("Lat"), 0 });
    m.columns.insert(Field::Longitude, { QStringLiteral("Lon"), 0 });
    CollectingSink sink = parse(dir.path(QStringLiteral("cut.csv")), m);
    CHECK(sink.reads.size() == 1);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected.at(0).line == 3);
    CHECK(sink.rejected.at(0).reason.contains(QStringLiteral("time")));

    CsvMapping wrong = m;
    wrong.columns.insert(Field::Camera, { QStringLiteral("Camera"), 0 });
    Status status;
    sink = parse(dir.path(QStringLiteral("cut.csv")), wrong, &status);
    REQUIRE(!status.ok());
    CHECK(status.error().message.contains(QStringLiteral("'Camera'")));
    CHECK(status.error().message.contains(QStringLiteral("columns.camera")));
    CHECK(sink.reads.isEmpty());

    CollectingSink none;
    ImportOptions options;
    CHECK(!CsvImporter().parse(dir.path(QStringLiteral("cut.csv")), text, options, none).ok());

    // No header: columns by position; a tab-separated file.
    writeFile(dir.path(QStringLiteral("pos.tsv")), "x\tCCC333\t1772359200\t34.5\t-117.5\n");
    CsvMapping pos;
    pos.header = false;
    pos.delimiter = '\t';
    pos.columns.insert(Field::Plate, { QString(), 2 });
    pos.columns.insert(Field::Time, { QString(), 3 });
    pos.columns.insert(Field::Latitude, { QString(), 4 });
    pos.columns.insert(Field::Longitude, { QString(), 5 });
    pos.timeFormat = QStringLiteral("epoch_s");
    sink = parse(dir.path(QStringLiteral("pos.tsv")), pos);
    REQUIRE(sink.reads.size() == 1);
    CHECK(sink.reads.at(0).read.timeMs == 1772359200000);
    CHECK(sink.reads.at(0).read.lon == -117.5);
}

TEST_CASE("CSV source ids: stable across re-imports and appends, distinct for identical rows")
{
    TempDir dir;
    CsvMapping m;
    m.columns.insert(Field::Plate, { QStringLiteral("p"), 0 });
    m.columns.insert(Field::Time, { QStringLiteral("t"), 0 });
    const QByteArray head = "p,t\nAAA1,2026-01-01T00:00Z\nAAA1,2026-01-01T00:00Z\n";
    writeFile(dir.path(QStringLiteral("r.csv")), head);
    CollectingSink first = parse(dir.path(QStringLiteral("r.csv")), m);
    writeFile(dir.path(QStringLiteral("r.csv")), head + "BBB2,2026-01-01T00:01Z\n");
    CollectingSink second = parse(dir.path(QStringLiteral("r.csv")), m);
    REQUIRE(first.reads.size() == 2);
    REQUIRE(second.reads.size() == 3);
    CHECK(first.reads.at(0).read.sourceId != first.reads.at(1).read.sourceId); // two real reads
    CHECK(second.reads.at(0).read.sourceId == first.reads.at(0).read.sourceId);
    CHECK(second.reads.at(1).read.sourceId == first.reads.at(1).read.sourceId);
    // Same line number, different content (tomorrow's export under the same name): a different read.
    writeFile(dir.path(QStringLiteral("r.csv")), "p,t\nZZZ9,2026-01-02T00:00Z\n");
    CollectingSink other = parse(dir.path(QStringLiteral("r.csv")), m);
    CHECK(other.reads.at(0).read.sourceId != first.reads.at(0).read.sourceId);
    // A record-id column replaces the line key.
    m.columns.insert(Field::RecordId, { QStringLiteral("id"), 0 });
    writeFile(dir.path(QStringLiteral("id.csv")), "id,p,t\nR-77,AAA1,2026-01-01T00:00Z\n");
    CollectingSink withId = parse(dir.path(QStringLiteral("id.csv")), m);
    CHECK(withId.reads.at(0).read.sourceId == QStringLiteral("id:R-77"));
}

TEST_CASE("CSV mapping file: JSON round trip, and bad mapping files name the field")
{
    TempDir dir;
    CsvMapping m = mapping();
    m.delimiter = '|';
    m.skipLines = 2;
    m.ambiguous = CsvMapping::Ambiguous::Later;
    m.fixedCamera = QStringLiteral("Unit 7");
    m.columns.insert(Field::Confidence, { QString(), 11 });
    const QString path = dir.path(QStringLiteral("map.json"));
    REQUIRE(m.save(path).ok());
    auto loaded = CsvMapping::load(path);
    INFO(str(loaded ? QString() : loaded.error().message));
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == m);
    CsvMapping tab;
    tab.delimiter = '\t';
    tab.columns = m.columns;
    tab.timeZone = QStringLiteral("UTC");
    auto tabBack = CsvMapping::fromJson(tab.toJson(), QStringLiteral("t.json"));
    REQUIRE(tabBack.ok());
    CHECK(tabBack.value() == tab);

    struct Case
    {
        const char* json;
        const char* mentions;
    } cases[] = {
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\", \"lattitude\": \"Lat\"}}", "columns.lattitude" },
        { "{\"columns\": {\"plate\": \"P\"}}", "columns.time" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"time\": {\"format\": \"MM/dd/yyyy HH:mm\"}}",
          "time.zone" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"time\": {\"format\": \"iso\", \"zone\": "
          "\"America/Los_Angles\"}}",
          "time.zone" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"time\": {\"format\": \"yyyy-QQ-dd HH\", \"zone\": "
          "\"UTC\"}}",
          "time.format" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"time\": {\"ambiguous\": \"maybe\"}}",
          "time.ambiguous" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"delimiter\": \"ab\"}", "delimiter" },
        { "{\"columns\": {\"plate\": 0, \"time\": \"T\"}}", "columns.plate" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\", \"latitude\": \"A\"}}", "latitude" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"header\": false}", "columns.plate" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"}, \"colums\": 1}", "colums" },
        { "[1, 2]", "JSON object" },
        { "{\"columns\": {\"plate\": \"P\", \"time\": \"T\"", "not valid JSON" },
    };
    for (const Case& c : cases) {
        auto r = CsvMapping::fromJson(c.json, QStringLiteral("bad.json"));
        INFO(c.json);
        REQUIRE(!r.ok());
        INFO(str(r.error().message));
        CHECK(r.error().message.contains(QStringLiteral("bad.json")));
        CHECK(r.error().message.contains(QString::fromLatin1(c.mentions)));
    }
    CHECK(!CsvMapping::load(dir.path(QStringLiteral("missing.json"))).ok());
}

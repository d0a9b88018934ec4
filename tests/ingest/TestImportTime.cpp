// Times of imported files: the fast parsers against QDateTime, naive local times across DST changes.
#include "CsvImporter.h"
#include "ImportTestSupport.h"
#include "LocalTimeConverter.h"
#include "TempDir.h"
#include "TimeFormat.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

TEST_CASE("TimeFormat: ISO 8601 and patterns agree with QDateTime on random times")
{
    auto iso = TimeFormat::fromSpec(QStringLiteral("iso")).value();
    auto us = TimeFormat::fromSpec(QStringLiteral("MM/dd/yyyy h:mm:ss AP")).value();
    auto compactFmt = TimeFormat::fromSpec(QStringLiteral("yyyyMMddHHmmss.zzz")).value();
    quint32 seed = 7;
    for (int i = 0; i < 5000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        const qint64 ms = 946684800000LL + qint64(seed) * 997 % (4102444800000LL - 946684800000LL);
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        TimeFormat::Value v;
        REQUIRE(iso.parse(t.toString(Qt::ISODateWithMs).toLatin1(), &v));
        CHECK(v.ms == ms);
        CHECK(v.absolute);
        REQUIRE(iso.parse(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1(), &v));
        CHECK(v.ms == ms / 1000 * 1000);
        CHECK(!v.absolute);
        REQUIRE(us.parse(t.toString(QStringLiteral("MM/dd/yyyy h:mm:ss AP")).toLatin1(), &v));
        CHECK(v.ms == ms / 1000 * 1000);
        REQUIRE(compactFmt.parse(t.toString(QStringLiteral("yyyyMMddHHmmss.zzz")).toLatin1(), &v));
        CHECK(v.ms == ms);
        const QDateTime offset = t.toOffsetFromUtc(-7 * 3600 - 30 * 60);
        REQUIRE(iso.parse(offset.toString(Qt::ISODateWithMs).toLatin1(), &v));
        CHECK(v.ms == ms);
    }
    TimeFormat::Value v;
    CHECK(!iso.parse("2026-02-29T10:00:00", &v)); // not a leap year
    CHECK(iso.parse("2024-02-29T10:00:00", &v));
    CHECK(!iso.parse("2026-03-01T24:00:00", &v));
    CHECK(!iso.parse("2026-03-01", &v));
    CHECK(!us.parse("13/01/2026 1:00:00 PM", &v));
    CHECK(!us.parse("03/01/2026 13:00:00 PM", &v));
    CHECK(!us.parse("03/01/2026 1:00:00", &v));
    CHECK(!us.parse("3/1/2026 12:00:00 am", &v)); // MM and dd take two digits
    auto loose = TimeFormat::fromSpec(QStringLiteral("M/d/yyyy h:mm:ss AP")).value();
    CHECK(loose.parse("3/1/2026 12:00:00 am", &v));
    CHECK(v.ms == QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    auto epoch = TimeFormat::fromSpec(QStringLiteral("epoch_ms")).value();
    CHECK(epoch.parse("1772359200123", &v));
    CHECK(v.ms == 1772359200123);
    CHECK(!epoch.parse("12ab", &v));
    CHECK(!TimeFormat::fromSpec(QStringLiteral("yyyy-MM-dd hh:mm")).ok()); // 12-hour without AP
    CHECK(!TimeFormat::fromSpec(QStringLiteral("dd.MM. HH:mm")).ok()); // no year
}

TEST_CASE("LocalTimeConverter matches QTimeZone and tells gaps and overlaps apart (brute force, 1995-2045)")
{
    for (const char* id : { "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata" }) {
        const QTimeZone zone(id);
        REQUIRE(zone.isValid());
        LocalTimeConverter converter(zone);
        // The reference asks, for each offset the zone uses a day either side, whether local - offset really has that
        // offset: no transitions table involved.
        const qint64 start = QDateTime(QDate(1995, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 end = QDateTime(QDate(2045, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        qint64 gaps = 0, overlaps = 0, mismatches = 0;
        QString first;
        // Every 20 minutes (+ a second) within two days of each transition, every 7 hours (+ a second) elsewhere.
        QList<qint64> samples;
        for (qint64 t = start; t < end; t += 7 * 3600000 + 1000)
            samples.append(t);
        for (const auto& tr : zone.transitions(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC),
                                               QDateTime::fromMSecsSinceEpoch(end, Qt::UTC)))
            for (qint64 t = tr.atUtc.toMSecsSinceEpoch() - 2 * 86400000LL;
                 t < tr.atUtc.toMSecsSinceEpoch() + 2 * 86400000LL; t += 20 * 60000 + 1000)
                samples.append(t);
        for (qint64 t = QDateTime(QDate(2040, 3, 5), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
             t < QDateTime(QDate(2040, 3, 15), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch(); t += 20 * 60000 + 1000)
            samples.append(t); // past the cached span: the slow path
        for (qint64 naive : samples) {
            QList<qint64> valid;
            for (qint64 probe : { naive - 86400000LL, naive + 86400000LL }) {
                const int o = zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(probe, Qt::UTC));
                const qint64 utc = naive - qint64(o) * 1000;
                if (zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utc, Qt::UTC)) == o && !valid.contains(utc))
                    valid.append(utc);
            }
            std::sort(valid.begin(), valid.end());
            const auto c = converter.toUtc(naive);
            bool same = false;
            if (valid.isEmpty()) {
                ++gaps;
                same = c.outcome == LocalTimeConverter::Outcome::Gap;
            } else if (valid.size() == 1) {
                same = c.outcome == LocalTimeConverter::Outcome::Unique && c.utcMs == valid.at(0);
            } else {
                ++overlaps;
                same = c.outcome == LocalTimeConverter::Outcome::Ambiguous && c.utcMs == valid.at(0)
                    && c.laterUtcMs == valid.at(1);
            }
            // Counted rather than CHECKed one by one: a million assertions would dominate the run time.
            if (!same && mismatches++ == 0)
                first = QDateTime::fromMSecsSinceEpoch(naive, Qt::UTC).toString(Qt::ISODate);
        }
        INFO(id << " first mismatch at local " << str(first));
        CHECK(mismatches == 0);
        if (QByteArray(id) != "Asia/Kolkata") {
            CHECK(gaps > 0);
            CHECK(overlaps > 0);
        }
    }
}

TEST_CASE("CSV import of naive local times across the DST changes of 2026 in Los Angeles")
{
    TempDir dir;
    // 8 March 2026: 02:00 PST -> 03:00 PDT. 1 November 2026: 02:00 PDT -> 01:00 PST.
    const QByteArray text = "plate,time\n"
                            "AAA1,2026-03-08 01:59:59\n" // 2: PST, 09:59:59Z
                            "AAA2,2026-03-08 02:30:00\n" // 3: does not exist
                            "AAA3,2026-03-08 03:00:00\n" // 4: PDT, 10:00:00Z
                            "BBB1,2026-11-01 00:59:59\n" // 5: PDT, 07:59:59Z
                            "BBB2,2026-11-01 01:30:00\n" // 6: twice: 08:30Z (PDT) or 09:30Z (PST)
                            "BBB3,2026-11-01 02:00:00\n"; // 7: PST, 10:00Z
    writeFile(dir.path(QStringLiteral("dst.csv")), text);
    auto utc = [](int month, int day, int h, int m, int s) {
        return QDateTime(QDate(2026, month, day), QTime(h, m, s), Qt::UTC).toMSecsSinceEpoch();
    };
    CsvMapping m;
    m.columns.insert(CsvMapping::Field::Plate, { QStringLiteral("plate"), 0 });
    m.columns.insert(CsvMapping::Field::Time, { QStringLiteral("time"), 0 });
    m.timeFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    m.timeZone = QStringLiteral("America/Los_Angeles");
    const QByteArray data = text;
    auto run = [&](CsvMapping::Ambiguous a) {
        CsvMapping mm = m;
        mm.ambiguous = a;
        CollectingSink sink;
        ImportOptions o;
        o.mapping = mm;
        REQUIRE(CsvImporter().parse(dir.path(QStringLiteral("dst.csv")), data, o, sink).ok());
        return sink;
    };
    CollectingSink reject = run(CsvMapping::Ambiguous::Reject);
    REQUIRE(reject.reads.size() == 4);
    CHECK(reject.reads.at(0).read.timeMs == utc(3, 8, 9, 59, 59));
    CHECK(reject.reads.at(1).read.timeMs == utc(3, 8, 10, 0, 0));
    CHECK(reject.reads.at(2).read.timeMs == utc(11, 1, 7, 59, 59));
    CHECK(reject.reads.at(3).read.timeMs == utc(11, 1, 10, 0, 0));
    REQUIRE(reject.rejected.size() == 2);
    CHECK(reject.rejected.at(0).line == 3);
    CHECK(reject.rejected.at(0).reason.contains(QStringLiteral("does not exist")));
    CHECK(reject.rejected.at(1).line == 6);
    CHECK(reject.rejected.at(1).reason.contains(QStringLiteral("twice")));
    CHECK(reject.rejected.at(1).reason.contains(QStringLiteral("PDT")));
    CHECK(reject.rejected.at(1).reason.contains(QStringLiteral("PST")));

    CollectingSink earlier = run(CsvMapping::Ambiguous::Earlier);
    REQUIRE(earlier.reads.size() == 5);
    CHECK(earlier.reads.at(3).read.timeMs == utc(11, 1, 8, 30, 0));
    CHECK(earlier.warnings.size() == 1);
    CollectingSink later = run(CsvMapping::Ambiguous::Later);
    REQUIRE(later.reads.size() == 5);
    CHECK(later.reads.at(3).read.timeMs == utc(11, 1, 9, 30, 0));
    CHECK(later.rejected.size() == 1); // the gap is never guessed

    // A naive ISO time without a zone in the mapping is refused, saying so; with an offset it is fine.
    CsvMapping noZone = m;
    noZone.timeZone.clear();
    noZone.timeFormat = QStringLiteral("iso");
    CollectingSink sink;
    ImportOptions o;
    o.mapping = noZone;
    const QByteArray mixed = "plate,time\nZ1,2026-03-08 01:00:00\nZ2,2026-03-08T01:00:00-08:00\n";
    REQUIRE(CsvImporter().parse(dir.path(QStringLiteral("z.csv")), mixed, o, sink).ok());
    REQUIRE(sink.reads.size() == 1);
    CHECK(sink.reads.at(0).read.timeMs == utc(3, 8, 9, 0, 0));
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected.at(0).reason.contains(QStringLiteral("time.zone")));
}

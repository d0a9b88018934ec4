#include "DemoGenerator.h"
#include "DemoRandom.h"
#include "Plate.h"
#include "PlateFormats.h"
#include "StreetNetwork.h"
#include "TrafficModel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <catch2/catch_test_macros.hpp>
#include <cmath>
#include <ctime>
#include <map>

using namespace alpr;
using namespace Qt::StringLiterals;

namespace {

// A window across the 2025 spring DST change (9 March), ending on a Thursday evening in Los Angeles.
const qint64 kEndMs = QDateTime(QDate(2025, 3, 20), QTime(2, 0), Qt::UTC).toMSecsSinceEpoch();

DemoOptions options(qint64 reads, quint64 seed = 1, int imageEvery = 0)
{
    DemoOptions o;
    o.reads = reads;
    o.seed = seed;
    o.endMs = kEndMs;
    o.days = 60;
    o.imageEvery = imageEvery;
    return o;
}

struct Run
{
    QList<Read> reads;
    QList<qsizetype> batchSizes;
    Status status;
};

Run run(DemoGenerator& generator)
{
    Run r;
    r.status = generator.generate([&](QList<Read>& batch) {
        r.batchSizes.append(batch.size());
        r.reads.append(batch);
        return true;
    });
    return r;
}

// The 50,000-read demo most tests look at, generated once.
struct Sample
{
    DemoGenerator generator { options(50000) };
    Run result;
    Sample()
    {
        REQUIRE(generator.load());
        result = run(generator);
        REQUIRE(result.status);
    }
};

const Sample& sample()
{
    static const Sample s;
    return s;
}

bool sameRead(const Read& a, const Read& b)
{
    return a.plate == b.plate && a.state == b.state && a.timeMs == b.timeMs && a.lat == b.lat && a.lon == b.lon
        && a.heading == b.heading && a.cameraId == b.cameraId && a.confidence == b.confidence
        && a.candidates == b.candidates && a.make == b.make && a.model == b.model && a.colour == b.colour
        && a.sourceFile == b.sourceFile && a.sourceId == b.sourceId && a.plateJpeg == b.plateJpeg
        && a.overviewJpeg == b.overviewJpeg;
}

// Brute-force distance from a point to the route polylines, independent of StreetNetwork's own search.
double distanceToRoutes(const StreetNetwork& streets, double lat, double lon)
{
    const double kx = 111320.0 * std::cos(lat * M_PI / 180.0);
    const double ky = 110574.0;
    double best = 1e300;
    for (int r = 0; r < streets.routeCount(); ++r) {
        const QList<QPointF> v = streets.routeVertices(r);
        for (qsizetype i = 0; i + 1 < v.size(); ++i) {
            const double ax = (v[i].x() - lon) * kx, ay = (v[i].y() - lat) * ky;
            const double bx = (v[i + 1].x() - lon) * kx, by = (v[i + 1].y() - lat) * ky;
            const double dx = bx - ax, dy = by - ay;
            const double len2 = dx * dx + dy * dy;
            const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
            best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
        }
    }
    return best;
}

double metres(double lat1, double lon1, double lat2, double lon2)
{
    const double kx = 111320.0 * std::cos(lat1 * M_PI / 180.0);
    return std::hypot((lon1 - lon2) * kx, (lat1 - lat2) * 110574.0);
}

QDateTime local(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(TrafficModel::toLocalMs(utcMs), Qt::UTC);
}

} // namespace

TEST_CASE("the same seed gives the same reads, another seed other reads")
{
    // With images, so the worker thread that draws them is covered too.
    DemoGenerator a(options(25000, 7, 5000));
    DemoGenerator b(options(25000, 7, 5000));
    DemoGenerator c(options(25000, 8));
    REQUIRE(a.load());
    REQUIRE(b.load());
    REQUIRE(c.load());
    const Run ra = run(a);
    const Run rb = run(b);
    const Run rc = run(c);
    REQUIRE(ra.reads.size() == rb.reads.size());
    bool identical = true;
    for (qsizetype i = 0; i < ra.reads.size() && identical; ++i)
        identical = sameRead(ra.reads[i], rb.reads[i]);
    CHECK(identical);
    CHECK(std::count_if(ra.reads.begin(), ra.reads.end(), [](const Read& r) { return !r.plateJpeg.isEmpty(); }) >= 5);
    CHECK(a.scene().suspectPlate == b.scene().suspectPlate);
    REQUIRE(rc.reads.size() == ra.reads.size());
    qsizetype samePlate = 0;
    for (qsizetype i = 0; i < DemoGenerator::BatchSize; ++i)
        samePlate += ra.reads[i].plate == rc.reads[i].plate ? 1 : 0;
    CHECK(samePlate < DemoGenerator::BatchSize / 10);
    CHECK(a.scene().suspectPlate != c.scene().suspectPlate);
    // Camera sites do not depend on the seed: re-running with another seed extends the same network.
    REQUIRE(a.cameras().size() == c.cameras().size());
    for (qsizetype i = 0; i < a.cameras().size(); ++i)
        CHECK(a.cameras()[i].name == c.cameras()[i].name);
}

TEST_CASE("exactly the requested reads, in batches, time-ordered, inside the window")
{
    DemoGenerator generator(options(23456, 3));
    REQUIRE(generator.load());
    QList<qint64> progress;
    Run r;
    r.status = generator.generate(
        [&](QList<Read>& batch) {
            r.batchSizes.append(batch.size());
            r.reads.append(batch);
            return true;
        },
        [&](qint64 done, qint64 total) {
            CHECK(total == 23456);
            progress.append(done);
        });
    REQUIRE(r.status);
    CHECK(r.reads.size() == 23456);
    CHECK(r.batchSizes == QList<qsizetype> { 10000, 10000, 3456 });
    CHECK(progress == QList<qint64> { 10000, 20000, 23456 });
    CHECK(generator.endMs() == kEndMs);
    CHECK(generator.startMs() == kEndMs - 60LL * 24 * 3600 * 1000);
    QSet<QString> ids;
    qint64 previous = 0;
    bool ordered = true;
    bool inside = true;
    bool wellFormed = true;
    for (const Read& read : r.reads) {
        ordered = ordered && read.timeMs >= previous;
        previous = read.timeMs;
        inside = inside && read.timeMs >= generator.startMs() && read.timeMs < generator.endMs();
        wellFormed = wellFormed && read.sourceFile == u"demo" && read.id == 0 && read.state.size() == 2
            && read.plate.size() >= 2 && read.plate.size() <= 8 && read.cameraId >= 1
            && read.cameraId <= generator.cameras().size() && read.heading >= 0 && read.heading < 360
            && read.confidence >= 70 && read.confidence <= 99;
        ids.insert(read.sourceId);
    }
    CHECK(ordered);
    CHECK(inside);
    CHECK(wellFormed);
    CHECK(ids.size() == r.reads.size());

    for (qint64 n : { 0, 1, 7, 999 }) {
        DemoGenerator small(options(n, 3));
        REQUIRE(small.load());
        const Run s = run(small);
        REQUIRE(s.status);
        CHECK(s.reads.size() == n);
    }
}

TEST_CASE("a sink returning false cancels the run")
{
    DemoGenerator generator(options(35000));
    REQUIRE(generator.load());
    int calls = 0;
    int progressCalls = 0;
    const Status status = generator.generate(
        [&](QList<Read>& batch) {
            ++calls;
            CHECK(batch.size() == DemoGenerator::BatchSize);
            return false;
        },
        [&](qint64, qint64) { ++progressCalls; });
    CHECK(status);
    CHECK(calls == 1);
    CHECK(progressCalls == 1);
}

TEST_CASE("cameras stand at real West Covina intersections and reads lie on the streets")
{
    const Sample& s = sample();
    const QList<Camera> cameras = s.generator.cameras();
    const StreetNetwork& streets = s.generator.streets();
    int fixed = 0;
    int mobile = 0;
    QSet<QString> names;
    for (qsizetype i = 0; i < cameras.size(); ++i) {
        const Camera& c = cameras[i];
        CHECK(c.id == i + 1);
        names.insert(c.name);
        if (c.mobile) {
            ++mobile;
            continue;
        }
        ++fixed;
        CHECK(c.name.contains(u" & "));
        CHECK(c.heading >= 0);
        CHECK(c.heading < 360);
        CHECK(distanceToRoutes(streets, c.lat, c.lon) < 1.0);
    }
    CHECK(fixed >= 40);
    CHECK(fixed <= 60);
    CHECK(mobile == 8);
    CHECK(names.size() == cameras.size());
    CHECK(std::any_of(names.begin(), names.end(),
                      [](const QString& n) { return n.contains(u"Azusa Ave") && n.contains(u"Amar Rd"); }));

    qsizetype mobileReads = 0;
    double worstFixed = 0;
    double worstMobile = 0;
    bool inBox = true;
    for (const Read& read : s.result.reads) {
        inBox = inBox && read.lat > 34.0 && read.lat < 34.15 && read.lon > -118.0 && read.lon < -117.83;
        const Camera& c = cameras[read.cameraId - 1];
        if (c.mobile) {
            ++mobileReads;
            worstMobile = std::max(worstMobile, distanceToRoutes(streets, read.lat, read.lon));
        } else {
            worstFixed = std::max(worstFixed, metres(read.lat, read.lon, c.lat, c.lon));
        }
    }
    CHECK(inBox);
    CHECK(worstFixed < 15);
    CHECK(worstMobile < 10);
    CHECK(mobileReads > s.result.reads.size() / 40);
    CHECK(mobileReads < s.result.reads.size() / 8);
}

TEST_CASE("traffic follows the local clock: rush hours busy, nights quiet")
{
    std::map<int, qint64> weekday;
    std::map<int, qint64> weekend;
    for (const Read& read : sample().result.reads) {
        const QDateTime t = local(read.timeMs);
        (t.date().dayOfWeek() >= 6 ? weekend : weekday)[t.time().hour()]++;
    }
    const double rush = (weekday[7] + weekday[8] + weekday[16] + weekday[17]) / 4.0;
    const double night = (weekday[1] + weekday[2] + weekday[3] + weekday[4]) / 4.0;
    CHECK(rush > 8 * night);
    // Weekday mornings peak; weekend mornings do not.
    CHECK(weekday[7] / 5.0 > 1.8 * weekend[7] / 2.0);
    CHECK(weekend[12] / 2.0 > weekend[7] / 2.0 * 1.8);
}

TEST_CASE("the plate population: commuters, regulars and a long tail")
{
    const QList<Read>& reads = sample().result.reads;
    QHash<QString, int> counts;
    QHash<QString, QSet<QDate>> days;
    for (const Read& read : reads) {
        counts[read.plate]++;
        days[read.plate].insert(local(read.timeMs).date());
    }
    const double distinctRatio = double(counts.size()) / double(reads.size());
    CHECK(distinctRatio > 0.17);
    CHECK(distinctRatio < 0.24);
    int oneDay = 0;
    int handful = 0;
    int often = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        const qsizetype d = days[it.key()].size();
        oneDay += d == 1 ? 1 : 0;
        handful += d >= 2 && d <= 10 ? 1 : 0;
        often += it.value() >= 20 ? 1 : 0;
    }
    CHECK(oneDay > counts.size() / 2); // the long tail passes once
    CHECK(handful > counts.size() / 10);
    CHECK(often >= 20);

    // Commuters: the same plate at the same camera on many weekdays, at nearly the same local time.
    QHash<QString, QList<QDateTime>> visits; // plate + camera
    for (const Read& read : reads) {
        const QDateTime t = local(read.timeMs);
        if (t.date().dayOfWeek() <= 5 && t.time().hour() < 11)
            visits[read.plate + u'@' + QString::number(read.cameraId)].append(t);
    }
    int commuters = 0;
    for (const QList<QDateTime>& v : visits) {
        QSet<QDate> days;
        QList<int> minutes;
        for (const QDateTime& t : v) {
            days.insert(t.date());
            minutes.append(t.time().hour() * 60 + t.time().minute());
        }
        if (days.size() < 20)
            continue;
        std::sort(minutes.begin(), minutes.end());
        const int spread = minutes[minutes.size() * 3 / 4] - minutes[minutes.size() / 4];
        commuters += spread <= 20 ? 1 : 0;
    }
    CHECK(commuters >= 5);
}

TEST_CASE("plate formats follow the California and out-of-state mix")
{
    static const QRegularExpression passenger(u"^[1-9][A-HJ-NPR-Z]{3}[0-9]{3}$"_s);
    static const QRegularExpression commercial(u"^[1-9][A-HJ-NPR-Z][0-9]{5}$"_s);
    QHash<QString, QString> plates; // the primary of reads without candidates: the plate as issued
    for (const Read& read : sample().result.reads) {
        if (read.candidates.isEmpty())
            plates.insert(read.plate, read.state);
    }
    int california = 0;
    int passengerCount = 0;
    int recent = 0;
    int commercialCount = 0;
    int vanity = 0;
    QSet<QString> states;
    const QList<QString> vanityList = PlateFormats::vanityPlates();
    for (auto it = plates.begin(); it != plates.end(); ++it) {
        states.insert(it.value());
        if (it.value() != u"CA")
            continue;
        ++california;
        if (passenger.match(it.key()).hasMatch()) {
            ++passengerCount;
            recent += it.key().at(0) >= u'5' ? 1 : 0;
        }
        commercialCount += commercial.match(it.key()).hasMatch() ? 1 : 0;
        vanity += vanityList.contains(it.key()) ? 1 : 0;
    }
    const double n = plates.size();
    CHECK(california / n > 0.88);
    CHECK(california / n < 0.96);
    CHECK(passengerCount / n > 0.75);
    CHECK(passengerCount / n < 0.88);
    CHECK(recent > 0.85 * passengerCount);
    CHECK(commercialCount / n > 0.03);
    CHECK(commercialCount / n < 0.10);
    CHECK(vanity >= 10);
    CHECK(states.size() >= 8);
    for (const QString& v : vanityList) {
        CHECK(v.size() <= 7);
        CHECK(isValidNormalisedPlate(v));
        CHECK_FALSE(PlateFormats::matchesSequentialShape(v));
    }
}

TEST_CASE("plate series never repeat a plate nor hand out a reserved one")
{
    PlateFormats formats(5);
    formats.reserve(u"8ABC123"_s);
    QSet<QString> seen;
    DemoRandom random(1);
    for (int i = 0; i < 200000; ++i) {
        const PlateKey key = formats.allocate(PlateFormats::Kind::Nevada, random);
        const QString plate = formats.plate(key);
        REQUIRE(formats.state(key) == u"NV");
        REQUIRE(PlateFormats::matchesSequentialShape(plate));
        seen.insert(plate);
    }
    CHECK(seen.size() == 200000);
    for (int i = 0; i < 100000; ++i)
        REQUIRE(formats.plate(formats.allocate(random)) != u"8ABC123");
}

TEST_CASE("OCR candidates differ from the plate by confusable characters only")
{
    const QList<Read>& reads = sample().result.reads;
    qsizetype withCandidates = 0;
    bool confusableOnly = true;
    bool distinct = true;
    bool lowerConfidence = true;
    for (const Read& read : reads) {
        if (read.candidates.isEmpty())
            continue;
        ++withCandidates;
        CHECK(read.candidates.size() <= 3);
        QSet<QString> seen { read.plate };
        for (const PlateCandidate& c : read.candidates) {
            distinct = distinct && !seen.contains(c.plate);
            seen.insert(c.plate);
            lowerConfidence = lowerConfidence && c.confidence < read.confidence;
            if (c.plate.size() != read.plate.size()) {
                confusableOnly = false;
                continue;
            }
            for (qsizetype i = 0; i < c.plate.size(); ++i)
                confusableOnly = confusableOnly && PlateFormats::confusable(c.plate[i], read.plate[i]);
        }
    }
    CHECK(confusableOnly);
    CHECK(distinct);
    CHECK(lowerConfidence);
    const double share = double(withCandidates) / double(reads.size());
    CHECK(share > 0.18);
    CHECK(share < 0.30);
    // The groups the header documents are the ones confusions() implements.
    for (const char* group : PlateFormats::ConfusionGroups) {
        for (const char* a = group; *a; ++a) {
            for (const char* b = group; *b; ++b)
                CHECK(PlateFormats::confusable(QLatin1Char(*a), QLatin1Char(*b)));
        }
    }
    CHECK_FALSE(PlateFormats::confusable(u'8', u'0'));
    CHECK_FALSE(PlateFormats::confusable(u'A', u'4'));
}

TEST_CASE("make and colour come from a realistic list, for some cameras only, and stay with the plate")
{
    qsizetype withMake = 0;
    QHash<QString, QString> colourOf;
    bool consistent = true;
    for (const Read& read : sample().result.reads) {
        if (read.make.isEmpty()) {
            CHECK(read.colour.isEmpty());
            continue;
        }
        ++withMake;
        if (read.candidates.isEmpty()) {
            auto it = colourOf.constFind(read.plate);
            consistent = consistent && (it == colourOf.constEnd() || it.value() == read.make + read.colour);
            colourOf.insert(read.plate, read.make + read.colour);
        }
    }
    CHECK(consistent);
    const double share = double(withMake) / double(sample().result.reads.size());
    CHECK(share > 0.2);
    CHECK(share < 0.8);
}

TEST_CASE("the crime scene: the suspect passes inside the radius and window, and is misread B for 8")
{
    const Sample& s = sample();
    const DemoScene scene = s.generator.scene();
    static const QRegularExpression witness(u"^7.B.*2$"_s);
    REQUIRE(witness.match(scene.suspectPlate).hasMatch());
    CHECK(scene.toMs - scene.fromMs == 2 * 3600 * 1000);
    CHECK(scene.fromMs >= s.generator.startMs());
    CHECK(scene.toMs <= s.generator.endMs());
    CHECK(local(scene.fromMs).time() == QTime(19, 30));
    CHECK(scene.radiusM >= 200);
    CHECK(!scene.title.isEmpty());
    CHECK(scene.description.contains(u"7?B*2"));
    CHECK_FALSE(scene.description.contains(scene.suspectPlate));

    QString variant = scene.suspectPlate;
    variant[2] = u'8';
    int atScene = 0;
    int elsewhere = 0;
    int misreads = 0;
    QSet<QString> canvass; // plates inside the radius and window that fit the witness's partial plate
    for (const Read& read : s.result.reads) {
        const bool inside = read.timeMs >= scene.fromMs && read.timeMs < scene.toMs
            && metres(read.lat, read.lon, scene.lat, scene.lon) <= scene.radiusM;
        if (inside && witness.match(read.plate).hasMatch())
            canvass.insert(read.plate);
        if (read.plate == scene.suspectPlate)
            (inside ? atScene : elsewhere)++;
        if (read.plate == variant) {
            ++misreads;
            CHECK(std::any_of(read.candidates.begin(), read.candidates.end(),
                              [&](const PlateCandidate& c) { return c.plate == scene.suspectPlate; }));
        }
        if (read.plate == scene.suspectPlate || read.plate == variant) {
            CHECK(read.make == u"Honda");
            CHECK(read.colour == u"Gray");
        }
    }
    CHECK(atScene >= 3); // arriving, a patrol car passing, leaving
    CHECK(elsewhere >= 4); // cameras before and after, casing two days earlier
    CHECK(misreads >= 2);
    CHECK(canvass.contains(scene.suspectPlate));
    CHECK(canvass.size() <= 3);
}

TEST_CASE("hotlist entries, some of which are seen")
{
    const Sample& s = sample();
    const QList<DemoHotlistEntry> hotlist = s.generator.hotlist();
    CHECK(hotlist.size() >= 6);
    CHECK(hotlist.size() <= 10);
    QSet<QString> plates;
    for (const DemoHotlistEntry& e : hotlist) {
        CHECK(isValidNormalisedPlate(e.plate));
        CHECK(e.state.size() == 2);
        CHECK((e.list == u"stolen vehicles" || e.list == u"wanted persons" || e.list == u"amber alert"));
        CHECK(!e.reason.isEmpty());
        plates.insert(e.plate);
    }
    CHECK(plates.size() == hotlist.size());
    CHECK_FALSE(plates.contains(s.generator.scene().suspectPlate));
    QSet<QString> seen;
    for (const Read& read : s.result.reads) {
        if (plates.contains(read.plate))
            seen.insert(read.plate);
    }
    CHECK(seen.size() >= 3);
    CHECK(seen.size() < plates.size());
}

TEST_CASE("one read in imageEvery carries a plate crop and an overview that decode")
{
    DemoGenerator generator(options(3000, 11, 500));
    REQUIRE(generator.load());
    const Run r = run(generator);
    REQUIRE(r.status);
    int withImages = 0;
    for (qsizetype i = 0; i < r.reads.size(); ++i) {
        const Read& read = r.reads[i];
        if (i % 500 == 499)
            CHECK(!read.plateJpeg.isEmpty());
        if (read.plateJpeg.isEmpty()) {
            CHECK(read.overviewJpeg.isEmpty());
            continue;
        }
        ++withImages;
        CHECK(read.plateJpeg.startsWith("\xff\xd8"));
        const QImage crop = QImage::fromData(read.plateJpeg, "JPG");
        const QImage overview = QImage::fromData(read.overviewJpeg, "JPG");
        CHECK(crop.size() == QSize(300, 150));
        CHECK(overview.size() == QSize(1280, 720));
        // A real picture, not a blank: the plate has both light background and dark characters.
        const QImage grey = crop.convertToFormat(QImage::Format_Grayscale8);
        int dark = 0;
        int light = 0;
        for (int y = 0; y < grey.height(); ++y) {
            for (int x = 0; x < grey.width(); ++x) {
                const int v = grey.constScanLine(y)[x];
                dark += v < 90 ? 1 : 0;
                light += v > 170 ? 1 : 0;
            }
        }
        CHECK(dark > 300);
        CHECK(light > 3000);
    }
    CHECK(withImages >= 6); // every 500th read, plus the scripted sightings
    CHECK(withImages < 60);
}

TEST_CASE("street data: names are cleaned and malformed files are refused with the place named")
{
    CHECK(StreetNetwork::cleanIntersectionName(u"Amar Rd and Lark Ellen Ave E"_s) == u"Amar Rd & Lark Ellen Ave");
    CHECK(StreetNetwork::cleanIntersectionName(u"Asuza and Workman S"_s) == u"Azusa Ave & Workman Ave");
    CHECK(StreetNetwork::cleanIntersectionName(u"Grand Avenue and Mauna Loa Avenue (Northbound)"_s)
          == u"Grand Ave & Mauna Loa Ave");
    CHECK(StreetNetwork::cleanIntersectionName(u"Bleeker St. & Joanbridge (NB)"_s) == u"Bleeker St & Joanbridge St");
    CHECK(StreetNetwork::cleanIntersectionName(u"Lakes Dr and Lakes Dr"_s).isEmpty());
    CHECK(StreetNetwork::cleanIntersectionName(u"Charter Oak High School"_s).isEmpty());

    const QByteArray line
        = R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString",
        "coordinates":[[-117.93,34.07],[-117.92,34.07]]}}]})";
    const QByteArray stops = "name,lat,lon,feed\nAzusa Ave & Amar Rd,34.07,-117.925,x\n";
    StreetNetwork streets;
    CHECK(streets.loadFromData(line, u"r.geojson"_s, stops, u"s.csv"_s));
    REQUIRE(streets.sites().size() == 1);
    CHECK(streets.sites()[0].route == 0);
    const float heading = streets.sites()[0].heading;
    CHECK((std::fabs(heading - 90) < 0.5f || std::fabs(heading - 270) < 0.5f));

    Status bad = streets.loadFromData("{\"features\": [", u"r.geojson"_s, stops, u"s.csv"_s);
    CHECK(bad.error().kind == ErrorKind::BadInput);
    CHECK(bad.error().message.contains(u"r.geojson"));
    bad = streets.loadFromData(R"({"features":[{"geometry":{"type":"Point","coordinates":[1,2]}}]})", u"r.geojson"_s,
                               stops, u"s.csv"_s);
    CHECK(bad.error().message.contains(u"feature 1"));
    bad = streets.loadFromData(line, u"r.geojson"_s, "name,lat,lon,feed\nA & B,34.07,-117.92,x\nC & D,north,1,x\n",
                               u"s.csv"_s);
    CHECK(bad.error().kind == ErrorKind::BadInput);
    CHECK(bad.error().message.contains(u"s.csv, line 3"));
    bad = streets.loadFromData(line, u"r.geojson"_s, "lat,lon\n", u"s.csv"_s);
    CHECK(bad.error().message.contains(u"header"));
}

TEST_CASE("Pacific time: the zone database and the US rule agree, local times round-trip")
{
    for (qint64 t = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
         t < QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch(); t += 3600 * 1000)
        REQUIRE(TrafficModel::pacificOffsetSeconds(t) == TrafficModel::pacificRuleOffsetSeconds(t));
    CHECK(TrafficModel::pacificAbbreviation(QDateTime(QDate(2025, 1, 15), QTime(20, 0), Qt::UTC).toMSecsSinceEpoch())
          == u"PST");
    CHECK(TrafficModel::pacificAbbreviation(QDateTime(QDate(2025, 7, 15), QTime(20, 0), Qt::UTC).toMSecsSinceEpoch())
          == u"PDT");
    for (const QDate& d : { QDate(2025, 3, 9), QDate(2025, 3, 10), QDate(2025, 11, 2), QDate(2025, 6, 1) }) {
        const qint64 t = TrafficModel::localToUtc(d, 8 * 60 + 15);
        CHECK(local(t).date() == d);
        CHECK(local(t).time() == QTime(8, 15));
    }
    CHECK(TrafficModel::formatLocal(QDateTime(QDate(2025, 1, 14), QTime(1, 42, 8), Qt::UTC).toMSecsSinceEpoch())
          == u"2025-01-13 17:42:08 PST");
    const TrafficModel model(0, 10 * 24 * 3600 * 1000LL + 1800 * 1000);
    CHECK(model.slotCount() == 241);
    qint64 sum = 0;
    for (qint64 q : model.slotQuotas(123457))
        sum += q;
    CHECK(sum == 123457);
}

// Not a unit test: `test_ingest [.perf]` measures the generator (ALPR_DEMO_BENCH_READS reads, default 1 M).
TEST_CASE("generation speed", "[.perf]")
{
    const qint64 reads = qEnvironmentVariableIsSet("ALPR_DEMO_BENCH_READS")
        ? qEnvironmentVariable("ALPR_DEMO_BENCH_READS").toLongLong()
        : 1000000;
    for (int imageEvery : { 0, 2000 }) {
        DemoGenerator generator(options(reads, 1, imageEvery));
        REQUIRE(generator.load());
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        qint64 count = 0;
        qint64 images = 0;
        REQUIRE(generator.generate([&](QList<Read>& batch) {
            count += batch.size();
            for (const Read& r : batch)
                images += r.plateJpeg.isEmpty() ? 0 : 1;
            return true;
        }));
        WARN(reads << " reads, imageEvery " << imageEvery << " (" << images << " with images): " << timer.elapsed()
                   << " ms, CPU " << (std::clock() - cpu) * 1000 / CLOCKS_PER_SEC << " ms");
        CHECK(count == reads);
    }
}

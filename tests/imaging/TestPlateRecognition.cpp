// Region proposals and OCR against plates drawn with known text by the demo generator's renderer, the pattern
// built from per-character confidence, and the photo → pattern dialog driven offscreen.
#include "DemoRandom.h"
#include "EnhancementPipeline.h"
#include "ImagingFixture.h"
#include "PhotoPatternDialog.h"
#include "PlateFormats.h"
#include "PlateReader.h"
#include "PlateRegionFinder.h"

#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

double iou(const QRectF& a, const QRectF& b)
{
    const QRectF i = a.intersected(b);
    if (i.isEmpty())
        return 0;
    const double inter = i.width() * i.height();
    return inter / (a.width() * a.height() + b.width() * b.height() - inter);
}

int rightCharacters(const QString& read, const QString& truth)
{
    // Levenshtein: characters right = length − edits.
    std::vector<int> row(size_t(truth.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= read.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= truth.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)]
                = std::min({ up + 1, row[size_t(j - 1)] + 1, diagonal + (read[i - 1] == truth[j - 1] ? 0 : 1) });
            diagonal = up;
        }
    }
    return std::max(0, int(truth.size()) - row[size_t(truth.size())]);
}

std::vector<test::RenderedScene> scenes(int count)
{
    PlateRenderer renderer;
    PlateFormats formats(4242);
    DemoRandom random(99);
    std::vector<test::RenderedScene> out;
    for (int i = 0; i < count; ++i) {
        const PlateKey key = formats.allocate(random);
        out.push_back(
            test::renderScene(renderer, formats.plate(key), formats.state(key), i % 4 == 3, i, random.next()));
    }
    return out;
}

} // namespace

TEST_CASE("The true plate is among the top 3 proposals of rendered overviews", "[imaging][plates]")
{
    REQUIRE(PlateRenderer::available());
    const auto all = scenes(24);
    PlateRegionFinder finder;
    int found = 0;
    for (const auto& s : all) {
        REQUIRE(!s.truth.isEmpty());
        CHECK(std::abs(double(s.truth.width()) / s.truth.height() - 2.0) < 0.35); // the truth is a plate
        const QList<PlateRegion> regions = finder.propose(s.overview);
        bool hit = false;
        for (int i = 0; i < std::min<qsizetype>(3, regions.size()); ++i)
            hit = hit || iou(regions[i].bounds, s.truth) >= 0.4;
        found += hit ? 1 : 0;
    }
    INFO(found << " of " << all.size());
    CHECK(found >= int(all.size() * 0.9));
    // Nothing to find: a flat grey image gives no proposal.
    QImage grey(800, 600, QImage::Format_Grayscale8);
    grey.fill(120);
    CHECK(finder.propose(grey).isEmpty());
    CHECK(finder.propose(QImage()).isEmpty());
}

TEST_CASE("OCR reads the characters of true plate crops", "[imaging][plates]")
{
    const auto all = scenes(16);
    PlateReader reader;
    REQUIRE(reader.initialise());
    int right = 0;
    int total = 0;
    for (const auto& s : all) {
        auto r = reader.read(s.overview.copy(s.truth.adjusted(-3, -3, 3, 3)));
        REQUIRE(r);
        right += rightCharacters(r->text(), s.plate);
        total += int(s.plate.size());
        for (const PlateCharacter& c : r->characters) {
            CHECK(((c.character >= u'A' && c.character <= u'Z') || (c.character >= u'0' && c.character <= u'9')));
            CHECK((c.confidence >= 0 && c.confidence <= 100));
        }
    }
    INFO(right << " of " << total << " characters");
    CHECK(right >= int(total * 0.9));

    // A large, flat, clean plate is read exactly and confidently.
    PlateRenderer renderer;
    auto flat = reader.read(renderer.plate(QStringLiteral("7PBT942"), QStringLiteral("CA"), 400));
    REQUIRE(flat);
    CHECK(flat->text() == QStringLiteral("7PBT942"));
    CHECK(flat->meanConfidence() > 80);
    // Nothing legible: an empty reading, not an error.
    QImage blank(300, 150, QImage::Format_RGB32);
    blank.fill(Qt::white);
    auto none = reader.read(blank);
    REQUIRE(none);
    CHECK(none->characters.isEmpty());
}

TEST_CASE("Uncertain characters become ? in the pattern", "[imaging][plates]")
{
    PlateReading r;
    const QString text = QStringLiteral("7PBT942");
    const float confidence[] = { 96, 91, 42, 88, 97, 70, 93 };
    for (int i = 0; i < 7; ++i)
        r.characters.append({ text[i], confidence[i], {} });
    CHECK(r.text() == text);
    CHECK(r.pattern(80) == QStringLiteral("7P?T9?2"));
    CHECK(r.pattern(50) == QStringLiteral("7P?T942"));
    CHECK(r.pattern(0) == text);
    CHECK(r.uncertainCount(80) == 2);
    CHECK(PlateReading {}.pattern(80).isEmpty());
}

TEST_CASE("Photo to pattern: open, propose, read, and hand the pattern on", "[imaging][plates][gui]")
{
    PlateRenderer renderer;
    const auto s = test::renderScene(renderer, QStringLiteral("8KRT512"), QStringLiteral("CA"), false, 1, 777);
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("doorbell.png"));
    // A doorbell camera's still: larger than the ALPR overview.
    const QImage photo = s.overview.scaled(s.overview.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QRect truth(s.truth.topLeft() * 2, s.truth.size() * 2);
    REQUIRE(photo.save(path, "PNG"));

    PhotoPatternDialog dialog;
    dialog.show();
    QSignalSpy search(&dialog, &PhotoPatternDialog::searchRequested);
    dialog.openFile(path);
    REQUIRE(dialog.waitForIdle(20000));
    REQUIRE(!dialog.regions().isEmpty());
    CHECK(dialog.selectedRegion() == 0);
    CHECK(iou(dialog.regions().first().bounds, truth) >= 0.4);
    CHECK(dialog.errorText().isEmpty());
    const QString read = dialog.reading().text();
    INFO("read " << read.toStdString());
    CHECK(rightCharacters(read, QStringLiteral("8KRT512")) >= 6);

    // The user's threshold decides which characters become ?.
    dialog.setThreshold(100);
    CHECK(dialog.pattern() == dialog.reading().pattern(100));
    CHECK(dialog.pattern().contains(u'?'));
    dialog.setThreshold(0);
    CHECK(dialog.pattern() == read);

    // Moving a corner re-reads (dragging the quad far off the plate reads nothing useful).
    QPolygonF off;
    off << QPointF(20, 20) << QPointF(200, 20) << QPointF(200, 100) << QPointF(20, 100);
    dialog.setQuad(off);
    REQUIRE(dialog.waitForIdle(20000));
    CHECK(dialog.reading().text() != read);
    dialog.selectRegion(0);
    REQUIRE(dialog.waitForIdle(20000));
    CHECK(dialog.reading().text() == read);

    dialog.findChild<QLineEdit*>(QStringLiteral("patternEdit"))->setText(QStringLiteral("8krt5?2"));
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("searchButton")), Qt::LeftButton);
    REQUIRE(search.size() == 1);
    CHECK(search.at(0).at(0).toString() == QStringLiteral("8KRT5?2"));
}

TEST_CASE("Photo to pattern: bad files give a clear message and no crash", "[imaging][plates][gui]")
{
    test::TempDir dir;
    const QString corrupt = dir.path(QStringLiteral("witness.jpg"));
    QFile f(corrupt);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("\xff\xd8\xff\xe0 this is not really a jpeg", 32));
    f.close();
    PhotoPatternDialog dialog;
    dialog.openFile(corrupt);
    REQUIRE(dialog.waitForIdle(10000));
    CHECK(dialog.errorText().startsWith(QStringLiteral("witness.jpg: ")));
    CHECK(dialog.regions().isEmpty());
    CHECK(!dialog.findChild<QPushButton*>(QStringLiteral("searchButton"))->isEnabled());
    dialog.openFile(dir.path(QStringLiteral("missing.png")));
    REQUIRE(dialog.waitForIdle(10000));
    CHECK(dialog.errorText().startsWith(QStringLiteral("missing.png: ")));
}

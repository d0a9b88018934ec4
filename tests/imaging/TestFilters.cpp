// The enhancement filters do what they say, against brute-force references, and never touch the original.
#include "ClaheFilter.h"
#include "DenoiseFilter.h"
#include "EnhancementPipeline.h"
#include "EnhancementRunner.h"
#include "GammaFilter.h"
#include "MatView.h"
#include "PerspectiveFilter.h"
#include "UnsharpMaskFilter.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QPainter>
#include <QSignalSpy>
#include <QTransform>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace alpr;

namespace {

QByteArray encode(const QImage& image, const char* format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, format, 90));
    return bytes;
}

/** A colourful test scene: gradients, shapes and text, so every filter changes something. */
QImage scene(int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, w, h);
    g.setColorAt(0, QColor(40, 60, 90));
    g.setColorAt(1, QColor(200, 180, 120));
    p.fillRect(image.rect(), g);
    p.setBrush(QColor(230, 230, 225));
    p.drawRect(w / 4, h / 3, w / 2, h / 4);
    p.setPen(QColor(20, 30, 90));
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(h / 8);
    f.setBold(true);
    p.setFont(f);
    p.drawText(QRect(w / 4, h / 3, w / 2, h / 4), Qt::AlignCenter, QStringLiteral("7PBT942"));
    p.end();
    return image;
}

double localContrast(const cv::Mat& grey, int block)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y + block <= grey.rows; y += block) {
        for (int x = 0; x + block <= grey.cols; x += block) {
            cv::Scalar mean, dev;
            cv::meanStdDev(grey(cv::Rect(x, y, block, block)), mean, dev);
            sum += dev[0];
            ++n;
        }
    }
    return sum / n;
}

EnhancementSettings everything(const QImage& image)
{
    EnhancementSettings s;
    s.contrast.enabled = s.sharpen.enabled = s.gamma.enabled = s.denoise.enabled = true;
    s.perspective.enabled = true;
    s.perspective.quad << QPointF(10, 12) << QPointF(image.width() - 20, 5)
                       << QPointF(image.width() - 8, image.height() - 9) << QPointF(4, image.height() - 15);
    return s;
}

} // namespace

TEST_CASE("Enhancing never changes the stored original: bytes, hash and decoded pixels", "[imaging][filters]")
{
    for (const char* format : { "JPEG", "PNG" }) {
        const QByteArray stored = encode(scene(640, 360), format);
        const QByteArray storedCopy(stored.constData(), stored.size()); // a deep copy
        const QByteArray hashBefore = QCryptographicHash::hash(stored, QCryptographicHash::Sha256);
        QImage original = QImage::fromData(stored);
        REQUIRE(!original.isNull());
        // Also the working formats the pipeline reads in place, without converting (the riskiest case).
        for (QImage input :
             { original, MatView::working(original), original.convertToFormat(QImage::Format_Grayscale8) }) {
            const QImage pixelsBefore = input.copy();
            const uchar* bitsBefore = input.constBits();
            const QImage out = EnhancementPipeline(everything(input)).run(input);
            REQUIRE(!out.isNull());
            CHECK(out != MatView::working(input)); // it did something
            CHECK(input == pixelsBefore);
            CHECK(input.constBits() == bitsBefore); // not even detached
        }
        CHECK(stored == storedCopy);
        CHECK(QCryptographicHash::hash(stored, QCryptographicHash::Sha256) == hashBefore);
    }
}

TEST_CASE("Each filter writes a new image and leaves its input as it was", "[imaging][filters]")
{
    const QImage input = MatView::working(scene(320, 200));
    const QImage before = input.copy();
    const cv::Mat in = MatView::view(input);
    QPolygonF quad;
    quad << QPointF(20, 20) << QPointF(300, 10) << QPointF(310, 190) << QPointF(10, 180);
    const ClaheFilter clahe(3, 8);
    const UnsharpMaskFilter sharpen(1.5, 2);
    const GammaFilter gamma(1.8);
    const DenoiseFilter denoise(20);
    const PerspectiveFilter perspective(quad);
    for (const ImageFilter* f :
         std::initializer_list<const ImageFilter*> { &clahe, &sharpen, &gamma, &denoise, &perspective }) {
        cv::Mat out;
        f->apply(in, out);
        INFO(f->id().toStdString());
        CHECK(out.data != in.data);
        CHECK(out.type() == in.type());
        CHECK(input == before);
    }
}

TEST_CASE("Gamma maps known grey levels to the expected values, like a per-pixel pow", "[imaging][filters]")
{
    // out = 255 · (in / 255)^(1 / gamma)
    CHECK(GammaFilter(2.0).map(64) == 128); // 255 · 0.251^0.5 = 127.75
    CHECK(GammaFilter(0.5).map(128) == 64); // 255 · 0.502^2 = 64.25
    CHECK(GammaFilter(2.0).map(0) == 0);
    CHECK(GammaFilter(2.0).map(255) == 255);
    CHECK(GammaFilter(1.0).map(77) == 77);

    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
        ramp.at<uchar>(0, i) = uchar(i);
    for (double g : { 0.3, 0.8, 1.5, 2.2, 4.0 }) {
        const GammaFilter f(g);
        cv::Mat fast, naive;
        f.apply(ramp, fast);
        f.applyNaive(ramp, naive);
        CHECK(cv::norm(fast, naive, cv::NORM_INF) == 0);
        // Above 1 brightens the mid-tones, below 1 darkens them.
        CHECK((g > 1 ? fast.at<uchar>(0, 128) > 128 : fast.at<uchar>(0, 128) < 128));
    }
}

TEST_CASE("CLAHE raises local contrast of a low-contrast image, on luma only for colour", "[imaging][filters]")
{
    // Faint dark marks (8 levels) on a grey that drifts slowly: what a plate in shadow looks like.
    cv::Mat grey(256, 512, CV_8UC1);
    for (int y = 0; y < grey.rows; ++y)
        for (int x = 0; x < grey.cols; ++x)
            grey.at<uchar>(y, x) = uchar(110 + x / 32 - (((x / 6) % 3 == 0 && (y / 10) % 2 == 0) ? 8 : 0));
    cv::Mat out;
    ClaheFilter(3.0, 8).apply(grey, out);
    const double before = localContrast(grey, 32);
    const double after = localContrast(out, 32);
    INFO("local contrast " << before << " -> " << after);
    CHECK(after > 1.5 * before); // an identity would give 1.0

    // Colour: a grey scene stays grey (no hue shift) while its contrast rises.
    cv::Mat rgb;
    cv::cvtColor(grey, rgb, cv::COLOR_GRAY2RGB);
    cv::Mat rgbOut;
    ClaheFilter(3.0, 8).apply(rgb, rgbOut);
    std::vector<cv::Mat> ch;
    cv::split(rgbOut, ch);
    CHECK(cv::norm(ch[0], ch[1], cv::NORM_INF) <= 2);
    CHECK(cv::norm(ch[1], ch[2], cv::NORM_INF) <= 2);
    CHECK(localContrast(ch[1], 32) > 1.5 * before);
}

TEST_CASE("Unsharp mask steepens an edge and leaves flat areas alone; matches the 2-D kernel", "[imaging][filters]")
{
    cv::Mat edge(64, 128, CV_8UC1, cv::Scalar(80));
    edge(cv::Rect(64, 0, 64, 64)).setTo(170);
    cv::GaussianBlur(edge, edge, cv::Size(0, 0), 2.0);
    const UnsharpMaskFilter f(1.5, 2.0);
    cv::Mat out, reference;
    f.apply(edge, out);
    f.applyNonSeparable(edge, reference);
    auto steepest = [](const cv::Mat& m) {
        int best = 0;
        for (int x = 1; x < m.cols; ++x)
            best = std::max(best, int(m.at<uchar>(32, x)) - int(m.at<uchar>(32, x - 1)));
        return best;
    };
    CHECK(steepest(out) > steepest(edge) * 1.3);
    CHECK(out.at<uchar>(32, 5) == edge.at<uchar>(32, 5));
    CHECK(out.at<uchar>(32, 122) == edge.at<uchar>(32, 122));
    CHECK(cv::norm(out, reference, cv::NORM_INF) <= 2); // separable == full kernel, up to rounding
}

TEST_CASE("Denoise smooths noise but keeps a character's edge", "[imaging][filters]")
{
    cv::Mat clean(128, 128, CV_8UC1, cv::Scalar(200));
    clean(cv::Rect(64, 0, 64, 128)).setTo(60);
    cv::Mat noise(clean.size(), CV_16SC1);
    cv::theRNG().state = 7;
    cv::randn(noise, 0, 10);
    cv::Mat noisy;
    clean.convertTo(noisy, CV_16SC1);
    noisy += noise;
    noisy.convertTo(noisy, CV_8UC1);
    cv::Mat out;
    DenoiseFilter(15).apply(noisy, out);
    cv::Scalar m1, d1, m2, d2;
    cv::meanStdDev(noisy(cv::Rect(8, 8, 40, 112)), m1, d1);
    cv::meanStdDev(out(cv::Rect(8, 8, 40, 112)), m2, d2);
    INFO("noise " << d1[0] << " -> " << d2[0]);
    CHECK(d2[0] < d1[0] * 0.6);
    // The edge stays where it was and as high: a blur would spread it over several pixels.
    CHECK(int(out.at<uchar>(64, 61)) - int(out.at<uchar>(64, 66)) > 110);
}

TEST_CASE("Deskew: a synthetically warped plate comes back as a rectangle", "[imaging][filters]")
{
    // A 240 × 120 "plate" with a checkerboard of 30-px cells, drawn in perspective into a larger photo.
    QImage plate(240, 120, QImage::Format_Grayscale8);
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 240; ++x)
            plate.scanLine(y)[x] = ((x / 30 + y / 30) % 2) ? 230 : 30;
    QPolygonF where;
    where << QPointF(83, 61) << QPointF(331, 92) << QPointF(318, 215) << QPointF(70, 170);
    QPolygonF source;
    source << QPointF(0, 0) << QPointF(240, 0) << QPointF(240, 120) << QPointF(0, 120);
    QTransform t;
    REQUIRE(QTransform::quadToQuad(source, where, t));
    QImage photo(420, 300, QImage::Format_Grayscale8);
    photo.fill(128);
    {
        QPainter p(&photo);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.setTransform(t);
        p.drawImage(0, 0, plate);
    }
    // Corners in any order.
    QPolygonF shuffled;
    shuffled << where[2] << where[0] << where[3] << where[1];
    CHECK(PerspectiveFilter::orderCorners(shuffled) == where);

    const PerspectiveFilter f(shuffled);
    cv::Mat out;
    f.apply(MatView::view(photo), out);
    // Longest edges: top 250, left 99 → output about 250 × 123 (2:1, like the plate).
    CHECK(std::abs(out.cols - 250) <= 2);
    CHECK(std::abs(double(out.cols) / out.rows - 2.0) < 0.1);
    cv::Mat expected;
    cv::resize(MatView::view(plate), expected, out.size(), 0, 0, cv::INTER_LINEAR);
    // Away from the cell borders (where resampling blurs) every pixel is back in its cell.
    int wrong = 0;
    int checked = 0;
    for (int y = 0; y < out.rows; ++y) {
        for (int x = 0; x < out.cols; ++x) {
            const double px = x * 240.0 / out.cols;
            const double py = y * 120.0 / out.rows;
            const double fx = std::fmod(px, 30.0);
            const double fy = std::fmod(py, 30.0);
            if (fx < 4 || fx > 26 || fy < 4 || fy > 26)
                continue;
            ++checked;
            wrong += std::abs(int(out.at<uchar>(y, x)) - int(expected.at<uchar>(y, x))) > 60 ? 1 : 0;
        }
    }
    INFO(wrong << " of " << checked << " pixels in the wrong cell");
    CHECK(wrong < checked / 100);

    // The OpenCV warp agrees with the plain per-pixel reference.
    cv::Mat naive;
    f.applyNaive(MatView::view(photo), naive);
    REQUIRE(naive.size() == out.size());
    cv::Mat diff;
    cv::absdiff(out, naive, diff);
    CHECK(cv::mean(diff)[0] < 1.5);
}

TEST_CASE("Settings describe every filter with its parameters, in the order applied", "[imaging][filters]")
{
    EnhancementSettings s;
    CHECK(!s.any());
    CHECK(s.describe().isEmpty());
    s.gamma.enabled = true;
    s.gamma.gamma = 1.8;
    s.contrast.enabled = true;
    s.contrast.clipLimit = 2.5;
    s.contrast.tiles = 6;
    const QStringList d = s.describe();
    REQUIRE(d.size() == 2);
    CHECK(d[0] == QStringLiteral("contrast (CLAHE): clip limit 2.5, 6×6 tiles"));
    CHECK(d[1] == QStringLiteral("gamma 1.80"));
    CHECK(EnhancementPipeline(s).filterIds() == QStringList { QStringLiteral("clahe"), QStringLiteral("gamma") });
    s.perspective.enabled = true; // without four corners it is not applied
    CHECK(EnhancementPipeline(s).filterIds().size() == 2);
    CHECK(s.toJson().size() == 2);
}

TEST_CASE("The runner works off the GUI thread and a newer request supersedes an older one", "[imaging][filters]")
{
    const QImage big = scene(1920, 1080);
    EnhancementRunner runner;
    QSignalSpy ready(&runner, &EnhancementRunner::ready);
    EnhancementSettings slow;
    slow.denoise.enabled = slow.contrast.enabled = slow.sharpen.enabled = true;
    EnhancementSettings quick;
    quick.gamma.enabled = true;
    const int first = runner.request(big, slow);
    const int second = runner.request(big, quick);
    CHECK(second > first);
    CHECK(runner.busy()); // returned at once: the work is elsewhere
    REQUIRE(runner.waitForIdle(20000));
    QCoreApplication::processEvents();
    REQUIRE(ready.size() == 1);
    CHECK(ready.at(0).at(0).toInt() == second);
    const QImage delivered = ready.at(0).at(1).value<QImage>();
    CHECK(delivered == EnhancementPipeline(quick).run(big));
}

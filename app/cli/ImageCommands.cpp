// Imaging: the image benchmark (`alpr-cli bench images`): enhancement and region-proposal times on a 1920×1080
// frame, each beside a baseline measured in the same run, and proposal recall and OCR accuracy on overview images
// drawn by the demo generator's renderer with known plates. ALPR_BENCH_DUMP=<dir> saves the overviews whose plate
// was not among the top 3 proposals, with the truth (green) and the proposals drawn on them.
#include "ClaheFilter.h"
#include "CliContext.h"
#include "Commands.h"
#include "DemoRandom.h"
#include "DenoiseFilter.h"
#include "EnhancementPipeline.h"
#include "GammaFilter.h"
#include "ImageDifference.h"
#include "ImageLoader.h"
#include "MatView.h"
#include "PerspectiveFilter.h"
#include "PlateFormats.h"
#include "PlateReader.h"
#include "PlateRegionFinder.h"
#include "PlateRenderer.h"
#include "UnsharpMaskFilter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <functional>
#include <vector>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

constexpr double kEnhanceGoalMs = 30;
constexpr double kProposalGoalMs = 100;
constexpr double kRecallGoal = 0.90;
constexpr double kOcrGoal = 0.90;

/** Median wall time of runs calls (after one warm-up call), in ms. */
double medianMs(int runs, const std::function<void()>& work)
{
    work();
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::nth_element(times.begin(), times.begin() + long(times.size() / 2), times.end());
    return times[times.size() / 2];
}

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)] = std::min({ up + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1) });
            diagonal = up;
        }
    }
    return row[size_t(b.size())];
}

double iou(const QRectF& a, const QRectF& b)
{
    const QRectF i = a.intersected(b);
    if (i.isEmpty())
        return 0;
    const double inter = i.width() * i.height();
    return inter / (a.width() * a.height() + b.width() * b.height() - inter);
}

struct Scene
{
    QString plate;
    QImage overview; ///< decoded from the JPEG the demo generator would store
    QImage crop; ///< the camera's plate crop, decoded likewise
    QRect truth; ///< the plate in the overview
    bool night = false;
};

/** Overviews as the demo generator draws them (PlateRenderer, JPEG q80), with the plate's box found by difference. */
std::vector<Scene> renderScenes(int count, quint64 seed)
{
    PlateFormats formats(seed);
    DemoRandom random(DemoRandom::hash(seed, 0x696d61676573ULL));
    PlateRenderer renderer;
    static const QColor paints[]
        = { QColor(235, 235, 232), QColor(20, 20, 22),  QColor(150, 152, 156), QColor(120, 20, 24),
            QColor(28, 52, 110),   QColor(90, 96, 100), QColor(200, 190, 160), QColor(30, 80, 50) };
    std::vector<Scene> scenes;
    for (int i = 0; i < count; ++i) {
        const PlateKey key = formats.allocate(random);
        Scene s;
        s.plate = formats.plate(key);
        const QString state = formats.state(key);
        s.night = random.chance(0.25);
        const QColor paint = paints[random.below(std::size(paints))];
        const int view = int(random.below(48));
        const quint64 sceneSeed = random.next();
        const QString caption = QStringLiteral("Azusa Ave & Amar Rd NB   2026-05-%1 %2:14:05 PDT")
                                    .arg(10 + i % 18)
                                    .arg(s.night ? 22 : 9 + i % 10);
        const QImage drawn = renderer.overview(s.plate, state, paint, caption, s.night, view, sceneSeed);
        // The same scene with another state's plate and other characters: only the plate's pixels change.
        QString other = s.plate;
        for (QChar& c : other)
            c = c == u'W' ? u'M' : u'W';
        const QImage twin = renderer.overview(other, state == u"NY" ? QStringLiteral("CA") : QStringLiteral("NY"),
                                              paint, caption, s.night, view, sceneSeed);
        s.truth = ImageDifference::boundingBox(drawn, twin, 12);
        s.overview = ImageLoader::decode(PlateRenderer::toJpeg(drawn), QStringLiteral("overview")).value();
        s.crop = ImageLoader::decode(PlateRenderer::toJpeg(renderer.crop(s.plate, state, paint, s.night, sceneSeed)),
                                     QStringLiteral("crop"))
                     .value();
        scenes.push_back(s);
    }
    return scenes;
}

/** The 1-minute load average (Linux), so a reader can tell a busy machine's times from a quiet one's. */
double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readLine().split(' ').value(0).toDouble();
}

struct Timing
{
    QString name;
    QString method;
    double ms = 0;
    QString baseline;
    double baselineMs = 0;
    double goalMs = 0;
};

} // namespace

Status benchImages(CliContext& ctx)
{
    if (!PlateRenderer::available())
        return failure(tr("bench images needs a GUI application for its fonts."));
    auto reads = ctx.number(QStringLiteral("reads"), 300, 1, 100000); // images to render and read
    if (!reads)
        return reads.error();
    const int sceneCount = int(reads.value());
    const bool json = ctx.parser().isSet(QStringLiteral("json"));
    QTextStream& out = CliContext::out();
    QTextStream& err = CliContext::err();

    // A realistic 1920×1080 frame: a rendered street scene, enlarged, with sensor noise.
    err << tr("bench images: rendering %1 overview images with known plates…").arg(sceneCount) << '\n';
    err.flush();
    std::vector<Scene> scenes = renderScenes(sceneCount, 20260527);
    const QImage frame
        = MatView::working(scenes.front().overview.scaled(1920, 1080, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    const cv::Mat in = MatView::view(frame);
    cv::Mat result;
    const int runs = 7;
    QList<Timing> timings;
    const double loadBefore = loadAverage();
    {
        ClaheFilter f(2.0, 8);
        timings.append({ QStringLiteral("contrast (CLAHE)"), QStringLiteral("luma only (YCrCb)"),
                         medianMs(runs, [&] { f.apply(in, result); }), QStringLiteral("each of R, G, B"),
                         medianMs(runs, [&] { f.applyPerChannel(in, result); }), kEnhanceGoalMs });
    }
    {
        UnsharpMaskFilter f(1.0, 2.0);
        timings.append({ QStringLiteral("unsharp mask (sigma 2)"), QStringLiteral("separable Gaussian"),
                         medianMs(runs, [&] { f.apply(in, result); }), QStringLiteral("2-D kernel (filter2D)"),
                         medianMs(3, [&] { f.applyNonSeparable(in, result); }), kEnhanceGoalMs });
    }
    {
        GammaFilter f(1.5);
        timings.append({ QStringLiteral("gamma"), QStringLiteral("lookup table"),
                         medianMs(runs, [&] { f.apply(in, result); }), QStringLiteral("std::pow per value"),
                         medianMs(3, [&] { f.applyNaive(in, result); }), kEnhanceGoalMs });
    }
    {
        DenoiseFilter f(10);
        timings.append({ QStringLiteral("denoise"), QStringLiteral("bilateral, 5 px"),
                         medianMs(runs, [&] { f.apply(in, result); }), QStringLiteral("non-local means 7/21 (luma)"),
                         medianMs(1, [&] { f.applyNonLocalMeans(in, result); }), kEnhanceGoalMs });
    }
    {
        QPolygonF quad;
        quad << QPointF(60, 40) << QPointF(1880, 10) << QPointF(1900, 1070) << QPointF(20, 1040);
        PerspectiveFilter f(quad);
        timings.append({ QStringLiteral("perspective correction"), QStringLiteral("warpPerspective"),
                         medianMs(runs, [&] { f.apply(in, result); }), QStringLiteral("per-pixel C++ loop"),
                         medianMs(3, [&] { f.applyNaive(in, result); }), kEnhanceGoalMs });
    }
    {
        EnhancementSettings all;
        all.denoise.enabled = all.contrast.enabled = all.gamma.enabled = all.sharpen.enabled = true;
        EnhancementPipeline pipeline(all);
        EnhancementPipeline none({});
        timings.append({ QStringLiteral("pipeline: denoise+CLAHE+gamma+sharpen"), QStringLiteral("QImage in/out"),
                         medianMs(runs, [&] { (void)pipeline.run(frame); }), QStringLiteral("(no goal; sum of four)"),
                         0, 0 });
    }
    {
        PlateRegionFinder finder;
        PlateRegionFinder fullSize(0);
        timings.append({ QStringLiteral("plate region proposals"), QStringLiteral("at 1280 px wide, 2 scales"),
                         medianMs(runs, [&] { (void)finder.propose(frame); }), QStringLiteral("at full 1920 px"),
                         medianMs(3, [&] { (void)fullSize.propose(frame); }), kProposalGoalMs });
    }

    // Recall of the proposals and OCR accuracy on the rendered overviews.
    err << tr("bench images: proposals and OCR on %1 overviews…").arg(sceneCount) << '\n';
    err.flush();
    PlateRegionFinder finder;
    PlateReader reader;
    if (Status s = reader.initialise(); !s)
        return s;
    int top1 = 0;
    int top3 = 0;
    int truthChars = 0;
    int rightChars = 0;
    int exactPlates = 0;
    int cropRightChars = 0;
    int proposalRightChars = 0;
    int proposalsRead = 0;
    double proposalMsTotal = 0;
    double ocrMsTotal = 0;
    QJsonArray misses;
    for (const Scene& s : scenes) {
        QElapsedTimer t;
        t.start();
        const QList<PlateRegion> regions = finder.propose(s.overview);
        proposalMsTotal += double(t.nsecsElapsed()) / 1e6;
        int rank = -1;
        for (int i = 0; i < regions.size() && rank < 0; ++i) {
            if (iou(regions[i].bounds, s.truth) >= 0.4)
                rank = i;
        }
        top1 += rank == 0 ? 1 : 0;
        top3 += rank >= 0 && rank < 3 ? 1 : 0;
        static const QString dump = qEnvironmentVariable("ALPR_BENCH_DUMP");
        if (!dump.isEmpty() && (rank < 0 || rank >= 3)) {
            QImage shown = s.overview.convertToFormat(QImage::Format_RGB32);
            QPainter p(&shown);
            p.setPen(QPen(Qt::green, 2));
            p.drawRect(s.truth);
            for (int i = 0; i < regions.size(); ++i) {
                p.setPen(QPen(i < 3 ? Qt::red : Qt::yellow, 2));
                p.drawPolygon(regions[i].quad);
                p.drawText(regions[i].bounds.topLeft() + QPointF(0, -3), QString::number(i + 1));
            }
            p.end();
            shown.save(dump + QStringLiteral("/miss-%1.png").arg(&s - scenes.data()));
        }
        if ((rank < 0 || rank >= 3) && misses.size() < 20)
            misses.append(QJsonObject { { QStringLiteral("plate_length"), int(s.plate.size()) },
                                        { QStringLiteral("night"), s.night },
                                        { QStringLiteral("rank"), rank } });
        t.restart();
        const QRect trueCrop = s.truth.adjusted(-3, -3, 3, 3).intersected(s.overview.rect());
        const auto reading = reader.read(s.overview.copy(trueCrop));
        ocrMsTotal += double(t.nsecsElapsed()) / 1e6;
        const QString text = reading ? reading->text() : QString();
        truthChars += int(s.plate.size());
        rightChars += std::max(0, int(s.plate.size()) - editDistance(text, s.plate));
        exactPlates += text == s.plate ? 1 : 0;
        if (const auto c = reader.read(s.crop); c)
            cropRightChars += std::max(0, int(s.plate.size()) - editDistance(c->text(), s.plate));
        if (rank >= 0) {
            // End to end: what the user gets from the matching proposal, corrected for perspective.
            const QImage rectified = EnhancementPipeline([&] {
                                         EnhancementSettings e;
                                         e.perspective.enabled = true;
                                         e.perspective.quad = finder.refineQuad(s.overview, regions[rank]);
                                         return e;
                                     }())
                                         .run(s.overview);
            if (const auto p = reader.read(rectified); p) {
                proposalRightChars += std::max(0, int(s.plate.size()) - editDistance(p->text(), s.plate));
                proposalsRead += int(s.plate.size());
            }
        }
    }
    const double n = double(scenes.size());
    const double recall3 = top3 / n;
    const double ocr = truthChars ? double(rightChars) / truthChars : 0;

    bool allMet = recall3 >= kRecallGoal && ocr >= kOcrGoal;
    for (const Timing& t : timings)
        allMet = allMet && (t.goalMs <= 0 || t.ms <= t.goalMs);
    if (json) {
        QJsonArray times;
        for (const Timing& t : timings)
            times.append(QJsonObject { { QStringLiteral("operation"), t.name },
                                       { QStringLiteral("method"), t.method },
                                       { QStringLiteral("ms"), t.ms },
                                       { QStringLiteral("baseline"), t.baseline },
                                       { QStringLiteral("baseline_ms"), t.baselineMs },
                                       { QStringLiteral("goal_ms"), t.goalMs },
                                       { QStringLiteral("met"), t.goalMs <= 0 || t.ms <= t.goalMs } });
        const QJsonObject root {
            { QStringLiteral("benchmark"), QStringLiteral("images") },
            { QStringLiteral("frame"), QStringLiteral("1920x1080 RGB") },
            { QStringLiteral("load_average"), loadBefore },
            { QStringLiteral("cores"), QThread::idealThreadCount() },
            { QStringLiteral("timings"), times },
            { QStringLiteral("overviews"), int(scenes.size()) },
            { QStringLiteral("proposal_top1"), top1 / n },
            { QStringLiteral("proposal_top3"), recall3 },
            { QStringLiteral("proposal_top3_goal"), kRecallGoal },
            { QStringLiteral("proposal_mean_ms_1280x720"), proposalMsTotal / n },
            { QStringLiteral("ocr_true_crop_chars"), ocr },
            { QStringLiteral("ocr_true_crop_goal"), kOcrGoal },
            { QStringLiteral("ocr_true_crop_exact_plates"), exactPlates / n },
            { QStringLiteral("ocr_mean_ms"), ocrMsTotal / n },
            { QStringLiteral("ocr_camera_crop_chars"), truthChars ? double(cropRightChars) / truthChars : 0 },
            { QStringLiteral("ocr_from_proposal_chars"),
              proposalsRead ? double(proposalRightChars) / proposalsRead : 0 },
            { QStringLiteral("misses"), misses },
            { QStringLiteral("all_goals_met"), allMet },
        };
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        out << tr("Enhancements and proposals on a 1920×1080 RGB frame (median of %1 runs; baselines measured in "
                  "the same run; %2 cores, load average %3 at the start):")
                   .arg(runs)
                   .arg(QThread::idealThreadCount())
                   .arg(loadBefore, 0, 'f', 2)
            << '\n';
        for (const Timing& t : timings) {
            out << QStringLiteral("  %1  %2 ms (%3)").arg(t.name, -40).arg(t.ms, 7, 'f', 1).arg(t.method);
            if (t.baselineMs > 0)
                out << QStringLiteral("   baseline %1 ms (%2)").arg(t.baselineMs, 0, 'f', 1).arg(t.baseline);
            if (t.goalMs > 0)
                out << QStringLiteral("   goal ≤ %1 ms: %2")
                           .arg(t.goalMs)
                           .arg(t.ms <= t.goalMs ? tr("met") : tr("MISSED"));
            out << '\n';
        }
        out << tr("On %1 rendered overview images (1280×720 JPEG, a quarter at night):").arg(scenes.size()) << '\n';
        out << tr("  true plate is proposal 1: %1 %; among the top 3: %2 % (goal ≥ %3 %: %4); %5 ms a frame")
                   .arg(100 * top1 / n, 0, 'f', 1)
                   .arg(100 * recall3, 0, 'f', 1)
                   .arg(100 * kRecallGoal, 0, 'f', 0)
                   .arg(recall3 >= kRecallGoal ? tr("met") : tr("MISSED"))
                   .arg(proposalMsTotal / n, 0, 'f', 1)
            << '\n';
        out << tr("  OCR of the true plate crop: %1 % of characters right (goal ≥ %2 %: %3), %4 % of plates exact, "
                  "%5 ms a plate")
                   .arg(100 * ocr, 0, 'f', 1)
                   .arg(100 * kOcrGoal, 0, 'f', 0)
                   .arg(ocr >= kOcrGoal ? tr("met") : tr("MISSED"))
                   .arg(100 * exactPlates / n, 0, 'f', 1)
                   .arg(ocrMsTotal / n, 0, 'f', 1)
            << '\n';
        out << tr("  OCR of the camera's 300×150 plate crop: %1 % of characters right")
                   .arg(truthChars ? 100.0 * cropRightChars / truthChars : 0, 0, 'f', 1)
            << '\n';
        out << tr("  OCR of the matching proposal, perspective-corrected: %1 % of characters right")
                   .arg(proposalsRead ? 100.0 * proposalRightChars / proposalsRead : 0, 0, 'f', 1)
            << '\n';
    }
    return {};
}

} // namespace alpr::commands

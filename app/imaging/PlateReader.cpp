#include "PlateReader.h"

#include "MatView.h"

#include <QCoreApplication>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PlateReader", text);
}

constexpr int kCharacterHeight = 48; // what Tesseract's LSTM models read best (cap height ~30-50 px)
constexpr int kBorder = 20;

cv::Mat greyOf(const QImage& image)
{
    const QImage work = MatView::working(image);
    const cv::Mat view = MatView::view(work);
    cv::Mat grey;
    if (view.channels() == 1)
        view.copyTo(grey);
    else
        cv::cvtColor(view, grey, cv::COLOR_RGB2GRAY);
    return grey;
}

struct Blob
{
    int label;
    cv::Rect box;
};

} // namespace

struct PlateReader::Engine
{
    tesseract::TessBaseAPI api;
    bool ready = false;
};

PlateReader::PlateReader() = default;
PlateReader::~PlateReader()
{
    if (m_engine && m_engine->ready)
        m_engine->api.End();
}

Status PlateReader::initialise()
{
    if (m_engine && m_engine->ready)
        return {};
    m_engine = std::make_unique<Engine>();
    // Plates are not words: the dictionaries would only pull readings towards English.
    const std::vector<std::string> names { "load_system_dawg", "load_freq_dawg" };
    const std::vector<std::string> values { "0", "0" };
    if (m_engine->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0)
        return failure(tr("The text recogniser (Tesseract) could not load its English data; is the package "
                          "tesseract-ocr-eng installed?"));
    m_engine->api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    m_engine->api.SetVariable("tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    m_engine->api.SetVariable("debug_file", "/dev/null"); // no "Invalid resolution" chatter on stderr
    m_engine->ready = true;
    return {};
}

QImage PlateReader::prepare(const QImage& crop)
{
    if (crop.isNull() || crop.width() < 8 || crop.height() < 4)
        return {};
    cv::Mat grey = greyOf(crop);
    // A common working size first: the component analysis below needs characters of some tens of pixels.
    const double scale = std::clamp(200.0 / grey.rows, 0.2, 8.0);
    cv::Mat sized;
    cv::resize(grey, sized, {}, scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    cv::GaussianBlur(sized, sized, { 3, 3 }, 0);
    cv::Mat light;
    cv::threshold(sized, light, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const bool inverted = cv::countNonZero(light) < int(light.total() / 2);
    if (inverted)
        cv::bitwise_not(light, light); // light characters on a dark plate
    cv::Mat ink;
    cv::bitwise_not(light, ink);

    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    const int W = ink.cols;
    const int H = ink.rows;
    std::vector<Blob> blobs;
    for (int i = 1; i < count; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        // Character-sized: a good part of the plate's height, not the border or bumper around everything, not a
        // speck; a few characters blurred together may be wider than tall.
        if (box.height < H / 6 || box.height > H * 0.92 || box.width > W * 0.9 || box.width > 3.5 * box.height)
            continue;
        if (area < 0.08 * box.area() || box.height < 8)
            continue;
        blobs.push_back({ i, box });
    }
    if (blobs.empty())
        return {};
    // The plate's main row: the largest group of blobs of about the same height on about the same line.
    std::vector<int> best;
    double bestWeight = 0;
    for (const Blob& seed : blobs) {
        std::vector<int> group;
        double weight = 0;
        const double cy = seed.box.y + seed.box.height / 2.0;
        for (size_t j = 0; j < blobs.size(); ++j) {
            const cv::Rect& b = blobs[j].box;
            if (std::abs(b.height - seed.box.height) <= 0.2 * seed.box.height
                && std::abs(b.y + b.height / 2.0 - cy) <= 0.25 * seed.box.height) {
                group.push_back(int(j));
                weight += b.height;
            }
        }
        if (weight > bestWeight) {
            bestWeight = weight;
            best = group;
        }
    }
    cv::Rect row = blobs[size_t(best.front())].box;
    std::vector<int> heights;
    cv::Mat kept(ink.size(), CV_8U, cv::Scalar(255));
    for (int j : best) {
        const Blob& b = blobs[size_t(j)];
        row |= b.box;
        heights.push_back(b.box.height);
        kept.setTo(0, labels == b.label);
    }
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const int characterHeight = heights[heights.size() / 2];
    const int margin = characterHeight / 4;
    row = cv::Rect(row.x - margin, row.y - margin, row.width + 2 * margin, row.height + 2 * margin)
        & cv::Rect(0, 0, W, H);
    // Grey levels, not the binary mask: the anti-aliased edges tell Tesseract's LSTM an 8 from an S. Everything
    // outside the kept characters (dilated a little) is white; the rest is stretched to full contrast.
    cv::Mat near;
    cv::Mat inkKept;
    cv::bitwise_not(kept, inkKept);
    cv::dilate(inkKept, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, { 5, 5 }));
    cv::Mat plain = sized.clone();
    if (inverted)
        cv::bitwise_not(plain, plain);
    double lo = 0;
    double hi = 255;
    cv::minMaxLoc(plain, &lo, &hi, nullptr, nullptr, near);
    cv::Mat stretched;
    plain.convertTo(stretched, CV_8U, 255.0 / std::max(1.0, hi - lo), -lo * 255.0 / std::max(1.0, hi - lo));
    stretched.setTo(255, ~near);
    const double toTarget = double(kCharacterHeight) / characterHeight;
    cv::Mat scaled;
    cv::resize(stretched(row), scaled, {}, toTarget, toTarget, toTarget < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    cv::Mat framed;
    cv::copyMakeBorder(scaled, framed, kBorder, kBorder, kBorder, kBorder, cv::BORDER_CONSTANT, cv::Scalar(255));
    return MatView::toImage(framed);
}

Result<PlateReading> PlateReader::read(const QImage& crop)
{
    if (Status s = initialise(); !s)
        return s.error();
    PlateReading reading;
    const QImage prepared = prepare(crop);
    if (prepared.isNull())
        return reading;
    tesseract::TessBaseAPI& api = m_engine->api;
    api.SetImage(prepared.constBits(), prepared.width(), prepared.height(), 1, int(prepared.bytesPerLine()));
    api.SetSourceResolution(300);
    if (api.Recognize(nullptr) != 0) {
        api.Clear();
        return failure(tr("The text recogniser failed on this image."));
    }
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
        do {
            const std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_SYMBOL));
            if (!text)
                continue;
            const QString symbol = QString::fromUtf8(text.get()).trimmed().toUpper();
            for (QChar c : symbol) {
                if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
                    continue;
                PlateCharacter pc;
                pc.character = c;
                pc.confidence = std::clamp(it->Confidence(tesseract::RIL_SYMBOL), 0.f, 100.f);
                int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
                if (it->BoundingBox(tesseract::RIL_SYMBOL, &x1, &y1, &x2, &y2))
                    pc.box = QRect(QPoint(x1, y1), QPoint(x2 - 1, y2 - 1));
                reading.characters.append(pc);
            }
        } while (it->Next(tesseract::RIL_SYMBOL));
    }
    api.Clear();
    return reading;
}

} // namespace alpr

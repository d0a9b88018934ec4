#include "PlateRegionFinder.h"

#include "MatView.h"
#include "PerspectiveFilter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace alpr {

namespace {

cv::Mat greyOf(const QImage& image)
{
    const QImage work = MatView::working(image);
    const cv::Mat view = MatView::view(work);
    cv::Mat grey;
    if (view.channels() == 1)
        view.copyTo(grey); // the view is only valid while work lives
    else
        cv::cvtColor(view, grey, cv::COLOR_RGB2GRAY);
    return grey;
}

double gaussianScore(double x, double centre, double width)
{
    const double d = (x - centre) / width;
    return std::exp(-0.5 * d * d);
}

double iou(const QRectF& a, const QRectF& b)
{
    const QRectF i = a.intersected(b);
    if (i.isEmpty())
        return 0;
    const double inter = i.width() * i.height();
    return inter / (a.width() * a.height() + b.width() * b.height() - inter);
}

/** How plate-like a band of characters looks in grey (8-bit, this level's pixels). */
double bandScore(const cv::Mat& grey, const cv::Rect& r, double fill)
{
    const cv::Mat band = grey(r);
    cv::Mat binary;
    const double threshold = cv::threshold(band, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Dark characters on a light plate: a minority of dark pixels. Light text on a dark strip (captions, signs)
    // has the opposite balance.
    const double dark = 1.0 - cv::countNonZero(binary) / double(r.area());
    cv::Scalar mean;
    cv::Scalar deviation;
    cv::meanStdDev(band, mean, deviation);
    // A row of characters crosses the threshold about twice per character along its middle.
    double crossings = 0;
    for (double f : { 0.35, 0.5, 0.65 }) {
        const uchar* row = binary.ptr<uchar>(std::clamp(int(r.height * f), 0, r.height - 1));
        for (int x = 1; x < r.width; ++x)
            crossings += row[x] != row[x - 1] ? 1 : 0;
    }
    crossings /= 3.0;
    const double aspect = double(r.width) / r.height;
    const double polarity = gaussianScore(dark, 0.33, 0.16);
    const double rhythm = std::clamp((crossings - 4.0) / 8.0, 0.0, 1.0) * (crossings > 40 ? 0.4 : 1.0);
    const double contrast = std::clamp(deviation[0] / 50.0, 0.1, 1.0);
    const double shape = gaussianScore(std::log(aspect), std::log(4.0), 0.45);
    const double brightness = std::clamp(mean[0] / 110.0, 0.2, 1.0) * (threshold > 40 ? 1.0 : 0.5);
    return polarity * (0.3 + 0.7 * rhythm) * contrast * (0.4 + 0.6 * shape) * (0.5 + 0.5 * fill) * brightness;
}

void scan(const cv::Mat& grey, double toImage, const QRectF& imageRect, std::vector<PlateRegion>& out)
{
    cv::Mat blackhat;
    cv::morphologyEx(grey, blackhat, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, { 15, 7 }));
    cv::Mat gradient;
    cv::Sobel(blackhat, gradient, CV_16S, 1, 0, 3);
    gradient = cv::abs(gradient);
    cv::Mat strokes;
    gradient.convertTo(strokes, CV_8U, 0.5);
    cv::GaussianBlur(strokes, strokes, { 5, 5 }, 0);
    cv::morphologyEx(strokes, strokes, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, { 17, 5 }));
    cv::Mat mask;
    cv::threshold(strokes, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Thin lines (lane markings, edges of cars) are not rows of characters.
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, { 5, 5 }));
    cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, { 5, 3 }));

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& contour : contours) {
        const cv::Rect r = cv::boundingRect(contour);
        if (r.height < 8 || r.width < 24 || r.height > grey.rows / 3)
            continue;
        const double aspect = double(r.width) / r.height;
        if (aspect < 1.6 || aspect > 9.0)
            continue;
        const double fill = cv::contourArea(contour) / double(r.area());
        const double score = bandScore(grey, r, fill);
        if (score <= 0.01)
            continue;
        // The characters fill about the middle half of a plate's height and most of its width.
        cv::RotatedRect band = cv::minAreaRect(contour);
        if (band.size.width < band.size.height) { // OpenCV's angle convention: make width the long side
            std::swap(band.size.width, band.size.height);
            band.angle += 90.f;
        }
        if (std::abs(band.angle) > 30.f && std::abs(band.angle) < 150.f)
            band = cv::RotatedRect(band.center, { float(r.width), float(r.height) }, 0.f);
        // A row of characters spans ~80 % of a plate's width, and a plate is about twice as wide as tall; when the
        // blob already covers the whole plate (its dark frame merges with the characters) it is nearly 2:1 itself.
        const float plateWidth = band.size.width * 1.2f;
        const float plateHeight = std::max(band.size.height * 1.15f, plateWidth / 2.0f);
        cv::RotatedRect plate(band.center, { plateWidth, plateHeight }, band.angle);
        cv::Point2f corners[4];
        plate.points(corners);
        QPolygonF quad;
        for (const cv::Point2f& c : corners)
            quad << QPointF(c.x * toImage, c.y * toImage);
        PlateRegion region;
        region.quad = PerspectiveFilter::orderCorners(quad);
        region.bounds = quad.boundingRect().intersected(imageRect);
        region.textBand = QRectF(r.x * toImage, r.y * toImage, r.width * toImage, r.height * toImage);
        region.score = score;
        if (!region.bounds.isEmpty())
            out.push_back(region);
    }
}

} // namespace

QList<PlateRegion> PlateRegionFinder::propose(const QImage& image, int maxRegions) const
{
    if (image.isNull() || image.width() < 32 || image.height() < 16)
        return {};
    cv::Mat grey = greyOf(image);
    double toImage = 1.0;
    // Plates narrower than ~1/40 of the frame cannot be read anyway, and the work grows with the pixel count.
    if (m_workWidth > 0 && grey.cols > m_workWidth) {
        toImage = double(grey.cols) / m_workWidth;
        cv::Mat smaller;
        cv::resize(grey, smaller, { m_workWidth, int(std::lround(grey.rows / toImage)) }, 0, 0, cv::INTER_AREA);
        grey = smaller;
    }
    const QRectF imageRect(0, 0, image.width(), image.height());
    std::vector<PlateRegion> found;
    scan(grey, toImage, imageRect, found);
    // Half size: plates photographed close up, whose strokes are wider than the black-hat kernel.
    if (grey.cols >= 200) {
        cv::Mat half;
        cv::pyrDown(grey, half);
        scan(half, toImage * double(grey.cols) / half.cols, imageRect, found);
    }
    // A plate's registration characters are the tallest text on it (the state name and slogans are smaller): among
    // rows of characters that overlap, the taller wins; elsewhere size matters only a little (near plates are big).
    double tallest = 0;
    for (const PlateRegion& r : found)
        tallest = std::max(tallest, r.textBand.height());
    for (PlateRegion& r : found) {
        double overlapping = r.textBand.height();
        for (const PlateRegion& other : found)
            if (other.bounds.intersects(r.bounds))
                overlapping = std::max(overlapping, other.textBand.height());
        r.score *= (0.4 + 0.6 * r.textBand.height() / overlapping) * (0.8 + 0.2 * r.textBand.height() / tallest);
    }
    std::sort(found.begin(), found.end(), [](const PlateRegion& a, const PlateRegion& b) { return a.score > b.score; });
    QList<PlateRegion> out;
    for (const PlateRegion& candidate : found) {
        const bool overlaps = std::any_of(out.begin(), out.end(), [&](const PlateRegion& kept) {
            return iou(kept.bounds, candidate.bounds) > 0.3;
        });
        if (!overlaps)
            out.append(candidate);
        if (out.size() >= maxRegions)
            break;
    }
    return out;
}

QPolygonF PlateRegionFinder::refineQuad(const QImage& image, const PlateRegion& region) const
{
    const QRect area = region.bounds.adjusted(-region.bounds.width() * 0.15, -region.bounds.height() * 0.25,
                                              region.bounds.width() * 0.15, region.bounds.height() * 0.25)
                           .toAlignedRect()
                           .intersected(image.rect());
    if (area.width() < 16 || area.height() < 8)
        return region.quad;
    const cv::Mat grey = greyOf(image.copy(area));
    cv::Mat bright;
    cv::threshold(grey, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Close the characters' holes so the plate is one light shape.
    const int k = std::max(3, area.height() / 8) | 1;
    cv::morphologyEx(bright, bright, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, { k, k }));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(bright, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const cv::Point2f centre(float(region.textBand.center().x() - area.x()),
                             float(region.textBand.center().y() - area.y()));
    const double expected = region.bounds.width() * region.bounds.height();
    const std::vector<cv::Point>* best = nullptr;
    double bestArea = 0;
    for (const auto& c : contours) {
        const double a = cv::contourArea(c);
        if (a > bestArea && cv::pointPolygonTest(c, centre, false) >= 0) {
            best = &c;
            bestArea = a;
        }
    }
    if (!best || bestArea < 0.4 * expected || bestArea > 2.5 * expected)
        return region.quad;
    std::vector<cv::Point> hull;
    cv::convexHull(*best, hull);
    std::vector<cv::Point> poly;
    cv::approxPolyDP(hull, poly, 0.04 * cv::arcLength(hull, true), true);
    QPolygonF quad;
    if (poly.size() == 4) {
        for (const cv::Point& p : poly)
            quad << QPointF(p.x + area.x(), p.y + area.y());
    } else {
        cv::Point2f corners[4];
        cv::minAreaRect(hull).points(corners);
        for (const cv::Point2f& p : corners)
            quad << QPointF(p.x + area.x(), p.y + area.y());
    }
    return PerspectiveFilter::orderCorners(quad);
}

QPolygonF PlateRegionFinder::plateOutline(const QImage& closeUp) const
{
    if (closeUp.isNull())
        return {};
    PlateRegion whole;
    const QRectF r(closeUp.rect());
    whole.bounds = r.adjusted(r.width() * 0.08, r.height() * 0.1, -r.width() * 0.08, -r.height() * 0.1);
    whole.textBand = QRectF(r.center() - QPointF(r.width() * 0.2, r.height() * 0.1),
                            QSizeF(r.width() * 0.4, r.height() * 0.2));
    return refineQuad(closeUp, whole); // whole.quad is empty: no clear outline gives an empty quad
}

} // namespace alpr

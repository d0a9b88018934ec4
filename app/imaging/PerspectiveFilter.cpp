#include "PerspectiveFilter.h"

#include <QLineF>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

cv::Mat homography(const QPolygonF& quad, QSize size)
{
    const cv::Point2f src[4] = { { float(quad[0].x()), float(quad[0].y()) },
                                 { float(quad[1].x()), float(quad[1].y()) },
                                 { float(quad[2].x()), float(quad[2].y()) },
                                 { float(quad[3].x()), float(quad[3].y()) } };
    const float w = float(size.width());
    const float h = float(size.height());
    // Pixel centres: corner i of the quad lands on the centre of the output's corner pixel.
    const cv::Point2f dst[4] = { { 0, 0 }, { w - 1, 0 }, { w - 1, h - 1 }, { 0, h - 1 } };
    return cv::getPerspectiveTransform(src, dst);
}

} // namespace

QPolygonF PerspectiveFilter::orderCorners(const QPolygonF& quad)
{
    if (quad.size() != 4)
        return quad;
    QPointF centre;
    for (const QPointF& p : quad)
        centre += p / 4.0;
    // Clockwise on screen (image y grows downwards, so by increasing atan2), then started at the corner nearest the
    // image origin (smallest x + y): right for any plate turned less than 45°.
    QPolygonF sorted = quad;
    auto angle = [&](const QPointF& p) { return std::atan2(p.y() - centre.y(), p.x() - centre.x()); };
    std::sort(sorted.begin(), sorted.end(), [&](const QPointF& a, const QPointF& b) { return angle(a) < angle(b); });
    const auto first = std::min_element(sorted.begin(), sorted.end(), [](const QPointF& a, const QPointF& b) {
        return a.x() + a.y() < b.x() + b.y();
    });
    std::rotate(sorted.begin(), first, sorted.end());
    return sorted;
}

PerspectiveFilter::PerspectiveFilter(const QPolygonF& quad)
    : m_quad(orderCorners(quad))
{
    if (m_quad.size() != 4)
        return;
    const double top = QLineF(m_quad[0], m_quad[1]).length();
    const double bottom = QLineF(m_quad[3], m_quad[2]).length();
    const double left = QLineF(m_quad[0], m_quad[3]).length();
    const double right = QLineF(m_quad[1], m_quad[2]).length();
    const int w = int(std::lround(std::max(top, bottom)));
    const int h = int(std::lround(std::max(left, right)));
    if (w >= 2 && h >= 2 && w <= 20000 && h <= 20000)
        m_size = QSize(w, h);
}

void PerspectiveFilter::apply(const cv::Mat& in, cv::Mat& out) const
{
    if (m_size.isEmpty()) {
        in.copyTo(out);
        return;
    }
    cv::warpPerspective(in, out, homography(m_quad, m_size), cv::Size(m_size.width(), m_size.height()),
                        cv::INTER_LINEAR, cv::BORDER_REPLICATE);
}

void PerspectiveFilter::applyNaive(const cv::Mat& in, cv::Mat& out) const
{
    if (m_size.isEmpty()) {
        in.copyTo(out);
        return;
    }
    cv::Mat inverse;
    cv::invert(homography(m_quad, m_size), inverse);
    const int channels = in.channels();
    out.create(m_size.height(), m_size.width(), in.type());
    for (int y = 0; y < out.rows; ++y) {
        uchar* dst = out.ptr<uchar>(y);
        for (int x = 0; x < out.cols; ++x) {
            const double* m = inverse.ptr<double>(0);
            const double wz = m[6] * x + m[7] * y + m[8];
            const double sx = std::clamp((m[0] * x + m[1] * y + m[2]) / wz, 0.0, in.cols - 1.0);
            const double sy = std::clamp((m[3] * x + m[4] * y + m[5]) / wz, 0.0, in.rows - 1.0);
            const int x0 = std::min(int(sx), in.cols - 2 < 0 ? 0 : in.cols - 2);
            const int y0 = std::min(int(sy), in.rows - 2 < 0 ? 0 : in.rows - 2);
            const int x1 = std::min(x0 + 1, in.cols - 1);
            const int y1 = std::min(y0 + 1, in.rows - 1);
            const double fx = sx - x0;
            const double fy = sy - y0;
            for (int c = 0; c < channels; ++c) {
                const double v00 = in.ptr<uchar>(y0)[x0 * channels + c];
                const double v01 = in.ptr<uchar>(y0)[x1 * channels + c];
                const double v10 = in.ptr<uchar>(y1)[x0 * channels + c];
                const double v11 = in.ptr<uchar>(y1)[x1 * channels + c];
                const double v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
                dst[x * channels + c] = uchar(std::clamp(std::lround(v), 0L, 255L));
            }
        }
    }
}

} // namespace alpr

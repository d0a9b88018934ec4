#include "GammaFilter.h"

#include <opencv2/core.hpp>

#include <cmath>

namespace alpr {

GammaFilter::GammaFilter(double gamma)
    : m_gamma(std::clamp(gamma, 0.2, 5.0))
{
    for (int i = 0; i < 256; ++i)
        m_table[size_t(i)] = uchar(std::lround(255.0 * std::pow(i / 255.0, 1.0 / m_gamma)));
}

void GammaFilter::apply(const cv::Mat& in, cv::Mat& out) const
{
    const cv::Mat table(1, 256, CV_8U, const_cast<uchar*>(m_table.data()));
    cv::LUT(in, table, out);
}

void GammaFilter::applyNaive(const cv::Mat& in, cv::Mat& out) const
{
    out.create(in.size(), in.type());
    const int values = in.cols * in.channels();
    for (int y = 0; y < in.rows; ++y) {
        const uchar* src = in.ptr<uchar>(y);
        uchar* dst = out.ptr<uchar>(y);
        for (int i = 0; i < values; ++i)
            dst[i] = uchar(std::lround(255.0 * std::pow(src[i] / 255.0, 1.0 / m_gamma)));
    }
}

} // namespace alpr

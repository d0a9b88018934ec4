#include "UnsharpMaskFilter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace alpr {

UnsharpMaskFilter::UnsharpMaskFilter(double amount, double radius)
    : m_amount(std::clamp(amount, 0.1, 3.0))
    , m_radius(std::clamp(radius, 0.5, 5.0))
{
}

void UnsharpMaskFilter::apply(const cv::Mat& in, cv::Mat& out) const
{
    cv::Mat blurred;
    cv::GaussianBlur(in, blurred, cv::Size(0, 0), m_radius, m_radius, cv::BORDER_REPLICATE);
    // (1 + a)·in − a·blur in one saturating pass: no 16-bit intermediate image.
    cv::addWeighted(in, 1.0 + m_amount, blurred, -m_amount, 0.0, out);
}

void UnsharpMaskFilter::applyNonSeparable(const cv::Mat& in, cv::Mat& out) const
{
    const int size = 2 * int(std::ceil(3 * m_radius)) + 1;
    const cv::Mat g = cv::getGaussianKernel(size, m_radius, CV_32F);
    const cv::Mat kernel = g * g.t();
    cv::Mat blurred;
    cv::filter2D(in, blurred, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    cv::addWeighted(in, 1.0 + m_amount, blurred, -m_amount, 0.0, out);
}

} // namespace alpr

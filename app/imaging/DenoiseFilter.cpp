#include "DenoiseFilter.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>
#include <vector>

namespace alpr {

DenoiseFilter::DenoiseFilter(int strength)
    : m_strength(std::clamp(strength, 1, 30))
{
}

void DenoiseFilter::apply(const cv::Mat& in, cv::Mat& out) const
{
    cv::bilateralFilter(in, out, 5, 3.0 * m_strength, 5.0, cv::BORDER_REPLICATE);
}

void DenoiseFilter::applyNonLocalMeans(const cv::Mat& in, cv::Mat& out) const
{
    // Colour: on the luma only, the cheapest colour variant (fastNlMeansDenoisingColored also filters the chroma).
    if (in.channels() == 1) {
        cv::fastNlMeansDenoising(in, out, float(m_strength), 7, 21);
        return;
    }
    cv::Mat ycc;
    cv::cvtColor(in, ycc, cv::COLOR_RGB2YCrCb);
    std::vector<cv::Mat> planes;
    cv::split(ycc, planes);
    cv::Mat luma;
    cv::fastNlMeansDenoising(planes[0], luma, float(m_strength), 7, 21);
    planes[0] = luma;
    cv::merge(planes, ycc);
    cv::cvtColor(ycc, out, cv::COLOR_YCrCb2RGB);
}

} // namespace alpr

#include "ClaheFilter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace alpr {

ClaheFilter::ClaheFilter(double clipLimit, int tiles)
    : m_clipLimit(std::clamp(clipLimit, 1.0, 8.0))
    , m_tiles(std::clamp(tiles, 2, 16))
{
}

void ClaheFilter::apply(const cv::Mat& in, cv::Mat& out) const
{
    // A CLAHE object per call: it keeps scratch buffers, so sharing one between threads would race.
    cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE(m_clipLimit, cv::Size(m_tiles, m_tiles));
    if (in.channels() == 1) {
        clahe->apply(in, out);
        return;
    }
    cv::Mat ycc;
    cv::cvtColor(in, ycc, cv::COLOR_RGB2YCrCb);
    std::vector<cv::Mat> planes;
    cv::split(ycc, planes);
    cv::Mat luma;
    clahe->apply(planes[0], luma);
    planes[0] = luma;
    cv::merge(planes, ycc);
    cv::cvtColor(ycc, out, cv::COLOR_YCrCb2RGB);
}

void ClaheFilter::applyPerChannel(const cv::Mat& in, cv::Mat& out) const
{
    cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE(m_clipLimit, cv::Size(m_tiles, m_tiles));
    std::vector<cv::Mat> planes;
    cv::split(in, planes);
    for (cv::Mat& plane : planes) {
        cv::Mat equalised;
        clahe->apply(plane, equalised);
        plane = equalised;
    }
    cv::merge(planes, out);
}

} // namespace alpr

#pragma once

#include <QString>

#include <opencv2/core/mat.hpp>

namespace alpr {

/**
 * One step of the enhancement pipeline (EnhancementPipeline): a small class per operation, configured at
 * construction, stateless afterwards, so the same object may run on any thread.
 *
 * apply() reads in (CV_8UC1 grey or CV_8UC3 RGB) and writes out in the same type; out never aliases in, so the
 * input — ultimately the decoded stored original — is never written.
 */
class ImageFilter
{
public:
    virtual ~ImageFilter();
    /** Short stable name, e.g. "clahe" (benchmarks, logs). */
    virtual QString id() const = 0;
    virtual void apply(const cv::Mat& in, cv::Mat& out) const = 0;
};

} // namespace alpr

#pragma once

#include "ImageFilter.h"

namespace alpr {

/**
 * Local contrast: contrast-limited adaptive histogram equalisation (cv::CLAHE). Colour images are equalised on their
 * luma only (YCrCb), so hues do not shift; grey images directly.
 */
class ClaheFilter : public ImageFilter
{
public:
    /** clipLimit is clamped to 1..8, tiles (per side) to 2..16. */
    ClaheFilter(double clipLimit, int tiles);
    QString id() const override { return QStringLiteral("clahe"); }
    void apply(const cv::Mat& in, cv::Mat& out) const override;
    /** Benchmark baseline: the naive colour variant, CLAHE on each of R, G and B (3× the work, and shifts hues). */
    void applyPerChannel(const cv::Mat& in, cv::Mat& out) const;

private:
    double m_clipLimit;
    int m_tiles;
};

} // namespace alpr

#pragma once

#include "ImageFilter.h"

namespace alpr {

/**
 * Sharpening by unsharp mask: out = in + amount · (in − Gaussian(in, radius)), saturated to 0..255. The Gaussian is
 * separable (cv::GaussianBlur), so the cost grows with the radius, not its square.
 */
class UnsharpMaskFilter : public ImageFilter
{
public:
    /** amount is clamped to 0.1..3, radius (sigma, pixels) to 0.5..5. */
    UnsharpMaskFilter(double amount, double radius);
    QString id() const override { return QStringLiteral("unsharp_mask"); }
    void apply(const cv::Mat& in, cv::Mat& out) const override;
    /** Benchmark baseline: the same mask with a full 2-D kernel (cv::filter2D), as a naive convolution would do. */
    void applyNonSeparable(const cv::Mat& in, cv::Mat& out) const;

private:
    double m_amount;
    double m_radius;
};

} // namespace alpr

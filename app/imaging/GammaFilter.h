#pragma once

#include "ImageFilter.h"

#include <array>

namespace alpr {

/**
 * Gamma: out = round(255 · (in / 255)^(1 / gamma)) per channel, through a 256-entry lookup table (cv::LUT). A gamma
 * above 1 brightens the mid-tones (the convention of photo editors' levels dialogs); black and white stay put.
 */
class GammaFilter : public ImageFilter
{
public:
    /** gamma is clamped to 0.2..5. */
    explicit GammaFilter(double gamma);
    QString id() const override { return QStringLiteral("gamma"); }
    void apply(const cv::Mat& in, cv::Mat& out) const override;
    /** Benchmark baseline and test reference: std::pow per pixel and channel, no table. */
    void applyNaive(const cv::Mat& in, cv::Mat& out) const;
    /** What apply() maps a level to. */
    int map(int level) const { return m_table[size_t(std::clamp(level, 0, 255))]; }

private:
    double m_gamma;
    std::array<uchar, 256> m_table {};
};

} // namespace alpr

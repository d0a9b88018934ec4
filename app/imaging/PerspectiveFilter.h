#pragma once

#include "ImageFilter.h"

#include <QPolygonF>
#include <QSize>

namespace alpr {

/**
 * Deskew / perspective correction: maps the quadrilateral quad of the input (a plate photographed at an angle) onto
 * an upright rectangle (cv::warpPerspective, bilinear). The output is as wide as the quad's longer horizontal edge
 * and as tall as its longer vertical edge, so no detail is thrown away by shrinking.
 *
 * Corners may be given in any order: they are sorted to top-left, top-right, bottom-right, bottom-left (orderCorners).
 * A quad that is not four distinct corners leaves the image unchanged (a copy).
 */
class PerspectiveFilter : public ImageFilter
{
public:
    explicit PerspectiveFilter(const QPolygonF& quad);
    QString id() const override { return QStringLiteral("perspective"); }
    void apply(const cv::Mat& in, cv::Mat& out) const override;
    /** Test reference and benchmark baseline: the inverse homography evaluated per pixel in plain C++, bilinear. */
    void applyNaive(const cv::Mat& in, cv::Mat& out) const;

    /** The output size apply() produces for this quad (empty when the quad is unusable). */
    QSize outputSize() const { return m_size; }
    /** The four corners sorted top-left, top-right, bottom-right, bottom-left (for quads turned less than 45°). */
    static QPolygonF orderCorners(const QPolygonF& quad);

private:
    QPolygonF m_quad;
    QSize m_size;
};

} // namespace alpr

#pragma once

#include <QImage>

#include <opencv2/core/mat.hpp>

namespace alpr {

/**
 * cv::Mat headers over QImage pixels, without copying (DESIGN.md: Qt decodes, OpenCV filters).
 *
 * The imaging code works on two pixel layouts only: Format_Grayscale8 (CV_8UC1) and Format_RGB888 (CV_8UC3, channels
 * in R, G, B order). working() brings any image to one of them; wrap() then views its pixels, honouring the QImage's
 * padded scan lines through the Mat step. A wrapped Mat is valid only while the QImage lives and is not detached.
 */
class MatView
{
public:
    /** A copy of image as Grayscale8 when it has no colour, else RGB888 (a no-op when it already is one). */
    static QImage working(const QImage& image);
    /** A writable view of image's pixels (image must be Grayscale8 or RGB888; detaches it first). */
    static cv::Mat wrap(QImage& image);
    /**
     * A read-only view (image must be Grayscale8 or RGB888). OpenCV has no const Mat type: callers promise not to
     * write through it, which keeps a shared QImage (e.g. the stored original) from being detached or changed.
     */
    static cv::Mat view(const QImage& image);
    /** A new QImage holding a copy of mat (CV_8UC1 → Grayscale8, CV_8UC3 → RGB888). */
    static QImage toImage(const cv::Mat& mat);
};

} // namespace alpr

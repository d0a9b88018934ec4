#include "MatView.h"

#include <opencv2/core.hpp>

#include <cstring>

namespace alpr {

QImage MatView::working(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_RGB888)
        return image;
    // allGray() looks at every pixel, but only once per image and far cheaper than filtering three equal channels.
    if (image.allGray())
        return image.convertToFormat(QImage::Format_Grayscale8);
    return image.convertToFormat(QImage::Format_RGB888);
}

cv::Mat MatView::wrap(QImage& image)
{
    Q_ASSERT(image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_RGB888);
    const int type = image.format() == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC3;
    return cv::Mat(image.height(), image.width(), type, image.bits(), size_t(image.bytesPerLine()));
}

cv::Mat MatView::view(const QImage& image)
{
    Q_ASSERT(image.format() == QImage::Format_Grayscale8 || image.format() == QImage::Format_RGB888);
    const int type = image.format() == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC3;
    return cv::Mat(image.height(), image.width(), type, const_cast<uchar*>(image.constBits()),
                   size_t(image.bytesPerLine()));
}

QImage MatView::toImage(const cv::Mat& mat)
{
    Q_ASSERT(mat.type() == CV_8UC1 || mat.type() == CV_8UC3);
    QImage image(mat.cols, mat.rows, mat.type() == CV_8UC1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const size_t rowBytes = size_t(mat.cols) * mat.elemSize();
    for (int y = 0; y < mat.rows; ++y)
        std::memcpy(image.scanLine(y), mat.ptr(y), rowBytes);
    return image;
}

} // namespace alpr

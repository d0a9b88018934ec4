#include "ImageDifference.h"

#include <cstdlib>

namespace alpr {

QRect ImageDifference::boundingBox(const QImage& a, const QImage& b, int threshold)
{
    if (a.size() != b.size() || a.isNull())
        return {};
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8);
    const QImage gb = b.convertToFormat(QImage::Format_Grayscale8);
    int left = ga.width();
    int right = -1;
    int top = ga.height();
    int bottom = -1;
    for (int y = 0; y < ga.height(); ++y) {
        const uchar* pa = ga.constScanLine(y);
        const uchar* pb = gb.constScanLine(y);
        for (int x = 0; x < ga.width(); ++x) {
            if (std::abs(int(pa[x]) - int(pb[x])) > threshold) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

} // namespace alpr

#pragma once

#include <QImage>
#include <QRect>

namespace alpr {

/**
 * Where two renderings of the same scene differ. Benchmarks and tests use it to find the ground truth of a
 * rendered plate: draw the scene twice with the same seed and two different plates, and the plate is where the
 * pixels changed — without depending on how the renderer places it.
 */
class ImageDifference
{
public:
    /** The bounding box of the pixels whose grey level differs by more than threshold (empty when none). */
    static QRect boundingBox(const QImage& a, const QImage& b, int threshold = 24);
};

} // namespace alpr

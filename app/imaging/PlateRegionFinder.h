#pragma once

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QRectF>

namespace alpr {

/** A place in a photo that looks like a licence plate. Coordinates are the image's pixels. */
struct PlateRegion
{
    QPolygonF quad; ///< the plate's corners, top-left, top-right, bottom-right, bottom-left (may be rotated)
    QRectF bounds; ///< the quad's bounding box, inside the image
    QRectF textBand; ///< where the characters were found (inside bounds)
    double score = 0; ///< higher is more plate-like; only the order is meaningful
};

/**
 * Proposes plate regions in a photo, best first, with classical image processing (OpenCV imgproc): a black-hat
 * transform brings out dark characters on a light plate, horizontal gradients (Sobel x) mark the characters' vertical
 * strokes, a wide closing merges a row of characters into one blob, and the blobs' contours are kept when their size
 * and aspect ratio fit a row of plate characters. Each is scored by how plate-like it is — light background with dark
 * strokes, a row of character-sized dark parts, straight edges — and overlapping ones are merged. Two image scales
 * catch small (distant) and large (close-up) plates. The image is never modified.
 */
class PlateRegionFinder
{
public:
    /** The finder works on at most this width (wider images are scaled down first); 0 means full resolution. */
    explicit PlateRegionFinder(int workWidth = DefaultWorkWidth)
        : m_workWidth(workWidth)
    {
    }
    static constexpr int DefaultWorkWidth = 1280;

    /** Up to maxRegions proposals, best first (none when the image is null or too small). */
    QList<PlateRegion> propose(const QImage& image, int maxRegions = 8) const;
    /**
     * The plate's own outline near a proposal: the light quadrilateral around the characters (for perspective
     * correction), or region.quad when no clear border is found.
     */
    QPolygonF refineQuad(const QImage& image, const PlateRegion& region) const;
    /**
     * The plate's outline in a close-up that is mostly plate (a camera's plate crop), where the plate is the large
     * light quadrilateral around the centre; empty when none is clear.
     */
    QPolygonF plateOutline(const QImage& closeUp) const;

private:
    int m_workWidth;
};

} // namespace alpr

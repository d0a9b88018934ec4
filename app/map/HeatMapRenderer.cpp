#include "HeatMapRenderer.h"

#include "MapViewport.h"
#include "MarkerSet.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace alpr {

namespace {

constexpr int kCellPx = 4;
constexpr int kBlurRadius = 2; // cells; three passes ≈ a Gaussian of σ ≈ 2.4 cells (10 px)
constexpr int kMarginCells = 8;

/** One box-blur pass along rows (horizontal) or columns, radius r, into out. */
void boxBlur(const std::vector<float>& in, std::vector<float>& out, int w, int h, int r, bool horizontal)
{
    const float norm = 1.0f / float(2 * r + 1);
    const int lines = horizontal ? h : w;
    const int length = horizontal ? w : h;
    const int stride = horizontal ? 1 : w;
    for (int line = 0; line < lines; ++line) {
        const int base = horizontal ? line * w : line;
        float acc = 0;
        for (int k = -r; k <= r; ++k)
            if (k >= 0 && k < length)
                acc += in[size_t(base + k * stride)];
        for (int i = 0; i < length; ++i) {
            out[size_t(base + i * stride)] = acc * norm;
            const int add = i + r + 1;
            const int sub = i - r;
            if (add < length)
                acc += in[size_t(base + add * stride)];
            if (sub >= 0)
                acc -= in[size_t(base + sub * stride)];
        }
    }
}

} // namespace

QColor HeatMapRenderer::rampColour(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    struct Stop { double at; int r, g, b; };
    static const Stop stops[] = {
        { 0.00, 0x31, 0x36, 0x95 }, { 0.25, 0x45, 0x75, 0xb4 }, { 0.50, 0x1a, 0x98, 0x50 },
        { 0.70, 0xfe, 0xe0, 0x8b }, { 0.85, 0xf4, 0x6d, 0x43 }, { 1.00, 0xd7, 0x30, 0x27 },
    };
    int i = 0;
    while (i < 4 && t > stops[i + 1].at)
        ++i;
    const Stop& a = stops[i];
    const Stop& b = stops[i + 1];
    const double f = (t - a.at) / (b.at - a.at);
    QColor c(int(a.r + (b.r - a.r) * f), int(a.g + (b.g - a.g) * f), int(a.b + (b.b - a.b) * f));
    c.setAlphaF(float(std::min(1.0, 0.15 + t * 1.2) * 0.8));
    return c;
}

QImage HeatMapRenderer::render(const MarkerSet& set, const MapViewport& viewport, qreal devicePixelRatio)
{
    QImage frame(viewport.size() * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    frame.setDevicePixelRatio(devicePixelRatio);
    frame.fill(Qt::transparent);

    // The grid covers the view and a margin, so density just outside the edge still bleeds in correctly.
    const int w = viewport.size().width() / kCellPx + 1 + 2 * kMarginCells;
    const int h = viewport.size().height() / kCellPx + 1 + 2 * kMarginCells;
    std::vector<float> grid(size_t(w) * size_t(h), 0.0f);
    const double scale = viewport.scale();
    const double ox = viewport.centre().x() * scale - viewport.size().width() / 2.0 - kMarginCells * kCellPx;
    const double oy = viewport.centre().y() * scale - viewport.size().height() / 2.0 - kMarginCells * kCellPx;
    const auto [first, last] = set.rangeX(ox / scale, (ox + w * kCellPx) / scale);
    for (int i = first; i < last; ++i) {
        const double gx = (set.x(i) * scale - ox) / kCellPx;
        const double gy = (set.y(i) * scale - oy) / kCellPx;
        if (gx < 0 || gy < 0 || gx >= w || gy >= h)
            continue;
        grid[size_t(int(gy) * w + int(gx))] += 1.0f;
    }
    std::vector<float> tmp(grid.size());
    for (int pass = 0; pass < 3; ++pass) {
        boxBlur(grid, tmp, w, h, kBlurRadius, true);
        boxBlur(tmp, grid, w, h, kBlurRadius, false);
    }
    const float maxValue = *std::max_element(grid.begin(), grid.end());
    if (maxValue <= 0)
        return frame;
    // Logarithmic: one camera with thousands of reads must not wash out the streets with tens.
    const double logMax = std::log1p(double(maxValue) * 10.0);
    QImage small(w, h, QImage::Format_ARGB32_Premultiplied);
    small.fill(Qt::transparent);
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(small.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const float v = grid[size_t(y * w + x)];
            if (v < maxValue * 1e-4f)
                continue;
            line[x] = qPremultiply(rampColour(std::log1p(double(v) * 10.0) / logMax).rgba());
        }
    }
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRectF(-kMarginCells * kCellPx, -kMarginCells * kCellPx, w * kCellPx, h * kCellPx), small);
    return frame;
}

} // namespace alpr

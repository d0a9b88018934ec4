#include "MarkerRenderer.h"

#include "HeatMapRenderer.h"
#include "MarkerSet.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace alpr {

namespace {

QColor clusterColour(int count)
{
    if (count < 10)
        return QColor(0x2b, 0x8c, 0xbe);
    if (count < 100)
        return QColor(0x31, 0xa3, 0x54);
    if (count < 1000)
        return QColor(0xe6, 0x9a, 0x1c);
    return QColor(0xd7, 0x30, 0x27);
}

QString countText(int count)
{
    if (count < 10000)
        return QString::number(count);
    if (count < 1000000)
        return QString::number(count / 1000) + QLatin1Char('k');
    return QString::number(count / 1000000) + QLatin1Char('M');
}

QImage newFrameImage(const MapViewport& viewport, qreal dpr)
{
    QImage image(viewport.size() * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    return image;
}

} // namespace

double MarkerRenderer::clusterRadius(int count)
{
    return count <= 1 ? 5.0 : 9.0 + 4.0 * std::log10(double(count));
}

namespace {

const QColor kSingle(0x1f, 0x5f, 0xbf);
const QColor kHighlight(0xff, 0x00, 0xc8);
const QColor kBadge(0x22, 0x2b, 0x36);

/*
 * Markers are blitted from small pre-drawn images: an antialiased disc plus laid-out text costs ~70 µs a marker,
 * a blit a few. Discs are cached by kind, colour and whole-pixel radius, and counts are composed from cached digit
 * images, so a few dozen images serve every count. Caches are per thread (frames render on pool threads).
 */
enum class Disc { Single, SingleLit, Stack, StackLit, Cluster, ClusterLit };

const QImage& disc(Disc kind, int radius, const QColor& colour, qreal dpr)
{
    thread_local QHash<QString, QImage> cache;
    const QString key = QStringLiteral("%1/%2/%3/%4").arg(int(kind)).arg(radius).arg(colour.rgba()).arg(dpr);
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    const int half = radius + 3;
    QImage image(QSize(2 * half, 2 * half) * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF at(half, half);
    if (kind == Disc::Cluster || kind == Disc::ClusterLit) {
        QColor halo = colour;
        halo.setAlpha(90);
        p.setPen(Qt::NoPen);
        p.setBrush(halo);
        p.drawEllipse(at, radius, radius);
        p.setPen(kind == Disc::ClusterLit ? QPen(kHighlight, 3) : QPen(Qt::white, 1.5));
        p.setBrush(colour);
        p.drawEllipse(at, radius - 4, radius - 4);
    } else {
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(colour);
        p.drawEllipse(at, radius, radius);
    }
    p.end();
    return *cache.insert(key, image);
}

/** The dark rounded badge behind a stack's count, by whole-pixel width. */
const QImage& badge(int width, qreal dpr)
{
    thread_local QHash<QString, QImage> cache;
    const QString key = QStringLiteral("%1/%2").arg(width).arg(dpr);
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QImage image(QSize(width + 2, 14) * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::white, 1));
    p.setBrush(kBadge);
    p.drawRoundedRect(QRectF(1, 1, width, 12), 6, 6);
    p.end();
    return *cache.insert(key, image);
}

/** White bold digits (and 'k', 'M') of one pixel size, each a small image with its advance. */
struct Digits
{
    QHash<QChar, QImage> images;
    QHash<QChar, double> advances;
    double height = 0;

    double width(const QString& text) const
    {
        double w = 0;
        for (QChar c : text)
            w += advances.value(c);
        return w;
    }
};

const Digits& digits(int pixelSize, qreal dpr)
{
    thread_local QHash<QString, Digits> cache;
    const QString key = QStringLiteral("%1/%2").arg(pixelSize).arg(dpr);
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QFont font;
    font.setPixelSize(pixelSize);
    font.setBold(true);
    const QFontMetricsF fm(font);
    Digits d;
    d.height = fm.height();
    for (QChar c : QStringLiteral("0123456789kM")) {
        const double advance = fm.horizontalAdvance(c);
        QImage image(QSize(int(std::ceil(advance)) + 2, int(std::ceil(d.height))) * dpr,
                     QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QPointF(1, fm.ascent()), QString(c));
        p.end();
        d.images.insert(c, image);
        d.advances.insert(c, advance);
    }
    return *cache.insert(key, d);
}

/** The text's digits centred on `at`, on whole pixels. */
void blitText(QPainter& painter, const Digits& d, const QString& text, QPointF at)
{
    double x = std::round(at.x() - d.width(text) / 2);
    const double y = std::round(at.y() - d.height / 2);
    for (QChar c : text) {
        painter.drawImage(QPointF(x - 1, y), d.images.value(c));
        x += d.advances.value(c);
    }
}

void blitDisc(QPainter& painter, const QImage& image, QPointF at, qreal dpr)
{
    const double half = image.width() / dpr / 2;
    painter.drawImage(QPointF(std::round(at.x() - half), std::round(at.y() - half)), image);
}

} // namespace

void MarkerRenderer::paintClusters(QPainter& painter, const MarkerClusters& clusters, const QSet<int>* highlighted)
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    auto isHighlighted = [&](const MarkerCluster& c) {
        if (!highlighted || highlighted->isEmpty())
            return false;
        for (int m = c.firstMember; m < c.firstMember + c.count; ++m)
            if (highlighted->contains(clusters.members[size_t(m)]))
                return true;
        return false;
    };
    if (clusters.individual) {
        // Reads singly; a stack (reads within a few pixels: the same camera) gets a count badge.
        const Digits& small = digits(9, dpr);
        for (const MarkerCluster& c : clusters.clusters) {
            const bool lit = isHighlighted(c);
            const Disc kind = c.count > 1 ? (lit ? Disc::StackLit : Disc::Stack)
                                          : (lit ? Disc::SingleLit : Disc::Single);
            blitDisc(painter, disc(kind, c.count > 1 || lit ? 6 : 5, lit ? kHighlight : kSingle, dpr), c.screen, dpr);
        }
        for (const MarkerCluster& c : clusters.clusters) {
            if (c.count < 2)
                continue;
            const QString text = countText(c.count);
            const int w = int(std::max(13.0, std::ceil(small.width(text)) + 6));
            const QPointF topLeft(std::round(c.screen.x()) + 3, std::round(c.screen.y()) - 15);
            painter.drawImage(topLeft - QPointF(1, 1), badge(w, dpr));
            blitText(painter, small, text, topLeft + QPointF(w / 2.0, 6));
        }
        return;
    }
    // Single reads first, clusters over them.
    for (const MarkerCluster& c : clusters.clusters)
        if (c.count == 1) {
            const bool lit = isHighlighted(c);
            blitDisc(painter, disc(lit ? Disc::SingleLit : Disc::Single, lit ? 6 : 5, lit ? kHighlight : kSingle, dpr),
                     c.screen, dpr);
        }
    const Digits& label = digits(11, dpr);
    for (const MarkerCluster& c : clusters.clusters) {
        if (c.count < 2)
            continue;
        const int r = int(std::lround(clusterRadius(c.count)));
        blitDisc(painter, disc(isHighlighted(c) ? Disc::ClusterLit : Disc::Cluster, r, clusterColour(c.count), dpr),
                 c.screen, dpr);
        blitText(painter, label, countText(c.count), QPointF(std::round(c.screen.x()), std::round(c.screen.y())));
    }
}

MarkerFrame MarkerRenderer::render(const std::shared_ptr<const MarkerSet>& set, const MapViewport& viewport,
                                   const Options& options)
{
    MarkerFrame frame;
    frame.viewport = viewport;
    frame.set = set;
    frame.heatMap = options.heatMap;
    if (options.heatMap) {
        frame.image = HeatMapRenderer::render(*set, viewport, options.devicePixelRatio);
        return frame;
    }
    frame.clusters = MarkerClusterer::cluster(*set, viewport, options.clustering);
    frame.image = newFrameImage(viewport, options.devicePixelRatio);
    QPainter painter(&frame.image);
    paintClusters(painter, frame.clusters, options.highlighted.get());
    return frame;
}

QImage MarkerRenderer::renderEveryRead(const MarkerSet& set, const MapViewport& viewport)
{
    QImage image = newFrameImage(viewport, 1);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(QColor(0x1f, 0x5f, 0xbf));
    const QRectF visible(-6, -6, viewport.size().width() + 12, viewport.size().height() + 12);
    for (int i = 0; i < set.size(); ++i) {
        const QPointF p = viewport.mercatorToScreen(set.mercator(i));
        if (visible.contains(p))
            painter.drawEllipse(p, 5.0, 5.0);
    }
    return image;
}

} // namespace alpr

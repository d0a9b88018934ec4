#pragma once

#include <QByteArray>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <array>

class QPainter;

namespace alpr {

struct PlateStyle;

/**
 * Draws what an ALPR camera stores with a read, with QPainter only (Qt Gui, no widgets): the plate crop (a
 * California-style plate — white, dark-blue characters, red script "California" — or the issuing state's
 * colours, on a bit of bumper, slightly rotated, in perspective, blurred and noisy) and the overview (a road,
 * the car from behind with its plate, a caption strip with camera and local time). At night the images have
 * the grey infrared look of real ALPR cameras. Deterministic for the seed given.
 *
 * Text needs a QGuiApplication (fonts): check available() first. Fonts: DejaVu Sans / DejaVu Serif.
 */
class PlateRenderer
{
public:
    static constexpr int CropWidth = 300;
    static constexpr int CropHeight = 150;
    static constexpr int OverviewWidth = 1280;
    static constexpr int OverviewHeight = 720;
    static constexpr int JpegQuality = 80;
    static constexpr int BackgroundViews = 4;

    /** True when a QGuiApplication exists, which font rendering requires. */
    static bool available();

    PlateRenderer();

    /** The flat plate, width × width/2. */
    QImage plate(const QString& plate, const QString& state, int width) const;
    /** The camera's plate crop, CropWidth × CropHeight. */
    QImage crop(const QString& plate, const QString& state, const QColor& body, bool night, quint64 seed) const;
    /**
     * The overview scene, OverviewWidth × OverviewHeight, caption along the bottom. view picks the street
     * backdrop (a camera's id keeps its view), drawn once per view and kept.
     */
    QImage overview(const QString& plate, const QString& state, const QColor& body, const QString& caption, bool night,
                    int view, quint64 seed) const;
    static QByteArray toJpeg(const QImage& image, int quality = JpegQuality);

private:
    static constexpr int Horizon = 250;
    static constexpr qreal CharacterSpacing = 1.04; // plate characters stand a little apart
    struct Glyph
    {
        QPainterPath outline;
        qreal advance = 0;
    };
    void drawText(QPainter& p, const QRectF& box, Qt::Alignment align, const QString& text, const QFont& font,
                  const QColor& colour, qreal spacing = 1.0) const;
    const QImage& background(int view, bool night) const;
    const QImage& blankPlate(const PlateStyle& style, int width) const;

    mutable std::array<QImage, 2 * BackgroundViews> m_backgrounds;
    mutable QImage m_canvas;
    mutable QHash<QString, QImage> m_blanks;
    mutable QHash<QString, Glyph> m_glyphs;
    QFont m_characters;
    QFont m_script;
    QFont m_small;
    QFont m_caption;
};

} // namespace alpr

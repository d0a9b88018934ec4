#include "PlateRenderer.h"

#include "DemoRandom.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>
#include <cmath>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace alpr {

struct PlateStyle
{
    const char* state;
    const char* title;
    const char* motto;
    QRgb top;
    QRgb bottom;
    QRgb characters;
    QRgb titleColour;
    bool script; // title in an italic serif, like California's red script
};

constexpr PlateStyle kStyles[] = {
    { "CA", "California", "DMV.CA.GOV", 0xfff8f8f6, 0xffeeeeea, 0xff1b2a6b, 0xffc8102e, true },
    { "AZ", "ARIZONA", "GRAND CANYON STATE", 0xfff2d6a2, 0xfff8f0e0, 0xff5c1f12, 0xff5c1f12, false },
    { "NV", "Nevada", "HOME MEANS NEVADA", 0xffdde6f2, 0xfff4f1e8, 0xff13306b, 0xff13306b, true },
    { "TX", "TEXAS", "THE LONE STAR STATE", 0xfff6f6f2, 0xffe4e4e0, 0xff111111, 0xff1f3b73, false },
    { "OR", "OREGON", "", 0xffeef2f0, 0xffd7e4dc, 0xff12335e, 0xff12335e, false },
    { "WA", "Washington", "EVERGREEN STATE", 0xffdfe8f5, 0xfff4f5f2, 0xff1a3c8c, 0xff1a3c8c, true },
    { "UT", "UTAH", "LIFE ELEVATED", 0xfff4efe4, 0xffe8dcc4, 0xff1b1b1b, 0xffa3301e, false },
    { "CO", "COLORADO", "", 0xfff3f3f0, 0xffdde8dd, 0xff1f5e2c, 0xff1f5e2c, false },
    { "FL", "FLORIDA", "SUNSHINE STATE", 0xfff6f4ec, 0xffe8ecd8, 0xff1c5b2a, 0xffe07a1f, false },
    { "NY", "NEW YORK", "EMPIRE STATE", 0xfff2d98b, 0xfff7ebc4, 0xff102a6b, 0xff102a6b, false },
};

namespace {

const PlateStyle& styleFor(const QString& state)
{
    for (const PlateStyle& s : kStyles) {
        if (state == QLatin1String(s.state))
            return s;
    }
    return kStyles[0];
}

void addNoise(QImage& image, quint64 seed, int amplitude)
{
    // A small xorshift per pixel: cheap enough for the crop, and the same for a seed everywhere.
    quint64 x = DemoRandom::hash(seed) | 1;
    for (int y = 0; y < image.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int i = 0; i < image.width(); ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const int n = int(((x >> 32) * quint64(2 * amplitude + 1)) >> 32) - amplitude;
            const QRgb p = line[i];
            line[i] = qRgb(std::clamp(qRed(p) + n, 0, 255), std::clamp(qGreen(p) + n, 0, 255),
                           std::clamp(qBlue(p) + n, 0, 255));
        }
    }
}

// Per-channel mean of two packed pixels, without unpacking them.
QRgb half(QRgb x, QRgb y)
{
    return (((x ^ y) & 0xfefefefeu) >> 1) + (x & y);
}

// (a + 2b + c) / 4 per channel.
QRgb average(QRgb a, QRgb b, QRgb c)
{
    return half(b, half(a, c));
}

// Focus and motion blur: repeated 1-2-1 passes approach a Gaussian. Done by hand because QImage::scaled and
// large fills hand work to Qt's thread pool, which costs more than it saves at this size.
void boxBlur(QImage& image, int passes)
{
    const int w = image.width();
    const int h = image.height();
    const qsizetype stride = image.bytesPerLine() / qsizetype(sizeof(QRgb));
    QRgb* pixels = reinterpret_cast<QRgb*>(image.bits());
    std::vector<QRgb> line(size_t(std::max(w, h)));
    for (int pass = 0; pass < passes; ++pass) {
        for (int y = 0; y < h; ++y) {
            QRgb* row = pixels + y * stride;
            std::copy(row, row + w, line.begin());
            for (int x = 0; x < w; ++x)
                row[x]
                    = average(line[size_t(std::max(0, x - 1))], line[size_t(x)], line[size_t(std::min(w - 1, x + 1))]);
        }
        for (int x = 0; x < w; ++x) {
            for (int y = 0; y < h; ++y)
                line[size_t(y)] = pixels[y * stride + x];
            for (int y = 0; y < h; ++y)
                pixels[y * stride + x]
                    = average(line[size_t(std::max(0, y - 1))], line[size_t(y)], line[size_t(std::min(h - 1, y + 1))]);
        }
    }
}

// Night images: the grey, high-contrast look of an infrared ALPR camera.
QImage infrared(const QImage& image)
{
    QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < grey.height(); ++y) {
        uchar* line = grey.scanLine(y);
        for (int i = 0; i < grey.width(); ++i)
            line[i] = uchar(std::clamp(int(line[i]) * 13 / 10 + 14, 0, 255));
    }
    return grey;
}

} // namespace

bool PlateRenderer::available()
{
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr;
}

PlateRenderer::PlateRenderer()
    : m_characters(u"DejaVu Sans"_s)
    , m_script(u"DejaVu Serif"_s)
    , m_small(u"DejaVu Sans"_s)
    , m_caption(u"DejaVu Sans"_s)
{
    m_characters.setBold(true);
    m_characters.setStretch(QFont::SemiCondensed);
    m_script.setBold(true);
    m_script.setItalic(true);
    m_small.setBold(true);
    m_caption.setBold(true);
    m_caption.setPixelSize(20);
    for (QFont* f : { &m_characters, &m_script, &m_small, &m_caption })
        f->setStyleStrategy(QFont::PreferAntialias);
}

const QImage& PlateRenderer::blankPlate(const PlateStyle& style, int width) const
{
    // Everything but the characters is the same for every plate of a state: drawn once per state and width.
    const QString key = QLatin1String(style.state) + QString::number(width);
    auto it = m_blanks.find(key);
    if (it != m_blanks.end())
        return it.value();
    const int height = width / 2;
    const qreal w = width;
    const qreal h = height;
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);

    QLinearGradient background(0, 0, 0, h);
    background.setColorAt(0, QColor::fromRgb(style.top));
    background.setColorAt(1, QColor::fromRgb(style.bottom));
    p.setPen(QPen(QColor(110, 110, 110), std::max(1.0, w / 160)));
    p.setBrush(background);
    p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), w * 0.045, w * 0.045);

    // Bolt holes and the registration stickers (month left, year right), as on a California plate.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(150, 150, 150));
    for (qreal x : { 0.2, 0.8 })
        p.drawEllipse(QPointF(w * x, h * 0.12), w * 0.016, w * 0.016);
    p.setBrush(QColor(232, 160, 40));
    p.drawRect(QRectF(w * 0.05, h * 0.06, w * 0.1, h * 0.14));
    p.setBrush(QColor(60, 140, 200));
    p.drawRect(QRectF(w * 0.85, h * 0.06, w * 0.1, h * 0.14));

    QFont title = style.script ? m_script : m_small;
    title.setPixelSize(std::max(6, int(h * (style.script ? 0.2 : 0.15))));
    drawText(p, QRectF(0, h * 0.02, w, h * 0.24), Qt::AlignCenter, QString::fromLatin1(style.title), title,
             QColor::fromRgb(style.titleColour));
    if (*style.motto) {
        QFont motto = m_small;
        motto.setPixelSize(std::max(5, int(h * 0.09)));
        drawText(p, QRectF(0, h * 0.83, w, h * 0.13), Qt::AlignCenter, QString::fromLatin1(style.motto), motto,
                 QColor::fromRgb(style.characters));
    }
    p.end();
    return m_blanks.insert(key, image).value();
}

QImage PlateRenderer::plate(const QString& plate, const QString& state, int width) const
{
    const PlateStyle& style = styleFor(state);
    QImage image = blankPlate(style, width).copy();
    const qreal w = image.width();
    const qreal h = image.height();
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    QFont characters = m_characters;
    characters.setPixelSize(std::max(8, int(h * 0.52)));
    const qreal advance = QFontMetricsF(characters).horizontalAdvance(plate) * CharacterSpacing;
    if (advance > w * 0.9) // a long vanity plate: narrower characters, as the DMV's font does
        characters.setStretch(std::max(50, int(int(QFont::SemiCondensed) * w * 0.9 / advance)));
    drawText(p, QRectF(0, h * 0.2, w, h * 0.64), Qt::AlignCenter, plate, characters, QColor::fromRgb(style.characters),
             CharacterSpacing);
    return image;
}

QImage PlateRenderer::crop(const QString& plateText, const QString& state, const QColor& body, bool night,
                           quint64 seed) const
{
    DemoRandom random(seed);
    QImage image(CropWidth, CropHeight, QImage::Format_RGB32);
    const QColor paint = night ? body.darker(260) : body;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QLinearGradient bumper(0, 0, 0, CropHeight);
    bumper.setColorAt(0, paint.lighter(115));
    bumper.setColorAt(0.75, paint);
    bumper.setColorAt(1, paint.darker(170));
    p.fillRect(image.rect(), bumper);
    // The plate recess, a little darker than the paint.
    p.setPen(Qt::NoPen);
    p.setBrush(paint.darker(135));
    p.drawRoundedRect(QRectF(12, 8, CropWidth - 24, CropHeight - 16), 10, 10);

    const QImage flat = plate(plateText, state, 320);
    const qreal w = random.uniform(232, 262);
    const qreal h = w / 2;
    const QPointF centre(CropWidth / 2.0 + random.uniform(-8, 8), CropHeight / 2.0 + random.uniform(-5, 5));
    const qreal angle = random.uniform(-4, 4) * M_PI / 180.0;
    auto corner = [&](qreal dx, qreal dy) {
        const qreal jitter = 5;
        const qreal x = dx * std::cos(angle) - dy * std::sin(angle) + random.uniform(-jitter, jitter);
        const qreal y = dx * std::sin(angle) + dy * std::cos(angle) + random.uniform(-jitter, jitter) * 0.6;
        return centre + QPointF(x, y);
    };
    QPolygonF quad;
    quad << corner(-w / 2, -h / 2) << corner(w / 2, -h / 2) << corner(w / 2, h / 2) << corner(-w / 2, h / 2);
    QTransform transform;
    QPolygonF source; // four corners: QPolygonF(QRectF) would close the ring with a fifth
    source << QPointF(0, 0) << QPointF(flat.width(), 0) << QPointF(flat.width(), flat.height())
           << QPointF(0, flat.height());
    if (QTransform::quadToQuad(source, quad, transform)) {
        p.setTransform(transform);
        p.drawImage(QPointF(0, 0), flat);
        p.resetTransform();
    }
    p.end();

    boxBlur(image, 1 + int(random.below(3)));
    addNoise(image, random.next(), night ? 10 : 5);
    return night ? infrared(image) : image;
}

const QImage& PlateRenderer::background(int view, bool night) const
{
    // A fixed camera always looks at the same street, so its backdrop is drawn once; a handful of views
    // keeps the cache at ~30 MB while saving most of an overview's drawing time.
    const int slot = (view % BackgroundViews) * 2 + (night ? 1 : 0);
    QImage& image = m_backgrounds[size_t(slot)];
    if (!image.isNull())
        return image;
    DemoRandom random(DemoRandom::hash(quint64(view % BackgroundViews), 0x76696577ULL));
    const qreal W = OverviewWidth;
    const qreal H = OverviewHeight;
    image = QImage(OverviewWidth, OverviewHeight, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, Horizon);
    sky.setColorAt(0, night ? QColor(10, 14, 22) : QColor(150, 192, 230));
    sky.setColorAt(1, night ? QColor(30, 36, 46) : QColor(222, 232, 240));
    p.fillRect(QRectF(0, 0, W, Horizon), sky);
    // The San Gabriel foothills on the horizon, then a row of low buildings and trees.
    QPainterPath hills;
    hills.moveTo(0, Horizon - 40);
    const qreal phase = random.uniform(0, 6);
    for (int x = 0; x <= OverviewWidth; x += 80)
        hills.lineTo(x, Horizon - 60 - 50 * std::sin(x / 230.0 + phase) - random.uniform(0, 25));
    hills.lineTo(W, Horizon);
    hills.lineTo(0, Horizon);
    p.fillPath(hills, night ? QColor(22, 26, 34) : QColor(128, 140, 150));
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 14; ++i) {
        const qreal x = random.uniform(-40, W);
        const qreal bw = random.uniform(60, 180);
        const qreal bh = random.uniform(25, 80);
        const int tone = int(random.uniform(120, 200));
        p.setBrush(night ? QColor(tone / 5, tone / 5, tone / 4) : QColor(tone, tone - 10, tone - 25));
        p.drawRect(QRectF(x, Horizon - bh, bw, bh));
        p.setBrush(night ? QColor(12, 20, 14) : QColor(70, 100, 60));
        p.drawEllipse(QPointF(x + random.uniform(0, bw), Horizon - random.uniform(10, 30)), random.uniform(18, 35),
                      random.uniform(18, 35));
    }
    p.fillRect(QRectF(0, Horizon, W, H - Horizon), night ? QColor(40, 42, 44) : QColor(168, 166, 158)); // sidewalk

    QPolygonF road;
    road << QPointF(W / 2 - 90, Horizon) << QPointF(W / 2 + 90, Horizon) << QPointF(W + 420, H) << QPointF(-420, H);
    QLinearGradient asphalt(0, Horizon, 0, H);
    asphalt.setColorAt(0, night ? QColor(34, 35, 37) : QColor(120, 122, 125));
    asphalt.setColorAt(1, night ? QColor(48, 49, 52) : QColor(84, 86, 90));
    p.setBrush(asphalt);
    p.drawPolygon(road);
    // Dashed lane lines converging on the vanishing point; dashes lengthen towards the camera.
    p.setBrush(night ? QColor(150, 150, 140) : QColor(235, 235, 225));
    for (qreal laneX : { -0.34, 0.34 }) {
        for (int k = 0; k < 9; ++k) {
            const qreal t0 = std::pow((k + 0.0) / 9.0, 1.6);
            const qreal t1 = std::pow((k + 0.5) / 9.0, 1.6);
            auto at = [&](qreal t, qreal halfWidth) {
                return QPointF(W / 2 + laneX * W * 1.6 * t + halfWidth * t, Horizon + (H - Horizon) * t);
            };
            QPolygonF dash;
            dash << at(t0, -4) << at(t0, 4) << at(t1, 4) << at(t1, -4);
            p.drawPolygon(dash);
        }
    }
    p.end();
    if (night)
        image = infrared(image).convertToFormat(QImage::Format_RGB32);
    return image;
}

QImage PlateRenderer::overview(const QString& plateText, const QString& state, const QColor& body,
                               const QString& caption, bool night, int view, quint64 seed) const
{
    DemoRandom random(seed);
    const qreal W = OverviewWidth;
    const qreal H = OverviewHeight;
    // Drawn into a kept canvas: a fresh 3.7 MB image per overview costs page faults as large as the drawing.
    const QImage& backdrop = background(view, night);
    if (m_canvas.size() != backdrop.size())
        m_canvas = QImage(backdrop.size(), backdrop.format());
    std::memcpy(m_canvas.bits(), backdrop.constBits(), size_t(backdrop.sizeInBytes()));
    QImage& image = m_canvas;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setPen(Qt::NoPen);
    // At night the car is drawn straight in the infrared greys: no full-frame pass afterwards.
    auto tone = [night](const QColor& c) {
        if (!night)
            return c;
        const int grey = std::clamp(qGray(c.rgb()) * 13 / 10 + 14, 0, 255);
        return QColor(grey, grey, grey);
    };

    // The car from behind.
    const qreal cw = random.uniform(400, 460);
    const qreal ch = cw * 0.62;
    const qreal cx = W / 2 + random.uniform(-170, 170);
    const qreal bottom = random.uniform(600, 650);
    const QColor paint = night ? body.darker(260) : body;
    p.setBrush(QColor(0, 0, 0, 110));
    p.drawEllipse(QPointF(cx, bottom), cw * 0.58, 22);
    p.setBrush(tone(QColor(18, 18, 18)));
    for (qreal side : { -1.0, 1.0 })
        p.drawRoundedRect(QRectF(cx + side * cw * 0.36 - cw * 0.08, bottom - ch * 0.2, cw * 0.16, ch * 0.2), 8, 8);
    QPolygonF cabin;
    cabin << QPointF(cx - cw * 0.44, bottom - ch * 0.6) << QPointF(cx - cw * 0.31, bottom - ch)
          << QPointF(cx + cw * 0.31, bottom - ch) << QPointF(cx + cw * 0.44, bottom - ch * 0.6);
    p.setBrush(tone(paint.darker(110)));
    p.drawPolygon(cabin);
    QPolygonF glass;
    glass << QPointF(cx - cw * 0.38, bottom - ch * 0.64) << QPointF(cx - cw * 0.28, bottom - ch * 0.94)
          << QPointF(cx + cw * 0.28, bottom - ch * 0.94) << QPointF(cx + cw * 0.38, bottom - ch * 0.64);
    QLinearGradient tint(0, bottom - ch, 0, bottom - ch * 0.6);
    tint.setColorAt(0, tone(QColor(30, 38, 48)));
    tint.setColorAt(1, tone(QColor(70, 82, 96)));
    p.setBrush(tint);
    p.drawPolygon(glass);
    QLinearGradient shine(0, bottom - ch * 0.62, 0, bottom - ch * 0.12);
    shine.setColorAt(0, tone(paint.lighter(125)));
    shine.setColorAt(1, tone(paint.darker(125)));
    p.setBrush(shine);
    p.drawRoundedRect(QRectF(cx - cw / 2, bottom - ch * 0.62, cw, ch * 0.5), 18, 18);
    p.setBrush(night ? QColor(150, 150, 150) : QColor(170, 20, 24)); // tail lights glow grey in infrared
    for (qreal side : { -1.0, 1.0 })
        p.drawRoundedRect(QRectF(cx + side * cw * 0.38 - cw * 0.09, bottom - ch * 0.56, cw * 0.18, ch * 0.12), 6, 6);
    p.setBrush(tone(paint.darker(170)));
    p.drawRoundedRect(QRectF(cx - cw * 0.5, bottom - ch * 0.2, cw, ch * 0.1), 8, 8);
    // The plate: a US plate is 12 × 6 in on a car some 70 in wide; retroreflective, so bright at night.
    const qreal pw = cw * 0.2;
    const QRectF plateRect(cx - pw / 2, bottom - ch * 0.42, pw, pw / 2);
    p.setBrush(QColor(20, 20, 20));
    p.drawRect(plateRect.adjusted(-3, -3, 3, 3));
    // Drawn at one fixed size and scaled: glyphs at a new pixel size each time would miss the glyph cache.
    const QImage flat = plate(plateText, state, 2 * 88);
    p.drawImage(plateRect, night ? infrared(flat) : flat);

    const qreal strip = 44;
    p.fillRect(QRectF(0, H - strip, W, strip), QColor(0, 0, 0, 190));
    drawText(p, QRectF(16, H - strip, W - 32, strip), Qt::AlignLeft, caption, m_caption, Qt::white);
    drawText(p, QRectF(16, H - strip, W - 32, strip), Qt::AlignRight, u"WCPD ALPR"_s, m_caption, Qt::white);
    p.end();
    return image;
}

void PlateRenderer::drawText(QPainter& p, const QRectF& box, Qt::Alignment align, const QString& text,
                             const QFont& font, const QColor& colour, qreal spacing) const
{
    // Text as outlines rather than through Qt's glyph cache: cached glyphs came out slightly differently from
    // run to run (the cache's state depends on what was drawn before), and the demo's images must not. The
    // outlines are kept per font and character, since extracting them is the slow part.
    const QString fontKey = font.key();
    QList<Glyph> glyphs; // copies: QHash values move when it grows; the outlines are shared, not copied
    glyphs.reserve(text.size());
    qreal width = 0;
    for (QChar c : text) {
        const QString key = fontKey + c;
        auto it = m_glyphs.find(key);
        if (it == m_glyphs.end()) {
            Glyph g;
            g.outline.addText(0, 0, font, QString(c));
            g.advance = QFontMetricsF(font).horizontalAdvance(c);
            it = m_glyphs.insert(key, g);
        }
        glyphs.append(it.value());
        width += it->advance * spacing;
    }
    const QFontMetricsF metrics(font);
    qreal x = (align & Qt::AlignLeft) ? box.left()
        : (align & Qt::AlignRight)    ? box.right() - width
                                      : box.center().x() - width / 2;
    const qreal baseline = box.center().y() + (metrics.ascent() - metrics.descent()) / 2;
    QPainterPath path;
    for (const Glyph& g : glyphs) {
        path.addPath(g.outline.translated(x, baseline));
        x += g.advance * spacing;
    }
    p.fillPath(path, colour);
}

QByteArray PlateRenderer::toJpeg(const QImage& image, int quality)
{
    QByteArray bytes;
    bytes.reserve(image.width() * image.height() / 4); // above a q80 photo's size: no regrowing while encoding
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", quality);
    return bytes;
}

} // namespace alpr

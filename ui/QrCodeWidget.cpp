#include "QrCodeWidget.h"

#include <QPainter>
#include <algorithm>
#include <memory>
#include <qrencode.h>

namespace alpr {

namespace {

struct QrCodeDeleter
{
    void operator()(QRcode* code) const { QRcode_free(code); }
};

} // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void QrCodeWidget::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_code = render(text, 1);
    updateGeometry();
    update();
}

QString QrCodeWidget::text() const
{
    return m_text;
}

bool QrCodeWidget::hasCode() const
{
    return !m_code.isNull();
}

int QrCodeWidget::modulesPerSide() const
{
    return m_code.isNull() ? 0 : m_code.width();
}

QSize QrCodeWidget::sizeHint() const
{
    // Four pixels a module is comfortably readable by a phone held at a screen.
    const int side = m_code.isNull() ? 200 : m_code.width() * 4;
    return { side, side };
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = m_code.isNull() ? 0 : m_code.width() * 2;
    return { side, side };
}

bool QrCodeWidget::hasHeightForWidth() const
{
    return true;
}

int QrCodeWidget::heightForWidth(int width) const
{
    return width;
}

QImage QrCodeWidget::render(const QString& text, int moduleSize)
{
    if (text.isEmpty() || moduleSize < 1)
        return {};
    const QByteArray utf8 = text.toUtf8();
    // Case-sensitive 8-bit hint: libqrencode still packs digit and upper-case runs in their denser modes, and an
    // otpauth URI keeps its lower-case scheme and parameter names.
    const std::unique_ptr<QRcode, QrCodeDeleter> code(
        QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code)
        return {};
    const int modules = code->width;
    const int side = (modules + 2 * kQuietZoneModules) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    const QRgb black = qRgb(0, 0, 0);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
            if (!(code->data[y * modules + x] & 1))
                continue;
            const int left = (x + kQuietZoneModules) * moduleSize;
            const int top = (y + kQuietZoneModules) * moduleSize;
            for (int py = top; py < top + moduleSize; ++py) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine(py));
                std::fill(line + left, line + left + moduleSize, black);
            }
        }
    }
    return image;
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_code.isNull())
        return;
    // Whole pixels per module keep the edges sharp; when the widget is smaller than one pixel a module, scale down
    // anyway rather than clip (the code is then unreadable, but the layout stays sane).
    const int available = std::min(width(), height());
    const int moduleSize = std::max(1, available / m_code.width());
    int side = moduleSize * m_code.width();
    if (side > available)
        side = available;
    const QRect target((width() - side) / 2, (height() - side) / 2, side, side);
    painter.fillRect(target, Qt::white);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, m_code);
}

} // namespace alpr

#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace alpr {

/**
 * Shows a string as a QR code (libqrencode, 8-bit mode, error correction level M): black modules on white, with the
 * 4-module quiet zone the standard asks for, as large a square as fits the widget, on whole-pixel modules so phone
 * cameras read it sharply. Used for TOTP enrolment (an otpauth:// URI): the text is a secret, so the widget never
 * shows it as a tool tip or in its accessible name.
 */
class QrCodeWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kQuietZoneModules = 4;

    explicit QrCodeWidget(QWidget* parent = nullptr);

    /** Encodes text and repaints; an empty text or one too long for a QR code (about 2.3 kB) shows nothing. */
    void setText(const QString& text);
    QString text() const;

    /** True when the current text was encoded. */
    bool hasCode() const;

    /** Modules per side of the current code including the quiet zone; 0 without a code. */
    int modulesPerSide() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

    /**
     * The QR code of text (UTF-8) as a square RGB32 image, each module moduleSize x moduleSize pixels, quiet zone
     * included: side = (modules + 8) * moduleSize. A null image when text is empty, too long, or moduleSize < 1.
     */
    static QImage render(const QString& text, int moduleSize);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    QImage m_code; ///< one pixel per module, quiet zone included
};

} // namespace alpr

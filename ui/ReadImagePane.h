#pragma once

#include "Read.h"
#include "ReadImageSource.h"

#include <QWidget>

class QLabel;

namespace alpr {

class ImageCanvas;

/**
 * One read's two images side by side — the overview (wider) and the plate crop — each in its own zoomable
 * ImageCanvas, with a caption line naming the read (plate, time in the workstation's zone, camera). Shows what it
 * is given; fetching (and auditing) is the caller's business. Used by the image viewer and, twice, by the compare
 * view.
 */
class ReadImagePane : public QWidget
{
    Q_OBJECT

public:
    enum Target { Overview = 0, Plate = 1 };

    explicit ReadImagePane(QWidget* parent = nullptr);

    /** Shows the read's stored images (originals). */
    void setRead(const Read& read, const QString& cameraName, const ReadImages& images);
    /** No read: the canvases are emptied and message is shown in their place. */
    void clear(const QString& message);
    /** Shows image on target's canvas (an enhanced version, or the original again); marks it as enhanced or not. */
    void showImage(Target target, const QImage& image, bool enhanced, bool keepView);

    bool hasRead() const { return m_images.readId != 0; }
    const Read& read() const { return m_read; }
    const QString& cameraName() const { return m_cameraName; }
    const ReadImages& images() const { return m_images; }
    /** The decoded stored original of target (null when none). */
    QImage original(Target target) const { return target == Overview ? m_images.overview : m_images.plate; }
    QByteArray originalBytes(Target target) const
    {
        return target == Overview ? m_images.overviewJpeg : m_images.plateJpeg;
    }
    ImageCanvas* canvas(Target target) const { return target == Overview ? m_overview : m_plate; }
    /** "overview image" / "plate crop", translated. */
    static QString targetName(Target target);

private:
    void updateCaptions();

    Read m_read;
    QString m_cameraName;
    ReadImages m_images;
    bool m_enhanced[2] = { false, false };
    QLabel* m_title = nullptr;
    QLabel* m_overviewCaption = nullptr;
    QLabel* m_plateCaption = nullptr;
    ImageCanvas* m_overview = nullptr;
    ImageCanvas* m_plate = nullptr;
};

} // namespace alpr

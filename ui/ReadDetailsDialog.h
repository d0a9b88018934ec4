#pragma once

#include "Read.h"

#include <QDialog>
#include <QPixmap>
#include <memory>

namespace Ui {
class ReadDetailsDialog;
}

namespace alpr {

class Session;

/**
 * One read in full: every field, the camera's name, the time in the workstation's zone and in UTC, the OCR's reading
 * with its alternatives and confidences, and the overview and plate-crop images scaled to fit. Images are fetched
 * only when the session authorises ViewImages, and each viewing is audited ("image.view"); otherwise the dialog says
 * why there are none.
 */
class ReadDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    ReadDetailsDialog(Session& session, const Read& read, const QString& cameraName, QWidget* parent = nullptr);
    ~ReadDetailsDialog() override;

    /** True when at least one image was loaded and is shown. */
    bool showsImages() const { return !m_overview.isNull() || !m_plate.isNull(); }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fillFields(const QString& cameraName);
    void loadImages();
    void rescaleImages();
    void openViewer();

    std::unique_ptr<Ui::ReadDetailsDialog> m_ui;
    Session& m_session;
    Read m_read;
    QPixmap m_overview;
    QPixmap m_plate;
    QString m_cameraName;
};

} // namespace alpr

#pragma once

#include <QDockWidget>

class QAction;

namespace alpr {

class ImageViewer;
class Session;

/**
 * The image viewer as a dock of the main window, with its menu actions: show/hide the viewer (Ctrl+I) and
 * "Plate from a photo…" (PhotoPatternDialog), whose pattern comes back as patternFromPhoto() for the partial-plate
 * tool. Keeps MainWindow's part to a few lines.
 */
class ImagingDock : public QDockWidget
{
    Q_OBJECT

public:
    ImagingDock(Session& session, QWidget* parent);

    ImageViewer* viewer() const { return m_viewer; }
    /** Makes the viewer follow every table of reads under root (tables of other models are left alone). */
    void followTables(QWidget* root);
    /** Opens "Plate from a photo". */
    QAction* photoAction() const { return m_photoAction; }

Q_SIGNALS:
    void patternFromPhoto(const QString& pattern);

private:
    void openPhotoDialog();

    ImageViewer* m_viewer = nullptr;
    QAction* m_photoAction = nullptr;
};

} // namespace alpr

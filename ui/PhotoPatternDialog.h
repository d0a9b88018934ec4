#pragma once

#include "PlateReading.h"
#include "PlateRegionFinder.h"

#include <QDialog>
#include <QFuture>
#include <QImage>
#include <QList>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace alpr {

class ImageCanvas;
class PlateReader;

/**
 * From a photo to a partial-plate pattern (policy 462.3(c)): the user opens a JPEG or PNG of their own (a doorbell
 * still, a witness's phone picture); the dialog proposes plate regions, best first, outlined and numbered on the
 * photo; the chosen region's four corners can be dragged; the region is straightened and read by Tesseract with a
 * confidence per character; characters below the confidence threshold become `?` in the pattern, which the user may
 * still edit before "Search partial plate" hands it to the partial-plate tool (searchRequested()).
 *
 * Loading, proposing, straightening and reading all run off the GUI thread. Bad files (too large, not an image,
 * corrupt, truncated) are refused with a message naming the file and the reason. The photo is not stored and its
 * plate is not logged.
 */
class PhotoPatternDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PhotoPatternDialog(QWidget* parent = nullptr);
    ~PhotoPatternDialog() override;

    /** Loads and analyses the photo at path (asynchronously; waitForIdle() in tests). */
    void openFile(const QString& path);
    /** Processes events until no work is pending or timeoutMs passed; true when idle. */
    bool waitForIdle(int timeoutMs);

    const QImage& photo() const { return m_photo; }
    const QList<PlateRegion>& regions() const { return m_regions; }
    int selectedRegion() const { return m_selected; }
    void selectRegion(int index);
    /** The quad being read (the selected region's, as adjusted). */
    QPolygonF quad() const;
    void setQuad(const QPolygonF& quad);
    const PlateReading& reading() const { return m_reading; }
    void setThreshold(int percent);
    int threshold() const;
    QString pattern() const;
    QString errorText() const;

Q_SIGNALS:
    void searchRequested(const QString& pattern);

private:
    void chooseFile();
    void loaded();
    void readPlate();
    void plateRead();
    void showReading();
    void showError(const QString& message);
    void showStatus(const QString& message);

    struct Analysis;
    struct Ocr;
    std::unique_ptr<PlateReader> m_reader;
    QImage m_photo;
    QList<PlateRegion> m_regions;
    QList<QPolygonF> m_quads;
    int m_selected = -1;
    PlateReading m_reading;
    bool m_ocrRunning = false;
    bool m_readAgain = false;
    int m_busy = 0;
    QList<QFuture<void>> m_work;

    QPushButton* m_open = nullptr;
    QLabel* m_file = nullptr;
    ImageCanvas* m_canvas = nullptr;
    QListWidget* m_regionList = nullptr;
    ImageCanvas* m_crop = nullptr;
    QLabel* m_characters = nullptr;
    QSpinBox* m_threshold = nullptr;
    QLineEdit* m_pattern = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_search = nullptr;
};

} // namespace alpr

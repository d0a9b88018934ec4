#pragma once

#include "EnhancementSettings.h"
#include "EvidenceExporter.h"
#include "Read.h"
#include "ReadImagePane.h"
#include "ReadImageSource.h"
#include "Result.h"

#include <QImage>
#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace alpr {

class CompareView;
class EnhancementPanel;
class EnhancementRunner;
class Session;

/**
 * The image viewer (a dock of the main window, or a window of its own from a read's details): a read's overview
 * and plate crop side by side with zoom and pan, the enhancement controls, evidence export, and comparison of two
 * reads.
 *
 * It follows the results tables it is given (followTable()): the current row's read is shown while the viewer is
 * visible, and Page Down / Page Up (or the arrows in its tool bar) move to the next or previous row of that table.
 * Every read shown is fetched through ReadImageSource: authorised (ViewImages), audited ("image.view"), or refused
 * with the reason in place of the images.
 *
 * Enhancements run off the GUI thread (EnhancementRunner, one per image) on a copy; the stored originals — bytes and
 * decoded images — are never changed. The filter settings stay when moving to another read; the plate corners
 * (perspective) are per read and are dropped.
 */
class ImageViewer : public QWidget
{
    Q_OBJECT

public:
    ImageViewer(Session& session, QWidget* parent = nullptr);
    ~ImageViewer() override;

    /** Follows a table of reads (its model must be a ReadSearchModel; others are ignored). */
    void followTable(QTableView* table);
    /** Shows one read (fetching and auditing its images). False when refused or none; the reason is shown. */
    bool showRead(const Read& read, const QString& cameraName);
    /** The next / previous row of the followed table (no-op at the ends or without a table). */
    void next();
    void previous();
    /** Drops the read, its images and enhancements, and closes compare windows (lock, case switch). */
    void clear();

    /** Which image the enhancement panel and export act on. */
    void setTarget(ReadImagePane::Target target);
    ReadImagePane::Target target() const { return m_target; }
    EnhancementSettings settings(ReadImagePane::Target target) const { return m_settings[target]; }
    /** The image currently shown for target (enhanced, or the original). */
    QImage shownImage(ReadImagePane::Target target) const;
    /** Waits until no enhancement is pending (tests, export). */
    bool waitForEnhancements(int timeoutMs);

    /** Remembers the read shown, for compareWithPinned(). */
    void pinForCompare();
    bool hasPinned() const { return m_pinned.readId != 0; }
    /** Opens a window with the pinned read above the one shown (no new fetch: both were viewed here). */
    CompareView* compareWithPinned();

    /** Exports the target's image as shown, as evidence, to path (PNG or JPEG by suffix). */
    Result<EvidenceRecord> exportEvidence(const QString& path);

    ReadImagePane* pane() const { return m_pane; }
    EnhancementPanel* panel() const { return m_panel; }
    QString statusText() const;

Q_SIGNALS:
    void readShown(qint64 readId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildActions();
    void currentRowChanged(QTableView* table, int row);
    void showRow(int row);
    void updatePosition();
    void settingsChanged(const EnhancementSettings& settings);
    void request(ReadImagePane::Target target);
    void enhanced(ReadImagePane::Target target, const QImage& image);
    void findQuad();
    void editCorners(bool on);
    void exportInteractively();
    void setStatus(const QString& text, bool error = false);

    Session& m_session;
    ReadImagePane* m_pane = nullptr;
    EnhancementPanel* m_panel = nullptr;
    EnhancementRunner* m_runners[2] = { nullptr, nullptr };
    EnhancementSettings m_settings[2];
    QImage m_enhanced[2];
    ReadImagePane::Target m_target = ReadImagePane::Plate;
    QComboBox* m_targetCombo = nullptr;
    QLabel* m_position = nullptr;
    QLabel* m_status = nullptr;
    QToolButton* m_compareButton = nullptr;
    QPointer<QTableView> m_table;
    int m_row = -1;
    int m_pendingRow = -1;
    Read m_pinnedRead;
    QString m_pinnedCamera;
    ReadImages m_pinned;
    QList<QPointer<QWidget>> m_windows;
};

} // namespace alpr

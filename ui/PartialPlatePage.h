#pragma once

#include "Result.h"
#include "SearchService.h"

#include <QWidget>
#include <memory>
#include <optional>

class QHBoxLayout;
class QLabel;
class QSortFilterProxyModel;

namespace Ui {
class PartialPlatePage;
}

namespace alpr {

class CandidateModel;
class ClipboardGuard;
class PlatePositionBox;
class ReadSearchModel;
class ReadTableController;
class Session;

/**
 * The partial-plate tool (policy 462.3(c)): a witness's description becomes a pattern, the pattern becomes a ranked
 * list of candidate plates, and a candidate's reads are listed below it.
 *
 * The builder is a row of position boxes (PlatePositionBox) kept in sync with the pattern field both ways. With
 * "length known" the boxes are the whole plate (`7?B??42`). Without it, the plate has one run of unknown characters
 * of any length, placed by the "Unknown characters go" choice: after the boxes (`7?B*`, the plate starts with them;
 * the default), before them (`*B42`, it ends with them) or between two boxes (`7?B*2`). A typed pattern the boxes
 * cannot show (two or more `*`, e.g. `7*A*B*2`) disables them until the pattern is cleared or becomes simple again.
 */
class PartialPlatePage : public QWidget
{
    Q_OBJECT

public:
    PartialPlatePage(Session& session, SearchService& search, ClipboardGuard& clipboard, QWidget* parent = nullptr);
    ~PartialPlatePage() override;

    /** Puts a pattern in the field and the boxes, as if typed (e.g. from a photo of a partial plate). */
    void setPattern(const QString& pattern);
    /** Forgets the candidates and reads (the session locked or the case changed); the description stays. */
    void clear();
    /** Asks SearchService for the candidates of the pattern, ranked (with the scene when given). */
    void findCandidates();
    /** Lists the reads of the candidate in the given row of the candidate table (as shown, after sorting). */
    void showReadsOfCandidate(int row);
    /** The pattern the boxes describe. */
    QString builderPattern() const;

    CandidateModel* candidateModel() const { return m_candidates; }
    ReadSearchModel* readsModel() const { return m_reads; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void setBoxCount(int count);
    void layoutBoxes();
    void updateGapChoices();
    void builderChanged();
    void patternEdited(const QString& text);
    bool applyToBoxes(const PlatePattern& pattern);
    void setBoxesEnabled(bool enabled);
    void showPatternError(const PlatePattern::ParseError& error, bool select);
    Result<std::optional<SceneHint>> sceneFromForm() const;
    void updateStatus();
    void updateReadsLabel();
    void copySelectedCandidates();
    void reset();
    QHash<qint64, QString> cameraNames() const;

    std::unique_ptr<Ui::PartialPlatePage> m_ui;
    Session& m_session;
    SearchService& m_search;
    ClipboardGuard& m_clipboard;
    QList<PlatePositionBox*> m_boxes;
    QHBoxLayout* m_boxesLayout = nullptr;
    QLabel* m_gapMarker = nullptr;
    int m_gap = 0; ///< with unknown length: how many boxes come before the unknown run
    bool m_syncing = false;
    CandidateModel* m_candidates = nullptr;
    QSortFilterProxyModel* m_candidateProxy = nullptr;
    ReadSearchModel* m_reads = nullptr;
    ReadTableController* m_readsController = nullptr;
    std::optional<PlateQuery> m_query; ///< the query whose candidates are shown
    bool m_withScene = false;
    QString m_shownPlate;
    QString m_message;
};

} // namespace alpr

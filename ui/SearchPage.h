#pragma once

#include "PlateDictionary.h"
#include "Result.h"
#include "SearchService.h"

#include <QWidget>
#include <memory>
#include <optional>

namespace Ui {
class SearchPage;
}

namespace alpr {

class ClipboardGuard;
class ReadSearchModel;
class ReadTableController;
class Session;

/**
 * Plate search: a plate or pattern with the misread and OCR-alternative options, time window, cameras, state,
 * hotlist, make and colour; results newest first, loaded a page at a time as the user scrolls. Copy puts the
 * selected plates on the clipboard (cleared at lock), Export CSV writes the loaded rows under the case's header line.
 * Every query goes through SearchService (authorised, access-logged).
 */
class SearchPage : public QWidget
{
    Q_OBJECT

public:
    SearchPage(Session& session, SearchService& search, ClipboardGuard& clipboard, QWidget* parent = nullptr);
    ~SearchPage() override;

    /** Runs the search the form describes; a bad pattern or time window is shown instead. */
    void search();
    /** Forgets the results (the session locked or the case changed); the form keeps its values. */
    void clear();
    /** Reloads the camera list from the store, keeping the ticks. */
    void loadCameras();
    /** Copies the selected rows' plates; returns how many. */
    int copySelectedPlates();
    /**
     * Writes the loaded rows, in the order shown, to path as CSV: first line the case, user and time, then a header
     * row, then one row per read. Needs the export permission; audited ("export.csv"). Written atomically.
     */
    Status exportCsv(const QString& path);

    ReadSearchModel* model() const { return m_model; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    /** The form's filters, or a message naming the field that is wrong. */
    Result<ReadFilter> filterFromForm() const;
    void showPatternError(const PlatePattern::ParseError& error);
    void updateStatus();
    void exportInteractive();
    void filterCameras(const QString& text);
    void updateCameraCount();

    std::unique_ptr<Ui::SearchPage> m_ui;
    Session& m_session;
    SearchService& m_search;
    ReadSearchModel* m_model = nullptr;
    ReadTableController* m_controller = nullptr;
    std::optional<PlateQuery> m_query; ///< the query whose results are shown
    QString m_message; ///< an error or notice shown in the status line until the next search
};

} // namespace alpr

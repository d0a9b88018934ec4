#pragma once

#include "CanvassTypes.h"

#include <QGeoShape>
#include <QJsonObject>
#include <QWidget>

class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace alpr {

class CanvassResultModel;
class CanvassService;
class ClipboardGuard;
class ReadSearchModel;
class ReadTableController;
class SceneListModel;
class Session;

/**
 * The Canvass page (policy 462.3(c)): a list of scenes, each an area (a circle typed in, or any shape drawn on the map,
 * which calls addScene()) and a time window in local time; and the four analyses: canvass one scene, plates common to
 * at least K scenes, convoy (plates travelling with a plate) and locate (where and when a plate is usually seen).
 * Results are ranked in the left table; the right table shows the reads of the selected row (all rows when none),
 * and a double-click opens a read's details. Every query goes through CanvassService (case gate, access record).
 *
 * Queries run on the GUI thread with a busy cursor: the store belongs to the thread that opened it, and each analysis
 * answers in tens of milliseconds on 10 million reads (see `alpr-cli bench canvass`).
 */
class CanvassPage : public QWidget
{
    Q_OBJECT

public:
    CanvassPage(Session& session, CanvassService& canvass, ClipboardGuard& clipboard, QWidget* parent = nullptr);
    ~CanvassPage() override;

    /** Forgets results (lock, case switch); the scenes stay. */
    void clear();
    void canvassScene();
    void commonPlates();
    void convoy();
    void locate();

    SceneListModel* scenes() const { return m_scenes; }
    CanvassResultModel* results() const { return m_results; }
    ReadSearchModel* reads() const { return m_reads; }
    ReadTableController* readsController() const { return m_readsController; }

    /** Opens the details of one read of the current results (e.g. clicked on the map); a logged access. */
    void openRead(qint64 readId);

public Q_SLOTS:
    /** Adds a scene with this area (a circle, rectangle or polygon drawn on the map) and the window in the form. */
    void addScene(const QGeoShape& area);

Q_SIGNALS:
    /** The reads now listed (a scene, a plate's sightings, ...), for the map; oldest first. */
    void readsShown(const QList<ReadPoint>& reads);

private:
    QWidget* buildSceneBox();
    QWidget* buildAnalysisBox();
    void addCircleFromForm();
    void updateSelectedFromForm();
    void sceneSelected();
    void updateButtons();
    void showMessage(const QString& text, bool error);
    void showReadsOf(const QList<ReadPoint>& points, const QString& what);
    void resultRowSelected();
    /** Reads the window of the form; false (and a message) when it is empty. */
    bool windowFromForm(qint64* fromMs, qint64* toMs);

    Session& m_session;
    CanvassService& m_canvass;
    SceneListModel* m_scenes = nullptr;
    CanvassResultModel* m_results = nullptr;
    QSortFilterProxyModel* m_resultsProxy = nullptr;
    ReadSearchModel* m_reads = nullptr;
    ReadTableController* m_readsController = nullptr;
    QJsonObject m_resultAbout; ///< what the shown result was, for the access records of its reads

    QTableView* m_sceneTable = nullptr;
    QLineEdit* m_centreEdit = nullptr;
    QDoubleSpinBox* m_radiusSpin = nullptr;
    QDateTimeEdit* m_fromEdit = nullptr;
    QDateTimeEdit* m_toEdit = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_updateButton = nullptr;
    QPushButton* m_removeButton = nullptr;
    QPushButton* m_canvassButton = nullptr;
    QPushButton* m_commonButton = nullptr;
    QSpinBox* m_minScenesSpin = nullptr;
    QLineEdit* m_plateEdit = nullptr;
    QPushButton* m_convoyButton = nullptr;
    QSpinBox* m_withinSecondsSpin = nullptr;
    QSpinBox* m_withinMetresSpin = nullptr;
    QSpinBox* m_minTimesSpin = nullptr;
    QPushButton* m_locateButton = nullptr;
    QSpinBox* m_clusterSpin = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_readsLabel = nullptr;
    QTableView* m_resultTable = nullptr;
    QTableView* m_readTable = nullptr;
};

} // namespace alpr

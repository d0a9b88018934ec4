#pragma once

#include "ClipboardGuard.h"
#include "Permissions.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QDockWidget;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace alpr {

class CanvassPage;
class CanvassService;
class IdleMonitor;
class ImagingDock;
class LockScreen;
class MapView;
class PartialPlatePage;
class PlateDictionary;
class ReadsPage;
class SearchPage;
class SearchService;
class Session;

/**
 * The workstation's main window: a navigation bar of pages (each shown only to roles allowed it), the active case
 * in the title bar, the user, store, case and idle-lock countdown in the status bar, and the lock screen that
 * replaces everything when the session locks.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Session> session, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session& session() { return *m_session; }
    /** Asks for a case (the case gate) when the user may access data and none is active. */
    bool ensureCase();
    /** Locks now, hiding all data behind the lock screen. */
    void lockNow(const QString& reason);
    /** Checks the idle and re-authentication timers (called every second). */
    void tick();
    QString pageTitle(int index) const;
    void showPage(const QString& objectName);
    /** The map dock's view (null for roles without data access), for pages to show reads and take areas from. */
    MapView* mapView() const { return m_mapView; }

Q_SIGNALS:
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void connectMapToCanvass();
    void addPage(const QString& title, QWidget* page, Permission needed);
    void buildMenus();
    void onUnlocked();
    void switchCase();
    void updateTitle();
    void pageChanged(int row);
    void saveLayout();

    std::unique_ptr<Session> m_session;
    ClipboardGuard m_clipboard;
    std::unique_ptr<PlateDictionary> m_dictionary;
    std::unique_ptr<SearchService> m_search;
    QStackedWidget* m_root = nullptr;
    QWidget* m_workspace = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    LockScreen* m_lockScreen = nullptr;
    QPointer<ReadsPage> m_readsPage; // null for roles without search (addPage deletes the page)
    QPointer<SearchPage> m_searchPage; // null when the role may not search (addPage deletes the page)
    QPointer<PartialPlatePage> m_partialPlatePage;
    std::unique_ptr<CanvassService> m_canvass;
    QPointer<CanvassPage> m_canvassPage; // null for roles without canvass
    QLabel* m_caseLabel = nullptr;
    QLabel* m_lockLabel = nullptr;
    QTimer* m_timer = nullptr;
    IdleMonitor* m_idle = nullptr;
    ImagingDock* m_imagingDock = nullptr; ///< null for roles that may not view images
    QDockWidget* m_mapDock = nullptr;
    MapView* m_mapView = nullptr;
    bool m_mapDockWasVisible = false;
};

} // namespace alpr

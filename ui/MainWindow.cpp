#include "MainWindow.h"

#include "AdminSettingsWidget.h"
#include "AuditPage.h"
#include "CanvassPage.h"
#include "CanvassService.h"
#include "CaseDialog.h"
#include "ChangePasswordDialog.h"
#include "IdleMonitor.h"
#include "ImportDialog.h"
#include "ImporterRegistry.h"
#include "ImageViewer.h"
#include "ImagingDock.h"
#include "LockScreen.h"
#include "MapPanel.h"
#include "MapView.h"
#include "MfaEnrolmentDialog.h"
#include "PartialPlatePage.h"
#include "PlateDictionary.h"
#include "ReadsPage.h"
#include "SearchPage.h"
#include "SearchService.h"
#include "Session.h"
#include "Store.h"
#include "TransferDialog.h"
#include "UserAdminDialog.h"
#include "Vault.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace alpr {

MainWindow::MainWindow(std::unique_ptr<Session> session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(std::move(session))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_root = new QStackedWidget(this);
    m_root->setObjectName(QStringLiteral("rootStack"));

    m_workspace = new QWidget(m_root);
    auto* layout = new QHBoxLayout(m_workspace);
    layout->setContentsMargins(0, 0, 0, 0);
    m_navigation = new QListWidget(m_workspace);
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_navigation->setFixedWidth(170);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { font-size: 11pt; padding: 4px; }"));
    m_pages = new QStackedWidget(m_workspace);
    m_pages->setObjectName(QStringLiteral("pageStack"));
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    m_root->addWidget(m_workspace);

    m_lockScreen = new LockScreen(*m_session, m_root);
    m_lockScreen->setObjectName(QStringLiteral("lockScreen"));
    m_root->addWidget(m_lockScreen);
    setCentralWidget(m_root);
    connect(m_lockScreen, &LockScreen::unlocked, this, &MainWindow::onUnlocked);
    connect(m_lockScreen, &LockScreen::signOutRequested, this, &MainWindow::signOutRequested);

    // The plate dictionary answers patterns in milliseconds (DESIGN.md "Plate search"); only searchers need it.
    m_dictionary = std::make_unique<PlateDictionary>();
    if (m_session->may(Permission::Search)) {
        if (Status s = m_dictionary->build(m_session->store()); !s)
            statusBar()->showMessage(tr("Plate search index not built: %1").arg(s.error().message), 60000);
    }
    m_search = std::make_unique<SearchService>(*m_session, *m_dictionary);
    m_searchPage = new SearchPage(*m_session, *m_search, m_clipboard, m_pages);
    m_searchPage->setObjectName(QStringLiteral("searchPage"));
    addPage(tr("Search"), m_searchPage, Permission::Search);
    m_partialPlatePage = new PartialPlatePage(*m_session, *m_search, m_clipboard, m_pages);
    m_partialPlatePage->setObjectName(QStringLiteral("partialPlatePage"));
    addPage(tr("Partial plate"), m_partialPlatePage, Permission::Search);

    m_readsPage = new ReadsPage(*m_session, m_clipboard, m_pages);
    m_readsPage->setObjectName(QStringLiteral("readsPage"));
    addPage(tr("Latest reads"), m_readsPage, Permission::Search);
    m_canvass = std::make_unique<CanvassService>(*m_session);
    m_canvassPage = new CanvassPage(*m_session, *m_canvass, m_clipboard, m_pages);
    m_canvassPage->setObjectName(QStringLiteral("canvassPage"));
    addPage(tr("Canvass"), m_canvassPage, Permission::Canvass);
    auto* audit = new AuditPage(*m_session, m_pages);
    audit->setObjectName(QStringLiteral("auditPage"));
    addPage(tr("Audit"), audit, Permission::ReviewAudit);

    auto* admin = new QWidget(m_pages);
    admin->setObjectName(QStringLiteral("administrationPage"));
    auto* adminLayout = new QVBoxLayout(admin);
    auto* manageUsers = new QPushButton(tr("Manage users…"), admin);
    manageUsers->setObjectName(QStringLiteral("manageUsersButton"));
    connect(manageUsers, &QPushButton::clicked, this, [this] { UserAdminDialog(*m_session, this).exec(); });
    adminLayout->addWidget(new QLabel(tr("<h3>Administration</h3>Accounts, roles, training dates, CLETS "
                                         "authorisation and locked accounts."),
                                      admin));
    adminLayout->addWidget(manageUsers, 0, Qt::AlignLeft);
    adminLayout->addSpacing(16);
    adminLayout->addWidget(new QLabel(tr("<h3>Settings</h3>Every change is checked and written to the audit log."),
                                      admin));
    if (m_session->may(Permission::SetRetention)) {
        auto* settings = new AdminSettingsWidget(*m_session, admin);
        settings->setObjectName(QStringLiteral("adminSettings"));
        adminLayout->addWidget(settings);
    }
    adminLayout->addStretch(1);
    addPage(tr("Administration"), admin, Permission::ManageUsers);

    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::pageChanged);

    const UserRecord& u = m_session->user();
    auto* userLabel = new QLabel(tr("%1 (%2)").arg(u.name, roleName(u.role)), this);
    userLabel->setObjectName(QStringLiteral("userStatus"));
    statusBar()->addWidget(userLabel);
    auto* storeLabel = new QLabel(m_session->store().describe(), this);
    storeLabel->setObjectName(QStringLiteral("storeStatus"));
    statusBar()->addWidget(storeLabel);
    m_caseLabel = new QLabel(this);
    m_caseLabel->setObjectName(QStringLiteral("caseStatus"));
    statusBar()->addWidget(m_caseLabel, 1);
    m_lockLabel = new QLabel(this);
    m_lockLabel->setObjectName(QStringLiteral("lockCountdown"));
    statusBar()->addPermanentWidget(m_lockLabel);

    buildMenus();

    // Field-unit imports (issue 6), for the roles that load field data; the dictionary learns the new plates.
    if (m_session->may(Permission::ImportData)) {
        QMenu* data = menuBar()->addMenu(tr("&Data"));
        QAction* importAction = data->addAction(tr("&Import field-unit files…"), this, [this] {
            const ImporterRegistry registry = ImporterRegistry::standard();
            ImportDialog dialog(*m_session, registry, m_session->may(Permission::Search) ? m_dictionary.get() : nullptr,
                                this);
            dialog.exec();
        });
        importAction->setObjectName(QStringLiteral("importAction"));
    }

    // End of shift (issue 6, policy 462.4(b)): this laptop's reads to the server, then the purge of what it confirmed.
    if (m_session->may(Permission::TransferData) && m_session->vault().localStore()) {
        QMenu* data = nullptr;
        for (QAction* a : menuBar()->actions())
            if (a->menu() && a->text() == tr("&Data"))
                data = a->menu();
        if (!data)
            data = menuBar()->addMenu(tr("&Data"));
        QAction* transferAction = data->addAction(tr("&End of shift: transfer and purge…"), this, [this] {
            TransferDialog dialog(*m_session, this);
            connect(&dialog, &TransferDialog::storePurged, this, [this] {
                if (m_dictionary)
                    ignoreError(m_dictionary->build(m_session->store())); // the purged plates leave the dictionary
            });
            dialog.exec();
        });
        transferAction->setObjectName(QStringLiteral("transferAction"));
    }

    // The image viewer dock (following every results table) and "plate from a photo" (issue 7).
    if (m_session->may(Permission::ViewImages)) {
        m_imagingDock = new ImagingDock(*m_session, this);
        addDockWidget(Qt::RightDockWidgetArea, m_imagingDock);
        m_imagingDock->followTables(m_pages);
        QMenu* images = menuBar()->addMenu(tr("&Images"));
        images->addAction(m_imagingDock->toggleViewAction());
        if (m_partialPlatePage) {
            images->addAction(m_imagingDock->photoAction());
            connect(m_imagingDock, &ImagingDock::patternFromPhoto, this, [this](const QString& pattern) {
                if (!m_partialPlatePage)
                    return;
                m_partialPlatePage->setPattern(pattern);
                showPage(QStringLiteral("partialPlatePage"));
            });
        }
    }

    m_idle = new IdleMonitor(this);
    connect(m_idle, &IdleMonitor::activity, this, [this] { m_session->noteActivity(); });
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &MainWindow::tick);
    m_timer->start();

    // The map, shared by every page (DESIGN.md "Main window"), for roles that see reads.
    if (m_session->may(Permission::Search) || m_session->may(Permission::Canvass)) {
        auto* mapPanel = new MapPanel(this);
        m_mapView = mapPanel->mapView();
        m_mapDock = new QDockWidget(tr("Map"), this);
        m_mapDock->setObjectName(QStringLiteral("mapDock"));
        m_mapDock->setWidget(mapPanel);
        addDockWidget(Qt::RightDockWidgetArea, m_mapDock);
        resizeDocks({ m_mapDock }, { 560 }, Qt::Horizontal); // until the user's saved layout says otherwise
        menuBar()->addMenu(tr("&View"))->addAction(m_mapDock->toggleViewAction());
        if (m_canvassPage && m_session->may(Permission::Canvass))
            connectMapToCanvass();
    }

    QSettings settings;
    settings.beginGroup(QStringLiteral("users/") + u.name);
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    settings.endGroup();

    updateTitle();
    tick();
    if (m_navigation->count() > 0)
        m_navigation->setCurrentRow(0);
}

MainWindow::~MainWindow()
{
    // The pages hold references to the search service, the dictionary and the session: they go first.
    delete takeCentralWidget();
}

void MainWindow::addPage(const QString& title, QWidget* page, Permission needed)
{
    // Pages a role may not use are not built into the navigation at all; the services refuse them anyway.
    if (!m_session->may(needed)) {
        page->hide(); // a child of the page stack until it is deleted: not drawn over the pages meanwhile
        page->deleteLater();
        return;
    }
    m_pages->addWidget(page);
    auto* item = new QListWidgetItem(title, m_navigation);
    item->setData(Qt::UserRole, page->objectName());
    item->setSizeHint(QSize(0, 34));
}

QString MainWindow::pageTitle(int index) const
{
    return m_navigation->item(index) ? m_navigation->item(index)->text() : QString();
}

void MainWindow::showPage(const QString& objectName)
{
    for (int i = 0; i < m_navigation->count(); ++i)
        if (m_navigation->item(i)->data(Qt::UserRole).toString() == objectName)
            m_navigation->setCurrentRow(i);
}

void MainWindow::buildMenus()
{
    QMenu* session = menuBar()->addMenu(tr("&Session"));
    QAction* caseAction = session->addAction(tr("Switch &case…"), this, &MainWindow::switchCase);
    caseAction->setObjectName(QStringLiteral("switchCaseAction"));
    caseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction* lockAction = session->addAction(tr("&Lock"), this, [this] { lockNow(QStringLiteral("manual")); });
    lockAction->setObjectName(QStringLiteral("lockAction"));
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    session->addSeparator();
    session->addAction(tr("Change &password…"), this, [this] { ChangePasswordDialog(*m_session, this).exec(); });
    session->addAction(tr("Enrol &authenticator app…"), this, [this] { MfaEnrolmentDialog(*m_session, this).exec(); });
    session->addSeparator();
    QAction* signOut = session->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
    signOut->setObjectName(QStringLiteral("signOutAction"));

    QToolBar* bar = addToolBar(tr("Session"));
    bar->setObjectName(QStringLiteral("sessionToolBar"));
    bar->setMovable(false);
    bar->addAction(caseAction);
    bar->addAction(lockAction);
}

bool MainWindow::ensureCase()
{
    bool needsCase = false;
    for (Permission p : Permissions::all())
        needsCase |= Permissions::isDataAccess(p) && m_session->may(p);
    if (!needsCase || m_session->activeCase())
        return true;
    CaseDialog dialog(*m_session, this);
    const bool ok = dialog.exec() == QDialog::Accepted;
    updateTitle();
    if (ok && m_readsPage && m_pages->currentWidget() == m_readsPage)
        m_readsPage->refresh();
    return ok;
}

void MainWindow::switchCase()
{
    if (m_session->isLocked())
        return;
    CaseDialog dialog(*m_session, this);
    if (dialog.exec() == QDialog::Accepted) {
        updateTitle();
        // Results belong to the case they were fetched for.
        if (m_readsPage)
            m_readsPage->clear();
        if (m_searchPage)
            m_searchPage->clear();
        if (m_partialPlatePage)
            m_partialPlatePage->clear();
        if (m_canvassPage)
            m_canvassPage->clear();
        if (m_imagingDock)
            m_imagingDock->viewer()->clear();
        if (m_readsPage && m_pages->currentWidget() == m_readsPage)
            m_readsPage->refresh();
    }
}

void MainWindow::updateTitle()
{
    const auto& c = m_session->activeCase();
    setWindowTitle(c ? tr("ALPR Workstation — %1").arg(c->title()) : tr("ALPR Workstation — no active case"));
    m_caseLabel->setText(c ? tr("Case %1 · %2").arg(c->number, c->category) : tr("No active case"));
}

void MainWindow::pageChanged(int row)
{
    if (row < 0)
        return;
    const QString name = m_navigation->item(row)->data(Qt::UserRole).toString();
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->widget(i)->objectName() == name) {
            m_pages->setCurrentIndex(i);
            break;
        }
    }
    if (m_readsPage && m_pages->currentWidget() == m_readsPage && m_session->activeCase())
        m_readsPage->refresh();
}

void MainWindow::tick()
{
    if (m_session->checkTimers())
        lockNow(QString()); // the session has locked itself; show it
    if (m_session->isLocked()) {
        m_lockLabel->setText(tr("Locked"));
        return;
    }
    const qint64 left = m_session->msUntilLock() / 1000;
    m_lockLabel->setText(tr("Locks in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

void MainWindow::lockNow(const QString& reason)
{
    if (!reason.isEmpty())
        m_session->lock(reason);
    // Nothing of the data may stay visible or reachable: results are dropped, docks hidden, the clipboard cleared
    // if it still holds a plate we put there.
    if (m_readsPage)
        m_readsPage->clear();
    if (m_searchPage)
        m_searchPage->clear();
    if (m_partialPlatePage)
        m_partialPlatePage->clear();
    if (m_canvassPage)
        m_canvassPage->clear();
    if (m_imagingDock)
        m_imagingDock->viewer()->clear();
    m_clipboard.clearIfOurs();
    if (m_mapView)
        m_mapView->clearOverlays();
    m_mapDockWasVisible = m_mapDock && (m_mapDock->isVisible() || m_mapDockWasVisible);
    for (QWidget* w : findChildren<QDockWidget*>())
        w->hide();
    // The case is a detail of an investigation too: neither the title nor the status bar shows it while locked.
    setWindowTitle(tr("ALPR Workstation — locked"));
    m_caseLabel->clear();
    m_lockScreen->prepare(reason.isEmpty() ? tr("inactivity or re-authentication due") : tr("locked by you"));
    m_root->setCurrentWidget(m_lockScreen);
    menuBar()->setEnabled(false);
    for (QToolBar* bar : findChildren<QToolBar*>())
        bar->setEnabled(false);
    m_lockLabel->setText(tr("Locked"));
}

void MainWindow::onUnlocked()
{
    updateTitle();
    m_root->setCurrentWidget(m_workspace);
    if (m_mapDock && m_mapDockWasVisible)
        m_mapDock->show();
    m_mapDockWasVisible = false;
    menuBar()->setEnabled(true);
    for (QToolBar* bar : findChildren<QToolBar*>())
        bar->setEnabled(true);
    if (m_readsPage && m_pages->currentWidget() == m_readsPage && m_session->activeCase())
        m_readsPage->refresh();
    tick();
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("users/") + m_session->user().name);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::connectMapToCanvass()
{
    // An area drawn on the map becomes a scene; the reads a canvass lists are drawn on the map (a single plate's as a
    // track); clicking one opens its details through the canvass page, so the view is gated and logged like a row's.
    connect(m_mapView, &MapView::areaDrawn, this, [this](const QGeoShape& area) {
        m_canvassPage->addScene(area);
        showPage(QStringLiteral("canvassPage"));
    });
    connect(m_canvassPage, &CanvassPage::readsShown, this, [this](const QList<ReadPoint>& points) {
        QList<MapRead> reads;
        reads.reserve(points.size());
        bool onePlate = !points.isEmpty();
        for (const ReadPoint& p : points) {
            reads.append({ p.readId, p.plateId, p.timeMs, p.lat, p.lon, {} });
            onePlate = onePlate && p.plateId == points.constFirst().plateId;
        }
        m_mapView->setReads(reads);
        m_mapView->setTrack(onePlate && reads.size() > 1 ? reads : QList<MapRead> {});
        if (!reads.isEmpty())
            m_mapView->zoomToReads();
    });
    connect(m_mapView, &MapView::readActivated, m_canvassPage, &CanvassPage::openRead);
}

} // namespace alpr

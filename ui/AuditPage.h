#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class AuditPage;
}

namespace alpr {

class AccessLogTableModel;
class AuditTableModel;
class Session;

/**
 * The supervisor's audit view (policy 462.5(e), Permission::ReviewAudit): the hash-chained audit log with user and
 * event filters and a "Verify audit log" button that names the first broken row; and the access log (one record per
 * data query) searchable by plate or pattern. Opening the page, refreshing it and searching the access log are
 * themselves audited ("audit.review"), and so is each verification ("audit.verify"). Without the permission the page
 * shows why and nothing else.
 *
 * Nothing is authorised or read until the page is first shown (or activate() is called), so a main window may build
 * it up front without writing review rows for a page nobody opened.
 *
 * The log is read on the GUI thread (the store belongs to it); the table keeps the newest kMaxRows matching rows.
 */
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxRows = 5000;
    static constexpr int kMaxAccessRecords = 2000;

    AuditPage(Session& session, QWidget* parent = nullptr);
    ~AuditPage() override;

    AuditTableModel* auditModel() const { return m_auditModel; }
    AccessLogTableModel* accessModel() const { return m_accessModel; }

    /** Authorises the review (once) and loads the audit log; called by the first showEvent. */
    void activate();
    /** Records the review, then reloads the audit rows and the filter choices. */
    void refresh();
    /** Verifies the whole chain and shows the result ("Intact: N rows" or the first broken row and the problem). */
    void verify();
    /** Searches the access log for records whose data elements contain the filter text (audited). */
    void searchAccessLog();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void loadAudit();
    void showError(const QString& message);

    std::unique_ptr<Ui::AuditPage> m_ui;
    Session& m_session;
    AuditTableModel* m_auditModel = nullptr;
    AccessLogTableModel* m_accessModel = nullptr;
    bool m_activated = false;
    bool m_allowed = false;
    bool m_accessLoaded = false;
};

} // namespace alpr

#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace alpr {

class ClipboardGuard;
class ReadSearchModel;
class Session;

/** The newest reads in the store, with the store's totals: a first look at the data, behind the case gate. */
class ReadsPage : public QWidget
{
    Q_OBJECT

public:
    ReadsPage(Session& session, ClipboardGuard& clipboard, QWidget* parent = nullptr);

    /** Reloads (a data access: authorised, access-logged). Shows the reason instead when refused. */
    void refresh();
    /** Forgets the rows shown (the session was locked or the case changed). */
    void clear();
    void copySelectedPlates();

private:
    Session& m_session;
    ClipboardGuard& m_clipboard;
    ReadSearchModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace alpr

#pragma once

#include <QObject>
#include <QPointer>

class QDialog;
class QTableView;

namespace alpr {

class ClipboardGuard;
class ReadSearchModel;
class Session;
struct Read;

/**
 * What every table of reads does, attached to a QTableView from a .ui form: sorting of the loaded rows (newest first
 * to begin with), a column chooser in the header's context menu (remembered per user under settingsKey), Copy
 * (Ctrl+C) of the selected rows' plates through the ClipboardGuard, and a double-click that opens the read's details.
 * Open details dialogs are tracked so a lock or case switch can close them.
 */
class ReadTableController : public QObject
{
    Q_OBJECT

public:
    ReadTableController(QTableView* table, ReadSearchModel* model, Session& session, ClipboardGuard& clipboard,
                        QString settingsKey, QObject* parent = nullptr);

    /** Copies the selected rows' plates (distinct, in row order); returns how many. */
    int copySelectedPlates();
    /** Opens the details dialog of a row (non-blocking); returns it. */
    QDialog* openDetails(int row);
    /** The same for a read that need not be in the table (e.g. one clicked on the map). */
    QDialog* openDetails(const Read& read);
    /** Closes every details dialog this table opened. */
    void closeDetails();
    /** Shows or hides a column and remembers the choice. */
    void setColumnVisible(int column, bool visible);

Q_SIGNALS:
    void copied(int plates);

private:
    void showHeaderMenu(const QPoint& position);
    void saveColumns() const;
    void restoreColumns();

    QTableView* m_table;
    ReadSearchModel* m_model;
    Session& m_session;
    ClipboardGuard& m_clipboard;
    QString m_settingsKey;
    QList<QPointer<QDialog>> m_dialogs;
};

} // namespace alpr

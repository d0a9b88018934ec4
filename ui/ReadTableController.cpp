#include "ReadTableController.h"

#include "ClipboardGuard.h"
#include "ReadDetailsDialog.h"
#include "ReadSearchModel.h"
#include "Session.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <algorithm>

namespace alpr {

ReadTableController::ReadTableController(QTableView* table, ReadSearchModel* model, Session& session,
                                         ClipboardGuard& clipboard, QString settingsKey, QObject* parent)
    : QObject(parent)
    , m_table(table)
    , m_model(model)
    , m_session(session)
    , m_clipboard(clipboard)
    , m_settingsKey(std::move(settingsKey))
{
    m_table->setModel(m_model);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false); // the last column is a short yes/no: leave the slack blank
    header->setHighlightSections(false);
    m_table->verticalHeader()->setVisible(false);
    // Uniform rows: the view never measures a row, so a million loaded rows scroll as fast as a hundred.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // The search's own order first; setSortingEnabled applies the indicator at once.
    header->setSortIndicator(ReadSearchModel::Time, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &ReadTableController::showHeaderMenu);
    restoreColumns();
    m_table->resizeColumnsToContents(); // no rows yet: at least every title fits

    auto* copy = new QAction(tr("&Copy plates"), m_table);
    copy->setObjectName(QStringLiteral("copyPlatesAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &ReadTableController::copySelectedPlates);
    auto* details = new QAction(tr("Read &details…"), m_table);
    details->setObjectName(QStringLiteral("readDetailsAction"));
    connect(details, &QAction::triggered, this, [this] {
        if (m_table->currentIndex().isValid())
            openDetails(m_table->currentIndex().row());
    });
    m_table->addAction(details);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) { openDetails(index.row()); });
}

int ReadTableController::copySelectedPlates()
{
    QModelIndexList rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList plates;
    QSet<QString> seen;
    for (const QModelIndex& row : rows) {
        const QString& plate = m_model->readAt(row.row()).plate;
        if (!seen.contains(plate)) {
            seen.insert(plate);
            plates.append(plate);
        }
    }
    if (!plates.isEmpty())
        m_clipboard.copy(plates.join(u'\n'));
    emit copied(int(plates.size()));
    return int(plates.size());
}

QDialog* ReadTableController::openDetails(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    return openDetails(m_model->readAt(row));
}

QDialog* ReadTableController::openDetails(const Read& read)
{
    auto* dialog = new ReadDetailsDialog(m_session, read, m_model->cameraName(read.cameraId), m_table->window());
    dialog->setObjectName(QStringLiteral("readDetailsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialogs.removeAll(nullptr);
    m_dialogs.append(dialog);
    dialog->open();
    return dialog;
}

void ReadTableController::closeDetails()
{
    for (const QPointer<QDialog>& dialog : std::as_const(m_dialogs)) {
        if (dialog)
            dialog->close();
    }
    m_dialogs.clear();
}

void ReadTableController::setColumnVisible(int column, bool visible)
{
    m_table->setColumnHidden(column, !visible);
    saveColumns();
}

void ReadTableController::showHeaderMenu(const QPoint& position)
{
    QMenu menu(m_table);
    menu.setObjectName(QStringLiteral("columnMenu"));
    int shown = 0;
    for (int c = 0; c < m_model->columnCount(); ++c)
        shown += m_table->isColumnHidden(c) ? 0 : 1;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction* action = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(c));
        action->setEnabled(m_table->isColumnHidden(c) || shown > 1); // the last visible column stays
        connect(action, &QAction::toggled, this, [this, c](bool on) { setColumnVisible(c, on); });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(position));
}

void ReadTableController::saveColumns() const
{
    QStringList hidden;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (m_table->isColumnHidden(c))
            hidden.append(QString::number(c));
    }
    QSettings settings;
    settings.setValue(QStringLiteral("users/%1/%2/hiddenColumns").arg(m_session.user().name, m_settingsKey),
                      hidden.join(u','));
}

void ReadTableController::restoreColumns()
{
    const QString hidden
        = QSettings()
              .value(QStringLiteral("users/%1/%2/hiddenColumns").arg(m_session.user().name, m_settingsKey))
              .toString();
    for (const QString& c : hidden.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int column = c.toInt(&ok);
        if (ok && column >= 0 && column < m_model->columnCount())
            m_table->setColumnHidden(column, true);
    }
    int shown = 0;
    for (int c = 0; c < m_model->columnCount(); ++c)
        shown += m_table->isColumnHidden(c) ? 0 : 1;
    for (int c = 0; shown == 0 && c < m_model->columnCount(); ++c)
        m_table->setColumnHidden(c, false); // a table with no columns is no use to anyone
}

} // namespace alpr

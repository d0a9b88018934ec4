#include "AccessLogTableModel.h"

#include "AuditTableModel.h"

#include <QDateTime>

namespace alpr {

AccessLogTableModel::AccessLogTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AccessLogTableModel::setRecords(const QList<AccessRecord>& records)
{
    beginResetModel();
    m_records = records;
    m_elements.clear();
    m_elements.reserve(records.size());
    for (const AccessRecord& r : records)
        m_elements.append(AuditTableModel::readableDetail(r.elements));
    endResetModel();
}

const AccessRecord& AccessLogTableModel::record(int row) const
{
    return m_records.at(row);
}

QString AccessLogTableModel::utcTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
}

int AccessLogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int AccessLogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccessLogTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccessRecord& r = m_records.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Time:
            return utcTime(r.timeMs);
        case User:
            return r.username;
        case Agency:
            return r.agency;
        case Case:
            return r.caseNumber;
        case Purpose:
            return r.purpose;
        case Elements:
            return m_elements.at(index.row());
        case Results:
            return r.resultCount;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Elements)
        return r.elements;
    if (role == Qt::TextAlignmentRole && index.column() == Results)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant AccessLogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time:
        return tr("Time (UTC)");
    case User:
        return tr("User");
    case Agency:
        return tr("Agency");
    case Case:
        return tr("Case");
    case Purpose:
        return tr("Purpose");
    case Elements:
        return tr("Data elements queried");
    case Results:
        return tr("Results");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace alpr

#include "CanvassResultModel.h"

#include <QSet>
#include <algorithm>

namespace alpr {

CanvassResultModel::CanvassResultModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CanvassResultModel::setResult(const QStringList& headers, QList<Row> rows)
{
    beginResetModel();
    m_headers = headers;
    m_rows = std::move(rows);
    endResetModel();
}

void CanvassResultModel::clear()
{
    setResult({}, {});
}

QList<ReadPoint> CanvassResultModel::allReads() const
{
    QList<ReadPoint> out;
    QSet<qint64> seen;
    for (const Row& row : m_rows) {
        for (const ReadPoint& p : row.reads) {
            if (!seen.contains(p.readId)) {
                seen.insert(p.readId);
                out.append(p);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const ReadPoint& a, const ReadPoint& b) {
        return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.readId > b.readId;
    });
    return out;
}

int CanvassResultModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CanvassResultModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant CanvassResultModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QList<Cell>& cells = m_rows.at(index.row()).cells;
    if (index.column() >= cells.size())
        return {};
    const Cell& cell = cells.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cell.text;
    case SortRole:
        return cell.sortKey.isNull() ? QVariant(cell.text) : cell.sortKey;
    case Qt::TextAlignmentRole:
        return QVariant(int((cell.number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant CanvassResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_headers.size())
        return m_headers.at(section);
    return {};
}

} // namespace alpr

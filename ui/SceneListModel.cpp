#include "SceneListModel.h"

#include "SceneArea.h"

#include <QDateTime>

namespace alpr {

SceneListModel::SceneListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QString SceneListModel::localTime(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + t.timeZoneAbbreviation();
}

int SceneListModel::addScene(const Scene& scene)
{
    const int row = int(m_scenes.size());
    beginInsertRows({}, row, row);
    m_scenes.append(scene);
    endInsertRows();
    return row;
}

void SceneListModel::replaceScene(int row, const Scene& scene)
{
    if (row < 0 || row >= m_scenes.size())
        return;
    m_scenes[row] = scene;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SceneListModel::removeScene(int row)
{
    if (row < 0 || row >= m_scenes.size())
        return;
    beginRemoveRows({}, row, row);
    m_scenes.removeAt(row);
    endRemoveRows();
    // Scenes are numbered by position.
    if (!m_scenes.isEmpty())
        emit dataChanged(index(0, Number), index(int(m_scenes.size()) - 1, Number));
}

void SceneListModel::clear()
{
    beginResetModel();
    m_scenes.clear();
    endResetModel();
}

int SceneListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_scenes.size());
}

int SceneListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SceneListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_scenes.size())
        return {};
    const Scene& s = m_scenes.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Number:
            return s.label.isEmpty() ? QString::number(index.row() + 1) : s.label;
        case Area: {
            auto area = SceneArea::fromShape(s.area);
            return area ? area->describe() : area.error().message;
        }
        case From:
            return localTime(s.fromMs);
        case To:
            return localTime(s.toMs);
        default:
            break;
        }
    }
    return {};
}

QVariant SceneListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Scene");
    case Area:
        return tr("Area");
    case From:
        return tr("From");
    case To:
        return tr("To (exclusive)");
    default:
        return {};
    }
}

} // namespace alpr

#include "AuditTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace alpr {

AuditTableModel::AuditTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AuditTableModel::setRows(const QList<AuditRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    m_details.clear();
    m_details.reserve(rows.size());
    for (const AuditRow& r : rows)
        m_details.append(readableDetail(r.detail));
    endResetModel();
}

const AuditRow& AuditTableModel::row(int index) const
{
    return m_rows.at(index);
}

int AuditTableModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void AuditTableModel::setHighlightedId(qint64 id)
{
    if (id == m_highlightedId)
        return;
    const int before = rowOfId(m_highlightedId);
    m_highlightedId = id;
    const int after = rowOfId(id);
    for (int r : { before, after }) {
        if (r >= 0)
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1), { Qt::BackgroundRole });
    }
}

QString AuditTableModel::localTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
}

QString AuditTableModel::readableDetail(const QString& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return json;
    QStringList parts;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString value;
        const QJsonValue v = it.value();
        if (v.isString())
            value = v.toString();
        else if (v.isBool())
            value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (v.isDouble())
            value = QString::number(v.toDouble(), 'g', 15);
        else if (v.isObject())
            value = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isArray())
            value = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        parts.append(it.key() + QStringLiteral(": ") + value);
    }
    return parts.join(QStringLiteral("; "));
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRow& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return r.id;
        case Time:
            return localTime(r.timeMs);
        case User:
            return r.username;
        case Event:
            return r.event;
        case Outcome:
            return r.outcome;
        case Source:
            return r.source;
        case Detail:
            return m_details.at(index.row());
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Detail)
            return r.detail;
        if (index.column() == Time)
            return QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Outcome && r.outcome != QLatin1String("success"))
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    case Qt::BackgroundRole:
        if (m_highlightedId != 0 && r.id == m_highlightedId)
            return QBrush(QColor(0xff, 0xd6, 0xd6));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Row");
    case Time:
        return tr("Time");
    case User:
        return tr("User");
    case Event:
        return tr("Event");
    case Outcome:
        return tr("Outcome");
    case Source:
        return tr("Source");
    case Detail:
        return tr("Detail");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace alpr

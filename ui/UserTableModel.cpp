#include "UserTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace alpr {

namespace {

QString dateText(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

UserTableModel::UserTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UserTableModel::setUsers(const QList<UserRecord>& users, const QStringList& locked, QDate today)
{
    beginResetModel();
    m_users = users;
    m_locked = QSet<QString>(locked.begin(), locked.end());
    m_today = today;
    endResetModel();
}

const UserRecord& UserTableModel::user(int row) const
{
    return m_users.at(row);
}

int UserTableModel::rowOf(const QString& name) const
{
    for (int i = 0; i < m_users.size(); ++i) {
        if (m_users.at(i).name == name)
            return i;
    }
    return -1;
}

bool UserTableModel::isLocked(int row) const
{
    return m_locked.contains(m_users.at(row).name);
}

QString UserTableModel::statusText(int row) const
{
    if (m_users.at(row).disabled)
        return tr("disabled");
    if (isLocked(row))
        return tr("locked");
    return tr("active");
}

int UserTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserRecord& u = m_users.at(index.row());
    const QDate due
        = u.refresherDue.isValid() ? u.refresherDue : (u.trainedOn.isValid() ? u.trainedOn.addYears(1) : QDate());
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Name:
            return u.name;
        case FullName:
            return u.fullName;
        case RoleName:
            return roleName(u.role);
        case Agency:
            return u.agency;
        case TrainedOn:
            return u.trainedOn.isValid() ? dateText(u.trainedOn) : tr("not trained");
        case RefresherDue:
            return dateText(due);
        case Clets:
            return u.cletsAuthorised ? tr("yes") : tr("no");
        case AccountStatus:
            return statusText(index.row());
        case LastSignIn:
            return u.lastLoginMs > 0 ? QDateTime::fromMSecsSinceEpoch(u.lastLoginMs)
                                           .toLocalTime()
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm t"))
                                     : tr("never");
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ForegroundRole) {
        // What keeps a user from working stands out: no training, an overdue refresher, a locked or disabled account.
        const QColor warn(0xb0, 0x00, 0x20);
        switch (Column(index.column())) {
        case TrainedOn:
            return u.trainedOn.isValid() ? QVariant() : QBrush(warn);
        case RefresherDue:
            return due.isValid() && m_today.isValid() && due < m_today ? QBrush(warn) : QVariant();
        case AccountStatus:
            return u.disabled ? QBrush(QColor(0x70, 0x70, 0x70)) : isLocked(index.row()) ? QBrush(warn) : QVariant();
        default:
            return u.disabled ? QBrush(QColor(0x70, 0x70, 0x70)) : QVariant();
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == RefresherDue && due.isValid() && m_today.isValid() && due < m_today)
            return tr("The yearly refresher is overdue: no access to ALPR data until it is recorded.");
        if (index.column() == TrainedOn && !u.trainedOn.isValid())
            return tr("No ALPR training on record: no access to ALPR data (policy 462.3(d)).");
    }
    return {};
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("User name");
    case FullName:
        return tr("Full name");
    case RoleName:
        return tr("Role");
    case Agency:
        return tr("Agency");
    case TrainedOn:
        return tr("Trained on");
    case RefresherDue:
        return tr("Refresher due");
    case Clets:
        return tr("CLETS");
    case AccountStatus:
        return tr("Status");
    case LastSignIn:
        return tr("Last sign-in");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace alpr

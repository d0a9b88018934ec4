#pragma once

#include "UserRecord.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>
#include <QSet>

namespace alpr {

/** The workstation's accounts for the user administration dialog, one row per user in the store's order. */
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        FullName,
        RoleName,
        Agency,
        TrainedOn,
        RefresherDue, ///< the recorded date, or a year after training when none is recorded
        Clets,
        AccountStatus, ///< active, disabled or locked (by failed sign-ins)
        LastSignIn, ///< local time with the zone abbreviation
        ColumnCount
    };

    explicit UserTableModel(QObject* parent = nullptr);

    /**
     * Replaces the rows. locked: accounts locked by failed sign-ins (Authenticator::lockedAccounts); today decides
     * which training dates are flagged as overdue.
     */
    void setUsers(const QList<UserRecord>& users, const QStringList& locked, QDate today);

    /** The record of a row; row must be valid. */
    const UserRecord& user(int row) const;
    /** The row of the user with that login name, or -1. */
    int rowOf(const QString& name) const;
    bool isLocked(int row) const;

    /** "active", "disabled" or "locked" (translated), as the Status column shows it. */
    QString statusText(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UserRecord> m_users;
    QSet<QString> m_locked;
    QDate m_today;
};

} // namespace alpr

#pragma once

#include "Role.h"

#include <QDate>
#include <QString>

namespace alpr {

/** A workstation account as kept in the store. The password never is: only a key slot (app/security). */
struct UserRecord
{
    qint64 id = 0;
    QString name; ///< login name, unique
    QString fullName;
    QString agency;
    Role role = Role::Detective;
    QDate trainedOn; ///< department-approved ALPR training (policy 462.3(d)); invalid = not trained
    QDate refresherDue; ///< yearly refresher
    bool cletsAuthorised = false; ///< policy 462.3(e)
    bool disabled = false;
    qint64 createdMs = 0;
    qint64 lastLoginMs = 0;
    qint64 passwordChangedMs = 0;
};

} // namespace alpr

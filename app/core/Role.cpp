#include "Role.h"

namespace alpr {

QString roleName(Role role)
{
    switch (role) {
    case Role::Detective:
        return QStringLiteral("detective");
    case Role::Clerk:
        return QStringLiteral("clerk");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

bool parseRole(const QString& name, Role* role)
{
    static const Role all[] = {Role::Detective, Role::Clerk, Role::Supervisor, Role::Admin};
    for (Role r : all) {
        if (name.compare(roleName(r), Qt::CaseInsensitive) == 0) {
            *role = r;
            return true;
        }
    }
    return false;
}

} // namespace alpr

#pragma once

#include <QString>

namespace alpr {

/** The department roles (policy 462.2, 462.5). Permissions per role live in app/security. */
enum class Role { Detective, Clerk, Supervisor, Admin };

/** "detective", "clerk", "supervisor", "admin": the names used by alpr-cli and in the store. */
QString roleName(Role role);
/** Parses the names above; false when unknown. */
bool parseRole(const QString& name, Role* role);

} // namespace alpr

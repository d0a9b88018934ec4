#include "Permissions.h"

#include <QCoreApplication>

namespace alpr {

namespace {

struct Row
{
    Permission permission;
    bool detective;
    bool clerk;
    bool supervisor;
    bool admin;
};

// The role table (README "Roles"). Administrators run the system (accounts, retention) but, by separation of
// duties, do not search ALPR data; supervisors audit and may do everything an investigator does; records clerks
// answer records requests (search, images, disclosure) but do not canvass or work hits.
constexpr Row kTable[] = {
    // permission                 det    clerk  sup    admin
    {Permission::Search,          true,  true,  true,  false},
    {Permission::Canvass,         true,  false, true,  false},
    {Permission::ViewImages,      true,  true,  true,  false},
    {Permission::ExportShare,     true,  true,  true,  false},
    {Permission::ReviewHits,      true,  false, true,  false},
    {Permission::VerifyInClets,   true,  false, true,  false},
    {Permission::CorrectMisreads, false, false, true,  false},
    {Permission::ReviewAudit,     false, false, true,  true},
    {Permission::ManageUsers,     false, false, false, true},
    {Permission::SetRetention,    false, false, false, true},
    // Field data is day-to-day operation of ALPR data (462.2): records clerks and supervisors load it; detectives
    // query it; administrators, by separation of duties, do not handle ALPR data.
    {Permission::ImportData,      false, true,  true,  false},
    // Policy 462.4(b): the field officer moves the laptop's reads to the home server each shift. The server lets only
    // detectives and supervisors write reads; clerks load files at the station, administrators handle no ALPR data.
    {Permission::TransferData,    true,  false, true,  false},
};

} // namespace

bool Permissions::allows(Role role, Permission permission)
{
    for (const Row& row : kTable) {
        if (row.permission != permission)
            continue;
        switch (role) {
        case Role::Detective:
            return row.detective;
        case Role::Clerk:
            return row.clerk;
        case Role::Supervisor:
            return row.supervisor;
        case Role::Admin:
            return row.admin;
        }
    }
    return false;
}

bool Permissions::isDataAccess(Permission permission)
{
    switch (permission) {
    case Permission::Search:
    case Permission::Canvass:
    case Permission::ViewImages:
    case Permission::ExportShare:
    case Permission::ReviewHits:
    case Permission::VerifyInClets:
    case Permission::CorrectMisreads:
        return true;
    case Permission::ReviewAudit:
    case Permission::ManageUsers:
    case Permission::SetRetention:
    case Permission::ImportData: // not a query: no case; ImportService checks training itself
    case Permission::TransferData: // not a query: no case; TransferService checks training itself
        return false;
    }
    return true;
}

QList<Permission> Permissions::all()
{
    QList<Permission> out;
    for (const Row& row : kTable)
        out.append(row.permission);
    return out;
}

QString Permissions::label(Permission permission)
{
    switch (permission) {
    case Permission::Search:
        return QCoreApplication::translate("Permissions", "search");
    case Permission::Canvass:
        return QCoreApplication::translate("Permissions", "canvass");
    case Permission::ViewImages:
        return QCoreApplication::translate("Permissions", "view images");
    case Permission::ExportShare:
        return QCoreApplication::translate("Permissions", "export and share");
    case Permission::ReviewHits:
        return QCoreApplication::translate("Permissions", "review hits");
    case Permission::VerifyInClets:
        return QCoreApplication::translate("Permissions", "record CLETS verifications");
    case Permission::CorrectMisreads:
        return QCoreApplication::translate("Permissions", "correct misreads");
    case Permission::ReviewAudit:
        return QCoreApplication::translate("Permissions", "review audits");
    case Permission::ManageUsers:
        return QCoreApplication::translate("Permissions", "manage users");
    case Permission::SetRetention:
        return QCoreApplication::translate("Permissions", "set retention");
    case Permission::ImportData:
        return QCoreApplication::translate("Permissions", "import field data");
    case Permission::TransferData:
        return QCoreApplication::translate("Permissions", "transfer field data to the server");
    }
    return {};
}

} // namespace alpr

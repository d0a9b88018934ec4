#pragma once

#include "Role.h"

#include <QList>
#include <QString>

namespace alpr {

/** What a user may do. Which roles hold which permission is the table in Permissions.cpp (and the README). */
enum class Permission {
    Search, ///< plate and partial-plate search, reads lists
    Canvass, ///< scene canvass, multi-scene, convoy, locate
    ViewImages, ///< overview and plate-crop images
    ExportShare, ///< exports and disclosures to other agencies
    ReviewHits, ///< hotlist hits: review, disposition
    VerifyInClets, ///< record a CLETS verification of a hit (also needs the user's CLETS authorisation)
    CorrectMisreads, ///< correct a read's plate
    ReviewAudit, ///< audit and access logs, audit verification
    ManageUsers, ///< accounts, roles, training dates, unlocks
    SetRetention, ///< retention period, legal holds, password rules
    ImportData, ///< import field-unit files (OpenALPR, CSV) into the store; needs training, not a case
    TransferData, ///< end-of-shift transfer of a local store to the server, then purge; needs training, not a case
};

class Permissions
{
public:
    static bool allows(Role role, Permission permission);
    /** Permissions that touch ALPR data: they need training, an active case, and write an access record. */
    static bool isDataAccess(Permission permission);
    static QList<Permission> all();
    /** Short translated label, e.g. "export and share". */
    static QString label(Permission permission);
};

} // namespace alpr

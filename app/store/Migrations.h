#pragma once

#include "Result.h"

class QSqlDatabase;

namespace alpr {

/**
 * Versioned schema of the local store. Each step runs in its own transaction and bumps PRAGMA user_version,
 * so a store opened by a newer build is brought up to date step by step and a failed step leaves the previous
 * version intact. A store newer than this build is refused rather than guessed at.
 */
class Migrations
{
public:
    /** The schema version this build writes. */
    static int latestVersion();
    /** Brings the open database up to latestVersion(). */
    static Status migrate(QSqlDatabase& db, const QString& storePath);
    static Result<int> currentVersion(QSqlDatabase& db);
};

} // namespace alpr

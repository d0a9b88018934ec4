#pragma once

#include "Result.h"

#include <QString>

namespace alpr {

/**
 * Where the department's PostgreSQL server is: `postgresql://host:port/database?sslrootcert=/path/ca.crt` (CLI.md).
 *
 * The CA file is required: the connection is always made with sslmode=verify-full against it, so the URI cannot ask
 * for less (an sslmode other than verify-full is refused). User names and passwords never travel in the URI: the
 * acting user is --user and the password comes from the usual sources.
 */
struct ServerAddress
{
    QString host;
    int port = 5432;
    QString database;
    QString caFile; ///< PEM file with the CA that signed the server's certificate

    /** Parses the URI; errors name the URI and what is wrong with it (ErrorKind::Usage). */
    static Result<ServerAddress> parse(const QString& uri);
    /** "host:port/database", for messages, the status bar and the audit log. */
    QString describe() const;
    /** The URI again (postgresql://host:port/db?sslrootcert=...). */
    QString uri() const;
};

} // namespace alpr

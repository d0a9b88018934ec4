#pragma once

#include "ParsedRead.h"

#include <QString>

namespace alpr {

/**
 * Where an Importer delivers what it finds in a file, record by record, on the parsing thread. An importer never
 * stops at a bad record: it reports it and goes on.
 */
class ImportSink
{
public:
    virtual ~ImportSink() = default;
    /** A good record. Returns false when the import was cancelled: the importer then stops. */
    virtual bool accept(ParsedRead&& read) = 0;
    /** A bad record, with its first line and the reason (no plate in it). */
    virtual void reject(qint64 line, const QString& reason) = 0;
    /** A record that is deliberately not imported (a heartbeat; a frame its plate group already covers). */
    virtual void skip(const QString& why) = 0;
    /** Something the user should know that did not cost a record (counted per distinct message). */
    virtual void warn(const QString& message) = 0;
    /** How far into the file the importer is, in bytes. */
    virtual void progress(qint64 bytesDone) = 0;
    virtual bool cancelled() const = 0;
};

} // namespace alpr

#pragma once

#include "ImportIssue.h"
#include "ParsedRead.h"
#include "Result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace alpr {

/** What the parsing thread hands the writing thread: up to one batch of reads and what else it found meanwhile. */
struct ImportChunk
{
    int file = 0; ///< index into the run's file list
    QString format; ///< the importer chosen for the file
    QList<ParsedRead> reads;
    QList<ImportIssue> rejects;
    QMap<QString, qint64> skipped;
    QMap<QString, qint64> warnings;
    qint64 bytesDone = 0; ///< over the whole run
    bool fileDone = false; ///< the last chunk of its file
    std::optional<Error> fileError;
};

} // namespace alpr

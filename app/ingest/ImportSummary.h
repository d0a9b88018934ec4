#pragma once

#include "ImportIssue.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace alpr {

/** What happened to one file of an import. */
struct FileImportSummary
{
    QString path;
    QString format; ///< importer name, once chosen
    qint64 parsed = 0; ///< good records (reads) found
    qint64 inserted = 0; ///< reads added to the store
    qint64 alreadyPresent = 0; ///< good reads the store had already (same source file and id)
    qint64 rejected = 0; ///< bad records; the first kMaxIssues are in issues
    QMap<QString, qint64> skipped; ///< deliberately left out, by reason (heartbeats, grouped frames)
    QMap<QString, qint64> warnings; ///< by message
    QList<ImportIssue> issues;
    QString error; ///< the file as a whole failed (no mapping, unreadable, not the format)
    bool finished = false; ///< parsed to the end (not cancelled, not failed)
};

/**
 * The outcome of an import run: per file and in total, the rejected records with their reasons (exportable as CSV),
 * and the plates the written reads carry so the plate dictionary can learn them.
 */
struct ImportSummary
{
    static constexpr int kMaxIssues = 10000; ///< per file; the count goes on

    QList<FileImportSummary> files;
    bool cancelled = false;
    QString error; ///< the store failed: the batch in hand was not written, the run stopped
    QSet<QString> plates;
    double parseSeconds = 0; ///< parser thread busy time
    double writeSeconds = 0; ///< time inside Store::addReads and camera upserts
    double wallSeconds = 0;

    qint64 parsed() const;
    qint64 inserted() const;
    qint64 alreadyPresent() const;
    qint64 rejected() const;
    bool hasFileErrors() const;
    /** Every issue kept, in file order. */
    QList<ImportIssue> issues() const;
    /** "file,line,reason" with a header, RFC 4180 quoting. */
    QByteArray issuesCsv() const;
    /** Short user-facing lines: per file counts and the first few issues. */
    QStringList describe(int maxIssues = 20) const;
};

} // namespace alpr

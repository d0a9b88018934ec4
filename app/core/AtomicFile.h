#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace alpr {

/**
 * Replaces the file at path with data, atomically and durably: a temporary file (owner-only mode when ownerOnly),
 * unbuffered writes each checked, fsync, rename, then fsync of the directory. Either the old file or the complete new
 * one is there afterwards, never a truncated one.
 *
 * Why not plain QSaveFile: Qt 6.4's QSaveFile::commit() ignores an error from flushing its write buffer and renames a
 * short file over the good one (seen with a full disk / file-size limit).
 *
 * what names the file for messages, e.g. "key file".
 */
Status writeFileAtomically(const QString& path, const QByteArray& data, const QString& what, bool ownerOnly = true);

} // namespace alpr

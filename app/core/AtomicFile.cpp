#include "AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AtomicFile", text);
}

void syncDirectory(const QString& filePath)
{
    // The rename is only durable once the directory entry is on disk. Best effort: a failure here does not undo a
    // successful write.
    const QByteArray dir = QFile::encodeName(QFileInfo(filePath).absolutePath());
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Status writeFileAtomically(const QString& path, const QByteArray& data, const QString& what, bool ownerOnly)
{
    const QString shown = QDir::toNativeSeparators(path);
    const auto ownerOnlyMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failure(tr("Cannot write %1 %2: %3").arg(what, shown, file.errorString()));
    // Narrow the temporary file's mode before any byte is written, so secrets are never readable by others.
    if (ownerOnly && !file.setPermissions(ownerOnlyMode)) {
        file.cancelWriting();
        return failure(tr("Cannot restrict the permissions of %1 %2: %3").arg(what, shown, file.errorString()));
    }
    const bool written = file.write(data) == data.size() && file.flush() && ::fsync(file.handle()) == 0;
    if (!written) {
        const int savedErrno = errno;
        // A short write sets no QFileDevice error, only errno (EFBIG, ENOSPC).
        QString reason = file.errorString();
        if (file.error() == QFileDevice::NoError)
            reason = savedErrno != 0 ? QString::fromLocal8Bit(std::strerror(savedErrno))
                                     : tr("not all of it could be written (is the disk full?)");
        file.cancelWriting();
        return failure(tr("Cannot write %1 %2: %3").arg(what, shown, reason));
    }
    if (!file.commit())
        return failure(tr("Cannot write %1 %2: %3").arg(what, shown, file.errorString()));
    syncDirectory(path);
    // Again on the final name, in case the rename kept the mode of a file that was there before.
    if (ownerOnly && !QFile::setPermissions(path, ownerOnlyMode))
        return failure(tr("%1 %2 was written but its permissions could not be set to owner-only (0600).")
                           .arg(what, shown));
    return {};
}

} // namespace alpr

#include "EvidenceExporter.h"

#include "AtomicFile.h"
#include "AuditLog.h"
#include "Clock.h"
#include "Session.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QJsonObject>
#include <QPainter>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("EvidenceExporter", text);
}

QString zoned(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return tr("%1 %2 (%3 UTC)")
        .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), local.timeZoneAbbreviation(),
             utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

} // namespace

EvidenceExporter::EvidenceExporter(Session& session)
    : m_session(session)
{
}

QString EvidenceExporter::sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray EvidenceExporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return QByteArrayLiteral("png");
    if (suffix == u"jpg" || suffix == u"jpeg")
        return QByteArrayLiteral("jpeg");
    return {};
}

QStringList EvidenceExporter::captionLines(const EvidenceRequest& r, qint64 nowMs) const
{
    QStringList lines;
    const auto& activeCase = m_session.activeCase();
    if (activeCase)
        lines.append(tr("Case %1 — %2: %3").arg(activeCase->number, activeCase->category, activeCase->purpose));
    const UserRecord& u = m_session.user();
    const QString who = u.fullName.isEmpty() ? u.name : tr("%1 (%2)").arg(u.fullName, u.name);
    lines.append(tr("Exported by %1%2 at %3")
                     .arg(who, u.agency.isEmpty() ? QString() : tr(", %1").arg(u.agency), zoned(nowMs)));
    QStringList read;
    if (r.readId > 0)
        read.append(tr("Read %1").arg(r.readId));
    if (!r.plate.isEmpty())
        read.append(tr("plate as read %1").arg(r.plate));
    if (r.readTimeMs > 0)
        read.append(zoned(r.readTimeMs));
    if (!r.cameraName.isEmpty())
        read.append(r.cameraName);
    if (!r.imageKind.isEmpty())
        read.append(r.imageKind);
    if (!read.isEmpty())
        lines.append(read.join(QStringLiteral(" · ")));
    const QStringList applied = r.settings.describe();
    lines.append(applied.isEmpty() ? tr("Enhancements: none (the original image)")
                                   : tr("Enhancements, in order: %1").arg(applied.join(QStringLiteral("; "))));
    lines.append(tr("SHA-256 of the stored original: %1").arg(sha256Hex(r.originalBytes)));
    return lines;
}

QImage EvidenceExporter::compose(const QImage& image, const QStringList& captionLines)
{
    const int width = std::max(image.width(), 960);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::clamp(width / 64, 14, 28));
    const QFontMetrics metrics(font);
    const int pad = font.pixelSize();
    const QRect textArea(pad, 0, width - 2 * pad, 100000);
    const QString text = captionLines.join(u'\n');
    const QRect needed = metrics.boundingRect(textArea, Qt::TextWordWrap | Qt::AlignLeft, text);
    const int strip = needed.height() + 2 * pad;

    QImage out(width, image.height() + strip, QImage::Format_RGB32);
    out.fill(QColor(250, 250, 248));
    QPainter p(&out);
    p.fillRect(QRect(0, 0, width, image.height()), QColor(32, 32, 32));
    // Pixels as they are: centred, never scaled (scaling would change the evidence).
    p.drawImage(QPoint((width - image.width()) / 2, 0), image);
    p.setPen(QColor(160, 160, 160));
    p.drawLine(0, image.height(), width, image.height());
    p.setFont(font);
    p.setPen(Qt::black);
    p.drawText(QRect(pad, image.height() + pad, width - 2 * pad, needed.height()), Qt::TextWordWrap | Qt::AlignLeft,
               text);
    p.end();
    return out;
}

Result<QByteArray> EvidenceExporter::encode(const QImage& image, const QByteArray& format)
{
    const QByteArray f = format.toLower() == "jpg" ? QByteArrayLiteral("jpeg") : format.toLower();
    if (f != "png" && f != "jpeg")
        return usageError(tr("Evidence can be saved as PNG or JPEG, not '%1'.").arg(QString::fromLatin1(format)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, f.constData(), f == "jpeg" ? 95 : -1))
        return failure(tr("The image could not be encoded as %1.").arg(QString::fromLatin1(f).toUpper()));
    return bytes;
}

Result<EvidenceRecord> EvidenceExporter::exportImage(const EvidenceRequest& r)
{
    if (Status s = m_session.authorise(Permission::ExportShare, QStringLiteral("evidence export")); !s)
        return s.error();
    if (r.originalBytes.isEmpty() || r.enhanced.isNull())
        return usageError(tr("There is no image to export."));
    if (r.path.isEmpty())
        return usageError(tr("No file was chosen for the export."));
    const QByteArray format = r.format.isEmpty() ? formatForPath(r.path) : r.format;
    if (format.isEmpty())
        return usageError(
            tr("%1: choose a file name ending in .png or .jpg.").arg(QFileInfo(r.path).fileName()));
    const qint64 now = m_session.clock().nowMs();
    auto bytes = encode(compose(r.enhanced, captionLines(r, now)), format);
    if (!bytes)
        return bytes.error();

    EvidenceRecord record;
    record.path = QFileInfo(r.path).absoluteFilePath();
    record.originalSha256 = sha256Hex(r.originalBytes);
    record.exportSha256 = sha256Hex(bytes.value());
    record.bytes = bytes->size();
    const bool existed = QFileInfo::exists(record.path);
    if (Status s = writeFileAtomically(record.path, bytes.value(), tr("evidence export"), true); !s)
        return s.error();

    const auto& activeCase = m_session.activeCase();
    const QJsonObject detail {
        { QStringLiteral("case"), activeCase ? activeCase->number : QString() },
        { QStringLiteral("read_id"), double(r.readId) },
        { QStringLiteral("image"), r.imageKind },
        { QStringLiteral("file"), record.path },
        { QStringLiteral("format"), QString::fromLatin1(format) },
        { QStringLiteral("bytes"), double(record.bytes) },
        { QStringLiteral("original_sha256"), record.originalSha256 },
        { QStringLiteral("export_sha256"), record.exportSha256 },
        { QStringLiteral("enhancements"), r.settings.toJson() },
    };
    if (Status s = m_session.audit().record(m_session.user().name, auditEvent(), QStringLiteral("success"), detail);
        !s) {
        // An export the audit log does not know of must not exist; a file replaced under the same name cannot be
        // restored, so that case is named in the message.
        QFile::remove(record.path);
        return failure(tr("The export was not recorded in the audit log (%1), so the file was removed%2.")
                           .arg(s.error().message,
                                existed ? tr(" (it replaced an older file of the same name, which is lost)")
                                        : QString()));
    }
    return record;
}

} // namespace alpr

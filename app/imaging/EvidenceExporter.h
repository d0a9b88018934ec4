#pragma once

#include "EnhancementSettings.h"
#include "Result.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>

namespace alpr {

class Session;

/** What to export: the stored original, the image as enhanced, and what the caption must say about it. */
struct EvidenceRequest
{
    QByteArray originalBytes; ///< the stored JPEG exactly as stored (its SHA-256 goes in the caption and the log)
    QImage enhanced; ///< the image to export (the original decoded, when no enhancement is on)
    EnhancementSettings settings; ///< what was applied, with parameters
    qint64 readId = 0;
    QString imageKind; ///< "overview image" / "plate crop" (translated, for the caption)
    QString plate; ///< the read's plate as read by the OCR
    qint64 readTimeMs = 0;
    QString cameraName;
    QString path; ///< where the user chose to save it
    QByteArray format; ///< "png" or "jpeg"; empty: from the path's suffix
};

/** What was written, as recorded in the audit log. */
struct EvidenceRecord
{
    QString path;
    QString originalSha256; ///< hex
    QString exportSha256; ///< hex, of the file's bytes as written
    qint64 bytes = 0;
};

/**
 * Exports an enhanced image as evidence: the image above a caption strip (case number and purpose; who exported it
 * and when, in the workstation's zone with its abbreviation and in UTC; the read, its time and camera; every
 * enhancement with its parameters; the original's SHA-256), encoded as PNG or JPEG and written atomically
 * (writeFileAtomically: the old file or the whole new one, never a part). Then one "evidence.export" audit row
 * carries the SHA-256 of the stored original and of the file written, so the file can later be matched to the
 * record. If that row cannot be written, the file is removed and the export fails.
 *
 * Needs Permission::ExportShare with an active case (Session::authorise: role, training, case). Use on the
 * thread that owns the session's store; compose() and encode() may run on any thread with a QGuiApplication.
 */
class EvidenceExporter
{
public:
    explicit EvidenceExporter(Session& session);

    Result<EvidenceRecord> exportImage(const EvidenceRequest& request);
    /** The caption's lines for request, at time nowMs (translated). */
    QStringList captionLines(const EvidenceRequest& request, qint64 nowMs) const;

    /** image with the caption strip under it (at least 960 px wide so the caption stays legible). */
    static QImage compose(const QImage& image, const QStringList& captionLines);
    /** PNG, or JPEG at quality 95; format "png"/"jpeg"/"jpg". */
    static Result<QByteArray> encode(const QImage& image, const QByteArray& format);
    /** "png" or "jpeg" from a file name's suffix (empty when neither). */
    static QByteArray formatForPath(const QString& path);
    /** Lower-case hex SHA-256. */
    static QString sha256Hex(const QByteArray& bytes);
    /** The audit event's name. */
    static QString auditEvent() { return QStringLiteral("evidence.export"); }

private:
    Session& m_session;
};

} // namespace alpr

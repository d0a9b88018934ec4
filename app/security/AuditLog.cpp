#include "AuditLog.h"

#include "Clock.h"
#include "Crypto.h"
#include "Store.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QtEndian>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AuditLog", text);
}

constexpr int kHashBytes = 32;
constexpr int kHeadKeyBytes = 32;

// Length-prefixed fields make the encoding injective: no two different rows give the same bytes, whatever the
// fields contain (a ':' or a NUL in a user name cannot shift one field into the next).
void appendField(QByteArray& out, const QByteArray& value)
{
    char length[4];
    qToBigEndian<quint32>(quint32(value.size()), length);
    out.append(length, 4);
    out.append(value);
}

void appendField(QByteArray& out, qint64 value)
{
    char bytes[8];
    qToBigEndian<qint64>(value, bytes);
    appendField(out, QByteArray(bytes, 8));
}

QByteArray anchorMessage(qint64 id, const QByteArray& hash)
{
    QByteArray message;
    appendField(message, QByteArrayLiteral("alpr-audit-head-v1"));
    appendField(message, id);
    appendField(message, hash);
    return message;
}

Error badKey()
{
    return failure(tr("The audit log's key is missing or malformed (it must be 32 bytes)."));
}

} // namespace

AuditLog::AuditLog(Store& store, const Clock& clock, QByteArray headKey, QString source)
    : m_store(store)
    , m_clock(clock)
    , m_headKey(std::move(headKey))
    , m_source(std::move(source))
{
    m_headKey.detach();
}

AuditLog::~AuditLog()
{
    secureZero(m_headKey);
}

QString AuditLog::anchorSetting()
{
    return QStringLiteral("audit_head");
}

QString AuditLog::integrityEvent()
{
    return QStringLiteral("audit.integrity");
}

QByteArray AuditLog::canonicalBytes(const AuditRow& row)
{
    QByteArray out;
    out.reserve(128 + row.detail.size());
    appendField(out, QByteArrayLiteral("alpr-audit-row-v1"));
    appendField(out, row.id);
    appendField(out, row.timeMs);
    appendField(out, row.username.toUtf8());
    appendField(out, row.event.toUtf8());
    appendField(out, row.outcome.toUtf8());
    appendField(out, row.source.toUtf8());
    appendField(out, row.detail.toUtf8());
    appendField(out, row.prevHash);
    return out;
}

QByteArray AuditLog::rowHash(const AuditRow& row)
{
    return sha256(row.prevHash + canonicalBytes(row));
}

QString AuditLog::anchorText(qint64 id, const QByteArray& hash, const QByteArray& headKey)
{
    const QByteArray mac = hmacSha256(headKey, anchorMessage(id, hash));
    return QStringLiteral("%1:%2:%3").arg(id).arg(QString::fromLatin1(hash.toHex()), QString::fromLatin1(mac.toHex()));
}

std::optional<AuditAnchor> AuditLog::parseAnchor(const QString& text, const QByteArray& headKey)
{
    const QStringList parts = text.split(u':');
    if (parts.size() != 3 || parts[1].size() != 2 * kHashBytes || parts[2].size() != 2 * kHashBytes)
        return std::nullopt;
    bool ok = false;
    AuditAnchor anchor;
    anchor.id = parts[0].toLongLong(&ok);
    if (!ok || anchor.id < 1)
        return std::nullopt;
    anchor.hash = QByteArray::fromHex(parts[1].toLatin1());
    const QByteArray mac = QByteArray::fromHex(parts[2].toLatin1());
    // fromHex skips non-hex characters, so a short result means the text was not pure hex.
    if (anchor.hash.size() != kHashBytes || mac.size() != kHashBytes)
        return std::nullopt;
    if (!constantTimeEquals(mac, hmacSha256(headKey, anchorMessage(anchor.id, anchor.hash))))
        return std::nullopt;
    return anchor;
}

Status AuditLog::record(const QString& user, const QString& event, const QString& outcome, const QJsonObject& detail)
{
    if (m_headKey.size() != kHeadKeyBytes)
        return badKey();
    auto appended = append(user, event, outcome, detail);
    if (!appended)
        return appended.error();
    return advanceAnchor(appended.value());
}

Result<AuditVerification> AuditLog::verify() const
{
    AuditVerifier verifier(m_store, m_headKey);
    return verifier.verify();
}

Result<AuditRow> AuditLog::append(const QString& user, const QString& event, const QString& outcome,
                                  const QJsonObject& detail)
{
    AuditRow row;
    row.timeMs = m_clock.nowMs();
    row.username = user;
    row.event = event;
    row.outcome = outcome;
    row.source = m_source;
    row.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    return m_store.appendAudit(row, &AuditLog::rowHash);
}

Status AuditLog::advanceAnchor(const AuditRow& appended)
{
    // The append committed in its own transaction; this read-compare-write of the anchor is not atomic with it,
    // and the Store interface has no compare-and-set. Two writers A (row 5) and B (row 6) can both read anchor 4,
    // B write 6, then A write 5: the anchor then lags one row behind until the next record() moves it forward
    // again. That lag is harmless (AuditVerifier accepts an anchor behind the end of an intact chain and reports
    // anchoredRowId), whereas an anchor ahead of the log is exactly what truncation looks like, so we never write
    // an anchor that could end up ahead. A crash between the append and this write leaves the same kind of lag.
    auto current = m_store.setting(anchorSetting());
    if (!current)
        return current.error();

    QString incident;
    if (current->isEmpty()) {
        // Only the very first append of a store legitimately finds no anchor.
        if (appended.id > 1)
            incident = tr("The audit log had no anchor when row %1 was written, although rows were present: the "
                          "anchor was deleted, and rows at the end of the log may have been removed with it.")
                           .arg(appended.id);
    } else if (auto head = parseAnchor(current.value(), m_headKey); !head) {
        incident = tr("The audit log's anchor was not authentic (forged or damaged) when row %1 was written.")
                       .arg(appended.id);
    } else if (head->id >= appended.id) {
        // Either another writer appended and anchored a later row meanwhile (normal), or rows were removed from the
        // end and our row took one of their ids. Only the anchored row itself can tell; reading it costs a scan,
        // which only happens when writers overlap or after tampering.
        auto stored = storedHash(head->id);
        if (!stored)
            return stored.error();
        if (stored->isEmpty())
            incident = tr("The audit log's anchor named row %1, but the log ended at row %2 when row %3 was "
                          "written: rows after row %2 had been removed.")
                           .arg(head->id)
                           .arg(appended.id - 1)
                           .arg(appended.id);
        else if (stored.value() != head->hash)
            incident = tr("Row %1 no longer matched the audit log's anchor when row %2 was written: the log up to "
                          "row %1 had been rewritten.")
                           .arg(head->id)
                           .arg(appended.id);
        else
            return {};
    }

    AuditRow newest = appended;
    if (!incident.isEmpty()) {
        // Moving the anchor would erase the evidence, so put the evidence into the chain first; AuditVerifier
        // reports rows of this event for good.
        auto note
            = append(appended.username, integrityEvent(), QStringLiteral("failure"),
                     { { QStringLiteral("problem"), incident }, { QStringLiteral("found_at_row"), appended.id } });
        if (!note)
            return note.error();
        newest = note.value();
    }
    if (Status s = m_store.setSetting(anchorSetting(), anchorText(newest.id, newest.hash, m_headKey)); !s)
        return failure(tr("Row %1 was added to the audit log, but its anchor could not be updated: %2")
                           .arg(newest.id)
                           .arg(s.error().message));
    return {};
}

Result<QByteArray> AuditLog::storedHash(qint64 id) const
{
    QByteArray hash;
    Status s = m_store.forEachAudit([&](const AuditRow& row) {
        if (row.id == id)
            hash = row.hash;
        return row.id < id;
    });
    if (!s)
        return s.error();
    return hash;
}

} // namespace alpr

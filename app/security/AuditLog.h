#pragma once

#include "AuditVerifier.h"
#include "Result.h"
#include "Store.h" // AuditRow, part of this API

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace alpr {

class Clock;

/** The anchor's claim: the log ended at row id, whose hash was hash. */
struct AuditAnchor
{
    qint64 id = 0;
    QByteArray hash;
};

/**
 * The hash-chained audit log (policy 462.5(e), CJIS 5.4): every event (login, lock, case switch, query, image view,
 * export, user or setting change, purge) becomes one row with the UTC time in ms, user, event, outcome, source and a
 * JSON detail, chained by SHA-256 to the row before it.
 *
 * Row hash (stable; changing it invalidates every stored log):
 *   rowHash = SHA-256(prevHash || canonicalBytes(row))
 *   canonicalBytes = field("alpr-audit-row-v1") field(id) field(timeMs) field(username) field(event)
 *                    field(outcome) field(source) field(detail) field(prevHash)
 *   field(x) = 4-byte big-endian length of x, then x; integers are 8-byte big-endian two's complement,
 *   text is UTF-8 exactly as stored (detail is the stored JSON text, not re-serialised).
 * The id is inside the hash, so renumbering or reordering rows is detected; the first row's prevHash is 32 zero bytes.
 *
 * Anchor: a plain chain cannot show that its last rows were deleted, so after each append the store setting
 * "audit_head" is set to "<id>:<hash hex>:<HMAC hex>", HMAC-SHA256 under headKey over field("alpr-audit-head-v1")
 * field(id) field(hash). The anchor only moves forward (see record()). The anchor protects against whoever can change
 * the store's rows but does not hold the data key the headKey is derived from (e.g. a server administrator); whoever
 * holds the data key can rebuild everything, and an old anchor replayed with the rows after it removed is not
 * detected (that needs a counter outside the store, e.g. on the server).
 *
 * One AuditLog per Store connection, used on the thread that owns the store. Several processes or connections may
 * append to the same store at once: the store serialises the appends.
 */
class AuditLog
{
public:
    /**
     * headKey: 32 bytes derived by the caller from the store's data key (hkdfSha256(dataKey, "alpr audit head")).
     * source: "workstation" or "cli" plus host, recorded on every row.
     */
    AuditLog(Store& store, const Clock& clock, QByteArray headKey, QString source);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    /**
     * Appends one event, then moves the anchor forward to it. detail is a JSON object: never passwords or keys;
     * plates and case numbers are allowed (the log is inside the encrypted store and is where they belong).
     *
     * If the anchor found at that moment is missing (with earlier rows present), not authentic, or names a row that is
     * no longer in the log or no longer has the anchored hash, one more row is appended as evidence of it
     * (event integrityEvent(), outcome "failure", detail {"problem": ...}) before the anchor is moved, so the
     * evidence is not overwritten. Fails when the store fails or headKey is not 32 bytes; a failure after the row was
     * appended (anchor update) is reported too, the row stays.
     */
    Status record(const QString& user, const QString& event, const QString& outcome, const QJsonObject& detail = {});

    /** Verifies the whole chain and the anchor (AuditVerifier). */
    Result<AuditVerification> verify() const;

    QString source() const { return m_source; }

    /** The canonical bytes hashed for a row (see the class comment); the hash field is not part of them. */
    static QByteArray canonicalBytes(const AuditRow& row);
    /** SHA-256(prevHash || canonicalBytes(row)): what row.hash must be. */
    static QByteArray rowHash(const AuditRow& row);

    /** The store setting that holds the anchor. */
    static QString anchorSetting();
    /** The event name of the rows record() adds when it finds the anchor broken. */
    static QString integrityEvent();
    /** The anchor setting's text for row id with the given hash. */
    static QString anchorText(qint64 id, const QByteArray& hash, const QByteArray& headKey);
    /** The anchor in text, or nullopt when it is malformed or its HMAC does not verify under headKey. */
    static std::optional<AuditAnchor> parseAnchor(const QString& text, const QByteArray& headKey);

private:
    Result<AuditRow> append(const QString& user, const QString& event, const QString& outcome,
                            const QJsonObject& detail);
    Status advanceAnchor(const AuditRow& appended);
    Result<QByteArray> storedHash(qint64 id) const;

    Store& m_store;
    const Clock& m_clock;
    QByteArray m_headKey;
    QString m_source;
};

} // namespace alpr

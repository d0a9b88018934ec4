#include "RemoteStore.h"

#include "LogRows.h"

#include "LocalStore.h"
#include "ReadRow.h"
#include "PgArray.h"
#include "PgConnection.h"
#include "PgReadWriter.h"
#include "ServerSchema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <charconv>
#include <vector>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RemoteStore", text);
}

constexpr int kPage = 10000; // rows per keyset page when streaming

const QString kReadColumns = QStringLiteral(
    "r.id, p.plate, r.state, r.time_ms, r.lat, r.lon, r.heading, r.camera_id, r.confidence, r.candidates, r.make, "
    "r.model, r.colour, r.source_file, r.source_id, r.has_images, r.plate_id");




using LogRows::text;

QVariant date(const QDate& d)
{
    return d.isValid() ? QVariant(d) : QVariant(QMetaType::fromType<QDate>());
}

QVariant nullableHeading(float heading)
{
    return heading < 0 ? QVariant(QMetaType::fromType<double>()) : QVariant(double(heading));
}

const QString kPendingMfaPrefix = QStringLiteral("mfa_pending:");

} // namespace

RemoteStore::RemoteStore(std::unique_ptr<PgConnection> connection)
    : m_c(std::move(connection))
{
}

RemoteStore::~RemoteStore() = default;

Result<std::unique_ptr<RemoteStore>> RemoteStore::connect(const ServerAddress& address, const QString& role,
                                                          const QString& password, int connections)
{
    auto connection = PgConnection::open(address, role, password);
    if (!connection)
        return connection.error();
    std::unique_ptr<RemoteStore> store(new RemoteStore(std::move(connection.value())));
    QSqlQuery q(store->m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT (SELECT value FROM alpr.meta WHERE key = 'schema_version'), (SELECT value FROM "
                               "alpr.meta WHERE key = 'store_id'), (SELECT value FROM alpr.meta WHERE key = "
                               "'audit_secret'), alpr.is_admin(), has_column_privilege('alpr.audit_log', 'detail', "
                               "'SELECT'), alpr.current_agency()"))
        || !q.next()) {
        const QSqlError e = q.lastError();
        if (e.nativeErrorCode() == QLatin1String("42P01") || e.nativeErrorCode() == QLatin1String("3F000"))
            return failure(tr("The server %1 has no ALPR schema: an administrator must run 'alpr-cli server init' "
                              "on it first.")
                               .arg(address.describe()));
        if (isPermissionDenied(e))
            return authError(
                tr("The database role %1 is not an ALPR account on the server %2.").arg(role, address.describe()));
        return store->m_c->error(QStringLiteral("schema check"), e);
    }
    store->m_schemaVersion = q.value(0).toInt();
    store->m_serverId = q.value(1).toString();
    store->m_auditSecret = QByteArray::fromHex(q.value(2).toString().toLatin1());
    store->m_admin = q.value(3).toBool();
    store->m_auditor = q.value(4).toBool();
    store->m_agency = q.value(5).toString();
    q.finish();
    if (store->m_schemaVersion > ServerSchema::kVersion)
        return failure(tr("The server %1 has ALPR schema version %2, newer than this program understands (%3). Use a "
                          "newer ALPR Workstation.")
                           .arg(address.describe())
                           .arg(store->m_schemaVersion)
                           .arg(ServerSchema::kVersion));
    // An older schema lacks what this version relies on (version 2: the transfer's batch rows); server init adds it.
    if (store->m_schemaVersion >= 1 && store->m_schemaVersion < ServerSchema::kVersion)
        return failure(tr("The server %1 has ALPR schema version %2, older than this program needs (%3): an "
                          "administrator runs 'alpr-cli server init' on it again (as a PostgreSQL superuser).")
                           .arg(address.describe())
                           .arg(store->m_schemaVersion)
                           .arg(ServerSchema::kVersion));
    if (store->m_schemaVersion < 1 || store->m_auditSecret.size() != 32)
        return failure(tr("The server %1 has an incomplete ALPR schema: run 'alpr-cli server init' again.")
                           .arg(address.describe()));
    // The transfer's further connections, opened now: the password is not kept for later. Best effort: a server at
    // its connection limit (or the role at its own) still gets the transfer, one batch at a time.
    for (int i = 1; i < connections; ++i) {
        auto lane = PgConnection::open(address, role, password);
        if (!lane)
            break;
        store->m_lanes.push_back(std::move(lane.value()));
    }
    return store;
}

const ServerAddress& RemoteStore::address() const
{
    return m_c->address();
}

QString RemoteStore::role() const
{
    return m_c->role();
}

QString RemoteStore::describe() const
{
    return tr("server %1").arg(m_c->address().describe());
}

Result<StoreStats> RemoteStore::stats()
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT reads, plates, cameras, images, first_ms, last_ms, hotlist_entries FROM "
                               "alpr.store_stats()"))
        || !q.next())
        return m_c->error(QStringLiteral("stats"), q.lastError());
    StoreStats s;
    s.reads = q.value(0).toLongLong();
    s.plates = q.value(1).toLongLong();
    s.cameras = q.value(2).toLongLong();
    s.images = q.value(3).toLongLong();
    s.firstMs = q.value(4).toLongLong();
    s.lastMs = q.value(5).toLongLong();
    s.hotlistEntries = q.value(6).toLongLong();
    s.schemaVersion = m_schemaVersion;
    return s;
}

Result<QList<Camera>> RemoteStore::upsertCameras(const QList<Camera>& cameras)
{
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO alpr.cameras (name, unit, mobile, lat, lon, heading) VALUES (?, ?, ?, ?, ?, "
                             "?) ON CONFLICT (agency, name) DO UPDATE SET name = excluded.name RETURNING id"));
    QList<Camera> out;
    out.reserve(cameras.size());
    for (Camera c : cameras) {
        q.addBindValue(text(c.name));
        q.addBindValue(text(c.unit));
        q.addBindValue(c.mobile);
        q.addBindValue(c.lat);
        q.addBindValue(c.lon);
        q.addBindValue(nullableHeading(c.heading));
        if (!q.exec() || !q.next()) {
            const Error e = m_c->error(QStringLiteral("camera insert"), q.lastError());
            db.rollback();
            return e;
        }
        c.id = q.value(0).toLongLong();
        q.finish();
        out.append(c);
    }
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    return out;
}

Result<QList<Camera>> RemoteStore::cameras()
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, unit, mobile, lat, lon, heading FROM alpr.cameras ORDER BY id")))
        return m_c->error(QStringLiteral("cameras"), q.lastError());
    QList<Camera> out;
    while (q.next()) {
        Camera c;
        c.id = q.value(0).toLongLong();
        c.name = q.value(1).toString();
        c.unit = q.value(2).toString();
        c.mobile = q.value(3).toBool();
        c.lat = q.value(4).toDouble();
        c.lon = q.value(5).toDouble();
        c.heading = q.value(6).isNull() ? -1.0f : q.value(6).toFloat();
        out.append(c);
    }
    return out;
}

Result<qint64> RemoteStore::addReads(const QList<Read>& reads)
{
    if (reads.isEmpty())
        return qint64(0);
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    PgReadWriter writer(*m_c, m_agency);
    auto written = writer.write(reads);
    if (!written) {
        db.rollback();
        return written.error();
    }
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    return written;
}

Result<ReadBatchReceipt> RemoteStore::addReadsConfirmed(const QList<Read>& reads)
{
    QSet<std::pair<QString, QString>> keys;
    for (const Read& r : reads) {
        if (r.sourceId.isEmpty())
            return usageError(tr("A read sent for confirmation has no source id (plate read at %1).").arg(r.timeMs));
        if (keys.contains({ r.sourceFile, r.sourceId }))
            return usageError(tr("The batch holds the source key %1/%2 twice.").arg(r.sourceFile, r.sourceId));
        keys.insert({ r.sourceFile, r.sourceId });
    }
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    PgReadWriter writer(*m_c, m_agency);
    auto written = writer.write(reads);
    if (!written) {
        db.rollback();
        return written.error();
    }
    auto receipt = writer.confirm(reads);
    if (!receipt) {
        db.rollback();
        return receipt.error();
    }
    // The receipt describes committed rows only once the commit succeeded.
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    receipt->inserted = written.value();
    return receipt;
}

namespace {

/** A read's line in a buffer of UTF-8 lines: where it starts, its key parts (file US id) and the whole line end. */
struct KeyedLine
{
    qsizetype at, fileBytes, idBytes, bytes, read;
};

/** Sorts lines by their keys' bytes: what COLLATE "C" sorts by on the server. */
void sortByKey(std::vector<KeyedLine>& lines, const char* base)
{
    std::sort(lines.begin(), lines.end(), [base](const KeyedLine& a, const KeyedLine& b) {
        const QByteArrayView fileA(base + a.at, a.fileBytes), fileB(base + b.at, b.fileBytes);
        if (const int c = fileA.compare(fileB); c != 0)
            return c < 0;
        return QByteArrayView(base + a.at + a.fileBytes + 1, a.idBytes)
                   .compare(QByteArrayView(base + b.at + b.fileBytes + 1, b.idBytes))
            < 0;
    });
}

/** Appends a read's key (file US id) to text and returns its line, without the rest. */
KeyedLine appendKey(QByteArray& text, const Read& r, qsizetype read)
{
    KeyedLine l;
    l.at = text.size();
    l.read = read;
    text += r.sourceFile.toUtf8();
    l.fileBytes = text.size() - l.at;
    text += '\x1f';
    text += r.sourceId.toUtf8();
    l.idBytes = text.size() - l.at - l.fileBytes - 1;
    l.bytes = text.size() - l.at;
    return l;
}

} // namespace

QByteArray RemoteStore::batchHash(const QList<Read>& reads)
{
    // Every read's line once, as UTF-8, into one buffer, with where its key parts end: sorting compares the key bytes
    // without converting the strings again in every comparison, and the sorted lines go to SHA-256 in one call (one
    // allocation per batch, not five per read).
    QByteArray text;
    text.reserve(reads.size() * 64);
    std::vector<KeyedLine> lines;
    lines.reserve(reads.size());
    char digits[24];
    for (qsizetype i = 0; i < reads.size(); ++i) {
        const Read& r = reads.at(i);
        KeyedLine l = appendKey(text, r, i);
        text += '\x1f';
        text += r.plate.toUtf8();
        text += '\x1f';
        text += r.state.toUtf8();
        text += '\x1f';
        const auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), r.timeMs);
        text.append(digits, end - digits);
        text += '\x1e';
        l.bytes = text.size() - l.at;
        lines.push_back(l);
    }
    const char* base = text.constData();
    sortByKey(lines, base);
    QByteArray sorted;
    sorted.reserve(text.size());
    for (const KeyedLine& l : lines)
        sorted.append(base + l.at, l.bytes);
    return QCryptographicHash::hash(sorted, QCryptographicHash::Sha256);
}

QList<Read> RemoteStore::inKeyOrder(const QList<Read>& reads)
{
    QByteArray text;
    text.reserve(reads.size() * 48);
    std::vector<KeyedLine> lines;
    lines.reserve(reads.size());
    for (qsizetype i = 0; i < reads.size(); ++i)
        lines.push_back(appendKey(text, reads.at(i), i));
    sortByKey(lines, text.constData());
    QList<Read> out;
    out.reserve(reads.size());
    for (const KeyedLine& l : lines)
        out.append(reads.at(l.read));
    return out;
}

Result<QList<Read>> RemoteStore::latestReads(int limit)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.reads r JOIN alpr.plates p ON p.id = r.plate_id ORDER BY r.time_ms "
                             "DESC, r.id DESC LIMIT ?::int")
                  .arg(kReadColumns));
    q.addBindValue(limit);
    if (!q.exec())
        return m_c->error(QStringLiteral("latest reads"), q.lastError());
    QList<Read> out;
    while (q.next())
        out.append(readFromRow(q));
    return out;
}

Status RemoteStore::forEachRead(qint64 fromMs, qint64 toMs, const std::function<bool(const Read&)>& sink)
{
    // Keyset pages: an export of millions of reads is never held in memory, here or in the driver.
    qint64 afterTime = fromMs;
    qint64 afterId = std::numeric_limits<qint64>::min();
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.reads r JOIN alpr.plates p ON p.id = r.plate_id WHERE r.time_ms >= "
                             "?::bigint AND r.time_ms < ?::bigint AND (r.time_ms, r.id) > (?::bigint, ?::bigint) "
                             "ORDER BY r.time_ms, r.id LIMIT %2")
                  .arg(kReadColumns)
                  .arg(kPage));
    for (;;) {
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        q.addBindValue(afterTime);
        q.addBindValue(afterId);
        if (!q.exec())
            return m_c->error(QStringLiteral("reads"), q.lastError());
        int n = 0;
        while (q.next()) {
            ++n;
            const Read r = readFromRow(q);
            afterTime = r.timeMs;
            afterId = r.id;
            if (!sink(r))
                return {};
        }
        q.finish();
        if (n < kPage)
            return {};
    }
}

Result<QList<Read>> RemoteStore::readsForPlates(const QList<qint64>& plateIds, bool includeAlternates,
                                                const ReadFilter& filter, int limit, const ReadCursor& after,
                                                bool walkByTime)
{
    Q_UNUSED(walkByTime) // the server's planner chooses between the plate index and the time index itself
    PgArray ids;
    for (qint64 id : plateIds)
        ids.add(id);
    QString where = QStringLiteral("(r.plate_id = ANY(?::bigint[])");
    QVariantList binds { ids.literal() };
    if (includeAlternates) {
        where += QStringLiteral(" OR r.id IN (SELECT a.read_id FROM alpr.read_alternates a WHERE a.plate_id = "
                                "ANY(?::bigint[]))");
        binds.append(ids.literal());
    }
    where += QStringLiteral(") AND r.time_ms >= ?::bigint AND r.time_ms < ?::bigint AND (r.time_ms, r.id) < "
                            "(?::bigint, ?::bigint)");
    binds << filter.fromMs << filter.toMs << after.timeMs << after.id;
    if (!filter.cameraIds.isEmpty()) {
        PgArray cams;
        for (qint64 id : filter.cameraIds)
            cams.add(id);
        where += QStringLiteral(" AND r.camera_id = ANY(?::bigint[])");
        binds.append(cams.literal());
    }
    if (!filter.state.isEmpty()) {
        where += QStringLiteral(" AND r.state = ?::text");
        binds.append(filter.state);
    }
    if (!filter.make.isEmpty()) {
        where += QStringLiteral(" AND strpos(lower(r.make), lower(?::text)) > 0");
        binds.append(filter.make);
    }
    if (!filter.colour.isEmpty()) {
        where += QStringLiteral(" AND strpos(lower(r.colour), lower(?::text)) > 0");
        binds.append(filter.colour);
    }
    if (filter.hotlistOnly)
        where += QStringLiteral(" AND EXISTS (SELECT 1 FROM alpr.hotlist_entries e WHERE e.plate = p.plate)");
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.reads r JOIN alpr.plates p ON p.id = r.plate_id WHERE %2 ORDER BY "
                             "r.time_ms DESC, r.id DESC LIMIT ?::int")
                  .arg(kReadColumns, where));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(limit);
    if (!q.exec())
        return m_c->error(QStringLiteral("reads for plates"), q.lastError());
    QList<Read> out;
    while (q.next())
        out.append(readFromRow(q));
    return out;
}

QString RemoteStore::globToRegex(const QString& glob)
{
    QString re = QStringLiteral("^");
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == u'*') {
            re += QStringLiteral(".*");
        } else if (c == u'?') {
            re += u'.';
        } else if (c == u'[') {
            const qsizetype close = glob.indexOf(u']', i + 2); // "[]...]": a ']' first in the set is literal
            if (close < 0) {
                re += QStringLiteral("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, close - i - 1);
            set.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
            re += u'[' + set + u']';
            i = close;
        } else if (QStringLiteral("\\.^$|()+{}]").contains(c)) {
            re += u'\\';
            re += c;
        } else {
            re += c;
        }
    }
    return re + u'$';
}

Result<QStringList> RemoteStore::platesMatchingGlob(const QString& glob)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT plate FROM alpr.plates WHERE read_count > 0 AND plate ~ ?::text ORDER BY id"));
    q.addBindValue(globToRegex(glob));
    if (!q.exec())
        return m_c->error(QStringLiteral("plate scan"), q.lastError());
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<QList<qint64>> RemoteStore::readIdsMatchingGlob(const QString& glob, int limit)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id FROM alpr.reads r JOIN alpr.plates p ON p.id = r.plate_id WHERE p.plate ~ "
                             "?::text ORDER BY r.time_ms DESC, r.id DESC LIMIT ?::int"));
    q.addBindValue(globToRegex(glob));
    q.addBindValue(limit);
    if (!q.exec())
        return m_c->error(QStringLiteral("plate scan"), q.lastError());
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

Result<qint64> RemoteStore::maxPlateId()
{
    QSqlQuery q(m_c->db());
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM alpr.plates")) || !q.next())
        return m_c->error(QStringLiteral("plates"), q.lastError());
    return q.value(0).toLongLong();
}

Status RemoteStore::forEachPlate(const std::function<void(const PlateSummary&)>& sink)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, plate, read_count, alt_count, first_seen_ms, last_seen_ms FROM alpr.plates "
                             "WHERE (read_count > 0 OR alt_count > 0) AND id > ?::bigint ORDER BY id LIMIT %1")
                  .arg(kPage * 5));
    qint64 afterId = 0;
    for (;;) {
        q.addBindValue(afterId);
        if (!q.exec())
            return m_c->error(QStringLiteral("plates"), q.lastError());
        int n = 0;
        PlateSummary p;
        while (q.next()) {
            ++n;
            p.id = q.value(0).toLongLong();
            p.plate = q.value(1).toString();
            p.readCount = q.value(2).toLongLong();
            p.altCount = q.value(3).toLongLong();
            p.firstSeenMs = q.value(4).toLongLong();
            p.lastSeenMs = q.value(5).toLongLong();
            afterId = p.id;
            sink(p);
        }
        q.finish();
        if (n < kPage * 5)
            return {};
    }
}

Result<std::pair<QByteArray, QByteArray>> RemoteStore::readImages(qint64 readId)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT overview_jpeg, plate_jpeg FROM alpr.read_images WHERE read_id = ?::bigint"));
    q.addBindValue(readId);
    if (!q.exec())
        return m_c->error(QStringLiteral("images"), q.lastError());
    if (!q.next())
        return std::pair<QByteArray, QByteArray> {};
    return std::pair<QByteArray, QByteArray> { q.value(0).toByteArray(), q.value(1).toByteArray() };
}

Result<qint64> RemoteStore::addHotlistEntry(const HotlistEntry& entry)
{
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    QSqlQuery q(db);
    auto fail = [&](const QString& what) -> Result<qint64> {
        const Error e = m_c->error(what, q.lastError());
        db.rollback();
        return e;
    };
    q.prepare(QStringLiteral("INSERT INTO alpr.hotlists (name, created_ms) VALUES (?, ?) ON CONFLICT (agency, name) DO "
                             "UPDATE SET name = excluded.name RETURNING id"));
    q.addBindValue(text(entry.list));
    q.addBindValue(entry.addedMs);
    if (!q.exec() || !q.next())
        return fail(QStringLiteral("hotlist"));
    const qint64 listId = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO alpr.hotlist_entries (hotlist_id, plate, state, reason, added_ms) VALUES (?, "
                             "?, ?, ?, ?) ON CONFLICT (hotlist_id, plate, state) DO UPDATE SET reason = "
                             "excluded.reason RETURNING id"));
    q.addBindValue(listId);
    q.addBindValue(text(entry.plate));
    q.addBindValue(text(entry.state));
    q.addBindValue(text(entry.reason));
    q.addBindValue(entry.addedMs);
    if (!q.exec() || !q.next())
        return fail(QStringLiteral("hotlist entry"));
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    return id;
}

Result<QList<HotlistEntry>> RemoteStore::hotlistEntries()
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    // COLLATE "C": the same order as the local store, whatever the server's locale.
    if (!q.exec(QStringLiteral("SELECT e.id, h.name, e.plate, e.state, e.reason, e.added_ms FROM alpr.hotlist_entries "
                               "e JOIN alpr.hotlists h ON h.id = e.hotlist_id ORDER BY h.name COLLATE \"C\", e.plate "
                               "COLLATE \"C\"")))
        return m_c->error(QStringLiteral("hotlist entries"), q.lastError());
    QList<HotlistEntry> out;
    while (q.next()) {
        out.append(LogRows::hotlistEntry(q));
    }
    return out;
}

} // namespace alpr

// ---- users and their login roles
namespace alpr {

Result<UserRecord> RemoteStore::addUser(const UserRecord& user)
{
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("INSERT INTO alpr.users (name, full_name, agency, role, trained_on, refresher_due, clets, "
                             "disabled, created_ms, last_login_ms, password_changed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?) RETURNING id"));
    q.addBindValue(text(user.name));
    q.addBindValue(text(user.fullName));
    q.addBindValue(text(user.agency));
    q.addBindValue(roleName(user.role));
    q.addBindValue(date(user.trainedOn));
    q.addBindValue(date(user.refresherDue));
    q.addBindValue(user.cletsAuthorised);
    q.addBindValue(user.disabled);
    q.addBindValue(user.createdMs);
    q.addBindValue(user.lastLoginMs);
    q.addBindValue(user.passwordChangedMs);
    if (!q.exec() || !q.next()) {
        if (q.lastError().nativeErrorCode() == QLatin1String("23505"))
            return failure(tr("A user named %1 already exists.").arg(user.name));
        return m_c->error(QStringLiteral("add user"), q.lastError());
    }
    UserRecord out = user;
    out.id = q.value(0).toLongLong();
    return out;
}

Result<UserRecord> RemoteStore::createUser(const UserRecord& user, const QString& password)
{
    auto verifier = m_c->scramVerifier(user.name, password);
    if (!verifier)
        return verifier.error();
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("begin"), db.lastError());
    auto added = addUser(user);
    if (!added) {
        db.rollback();
        return added.error();
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT alpr.create_login(?, ?)"));
    q.addBindValue(user.name);
    q.addBindValue(verifier.value());
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        db.rollback();
        if (e.nativeErrorCode() == QLatin1String("42710"))
            return failure(tr("The server %1 already has a database role named %2; choose another user name.")
                               .arg(m_c->address().describe(), user.name));
        return m_c->error(QStringLiteral("creating the login of %1").arg(user.name), e);
    }
    q.finish();
    if (!db.commit())
        return m_c->error(QStringLiteral("commit"), db.lastError());
    return added;
}

Status RemoteStore::setPassword(const QString& user, const QString& password)
{
    auto verifier = m_c->scramVerifier(user, password);
    if (!verifier)
        return verifier.error();
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("SELECT alpr.set_password(?, ?)"));
    q.addBindValue(user);
    q.addBindValue(verifier.value());
    if (!q.exec())
        return m_c->error(QStringLiteral("password change of %1").arg(user), q.lastError());
    return {};
}

bool RemoteStore::checkPassword(const QString& password) const
{
    return bool(PgConnection::open(m_c->address(), m_c->role(), password));
}

Status RemoteStore::resetMfa(const QString& user)
{
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("SELECT alpr.reset_mfa(?)"));
    q.addBindValue(user);
    if (!q.exec())
        return m_c->error(QStringLiteral("MFA reset of %1").arg(user), q.lastError());
    return {};
}

Status RemoteStore::updateUser(const UserRecord& user)
{
    QSqlQuery q(m_c->db());
    if (m_admin) {
        // Role and disabled changes move the login role too (trigger users_sync_login on the server).
        q.prepare(QStringLiteral("UPDATE alpr.users SET full_name = ?, agency = ?, role = ?, trained_on = ?, "
                                 "refresher_due = ?, clets = ?, disabled = ?, last_login_ms = ?, password_changed_ms "
                                 "= ? WHERE name = ?"));
        q.addBindValue(text(user.fullName));
        q.addBindValue(text(user.agency));
        q.addBindValue(roleName(user.role));
        q.addBindValue(date(user.trainedOn));
        q.addBindValue(date(user.refresherDue));
        q.addBindValue(user.cletsAuthorised);
    } else {
        // Others may only touch their own sign-in times and disable themselves (column grants and a trigger on the
        // server say the same): the rest of the record is sent only by administrators.
        q.prepare(QStringLiteral("UPDATE alpr.users SET disabled = ?, last_login_ms = ?, password_changed_ms = ? WHERE "
                                 "name = ?"));
    }
    q.addBindValue(user.disabled);
    q.addBindValue(user.lastLoginMs);
    q.addBindValue(user.passwordChangedMs);
    q.addBindValue(text(user.name));
    if (!q.exec())
        return m_c->error(QStringLiteral("update of user %1").arg(user.name), q.lastError());
    if (q.numRowsAffected() != 1)
        return failure(tr("No user named %1.").arg(user.name));
    return {};
}

Result<QList<UserRecord>> RemoteStore::users()
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM alpr.users ORDER BY name COLLATE \"C\"").arg(QLatin1String(LogRows::kUserColumns))))
        return m_c->error(QStringLiteral("users"), q.lastError());
    QList<UserRecord> out;
    while (q.next())
        out.append(LogRows::user(q));
    return out;
}

Result<UserRecord> RemoteStore::user(const QString& name)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.users WHERE name = ?::text").arg(QLatin1String(LogRows::kUserColumns)));
    q.addBindValue(text(name));
    if (!q.exec())
        return m_c->error(QStringLiteral("user"), q.lastError());
    if (!q.next())
        return failure(tr("No user named %1.").arg(name));
    return LogRows::user(q);
}

// ---- accountability

Result<AuditRow> RemoteStore::appendAudit(AuditRow row, const std::function<QByteArray(const AuditRow&)>& hashOf)
{
    QSqlDatabase db = m_c->db();
    if (!db.transaction())
        return m_c->error(QStringLiteral("audit begin"), db.lastError());
    QSqlQuery q(db);
    auto fail = [&](const QString& what) -> Result<AuditRow> {
        const Error e = m_c->error(what, q.lastError());
        db.rollback();
        return e;
    };
    // audit_head() locks the agency's chain until COMMIT: no other writer can chain onto the same row.
    if (!q.exec(QStringLiteral("SELECT last_id, last_hash FROM alpr.audit_head()")) || !q.next())
        return fail(QStringLiteral("audit head"));
    if (!q.value(0).isNull()) {
        row.id = q.value(0).toLongLong() + 1;
        row.prevHash = q.value(1).toByteArray();
    } else {
        row.id = 1;
        row.prevHash = QByteArray(32, '\0');
    }
    q.finish();
    row.hash = hashOf(row);
    q.prepare(QStringLiteral("INSERT INTO alpr.audit_log (id, time_ms, username, event, outcome, source, detail, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    LogRows::bindAudit(q, row);
    if (!q.exec())
        return fail(QStringLiteral("audit insert"));
    if (!db.commit())
        return m_c->error(QStringLiteral("audit commit"), db.lastError());
    return row;
}

Status RemoteStore::forEachAudit(const std::function<bool(const AuditRow&)>& sink)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    // Non-auditors may read ids and hashes only (column grants): enough to chain and to check the anchor.
    const QString columns = m_auditor
        ? QStringLiteral("id, time_ms, username, event, outcome, source, detail, prev_hash, hash")
        : QStringLiteral("id, 0, '', '', '', '', '', prev_hash, hash");
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.audit_log WHERE id > ?::bigint ORDER BY id LIMIT %2")
                  .arg(columns)
                  .arg(kPage));
    qint64 afterId = std::numeric_limits<qint64>::min();
    for (;;) {
        q.addBindValue(afterId);
        if (!q.exec())
            return m_c->error(QStringLiteral("audit log"), q.lastError());
        int n = 0;
        while (q.next()) {
            ++n;
            const AuditRow r = LogRows::audit(q);
            afterId = r.id;
            if (!sink(r))
                return {};
        }
        q.finish();
        if (n < kPage)
            return {};
    }
}

Result<qint64> RemoteStore::appendAccess(const AccessRecord& record)
{
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("INSERT INTO alpr.access_log (time_ms, username, agency, case_number, purpose, elements, "
                             "result_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    LogRows::bindAccess(q, record);
    if (!q.exec() || !q.next())
        return m_c->error(QStringLiteral("access log"), q.lastError());
    return q.value(0).toLongLong();
}

Result<QList<AccessRecord>> RemoteStore::accessLog(const QString& elementsContaining, int limit)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    // strpos() rather than LIKE: the text is matched literally, wildcards in it mean nothing.
    q.prepare(QStringLiteral("SELECT id, time_ms, username, agency, case_number, purpose, elements, result_count FROM "
                             "alpr.access_log WHERE ?::text = '' OR strpos(elements, ?::text) > 0 ORDER BY id DESC "
                             "LIMIT ?::int"));
    q.addBindValue(text(elementsContaining));
    q.addBindValue(text(elementsContaining));
    q.addBindValue(limit);
    if (!q.exec())
        return m_c->error(QStringLiteral("access log"), q.lastError());
    QList<AccessRecord> out;
    while (q.next()) {
        out.append(LogRows::access(q));
    }
    return out;
}

Status RemoteStore::recordCase(const QString& number, const QString& category, const QString& purpose,
                               const QString& user, qint64 timeMs)
{
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("INSERT INTO alpr.cases (number, purpose_category, purpose_text, opened_by, opened_ms) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(text(number));
    q.addBindValue(text(category));
    q.addBindValue(text(purpose));
    q.addBindValue(text(user));
    q.addBindValue(timeMs);
    if (!q.exec())
        return m_c->error(QStringLiteral("case"), q.lastError());
    return {};
}

// ---- MFA and settings

Result<QByteArray> RemoteStore::totpSecret(const QString& user)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    // Row-level security shows each role its own row only; anyone else's secret reads as "none".
    q.prepare(QStringLiteral("SELECT (SELECT secret FROM alpr.user_totp WHERE username = ?::text), EXISTS (SELECT 1 "
                             "FROM alpr.users WHERE name = ?::text)"));
    q.addBindValue(text(user));
    q.addBindValue(text(user));
    if (!q.exec() || !q.next())
        return m_c->error(QStringLiteral("totp"), q.lastError());
    if (!q.value(1).toBool())
        return failure(tr("No user named %1.").arg(user));
    return q.value(0).toByteArray();
}

Status RemoteStore::setTotpSecret(const QString& user, const QByteArray& secret)
{
    if (user != m_c->role()) {
        // Nobody writes another user's secret; an administrator may only remove it.
        if (secret.isEmpty() && m_admin)
            return resetMfa(user);
        return policyError(tr("The server %1 keeps each user's MFA secret readable and writable by that user only.")
                               .arg(m_c->address().describe()));
    }
    QSqlQuery q(m_c->db());
    q.prepare(QStringLiteral("INSERT INTO alpr.user_totp (username, secret) VALUES (?, ?) ON CONFLICT (username) DO "
                             "UPDATE SET secret = excluded.secret"));
    q.addBindValue(text(user));
    q.addBindValue(secret.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(secret));
    if (!q.exec())
        return m_c->error(QStringLiteral("totp"), q.lastError());
    return {};
}

Result<QString> RemoteStore::setting(const QString& key, const QString& fallback)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (key == QLatin1String("store_id"))
        return m_serverId;
    if (key.startsWith(kPendingMfaPrefix)) {
        // A secret being enrolled is the user's own, like the enrolled one: not in the agency's settings.
        q.prepare(QStringLiteral("SELECT pending FROM alpr.user_totp WHERE username = ?::text"));
        q.addBindValue(key.mid(kPendingMfaPrefix.size()));
        if (!q.exec())
            return m_c->error(QStringLiteral("setting"), q.lastError());
        return q.next() && !q.value(0).isNull() ? QString::fromUtf8(q.value(0).toByteArray()) : fallback;
    }
    q.prepare(QStringLiteral("SELECT value FROM alpr.settings WHERE key = ?::text"));
    q.addBindValue(text(key));
    if (!q.exec())
        return m_c->error(QStringLiteral("setting"), q.lastError());
    return q.next() ? q.value(0).toString() : fallback;
}

Status RemoteStore::setSetting(const QString& key, const QString& value)
{
    QSqlQuery q(m_c->db());
    if (key.startsWith(kPendingMfaPrefix)) {
        if (key.mid(kPendingMfaPrefix.size()) != m_c->role())
            return policyError(tr("Only %1 may enrol their own authenticator.").arg(key.mid(kPendingMfaPrefix.size())));
        q.prepare(QStringLiteral("INSERT INTO alpr.user_totp (username, pending) VALUES (?, ?) ON CONFLICT (username) "
                                 "DO UPDATE SET pending = excluded.pending"));
        q.addBindValue(m_c->role());
        q.addBindValue(value.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(value.toUtf8()));
    } else {
        q.prepare(QStringLiteral("INSERT INTO alpr.settings (key, value) VALUES (?, ?) ON CONFLICT (agency, key) DO "
                                 "UPDATE SET value = excluded.value"));
        q.addBindValue(text(key));
        q.addBindValue(text(value));
    }
    if (!q.exec())
        return m_c->error(QStringLiteral("setting %1").arg(key), q.lastError());
    return {};
}

Result<QMap<QString, QString>> RemoteStore::settings()
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT key, value FROM alpr.settings")))
        return m_c->error(QStringLiteral("settings"), q.lastError());
    QMap<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    out.insert(QStringLiteral("store_id"), m_serverId);
    return out;
}

} // namespace alpr

// ---- geo-time queries for the canvass analyses
namespace alpr {

Status RemoteStore::forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                                       const std::function<bool(int, const ReadPoint&)>& sink)
{
    // The index box is enlarged a little: a geography polygon's edges are great-circle arcs, which bow away from the
    // lines of latitude; the exact edges ("edges included") are then the plain latitude/longitude comparisons.
    constexpr double kMarginDeg = 0.001;
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id, r.plate_id, r.time_ms, r.lat, r.lon FROM alpr.reads r WHERE r.geog && "
                             "ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326)::geography AND r.lat "
                             "BETWEEN ?::float8 AND ?::float8 AND r.lon BETWEEN ?::float8 AND ?::float8 AND r.time_ms "
                             ">= ?::bigint AND r.time_ms < ?::bigint"));
    for (int i = 0; i < boxes.size(); ++i) {
        const GeoTimeBox& b = boxes.at(i);
        q.addBindValue(std::max(-180.0, b.west - kMarginDeg));
        q.addBindValue(std::max(-90.0, b.south - kMarginDeg));
        q.addBindValue(std::min(180.0, b.east + kMarginDeg));
        q.addBindValue(std::min(90.0, b.north + kMarginDeg));
        q.addBindValue(b.south);
        q.addBindValue(b.north);
        q.addBindValue(b.west);
        q.addBindValue(b.east);
        q.addBindValue(b.fromMs);
        q.addBindValue(b.toMs);
        if (!q.exec())
            return m_c->error(QStringLiteral("reads in area"), q.lastError());
        while (q.next()) {
            const ReadPoint p { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                                q.value(3).toDouble(), q.value(4).toDouble() };
            if (!sink(i, p))
                return {};
        }
        q.finish();
    }
    return {};
}

Result<QList<ReadPoint>> RemoteStore::readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id, r.plate_id, r.time_ms, r.lat, r.lon FROM alpr.reads r WHERE r.plate_id = "
                             "(SELECT id FROM alpr.plates WHERE plate = ?::text) AND r.time_ms >= ?::bigint AND "
                             "r.time_ms < ?::bigint ORDER BY r.time_ms, r.id"));
    q.addBindValue(text(plate));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return m_c->error(QStringLiteral("reads of a plate"), q.lastError());
    QList<ReadPoint> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toDouble(),
                     q.value(4).toDouble() });
    return out;
}

Result<QHash<qint64, QString>> RemoteStore::plateTexts(const QList<qint64>& plateIds)
{
    PgArray ids;
    for (qint64 id : plateIds)
        ids.add(id);
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, plate FROM alpr.plates WHERE id = ANY(?::bigint[])"));
    q.addBindValue(ids.literal());
    if (!q.exec())
        return m_c->error(QStringLiteral("plates"), q.lastError());
    QHash<qint64, QString> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toString());
    return out;
}

Result<QList<Read>> RemoteStore::readsByIds(const QList<qint64>& readIds)
{
    PgArray ids;
    for (qint64 id : readIds)
        ids.add(id);
    QSqlQuery q(m_c->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alpr.reads r JOIN alpr.plates p ON p.id = r.plate_id WHERE r.id = "
                             "ANY(?::bigint[])")
                  .arg(kReadColumns));
    q.addBindValue(ids.literal());
    if (!q.exec())
        return m_c->error(QStringLiteral("reads"), q.lastError());
    QHash<qint64, Read> byId;
    while (q.next()) {
        Read r = readFromRow(q);
        byId.insert(r.id, r);
    }
    QList<Read> out;
    out.reserve(byId.size());
    for (qint64 id : readIds) {
        auto it = byId.constFind(id);
        if (it != byId.constEnd())
            out.append(it.value());
    }
    return out;
}

} // namespace alpr

#include "LocalStore.h"

#include "LogRows.h"

#include "Migrations.h"
#include "ReadAreaQueries.h"
#include "ReadBatchWriter.h"
#include "ReadRow.h"
#include "SecureSqliteHeap.h"
#include "SqlCipherDriver.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <sqlite3.h>

namespace alpr {

namespace {
// Set in meta while a bulk load runs (see beginBulkLoad).
const QString kBulkMarker = QStringLiteral("bulk_load");

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalStore", text);
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("alpr-local-%1").arg(counter.fetchAndAddRelaxed(1));
}

constexpr const char* kReadColumns = "r.id, p.plate, r.state, r.time_ms, r.lat, r.lon, r.heading, r.camera_id, "
                                     "r.confidence, r.candidates, r.make, r.model, r.colour, r.source_file, "
                                     "r.source_id, r.has_images, r.plate_id";




using LogRows::text;

QVariant nullableHeading(float heading)
{
    return heading < 0 ? QVariant(QMetaType::fromType<double>()) : QVariant(double(heading));
}

} // namespace



LocalStore::LocalStore(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connection(std::move(connectionName))
{
}

LocalStore::~LocalStore()
{
    m_writer.reset(); // its prepared statements belong to the connection closed below
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase LocalStore::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

Error LocalStore::sqlError(const QString& what, const QString& detail) const
{
    return failure(tr("%1: %2 failed: %3").arg(m_path, what, detail));
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(const QString& path, const QByteArray& dataKey, Mode mode)
{
    if (dataKey.size() != 32)
        return failure(tr("%1: the data key must be 32 bytes.").arg(path));
    const QFileInfo info(path);
    if (mode != Mode::OpenExisting && info.exists())
        return failure(tr("%1: a file of that name already exists; refusing to overwrite it.").arg(path));
    if (mode == Mode::OpenExisting) {
        if (!info.exists())
            return failure(tr("%1: no such store file.").arg(path));
        if (!info.isFile() || !info.isReadable())
            return failure(tr("%1: not a readable file.").arg(path));
        if (info.size() == 0)
            return failure(tr("%1: the store file is empty (truncated or damaged).").arg(path));
    }

    registerSqlCipherDriver();
    const QString name = nextConnectionName();
    std::unique_ptr<LocalStore> store(new LocalStore(path, name));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), name);
        database.setDatabaseName(path);
        database.setConnectOptions(mode != Mode::OpenExisting ? QStringLiteral("QSQLCIPHER_CREATE") : QString());
        // open(user, password) does not keep the key in the connection's settings, unlike setPassword().
        QByteArray hex = dataKey.toHex();
        QString hexKey = QString::fromLatin1(hex);
        const bool opened = database.open(QString(), hexKey);
        hex.fill('\0');
        hexKey.fill(u'0');
        if (!opened)
            return failure(tr("%1: cannot open the store: %2").arg(path, database.lastError().text()));
        // Owner-only, before the first write: SQLite gives the WAL and shared-memory files the main file's mode.
        if (mode != Mode::OpenExisting
            && !QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return failure(tr("%1: cannot restrict the store file to its owner.").arg(path));
    }
    store->m_demoFill = mode == Mode::CreateDemo;
    if (Status s = store->configureAndCheck(mode != Mode::OpenExisting); !s)
        return s.error();
    return store;
}

Status LocalStore::configureAndCheck(bool created)
{
    QSqlDatabase database = db();
    QSqlQuery q(database);
    // SQLCipher's own log would print decryption failures on stderr; we report them ourselves, with the file name.
    q.exec(QStringLiteral("PRAGMA cipher_log_level = NONE"));
    q.finish();

    // The first statement that touches the file is where a wrong key or a damaged file shows.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        const QSqlError e = q.lastError();
        if (e.nativeErrorCode() == QLatin1String("26"))
            return failure(tr("%1: cannot decrypt the store: the key does not belong to this file, or the file is "
                              "damaged or not an ALPR store.")
                               .arg(m_path));
        return failure(tr("%1: the store cannot be read (damaged?): %2").arg(m_path, e.text()));
    }
    q.finish();
    // SQLite's heap is locked and wiped on free by SecureSqliteHeap. Only if that allocator could not be installed
    // does SQLCipher's cipher_memory_security do it (process-wide, can only be switched on, an mlock/munlock pair per
    // allocation). A demonstration store (synthetic data, published passwords) is filled without it: with it, 10 M
    // demo reads took 16 minutes instead of minutes.
    if (!m_demoFill && !SecureSqliteHeap::inUse()) {
        if (!q.exec(QStringLiteral("PRAGMA cipher_memory_security = ON")))
            return sqlError(QStringLiteral("cipher_memory_security"), q.lastError().text());
        q.finish();
    }
    const char* const pragmas[] = {
        "PRAGMA foreign_keys = ON",
        "PRAGMA secure_delete = ON",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA busy_timeout = 5000",
        // Sorts and temporary tables stay in memory: no plate may reach an unencrypted temporary file.
        "PRAGMA temp_store = MEMORY",
        // 64 MB of page cache (default 2 MB): index pages stay decrypted in memory instead of being decrypted and
        // re-encrypted on every visit, which dominated bulk inserts into a large store.
        "PRAGMA cache_size = -65536",
    };
    for (const char* pragma : pragmas) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return sqlError(QString::fromLatin1(pragma), q.lastError().text());
        q.finish();
    }
    if (!q.exec(QStringLiteral("PRAGMA cipher_version")) || !q.next() || q.value(0).toString().isEmpty())
        return failure(
            tr("%1: the SQLite library in use is not SQLCipher; refusing to store data unencrypted.").arg(m_path));
    q.finish();

    if (!created) {
        // A truncated file still opens and even reads its first pages; compare its size with what the header
        // says it holds. Only meaningful without a WAL, which may legitimately hold the newest pages.
        if (!QFileInfo::exists(m_path + QStringLiteral("-wal"))) {
            if (!q.exec(QStringLiteral("PRAGMA page_count")) || !q.next())
                return sqlError(QStringLiteral("page_count"), q.lastError().text());
            const qint64 pages = q.value(0).toLongLong();
            q.finish();
            if (!q.exec(QStringLiteral("PRAGMA page_size")) || !q.next())
                return sqlError(QStringLiteral("page_size"), q.lastError().text());
            const qint64 pageSize = q.value(0).toLongLong();
            q.finish();
            if (QFileInfo(m_path).size() < pages * pageSize)
                return failure(tr("%1: the store file is truncated (%2 bytes, expected %3).")
                                   .arg(m_path)
                                   .arg(QFileInfo(m_path).size())
                                   .arg(pages * pageSize));
        }
        auto version = Migrations::currentVersion(database);
        if (!version)
            return sqlError(QStringLiteral("user_version"), version.error().message);
        if (version.value() == 0)
            return failure(tr("%1: not an ALPR store (no schema).").arg(m_path));
    }
    if (Status s = Migrations::migrate(database, m_path); !s)
        return s;
    // A bulk load keeps plates and counts in memory until its end: a store left by one cut short is incomplete.
    if (auto marker = setting(kBulkMarker); !marker)
        return marker.error();
    else if (!marker->isEmpty())
        return failure(tr("%1: this store was being filled with generated data when the process stopped; it is "
                          "incomplete. Delete it (and its .keys file) and create it again.")
                           .arg(m_path));
    if (created) {
        if (Status s = setSetting(QStringLiteral("store_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)); !s)
            return s;
    }
    return {};
}

namespace {
// The secondary indexes a bulk load drops and builds again at its end; the same definitions as the migrations.
// Only the indexes whose inserts land at random places: reads_time and reads_source grow at their end (reads come
// in time order with rising source ids) and stay, so the load still refuses a duplicate source id.
const char* const kBulkIndexes[][2] = {
    { "reads_plate_time", "CREATE INDEX IF NOT EXISTS reads_plate_time ON reads (plate_id, time_ms)" },
    { "read_alternates_read", "CREATE INDEX IF NOT EXISTS read_alternates_read ON read_alternates (read_id)" },
    { "reads_cell_time", "CREATE INDEX IF NOT EXISTS reads_cell_time ON reads (cell, time_ms, plate_id, lat, lon)" },
};
} // namespace

Status LocalStore::beginBulkLoad()
{
    if (!m_writer)
        m_writer = std::make_unique<ReadBatchWriter>(db(), m_path);
    if (Status s = m_writer->beginBulk(); !s)
        return s;
    // The marker says "plates and counts live in a process's memory": a store left with it is incomplete.
    if (Status s = setSetting(kBulkMarker, QStringLiteral("running")); !s)
        return s;
    QSqlQuery q(db());
    // Reads refer to plates that are written at the end of the load.
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return sqlError(QStringLiteral("bulk load"), q.lastError().text());
    for (const auto& index : kBulkIndexes)
        if (!q.exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(QLatin1String(index[0]))))
            return sqlError(QStringLiteral("bulk load"), q.lastError().text());
    return {};
}

Status LocalStore::endBulkLoad()
{
    if (m_writer && m_writer->inBulk())
        if (Status s = m_writer->finishBulk(); !s)
            return s;
    QSqlQuery q(db());
    for (const auto& index : kBulkIndexes)
        if (!q.exec(QString::fromLatin1(index[1])))
            return sqlError(QStringLiteral("bulk load"), q.lastError().text());
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return sqlError(QStringLiteral("bulk load"), q.lastError().text());
    q.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    q.addBindValue(kBulkMarker);
    if (!q.exec())
        return sqlError(QStringLiteral("bulk load"), q.lastError().text());
    return {};
}

Status LocalStore::checkpoint()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
        return sqlError(QStringLiteral("checkpoint"), q.lastError().text());
    return {};
}

QString LocalStore::describe() const
{
    return tr("local file %1").arg(m_path);
}

Result<StoreStats> LocalStore::stats()
{
    StoreStats s;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM reads), (SELECT count(*) FROM plates WHERE read_count "
                               "> 0), (SELECT count(*) FROM cameras), (SELECT count(*) FROM read_images), "
                               "(SELECT min(time_ms) FROM reads), (SELECT max(time_ms) FROM reads), "
                               "(SELECT count(*) FROM hotlist_entries)"))
        || !q.next())
        return sqlError(QStringLiteral("stats"), q.lastError().text());
    s.reads = q.value(0).toLongLong();
    s.plates = q.value(1).toLongLong();
    s.cameras = q.value(2).toLongLong();
    s.images = q.value(3).toLongLong();
    s.firstMs = q.value(4).toLongLong();
    s.lastMs = q.value(5).toLongLong();
    s.hotlistEntries = q.value(6).toLongLong();
    q.finish();
    QSqlDatabase database = db();
    auto version = Migrations::currentVersion(database);
    s.schemaVersion = version ? version.value() : 0;
    return s;
}

Result<QList<Camera>> LocalStore::upsertCameras(const QList<Camera>& cameras)
{
    QSqlDatabase database = db();
    if (!database.transaction())
        return sqlError(QStringLiteral("begin"), database.lastError().text());
    QSqlQuery insert(database);
    insert.prepare(QStringLiteral("INSERT INTO cameras (name, unit, mobile, lat, lon, heading) VALUES (?, ?, ?, ?, ?, "
                                  "?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"));
    QList<Camera> out;
    out.reserve(cameras.size());
    for (Camera c : cameras) {
        insert.addBindValue(text(c.name));
        insert.addBindValue(text(c.unit));
        insert.addBindValue(c.mobile ? 1 : 0);
        insert.addBindValue(c.lat);
        insert.addBindValue(c.lon);
        insert.addBindValue(nullableHeading(c.heading));
        if (!insert.exec() || !insert.next()) {
            const QString error = insert.lastError().text();
            database.rollback();
            return sqlError(QStringLiteral("camera insert"), error);
        }
        c.id = insert.value(0).toLongLong();
        insert.finish();
        out.append(c);
    }
    if (!database.commit())
        return sqlError(QStringLiteral("commit"), database.lastError().text());
    return out;
}

Result<QList<Camera>> LocalStore::cameras()
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, unit, mobile, lat, lon, heading FROM cameras ORDER BY id")))
        return sqlError(QStringLiteral("cameras"), q.lastError().text());
    QList<Camera> out;
    while (q.next()) {
        Camera c;
        c.id = q.value(0).toLongLong();
        c.name = q.value(1).toString();
        c.unit = q.value(2).toString();
        c.mobile = q.value(3).toInt() != 0;
        c.lat = q.value(4).toDouble();
        c.lon = q.value(5).toDouble();
        c.heading = q.value(6).isNull() ? -1.0f : q.value(6).toFloat();
        out.append(c);
    }
    return out;
}

Result<qint64> LocalStore::addReads(const QList<Read>& reads)
{
    if (!m_writer)
        m_writer = std::make_unique<ReadBatchWriter>(db(), m_path);
    return m_writer->write(reads);
}

Result<QList<Read>> LocalStore::latestReads(int limit)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM reads r JOIN plates p ON p.id = r.plate_id ORDER BY r.time_ms DESC, "
                             "r.id DESC LIMIT ?")
                  .arg(QLatin1String(kReadColumns)));
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(QStringLiteral("latest reads"), q.lastError().text());
    QList<Read> out;
    while (q.next())
        out.append(readFromRow(q));
    return out;
}

Status LocalStore::forEachRead(qint64 fromMs, qint64 toMs, const std::function<bool(const Read&)>& sink)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM reads r JOIN plates p ON p.id = r.plate_id WHERE r.time_ms >= ? AND "
                             "r.time_ms < ? ORDER BY r.time_ms, r.id")
                  .arg(QLatin1String(kReadColumns)));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return sqlError(QStringLiteral("reads"), q.lastError().text());
    while (q.next()) {
        if (!sink(readFromRow(q)))
            break;
    }
    if (q.lastError().isValid())
        return sqlError(QStringLiteral("reads"), q.lastError().text());
    return {};
}

Result<qint64> LocalStore::maxPlateId()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM plates")) || !q.next())
        return sqlError(QStringLiteral("plates"), q.lastError().text());
    return q.value(0).toLongLong();
}

Status LocalStore::forEachPlate(const std::function<void(const PlateSummary&)>& sink)
{
    // Straight on the C API: this streams millions of rows at sign-in (the plate dictionary), and going through
    // QSqlQuery's QVariants cost four times as much.
    sqlite3* handle = SqlCipherDriver::nativeHandle(db());
    if (!handle)
        return sqlError(QStringLiteral("plates"), tr("the store is not open"));
    sqlite3_stmt* stmt = nullptr;
    const char* sql = "SELECT id, plate, read_count, alt_count, first_seen_ms, last_seen_ms FROM plates WHERE "
                      "read_count > 0 OR alt_count > 0 ORDER BY id";
    if (sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return sqlError(QStringLiteral("plates"), QString::fromUtf8(sqlite3_errmsg(handle)));
    PlateSummary p;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        p.id = sqlite3_column_int64(stmt, 0);
        p.plate = QString::fromLatin1(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)),
                                      sqlite3_column_bytes(stmt, 1));
        p.readCount = sqlite3_column_int64(stmt, 2);
        p.altCount = sqlite3_column_int64(stmt, 3);
        p.firstSeenMs = sqlite3_column_int64(stmt, 4);
        p.lastSeenMs = sqlite3_column_int64(stmt, 5);
        sink(p);
    }
    const QString error = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(handle));
    sqlite3_finalize(stmt);
    if (!error.isEmpty())
        return sqlError(QStringLiteral("plates"), error);
    return {};
}

Result<std::pair<QByteArray, QByteArray>> LocalStore::readImages(qint64 readId)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT overview_jpeg, plate_jpeg FROM read_images WHERE read_id = ?"));
    q.addBindValue(readId);
    if (!q.exec())
        return sqlError(QStringLiteral("images"), q.lastError().text());
    if (!q.next())
        return std::pair<QByteArray, QByteArray> {};
    return std::pair<QByteArray, QByteArray> { q.value(0).toByteArray(), q.value(1).toByteArray() };
}

Result<UserRecord> LocalStore::addUser(const UserRecord& user)
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("INSERT INTO users (name, full_name, agency, role, trained_on, refresher_due, clets, "
                       "disabled, created_ms, last_login_ms, password_changed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?)"));
    q.addBindValue(text(user.name));
    q.addBindValue(text(user.fullName));
    q.addBindValue(text(user.agency));
    q.addBindValue(roleName(user.role));
    q.addBindValue(user.trainedOn.isValid() ? user.trainedOn.toString(Qt::ISODate) : QStringLiteral(""));
    q.addBindValue(user.refresherDue.isValid() ? user.refresherDue.toString(Qt::ISODate) : QStringLiteral(""));
    q.addBindValue(user.cletsAuthorised ? 1 : 0);
    q.addBindValue(user.disabled ? 1 : 0);
    q.addBindValue(user.createdMs);
    q.addBindValue(user.lastLoginMs);
    q.addBindValue(user.passwordChangedMs);
    if (!q.exec()) {
        if (q.lastError().databaseText().contains(QLatin1String("UNIQUE")))
            return failure(tr("A user named %1 already exists.").arg(user.name));
        return sqlError(QStringLiteral("add user"), q.lastError().text());
    }
    UserRecord out = user;
    out.id = q.lastInsertId().toLongLong();
    return out;
}

Status LocalStore::updateUser(const UserRecord& user)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE users SET full_name = ?, agency = ?, role = ?, trained_on = ?, refresher_due = ?, "
                             "clets = ?, disabled = ?, last_login_ms = ?, password_changed_ms = ? WHERE name = ?"));
    q.addBindValue(text(user.fullName));
    q.addBindValue(text(user.agency));
    q.addBindValue(roleName(user.role));
    q.addBindValue(user.trainedOn.isValid() ? user.trainedOn.toString(Qt::ISODate) : QStringLiteral(""));
    q.addBindValue(user.refresherDue.isValid() ? user.refresherDue.toString(Qt::ISODate) : QStringLiteral(""));
    q.addBindValue(user.cletsAuthorised ? 1 : 0);
    q.addBindValue(user.disabled ? 1 : 0);
    q.addBindValue(user.lastLoginMs);
    q.addBindValue(user.passwordChangedMs);
    q.addBindValue(text(user.name));
    if (!q.exec())
        return sqlError(QStringLiteral("update user"), q.lastError().text());
    if (q.numRowsAffected() != 1)
        return failure(tr("No user named %1.").arg(user.name));
    return {};
}

Result<QList<UserRecord>> LocalStore::users()
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM users ORDER BY name").arg(QLatin1String(LogRows::kUserColumns))))
        return sqlError(QStringLiteral("users"), q.lastError().text());
    QList<UserRecord> out;
    while (q.next())
        out.append(LogRows::user(q));
    return out;
}

Result<UserRecord> LocalStore::user(const QString& name)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE name = ?").arg(QLatin1String(LogRows::kUserColumns)));
    q.addBindValue(name);
    if (!q.exec())
        return sqlError(QStringLiteral("user"), q.lastError().text());
    if (!q.next())
        return failure(tr("No user named %1.").arg(name));
    return LogRows::user(q);
}

Result<qint64> LocalStore::addHotlistEntry(const HotlistEntry& entry)
{
    QSqlDatabase database = db();
    QSqlQuery q(database);
    q.prepare(QStringLiteral("INSERT INTO hotlists (name, created_ms) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                             "name = excluded.name RETURNING id"));
    q.addBindValue(text(entry.list));
    q.addBindValue(entry.addedMs);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("hotlist"), q.lastError().text());
    const qint64 listId = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO hotlist_entries (hotlist_id, plate, state, reason, added_ms) VALUES (?, ?, "
                             "?, ?, ?) ON CONFLICT (hotlist_id, plate, state) DO UPDATE SET reason = excluded.reason "
                             "RETURNING id"));
    q.addBindValue(listId);
    q.addBindValue(text(entry.plate));
    q.addBindValue(text(entry.state));
    q.addBindValue(text(entry.reason));
    q.addBindValue(entry.addedMs);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("hotlist entry"), q.lastError().text());
    return q.value(0).toLongLong();
}

Result<QList<HotlistEntry>> LocalStore::hotlistEntries()
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT e.id, h.name, e.plate, e.state, e.reason, e.added_ms FROM hotlist_entries e "
                               "JOIN hotlists h ON h.id = e.hotlist_id ORDER BY h.name, e.plate")))
        return sqlError(QStringLiteral("hotlist entries"), q.lastError().text());
    QList<HotlistEntry> out;
    while (q.next()) {
        out.append(LogRows::hotlistEntry(q));
    }
    return out;
}

Result<QString> LocalStore::setting(const QString& key, const QString& fallback)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(text(key));
    if (!q.exec())
        return sqlError(QStringLiteral("setting"), q.lastError().text());
    return q.next() ? q.value(0).toString() : fallback;
}

Status LocalStore::setSetting(const QString& key, const QString& value)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                             "excluded.value"));
    q.addBindValue(text(key));
    q.addBindValue(text(value));
    if (!q.exec())
        return sqlError(QStringLiteral("setting"), q.lastError().text());
    return {};
}

} // namespace alpr

namespace alpr {

Result<AuditRow> LocalStore::appendAudit(AuditRow row, const std::function<QByteArray(const AuditRow&)>& hashOf)
{
    QSqlDatabase database = db();
    // BEGIN IMMEDIATE takes the write lock before reading the chain's head, so two writers cannot both chain
    // onto the same row.
    QSqlQuery q(database);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("audit begin"), q.lastError().text());
    auto rollback = [&](const QString& what, const QString& error) {
        QSqlQuery r(database);
        r.exec(QStringLiteral("ROLLBACK"));
        return sqlError(what, error);
    };
    if (!q.exec(QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")))
        return rollback(QStringLiteral("audit head"), q.lastError().text());
    if (q.next()) {
        row.id = q.value(0).toLongLong() + 1;
        row.prevHash = q.value(1).toByteArray();
    } else {
        row.id = 1;
        row.prevHash = QByteArray(32, '\0');
    }
    q.finish();
    row.hash = hashOf(row);
    q.prepare(QStringLiteral("INSERT INTO audit_log (id, time_ms, username, event, outcome, source, detail, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    LogRows::bindAudit(q, row);
    if (!q.exec())
        return rollback(QStringLiteral("audit insert"), q.lastError().text());
    if (!q.exec(QStringLiteral("COMMIT")))
        return rollback(QStringLiteral("audit commit"), q.lastError().text());
    return row;
}

Status LocalStore::forEachAudit(const std::function<bool(const AuditRow&)>& sink)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, time_ms, username, event, outcome, source, detail, prev_hash, hash FROM "
                               "audit_log ORDER BY id")))
        return sqlError(QStringLiteral("audit log"), q.lastError().text());
    while (q.next()) {
        const AuditRow r = LogRows::audit(q);
        if (!sink(r))
            break;
    }
    return {};
}

Result<qint64> LocalStore::appendAccess(const AccessRecord& record)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO access_log (time_ms, username, agency, case_number, purpose, elements, "
                             "result_count) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    LogRows::bindAccess(q, record);
    if (!q.exec())
        return sqlError(QStringLiteral("access log"), q.lastError().text());
    return q.lastInsertId().toLongLong();
}

Result<QList<AccessRecord>> LocalStore::accessLog(const QString& elementsContaining, int limit)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    // instr() rather than LIKE: the text is matched literally, wildcards in it mean nothing.
    q.prepare(QStringLiteral("SELECT id, time_ms, username, agency, case_number, purpose, elements, result_count FROM "
                             "access_log WHERE ? = '' OR instr(elements, ?) > 0 ORDER BY id DESC LIMIT ?"));
    q.addBindValue(text(elementsContaining));
    q.addBindValue(text(elementsContaining));
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(QStringLiteral("access log"), q.lastError().text());
    QList<AccessRecord> out;
    while (q.next()) {
        out.append(LogRows::access(q));
    }
    return out;
}

Status LocalStore::recordCase(const QString& number, const QString& category, const QString& purpose,
                              const QString& user, qint64 timeMs)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO cases (number, purpose_category, purpose_text, opened_by, opened_ms) VALUES "
                             "(?, ?, ?, ?, ?)"));
    q.addBindValue(text(number));
    q.addBindValue(text(category));
    q.addBindValue(text(purpose));
    q.addBindValue(text(user));
    q.addBindValue(timeMs);
    if (!q.exec())
        return sqlError(QStringLiteral("case"), q.lastError().text());
    return {};
}

Result<QByteArray> LocalStore::totpSecret(const QString& user)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT totp_secret FROM users WHERE name = ?"));
    q.addBindValue(text(user));
    if (!q.exec())
        return sqlError(QStringLiteral("totp"), q.lastError().text());
    if (!q.next())
        return failure(tr("No user named %1.").arg(user));
    return q.value(0).toByteArray();
}

Status LocalStore::setTotpSecret(const QString& user, const QByteArray& secret)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE users SET totp_secret = ? WHERE name = ?"));
    q.addBindValue(secret.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(secret));
    q.addBindValue(text(user));
    if (!q.exec())
        return sqlError(QStringLiteral("totp"), q.lastError().text());
    if (q.numRowsAffected() != 1)
        return failure(tr("No user named %1.").arg(user));
    return {};
}

} // namespace alpr

namespace alpr {

Result<QMap<QString, QString>> LocalStore::settings()
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return sqlError(QStringLiteral("settings"), q.lastError().text());
    QMap<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

} // namespace alpr

namespace alpr {

Result<QList<Read>> LocalStore::readsForPlates(const QList<qint64>& plateIds, bool includeAlternates,
                                               const ReadFilter& filter, int limit, const ReadCursor& after,
                                               bool walkByTime)
{
    QSqlDatabase database = db();
    // Plates holding a large share of all reads (a broad pattern): walk the reads newest-first and keep those whose
    // plate is in the set; the first page is then a few hundred rows away, where fetching every read of every plate
    // and sorting them would cost far more.
    const bool broad = walkByTime && !includeAlternates;
    std::vector<bool> member;
    if (broad) {
        qint64 maxId = 0;
        for (qint64 id : plateIds)
            maxId = std::max(maxId, id);
        member.assign(size_t(maxId) + 1, false);
        for (qint64 id : plateIds)
            member[size_t(id)] = true;
    } else {
        QSqlQuery q(database);
        // The chosen plates go into an in-memory temporary table (temp_store = MEMORY): thousands of ids cannot be
        // bound as an IN list, and none may reach a temporary file.
        if (!q.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS query_plates (id INTEGER PRIMARY KEY)"))
            || !q.exec(QStringLiteral("DELETE FROM query_plates")))
            return sqlError(QStringLiteral("query plates"), q.lastError().text());
        constexpr int kChunk = 500;
        for (qsizetype start = 0; start < plateIds.size(); start += kChunk) {
            const int n = int(std::min<qsizetype>(kChunk, plateIds.size() - start));
            QString values;
            for (int i = 0; i < n; ++i)
                values += i ? QStringLiteral(", (?)") : QStringLiteral("(?)");
            QSqlQuery insert(database);
            insert.prepare(QStringLiteral("INSERT OR IGNORE INTO query_plates (id) VALUES ") + values);
            for (int i = 0; i < n; ++i)
                insert.addBindValue(plateIds.at(start + i));
            if (!insert.exec())
                return sqlError(QStringLiteral("query plates"), insert.lastError().text());
        }
    }

    QString where = broad ? QStringLiteral("(1") : QStringLiteral("(r.plate_id IN (SELECT id FROM query_plates)");
    if (includeAlternates)
        where += QStringLiteral(" OR r.id IN (SELECT a.read_id FROM read_alternates a WHERE a.plate_id IN (SELECT id "
                                "FROM query_plates))");
    where += QStringLiteral(") AND r.time_ms >= ? AND r.time_ms < ? AND (r.time_ms < ? OR (r.time_ms = ? AND r.id < "
                            "?))");
    QVariantList binds { filter.fromMs, filter.toMs, after.timeMs, after.timeMs, after.id };
    if (!filter.cameraIds.isEmpty()) {
        QStringList marks;
        for (qint64 id : filter.cameraIds) {
            marks.append(QStringLiteral("?"));
            binds.append(id);
        }
        where += QStringLiteral(" AND r.camera_id IN (%1)").arg(marks.join(QStringLiteral(", ")));
    }
    if (!filter.state.isEmpty()) {
        where += QStringLiteral(" AND r.state = ?");
        binds.append(filter.state);
    }
    if (!filter.make.isEmpty()) {
        where += QStringLiteral(" AND instr(lower(r.make), lower(?)) > 0");
        binds.append(filter.make);
    }
    if (!filter.colour.isEmpty()) {
        where += QStringLiteral(" AND instr(lower(r.colour), lower(?)) > 0");
        binds.append(filter.colour);
    }
    if (filter.hotlistOnly)
        where += QStringLiteral(" AND EXISTS (SELECT 1 FROM hotlist_entries e WHERE e.plate = p.plate)");
    // Plates only, no column filters: choose the page on the (plate_id, time_ms) index alone, which holds the time
    // and the row id, then read just those rows. Fetching every row of every plate to sort them cost 0.4-0.6 s for
    // ten thousand plates; the index entries alone are a few milliseconds.
    const bool narrowFirst = !broad && !includeAlternates && filter.cameraIds.isEmpty() && filter.state.isEmpty()
        && filter.make.isEmpty() && filter.colour.isEmpty() && !filter.hotlistOnly;
    if (narrowFirst) {
        QSqlQuery ids(database);
        ids.setForwardOnly(true);
        ids.prepare(QStringLiteral("SELECT r.id FROM reads r INDEXED BY reads_plate_time WHERE %1 ORDER BY r.time_ms "
                                   "DESC, r.id DESC LIMIT ?")
                        .arg(where));
        for (const QVariant& v : std::as_const(binds))
            ids.addBindValue(v);
        ids.addBindValue(limit);
        if (!ids.exec())
            return sqlError(QStringLiteral("reads for plates"), ids.lastError().text());
        QStringList idList;
        while (ids.next())
            idList.append(QString::number(ids.value(0).toLongLong()));
        if (idList.isEmpty())
            return QList<Read> {};
        // The ids are integers we just read: joining them into the statement is safe and avoids 500 parameters.
        where = QStringLiteral("r.id IN (%1)").arg(idList.join(u','));
        binds.clear();
    }
    QSqlQuery select(database);
    select.setForwardOnly(true);
    select.prepare(QStringLiteral("SELECT %1 FROM reads r JOIN plates p ON p.id = r.plate_id WHERE %2 ORDER BY "
                                  "r.time_ms DESC, r.id DESC%3")
                       .arg(QLatin1String(kReadColumns), where, broad ? QString() : QStringLiteral(" LIMIT ?")));
    for (const QVariant& v : std::as_const(binds))
        select.addBindValue(v);
    if (!broad)
        select.addBindValue(limit);
    if (!select.exec())
        return sqlError(QStringLiteral("reads for plates"), select.lastError().text());
    QList<Read> out;
    while (out.size() < limit && select.next()) {
        if (broad) {
            const qint64 plateId = select.value(16).toLongLong();
            if (plateId <= 0 || size_t(plateId) >= member.size() || !member[size_t(plateId)])
                continue;
        }
        out.append(readFromRow(select));
    }
    return out;
}

Result<QStringList> LocalStore::platesMatchingGlob(const QString& glob)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT plate FROM plates WHERE read_count > 0 AND plate GLOB ? ORDER BY id"));
    q.addBindValue(glob);
    if (!q.exec())
        return sqlError(QStringLiteral("glob scan"), q.lastError().text());
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<QList<qint64>> LocalStore::readIdsMatchingGlob(const QString& glob, int limit)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.id FROM reads r JOIN plates p ON p.id = r.plate_id WHERE p.plate GLOB ? ORDER "
                             "BY r.time_ms DESC, r.id DESC LIMIT ?"));
    q.addBindValue(glob);
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(QStringLiteral("glob scan"), q.lastError().text());
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

} // namespace alpr

namespace alpr {

// Geo-time queries: the SQL lives in ReadAreaQueries.
Status LocalStore::forEachReadInBoxes(const QList<GeoTimeBox>& boxes,
                                      const std::function<bool(int, const ReadPoint&)>& sink)
{
    return ReadAreaQueries(db(), m_path).forEachReadInBoxes(boxes, sink);
}

Result<QList<ReadPoint>> LocalStore::readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs)
{
    return ReadAreaQueries(db(), m_path).readPointsOfPlate(plate, fromMs, toMs);
}

Result<QHash<qint64, QString>> LocalStore::plateTexts(const QList<qint64>& plateIds)
{
    return ReadAreaQueries(db(), m_path).plateTexts(plateIds);
}

Result<QList<Read>> LocalStore::readsByIds(const QList<qint64>& readIds)
{
    return ReadAreaQueries(db(), m_path).readsByIds(readIds);
}

Result<QList<ReadPoint>> LocalStore::circleReadsBaseline(const CircleWindow& scene)
{
    return ReadAreaQueries(db(), m_path).circleReadsBaseline(scene);
}

Result<QHash<qint64, QList<qint64>>> LocalStore::commonPlatesBaseline(const QList<CircleWindow>& scenes, int minScenes)
{
    return ReadAreaQueries(db(), m_path).commonPlatesBaseline(scenes, minScenes);
}

Result<QHash<qint64, qint64>> LocalStore::convoyBaseline(const QString& plate, qint64 fromMs, qint64 toMs,
                                                         qint64 withinMs, double withinM, int minTimes)
{
    return ReadAreaQueries(db(), m_path).convoyBaseline(plate, fromMs, toMs, withinMs, withinM, minTimes);
}

} // namespace alpr

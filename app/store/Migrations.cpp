#include "Migrations.h"

#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <iterator>

namespace alpr {

namespace {

// Step N takes the schema from version N-1 to N. Never edit a released step: add a new one.
const char* const kSteps[] = {
    // 1: the foundation schema.
    R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE cameras (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    unit    TEXT NOT NULL DEFAULT '',
    mobile  INTEGER NOT NULL DEFAULT 0 CHECK (mobile IN (0, 1)),
    lat     REAL,
    lon     REAL,
    heading REAL
);
-- Distinct plates: the rows the in-memory plate dictionary is built from.
CREATE TABLE plates (
    id            INTEGER PRIMARY KEY,
    plate         TEXT NOT NULL UNIQUE,
    read_count    INTEGER NOT NULL DEFAULT 0,
    alt_count     INTEGER NOT NULL DEFAULT 0,   -- reads that carry this plate among their OCR alternatives
    first_seen_ms INTEGER,
    last_seen_ms  INTEGER
);
CREATE TABLE reads (
    id          INTEGER PRIMARY KEY,
    plate_id    INTEGER NOT NULL REFERENCES plates(id),
    state       TEXT NOT NULL DEFAULT '',
    time_ms     INTEGER NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    heading     REAL,
    camera_id   INTEGER REFERENCES cameras(id),
    confidence  REAL,
    candidates  TEXT NOT NULL DEFAULT '',   -- OCR top-N: "PLATE:conf;PLATE:conf"
    make        TEXT NOT NULL DEFAULT '',
    model       TEXT NOT NULL DEFAULT '',
    colour      TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    source_id   TEXT NOT NULL DEFAULT '',
    has_images  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reads_plate_time ON reads (plate_id, time_ms);
CREATE INDEX reads_time ON reads (time_ms);
-- Re-importing the same file adds nothing (reads without a source id are always new).
CREATE UNIQUE INDEX reads_source ON reads (source_file, source_id) WHERE source_id <> '';
-- OCR alternatives, by plate, so "also match the alternatives" is a dictionary lookup too.
CREATE TABLE read_alternates (
    plate_id   INTEGER NOT NULL REFERENCES plates(id),
    read_id    INTEGER NOT NULL REFERENCES reads(id) ON DELETE CASCADE,
    confidence REAL,
    PRIMARY KEY (plate_id, read_id)
) WITHOUT ROWID;
CREATE INDEX read_alternates_read ON read_alternates (read_id);
CREATE TABLE read_images (
    read_id       INTEGER PRIMARY KEY REFERENCES reads(id) ON DELETE CASCADE,
    overview_jpeg BLOB,
    plate_jpeg    BLOB
);
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    full_name           TEXT NOT NULL DEFAULT '',
    agency              TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL CHECK (role IN ('detective', 'clerk', 'supervisor', 'admin')),
    trained_on          TEXT NOT NULL DEFAULT '',
    refresher_due       TEXT NOT NULL DEFAULT '',
    clets               INTEGER NOT NULL DEFAULT 0,
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_ms          INTEGER NOT NULL,
    last_login_ms       INTEGER NOT NULL DEFAULT 0,
    password_changed_ms INTEGER NOT NULL DEFAULT 0,
    totp_secret         BLOB
);
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL,
    purpose_category TEXT NOT NULL,
    purpose_text     TEXT NOT NULL,
    opened_by        TEXT NOT NULL,
    opened_ms        INTEGER NOT NULL
);
CREATE INDEX cases_number ON cases (number);
CREATE TABLE access_log (
    id           INTEGER PRIMARY KEY,
    time_ms      INTEGER NOT NULL,
    username     TEXT NOT NULL,
    agency       TEXT NOT NULL,
    case_number  TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    elements     TEXT NOT NULL,
    result_count INTEGER NOT NULL
);
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    time_ms   INTEGER NOT NULL,
    username  TEXT NOT NULL,
    event     TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    source    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
);
CREATE TABLE hotlists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    source     TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL
);
CREATE TABLE hotlist_entries (
    id         INTEGER PRIMARY KEY,
    hotlist_id INTEGER NOT NULL REFERENCES hotlists(id) ON DELETE CASCADE,
    plate      TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    added_ms   INTEGER NOT NULL,
    UNIQUE (hotlist_id, plate, state)
);
CREATE INDEX hotlist_entries_plate ON hotlist_entries (plate);
CREATE TABLE hits (
    id            INTEGER PRIMARY KEY,
    read_id       INTEGER NOT NULL REFERENCES reads(id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL REFERENCES hotlist_entries(id),
    time_ms       INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'new',
    verified_by   TEXT NOT NULL DEFAULT '',
    verified_ms   INTEGER NOT NULL DEFAULT 0,
    clets_result  TEXT NOT NULL DEFAULT '',
    disposition   TEXT NOT NULL DEFAULT '',
    UNIQUE (read_id, entry_id)
);
)SQL",
    // 2: the spatio-temporal index of the canvass analyses (see ReadAreaQueries): a grid cell per read, computed by
    // SQLite from lat/lon (a virtual column, so existing rows need no rewrite and every insert keeps the index
    // current), and a covering index on (cell, time) carrying what the analyses need.
    R"SQL(
ALTER TABLE reads ADD COLUMN cell INTEGER GENERATED ALWAYS AS
    (CAST((lat + 90.0) * 400.0 AS INTEGER) * 200000 + CAST((lon + 180.0) * 330.0 AS INTEGER)) VIRTUAL;
CREATE INDEX reads_cell_time ON reads (cell, time_ms, plate_id, lat, lon);
)SQL",
    // 3: the journal of the end-of-shift transfer (TransferJournal): one row per batch of reads sent to a server, so
    // a transfer cut short resumes where it stopped and nothing is purged that the server did not confirm.
    R"SQL(
CREATE TABLE transfer_batches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: it is part of the reads' key on the server
    server_id    TEXT NOT NULL,
    server       TEXT NOT NULL,
    first_read   INTEGER NOT NULL,
    last_read    INTEGER NOT NULL,
    read_count   INTEGER NOT NULL,
    hash         BLOB NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('sent', 'confirmed', 'purged')),
    receipt      TEXT NOT NULL DEFAULT '',
    sent_ms      INTEGER NOT NULL,
    confirmed_ms INTEGER NOT NULL DEFAULT 0,
    purged_ms    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transfer_batches_state ON transfer_batches (state) WHERE state <> 'purged';
)SQL",
    // 4: the foreign keys of reads and OCR alternatives are checked at COMMIT instead of per statement. Why: an
    // immediate key makes SQLite keep a statement journal for every multi-row INSERT (it must be able to undo that
    // one statement), and every page the random-order indexes touch is copied into it; with cipher_memory_security
    // each copy is an mlock/munlock pair. Imports write a batch in one transaction and roll it back as a whole on any
    // error, so checking at COMMIT loses nothing. Only the constraint text changes (the file format does not), which
    // is what SQLite documents writable_schema for ("ALTER TABLE", making other kinds of schema changes); a rebuild
    // of a 10 M-read table would take minutes at the first open.
    R"SQL(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(replace(sql, 'REFERENCES plates(id)', 'REFERENCES plates(id) DEFERRABLE INITIALLY DEFERRED'),
                     'REFERENCES cameras(id)', 'REFERENCES cameras(id) DEFERRABLE INITIALLY DEFERRED')
 WHERE type = 'table' AND name = 'reads';
UPDATE sqlite_schema
   SET sql = replace(replace(sql, 'REFERENCES plates(id)', 'REFERENCES plates(id) DEFERRABLE INITIALLY DEFERRED'),
                     'REFERENCES reads(id) ON DELETE CASCADE',
                     'REFERENCES reads(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED')
 WHERE type = 'table' AND name = 'read_alternates';
PRAGMA writable_schema = OFF;
)SQL",
};

// Steps that edit sqlite_schema's text directly: the schema cookie must change so that every connection (this one
// included) parses the schema again.
constexpr int kSchemaTextSteps[] = { 4 };

constexpr int kStepCount = int(sizeof(kSteps) / sizeof(kSteps[0]));

QString tr(const char* text)
{
    return QCoreApplication::translate("Migrations", text);
}

bool bumpSchemaCookie(QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA schema_version")) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    const qint64 cookie = q.value(0).toLongLong();
    q.finish();
    // A pragma takes no parameters; the value is a number we just read, not text from outside.
    if (!q.exec(QStringLiteral("PRAGMA schema_version = %1").arg(cookie + 1))) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

int Migrations::latestVersion()
{
    return kStepCount;
}

Result<int> Migrations::currentVersion(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return failure(q.lastError().text());
    return q.value(0).toInt();
}

Status Migrations::migrate(QSqlDatabase& db, const QString& storePath)
{
    auto version = currentVersion(db);
    if (!version)
        return version.error();
    if (version.value() > kStepCount) {
        return failure(tr("%1: the store has schema version %2, newer than this program understands (%3). "
                          "Use a newer ALPR Workstation.")
                           .arg(storePath)
                           .arg(version.value())
                           .arg(kStepCount));
    }
    for (int step = version.value() + 1; step <= kStepCount; ++step) {
        if (!db.transaction())
            return failure(db.lastError().text());
        QString error;
        const QString script = QString::fromUtf8(kSteps[step - 1])
            + QStringLiteral("\nPRAGMA user_version = %1;").arg(step);
        bool ok = execScript(db, script, &error);
        if (ok && std::find(std::begin(kSchemaTextSteps), std::end(kSchemaTextSteps), step) != std::end(kSchemaTextSteps))
            ok = bumpSchemaCookie(db, &error);
        if (!ok) {
            db.rollback();
            return failure(tr("%1: schema migration to version %2 failed: %3").arg(storePath).arg(step).arg(error));
        }
        if (!db.commit())
            return failure(db.lastError().text());
    }
    return {};
}

} // namespace alpr

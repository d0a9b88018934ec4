#include "ReadBatchWriter.h"

#include "ForeignKeysOff.h"
#include "NativeStatement.h"
#include "ReadRow.h"
#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

namespace alpr {

namespace {

constexpr int kReadColumns = 16; // id + 15 data columns
constexpr int kPlateColumns = 6;
// Chunk sizes of the multi-row statements. Any row count is made of these, so at most three statements per kind are
// ever prepared; 400 rows of 16 columns are 6,400 parameters, well under SQLite's 32,766.
constexpr int kChunkSizes[] = { 400, 50, 1 };
constexpr int kLookupChunk = 500; // plates per IN (...) lookup; padded, so one statement serves

QString tr(const char* text)
{
    return QCoreApplication::translate("LocalStore", text);
}

QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

/** "(?, ?, ?), (?, ?, ?)" for rows x columns. */
QString placeholders(int rows, int columns)
{
    QString one = QStringLiteral("(");
    for (int c = 0; c < columns; ++c)
        one += c ? QStringLiteral(", ?") : QStringLiteral("?");
    one += u')';
    QString all;
    all.reserve(rows * (one.size() + 2));
    for (int r = 0; r < rows; ++r) {
        if (r)
            all += QStringLiteral(", ");
        all += one;
    }
    return all;
}

/** A plate's first/last sighting, or NULL for a plate seen only among OCR alternatives (no sighting time). */
void bindTimeOrNull(NativeStatement& q, int position, qint64 count, qint64 timeMs)
{
    if (count)
        q.bindInt64(position, timeMs);
    else
        q.bindNull(position);
}

/** Calls chunk(start, rows) over [0, total) with rows taken from kChunkSizes, largest first. */
template<typename Fn> bool forEachChunk(qsizetype total, Fn chunk)
{
    qsizetype start = 0;
    for (int size : kChunkSizes) {
        for (; total - start >= size; start += size)
            if (!chunk(start, size))
                return false;
    }
    return true;
}


enum StatementKind {
    PlateLookup = 1,
    PlateInsert,
    ReadInsert,
    ReadInsertUnchecked,
    AlternateInsert,
    CountUpsert,
    Image,
    CameraCheck
};

// Every multi-row INSERT says OR FAIL: with the default ABORT, SQLite keeps a statement journal so it can undo just
// that statement, and copying pages into it is most of an insert's cost here (see migration 4). A failed statement
// still fails the batch, whose transaction is rolled back as a whole, so FAIL's partial statement never survives.
const QString kReadInsertSql = QStringLiteral(
    "INSERT OR FAIL INTO reads (id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence, candidates, make, "
    "model, colour, source_file, source_id, has_images) VALUES %1");
const QString kSourceConflict
    = QStringLiteral(" ON CONFLICT (source_file, source_id) WHERE source_id <> '' DO NOTHING");

} // namespace

struct ReadBatchWriter::PlateDelta
{
    qint64 count = 0;
    qint64 altCount = 0;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();

    void add(const PlateDelta& o)
    {
        count += o.count;
        altCount += o.altCount;
        first = std::min(first, o.first);
        last = std::max(last, o.last);
    }
};

struct ReadBatchWriter::Alternate
{
    qint64 plateId;
    qint64 readId;
    double confidence;
    bool operator<(const Alternate& o) const { return plateId != o.plateId ? plateId < o.plateId : readId < o.readId; }
};

/** What bulk mode keeps in memory until finishBulk(). Plate ids are 1..plates.size(). */
struct ReadBatchWriter::Bulk
{
    QHash<QString, qint64> ids;
    QStringList plates; ///< [id - 1]
    std::vector<PlateDelta> deltas; ///< [id - 1]
    std::vector<Alternate> alternates;
    qint64 nextReadId = 1;
};

struct ReadBatchWriter::Statements
{
    std::map<int, std::unique_ptr<NativeStatement>> byKey;
};

ReadBatchWriter::ReadBatchWriter(QSqlDatabase db, QString storePath)
    : m_db(std::move(db))
    , m_path(std::move(storePath))
    , m_statements(std::make_unique<Statements>())
{
}

ReadBatchWriter::~ReadBatchWriter() = default;

Error ReadBatchWriter::error(const QString& what, const QString& detail) const
{
    return failure(tr("%1: %2 failed: %3").arg(m_path, what, detail));
}

NativeStatement& ReadBatchWriter::statement(int kind, int rows)
{
    std::unique_ptr<NativeStatement>& slot = m_statements->byKey[kind * 100000 + rows];
    if (slot)
        return *slot;
    QString sql;
    switch (kind) {
    case PlateLookup:
        sql = QStringLiteral("SELECT id, plate FROM plates WHERE plate IN %1").arg(placeholders(1, rows));
        break;
    case PlateInsert:
        sql = QStringLiteral("INSERT OR FAIL INTO plates (id, plate, read_count, alt_count, first_seen_ms, "
                             "last_seen_ms) VALUES %1")
                  .arg(placeholders(rows, kPlateColumns));
        break;
    case ReadInsert:
        sql = kReadInsertSql.arg(placeholders(rows, kReadColumns)) + kSourceConflict;
        break;
    case ReadInsertUnchecked:
        sql = kReadInsertSql.arg(placeholders(rows, kReadColumns));
        break;
    case AlternateInsert:
        sql = QStringLiteral("INSERT OR FAIL INTO read_alternates (plate_id, read_id, confidence) VALUES %1 ON "
                             "CONFLICT DO NOTHING")
                  .arg(placeholders(rows, 3));
        break;
    case CountUpsert:
        // A plate seen only as an alternative brings no sighting times, so NULL first/last must not overwrite real
        // ones.
        sql = QStringLiteral(
                  "INSERT OR FAIL INTO plates (id, plate, read_count, alt_count, first_seen_ms, last_seen_ms) VALUES "
                  "%1 ON CONFLICT (id) DO UPDATE SET read_count = read_count + excluded.read_count, alt_count = "
                  "alt_count + excluded.alt_count, first_seen_ms = CASE WHEN excluded.first_seen_ms IS NULL THEN "
                  "first_seen_ms WHEN first_seen_ms IS NULL THEN excluded.first_seen_ms ELSE min(first_seen_ms, "
                  "excluded.first_seen_ms) END, last_seen_ms = CASE WHEN excluded.last_seen_ms IS NULL THEN "
                  "last_seen_ms WHEN last_seen_ms IS NULL THEN excluded.last_seen_ms ELSE max(last_seen_ms, "
                  "excluded.last_seen_ms) END")
                  .arg(placeholders(rows, kPlateColumns));
        break;
    case Image:
        sql = QStringLiteral("INSERT INTO read_images (read_id, overview_jpeg, plate_jpeg) VALUES (?, ?, ?)");
        break;
    case CameraCheck:
        sql = QStringLiteral("SELECT 1 FROM cameras WHERE id = ?");
        break;
    }
    slot = std::make_unique<NativeStatement>();
    // A failed prepare shows up as the first exec()'s error, with SQLite's message.
    slot->prepare(SqlCipherDriver::nativeHandle(m_db), sql);
    return *slot;
}

Status ReadBatchWriter::plateIds(const QStringList& plates, QHash<QString, qint64>* ids)
{
    if (m_bulk) {
        for (const QString& p : plates) {
            auto it = m_bulk->ids.constFind(p);
            if (it == m_bulk->ids.constEnd()) {
                m_bulk->plates.append(p);
                m_bulk->deltas.emplace_back();
                it = m_bulk->ids.insert(p, m_bulk->plates.size());
            }
            ids->insert(p, it.value());
        }
        return {};
    }
    // Known plates first (one padded lookup statement per 500); only the new ones are inserted, with ids handed out
    // here: we hold the write lock (BEGIN IMMEDIATE), so max(id) cannot move under us.
    NativeStatement& lookup = statement(PlateLookup, kLookupChunk);
    std::vector<QByteArray> texts(kLookupChunk);
    for (qsizetype start = 0; start < plates.size(); start += kLookupChunk) {
        const int n = int(std::min<qsizetype>(kLookupChunk, plates.size() - start));
        lookup.reset();
        for (int i = 0; i < kLookupChunk; ++i) {
            if (i < n)
                texts[std::size_t(i)] = plates.at(start + i).toUtf8();
            lookup.bindText(i + 1, texts[std::size_t(i < n ? i : 0)]);
        }
        while (lookup.next())
            ids->insert(lookup.columnText(1), lookup.columnInt64(0));
        if (!lookup.ok())
            return error(QStringLiteral("plate lookup"), lookup.error());
    }
    QStringList fresh;
    for (const QString& p : plates)
        if (!ids->contains(p))
            fresh.append(p);
    if (fresh.isEmpty())
        return {};
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM plates")) || !q.next())
        return error(QStringLiteral("plate ids"), q.lastError().text());
    const qint64 firstId = q.value(0).toLongLong() + 1;
    q.finish();
    QList<qint64> freshIds;
    freshIds.reserve(fresh.size());
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        freshIds.append(firstId + i);
        ids->insert(fresh.at(i), firstId + i);
    }
    static const PlateDelta kNone;
    return insertPlateRows(freshIds, fresh, QList<const PlateDelta*>(fresh.size(), &kNone));
}

Status ReadBatchWriter::insertPlateRows(const QList<qint64>& ids, const QStringList& plates,
                                        const QList<const PlateDelta*>& deltas)
{
    QString failed;
    std::vector<QByteArray> texts;
    forEachChunk(ids.size(), [&](qsizetype start, int rows) {
        NativeStatement& q = statement(PlateInsert, rows);
        q.reset();
        texts.assign(std::size_t(rows), QByteArray());
        int p = 1;
        for (qsizetype i = start; i < start + rows; ++i) {
            const PlateDelta& d = *deltas.at(i);
            QByteArray& plate = texts[std::size_t(i - start)];
            plate = plates.at(i).toUtf8();
            q.bindInt64(p++, ids.at(i));
            q.bindText(p++, plate);
            q.bindInt64(p++, d.count);
            q.bindInt64(p++, d.altCount);
            bindTimeOrNull(q, p++, d.count, d.first);
            bindTimeOrNull(q, p++, d.count, d.last);
        }
        if (q.exec())
            return true;
        failed = q.error();
        return false;
    });
    if (!failed.isEmpty())
        return error(QStringLiteral("plate insert"), failed);
    return {};
}

Status ReadBatchWriter::insertReads(const QList<Read>& reads, const QHash<QString, qint64>& plateIds, qint64 firstId,
                                    QList<bool>* inserted)
{
    QString failed;
    constexpr int kTexts = 7; // text columns per read, kept alive (bound without a copy) until the next chunk
    std::vector<QByteArray> texts;
    // Many reads of a file share a source file name: convert it once per distinct name.
    QString lastSourceFile;
    QByteArray lastSourceFileUtf8;
    forEachChunk(reads.size(), [&](qsizetype start, int rows) {
        NativeStatement& q = statement(m_bulk ? ReadInsertUnchecked : ReadInsert, rows);
        q.reset();
        texts.assign(std::size_t(rows) * kTexts, QByteArray());
        int p = 1;
        for (qsizetype i = start; i < start + rows; ++i) {
            const Read& r = reads.at(i);
            QByteArray* t = &texts[std::size_t(i - start) * kTexts];
            if (r.sourceFile != lastSourceFile || lastSourceFileUtf8.isNull()) {
                lastSourceFile = r.sourceFile;
                lastSourceFileUtf8 = r.sourceFile.toUtf8();
            }
            t[0] = r.state.toUtf8();
            t[1] = formatCandidates(r.candidates).toUtf8();
            t[2] = r.make.toUtf8();
            t[3] = r.model.toUtf8();
            t[4] = r.colour.toUtf8();
            t[5] = lastSourceFileUtf8;
            t[6] = r.sourceId.toUtf8();
            q.bindInt64(p++, firstId + i);
            q.bindInt64(p++, plateIds.value(r.plate));
            q.bindText(p++, t[0]);
            q.bindInt64(p++, r.timeMs);
            q.bindDouble(p++, r.lat);
            q.bindDouble(p++, r.lon);
            if (r.heading < 0)
                q.bindNull(p++);
            else
                q.bindDouble(p++, double(r.heading));
            if (r.cameraId > 0)
                q.bindInt64(p++, r.cameraId);
            else
                q.bindNull(p++);
            q.bindDouble(p++, double(r.confidence));
            for (int c = 1; c < kTexts; ++c)
                q.bindText(p++, t[c]);
            q.bindInt64(p++, r.overviewJpeg.isEmpty() && r.plateJpeg.isEmpty() ? 0 : 1);
        }
        if (!q.exec()) {
            failed = q.error();
            return false;
        }
        if (q.changes() == rows)
            return true;
        // Some were imported before: find out which of our ids exist.
        QSqlQuery check(m_db);
        check.setForwardOnly(true);
        check.prepare(QStringLiteral("SELECT id FROM reads WHERE id >= ? AND id < ?"));
        check.addBindValue(firstId + start);
        check.addBindValue(firstId + start + rows);
        if (!check.exec()) {
            failed = check.lastError().text();
            return false;
        }
        for (qsizetype i = start; i < start + rows; ++i)
            (*inserted)[i] = false;
        while (check.next())
            (*inserted)[check.value(0).toLongLong() - firstId] = true;
        return true;
    });
    if (!failed.isEmpty())
        return error(QStringLiteral("read insert"), failed);
    return {};
}

Status ReadBatchWriter::insertAlternates(const std::vector<Alternate>& alternates)
{
    NativeStatement& q = statement(AlternateInsert, kChunkSizes[0]);
    const qsizetype chunk = kChunkSizes[0];
    for (qsizetype start = 0; start < qsizetype(alternates.size()); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, alternates.size() - start);
        q.reset();
        // Padding repeats the chunk's first row, which the conflict clause then ignores.
        int p = 1;
        for (qsizetype i = 0; i < chunk; ++i) {
            const Alternate& a = alternates.at(start + (i < n ? i : 0));
            q.bindInt64(p++, a.plateId);
            q.bindInt64(p++, a.readId);
            q.bindDouble(p++, a.confidence);
        }
        if (!q.exec())
            return error(QStringLiteral("alternate insert"), q.error());
    }
    return {};
}

Status ReadBatchWriter::foldCounts(const QHash<qint64, PlateDelta>& deltas)
{
    QList<qint64> ids = deltas.keys();
    std::sort(ids.begin(), ids.end()); // neighbouring rows share pages
    const qsizetype chunk = kChunkSizes[0];
    NativeStatement& q = statement(CountUpsert, int(chunk));
    static const PlateDelta kNothing;
    static const QByteArray kNoPlate(""); // never used: the row exists
    for (qsizetype start = 0; start < ids.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, ids.size() - start);
        q.reset();
        // Padding rows add zero to the chunk's first plate and bring no times: no change.
        int p = 1;
        for (qsizetype i = 0; i < chunk; ++i) {
            const qint64 id = ids.at(start + (i < n ? i : 0));
            const PlateDelta& d = i < n ? deltas[id] : kNothing;
            q.bindInt64(p++, id);
            q.bindText(p++, kNoPlate);
            q.bindInt64(p++, d.count);
            q.bindInt64(p++, d.altCount);
            bindTimeOrNull(q, p++, d.count, d.first);
            bindTimeOrNull(q, p++, d.count, d.last);
        }
        if (!q.exec())
            return error(QStringLiteral("plate counts"), q.error());
    }
    return {};
}

Status ReadBatchWriter::checkCameras(const QList<Read>& reads)
{
    QSet<qint64> cameras;
    for (const Read& r : reads)
        if (r.cameraId > 0)
            cameras.insert(r.cameraId);
    NativeStatement& q = statement(CameraCheck, 1);
    for (qint64 id : std::as_const(cameras)) {
        q.reset();
        q.bindInt64(1, id);
        const bool known = q.next();
        const bool ok = q.ok();
        const QString failed = q.error();
        q.reset(); // a statement left on its row stays active, and an active statement blocks a checkpoint
        if (!ok)
            return error(QStringLiteral("camera check"), failed);
        if (!known)
            return error(QStringLiteral("read insert"),
                         tr("a read refers to camera %1, which is not in this store").arg(id));
    }
    return {};
}

Result<qint64> ReadBatchWriter::write(const QList<Read>& reads)
{
    if (reads.isEmpty())
        return qint64(0);
    // Foreign keys off for this transaction: every read and alternative inserted made SQLite look up its parent rows
    // (plate, camera, read), about a tenth of a batch's time, for references the writer makes itself. Plate and read
    // ids are handed out inside the transaction under the write lock; camera ids, the only ones a caller brings, are
    // checked once per distinct camera (checkCameras). Bulk mode has them off for the whole load already.
    std::optional<ForeignKeysOff> keysOff;
    if (!m_bulk)
        keysOff.emplace(m_db);
    QSqlQuery tx(m_db);
    // IMMEDIATE: the write lock is ours before we read max(id), so the ids we hand out cannot collide.
    if (!tx.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return error(QStringLiteral("begin"), tx.lastError().text());
    // In bulk mode a failed batch also leaves the in-memory plates ahead of the store; finishBulk() writes them with
    // zero counts, which is harmless (the dictionary skips plates without reads).
    auto rollback = [&](const Error& e) -> Result<qint64> {
        QSqlQuery r(m_db);
        r.exec(QStringLiteral("ROLLBACK"));
        return e;
    };

    // 1. Every plate and OCR alternative of the batch gets its id.
    QStringList distinct;
    {
        QSet<QString> seen;
        seen.reserve(reads.size());
        auto note = [&](const QString& p) {
            if (!seen.contains(p)) {
                seen.insert(p);
                distinct.append(text(p));
            }
        };
        for (const Read& r : reads) {
            note(r.plate);
            for (const PlateCandidate& c : r.candidates)
                note(c.plate);
        }
    }
    QHash<QString, qint64> ids;
    ids.reserve(distinct.size());
    if (Status s = plateIds(distinct, &ids); !s)
        return rollback(s.error());
    if (Status s = checkCameras(reads); !s)
        return rollback(s.error());

    // 2. The reads, with ids handed out here so alternatives and images can refer to them.
    qint64 firstId = 0;
    if (m_bulk) {
        firstId = m_bulk->nextReadId;
    } else {
        if (!tx.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM reads")) || !tx.next())
            return rollback(error(QStringLiteral("read ids"), tx.lastError().text()));
        firstId = tx.value(0).toLongLong() + 1;
        tx.finish();
    }
    QList<bool> inserted(reads.size(), true);
    if (Status s = insertReads(reads, ids, firstId, &inserted); !s)
        return rollback(s.error());

    // 3. Alternatives, images and the plate counts, for the reads actually inserted.
    QHash<qint64, PlateDelta> deltas;
    std::vector<Alternate> alternates;
    qint64 count = 0;
    for (qsizetype i = 0; i < reads.size(); ++i) {
        if (!inserted.at(i))
            continue;
        ++count;
        const Read& r = reads.at(i);
        const qint64 readId = firstId + i;
        PlateDelta& d = deltas[ids.value(r.plate)];
        ++d.count;
        d.first = std::min(d.first, r.timeMs);
        d.last = std::max(d.last, r.timeMs);
        const std::size_t altsBefore = alternates.size();
        for (const PlateCandidate& c : r.candidates) {
            const qint64 altId = ids.value(c.plate);
            if (c.plate == r.plate
                || std::any_of(alternates.begin() + altsBefore, alternates.end(),
                               [&](const Alternate& a) { return a.plateId == altId; }))
                continue;
            alternates.push_back({ altId, readId, double(c.confidence) });
            ++deltas[altId].altCount;
        }
        if (!r.overviewJpeg.isEmpty() || !r.plateJpeg.isEmpty()) {
            NativeStatement& image = statement(Image, 1);
            image.reset();
            image.bindInt64(1, readId);
            image.bindBlob(2, r.overviewJpeg);
            image.bindBlob(3, r.plateJpeg);
            if (!image.exec())
                return rollback(error(QStringLiteral("image insert"), image.error()));
        }
    }
    if (m_bulk) {
        for (auto it = deltas.cbegin(); it != deltas.cend(); ++it)
            m_bulk->deltas[std::size_t(it.key() - 1)].add(it.value());
        m_bulk->alternates.insert(m_bulk->alternates.end(), alternates.begin(), alternates.end());
    } else {
        if (Status s = insertAlternates(alternates); !s)
            return rollback(s.error());
        if (Status s = foldCounts(deltas); !s)
            return rollback(s.error());
    }
    if (!tx.exec(QStringLiteral("COMMIT")))
        return rollback(error(QStringLiteral("commit"), tx.lastError().text()));
    if (m_bulk)
        m_bulk->nextReadId = firstId + reads.size();
    return count;
}

Status ReadBatchWriter::beginBulk()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM reads) + (SELECT count(*) FROM plates)")) || !q.next())
        return error(QStringLiteral("bulk load"), q.lastError().text());
    if (q.value(0).toLongLong() != 0)
        return failure(tr("%1: a bulk load needs an empty store; this one already holds reads.").arg(m_path));
    m_bulk = std::make_unique<Bulk>();
    return {};
}

Status ReadBatchWriter::finishBulk()
{
    if (!m_bulk)
        return {};
    std::unique_ptr<Bulk> bulk = std::move(m_bulk);
    QSqlQuery tx(m_db);
    if (!tx.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return error(QStringLiteral("begin"), tx.lastError().text());
    auto rollback = [&](const Error& e) {
        QSqlQuery r(m_db);
        r.exec(QStringLiteral("ROLLBACK"));
        return Status(e);
    };
    // Plates in id order: appends to the table; alternatives in key order: appends to their WITHOUT ROWID tree.
    QList<qint64> ids;
    QList<const PlateDelta*> deltas;
    ids.reserve(bulk->plates.size());
    deltas.reserve(bulk->plates.size());
    for (qsizetype i = 0; i < bulk->plates.size(); ++i) {
        ids.append(i + 1);
        deltas.append(&bulk->deltas[std::size_t(i)]);
    }
    if (Status s = insertPlateRows(ids, bulk->plates, deltas); !s)
        return rollback(s.error());
    std::sort(bulk->alternates.begin(), bulk->alternates.end());
    if (Status s = insertAlternates(bulk->alternates); !s)
        return rollback(s.error());
    if (!tx.exec(QStringLiteral("COMMIT")))
        return rollback(error(QStringLiteral("commit"), tx.lastError().text()));
    return {};
}

} // namespace alpr

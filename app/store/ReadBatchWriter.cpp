#include "ReadBatchWriter.h"

#include "ReadRow.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <map>

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
    Image
};

const QString kReadInsertSql = QStringLiteral(
    "INSERT INTO reads (id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence, candidates, make, "
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
    std::map<int, std::unique_ptr<QSqlQuery>> byKey;
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

QSqlQuery& ReadBatchWriter::statement(int kind, int rows)
{
    std::unique_ptr<QSqlQuery>& slot = m_statements->byKey[kind * 100000 + rows];
    if (slot)
        return *slot;
    QString sql;
    switch (kind) {
    case PlateLookup:
        sql = QStringLiteral("SELECT id, plate FROM plates WHERE plate IN %1").arg(placeholders(1, rows));
        break;
    case PlateInsert:
        sql = QStringLiteral("INSERT INTO plates (id, plate, read_count, alt_count, first_seen_ms, last_seen_ms) "
                             "VALUES %1")
                  .arg(placeholders(rows, kPlateColumns));
        break;
    case ReadInsert:
        sql = kReadInsertSql.arg(placeholders(rows, kReadColumns)) + kSourceConflict;
        break;
    case ReadInsertUnchecked:
        sql = kReadInsertSql.arg(placeholders(rows, kReadColumns));
        break;
    case AlternateInsert:
        sql = QStringLiteral("INSERT INTO read_alternates (plate_id, read_id, confidence) VALUES %1 ON CONFLICT DO "
                             "NOTHING")
                  .arg(placeholders(rows, 3));
        break;
    case CountUpsert:
        // A plate seen only as an alternative brings no sighting times, so NULL first/last must not overwrite real
        // ones.
        sql = QStringLiteral(
                  "INSERT INTO plates (id, plate, read_count, alt_count, first_seen_ms, last_seen_ms) VALUES %1 "
                  "ON CONFLICT (id) DO UPDATE SET read_count = read_count + excluded.read_count, alt_count = "
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
    }
    slot = std::make_unique<QSqlQuery>(m_db);
    slot->setForwardOnly(true);
    slot->prepare(sql);
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
    QSqlQuery& lookup = statement(PlateLookup, kLookupChunk);
    for (qsizetype start = 0; start < plates.size(); start += kLookupChunk) {
        const int n = int(std::min<qsizetype>(kLookupChunk, plates.size() - start));
        for (int i = 0; i < kLookupChunk; ++i)
            lookup.addBindValue(plates.at(start + (i < n ? i : 0)));
        if (!lookup.exec())
            return error(QStringLiteral("plate lookup"), lookup.lastError().text());
        while (lookup.next())
            ids->insert(lookup.value(1).toString(), lookup.value(0).toLongLong());
        lookup.finish();
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
    const QVariant nullTime(QMetaType::fromType<qlonglong>());
    QString failed;
    forEachChunk(ids.size(), [&](qsizetype start, int rows) {
        QSqlQuery& q = statement(PlateInsert, rows);
        for (qsizetype i = start; i < start + rows; ++i) {
            const PlateDelta& d = *deltas.at(i);
            q.addBindValue(ids.at(i));
            q.addBindValue(text(plates.at(i)));
            q.addBindValue(d.count);
            q.addBindValue(d.altCount);
            q.addBindValue(d.count ? QVariant(d.first) : nullTime);
            q.addBindValue(d.count ? QVariant(d.last) : nullTime);
        }
        if (q.exec())
            return true;
        failed = q.lastError().text();
        return false;
    });
    if (!failed.isEmpty())
        return error(QStringLiteral("plate insert"), failed);
    return {};
}

Status ReadBatchWriter::insertReads(const QList<Read>& reads, const QHash<QString, qint64>& plateIds, qint64 firstId,
                                    QList<bool>* inserted)
{
    const QVariant nullDouble(QMetaType::fromType<double>());
    const QVariant nullId(QMetaType::fromType<qlonglong>());
    QString failed;
    forEachChunk(reads.size(), [&](qsizetype start, int rows) {
        QSqlQuery& q = statement(m_bulk ? ReadInsertUnchecked : ReadInsert, rows);
        for (qsizetype i = start; i < start + rows; ++i) {
            const Read& r = reads.at(i);
            q.addBindValue(firstId + i);
            q.addBindValue(plateIds.value(r.plate));
            q.addBindValue(text(r.state));
            q.addBindValue(r.timeMs);
            q.addBindValue(r.lat);
            q.addBindValue(r.lon);
            q.addBindValue(r.heading < 0 ? nullDouble : QVariant(double(r.heading)));
            q.addBindValue(r.cameraId > 0 ? QVariant(r.cameraId) : nullId);
            q.addBindValue(double(r.confidence));
            q.addBindValue(text(formatCandidates(r.candidates)));
            q.addBindValue(text(r.make));
            q.addBindValue(text(r.model));
            q.addBindValue(text(r.colour));
            q.addBindValue(text(r.sourceFile));
            q.addBindValue(text(r.sourceId));
            q.addBindValue(r.overviewJpeg.isEmpty() && r.plateJpeg.isEmpty() ? 0 : 1);
        }
        if (!q.exec()) {
            failed = q.lastError().text();
            return false;
        }
        if (q.numRowsAffected() == rows)
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
    QSqlQuery& q = statement(AlternateInsert, kChunkSizes[0]);
    const qsizetype chunk = kChunkSizes[0];
    for (qsizetype start = 0; start < qsizetype(alternates.size()); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, alternates.size() - start);
        // Padding repeats the chunk's first row, which the conflict clause then ignores.
        for (qsizetype i = 0; i < chunk; ++i) {
            const Alternate& a = alternates.at(start + (i < n ? i : 0));
            q.addBindValue(a.plateId);
            q.addBindValue(a.readId);
            q.addBindValue(a.confidence);
        }
        if (!q.exec())
            return error(QStringLiteral("alternate insert"), q.lastError().text());
    }
    return {};
}

Status ReadBatchWriter::foldCounts(const QHash<qint64, PlateDelta>& deltas)
{
    const QVariant nullTime(QMetaType::fromType<qlonglong>());
    QList<qint64> ids = deltas.keys();
    std::sort(ids.begin(), ids.end()); // neighbouring rows share pages
    const qsizetype chunk = kChunkSizes[0];
    QSqlQuery& q = statement(CountUpsert, int(chunk));
    static const PlateDelta kNothing;
    for (qsizetype start = 0; start < ids.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, ids.size() - start);
        // Padding rows add zero to the chunk's first plate and bring no times: no change.
        for (qsizetype i = 0; i < chunk; ++i) {
            const qint64 id = ids.at(start + (i < n ? i : 0));
            const PlateDelta& d = i < n ? deltas[id] : kNothing;
            q.addBindValue(id);
            q.addBindValue(QStringLiteral("")); // never used: the row exists
            q.addBindValue(d.count);
            q.addBindValue(d.altCount);
            q.addBindValue(d.count ? QVariant(d.first) : nullTime);
            q.addBindValue(d.count ? QVariant(d.last) : nullTime);
        }
        if (!q.exec())
            return error(QStringLiteral("plate counts"), q.lastError().text());
    }
    return {};
}

Result<qint64> ReadBatchWriter::write(const QList<Read>& reads)
{
    if (reads.isEmpty())
        return qint64(0);
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
            QSqlQuery& image = statement(Image, 1);
            image.addBindValue(readId);
            image.addBindValue(r.overviewJpeg);
            image.addBindValue(r.plateJpeg);
            if (!image.exec())
                return rollback(error(QStringLiteral("image insert"), image.lastError().text()));
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

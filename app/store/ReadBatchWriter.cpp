#include "ReadBatchWriter.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace alpr {

namespace {

constexpr int kReadColumns = 16; // id + 15 data columns
constexpr int kReadRowsPerStatement = 400; // 6,400 parameters, well under SQLite's 32,766
constexpr int kPlatesPerStatement = 500;
constexpr int kAlternatesPerStatement = 500;

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

QString formatCandidatesText(const QList<PlateCandidate>& candidates)
{
    QString out;
    for (const PlateCandidate& c : candidates) {
        if (!out.isEmpty())
            out += u';';
        out += c.plate + u':' + QString::number(double(c.confidence), 'f', 1);
    }
    return out;
}

} // namespace

struct ReadBatchWriter::PlateDelta
{
    qint64 count = 0;
    qint64 altCount = 0;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
};

ReadBatchWriter::ReadBatchWriter(QSqlDatabase db, QString storePath)
    : m_db(std::move(db))
    , m_path(std::move(storePath))
{
}

Error ReadBatchWriter::error(const QString& what, const QString& detail) const
{
    return failure(tr("%1: %2 failed: %3").arg(m_path, what, detail));
}

QSqlQuery& ReadBatchWriter::prepared(std::unique_ptr<QSqlQuery>& slot, const QString& sql)
{
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_db);
        slot->setForwardOnly(true);
        slot->prepare(sql);
    }
    return *slot;
}

Status ReadBatchWriter::ensurePlates(const QStringList& plates, QHash<QString, qint64>* ids)
{
    QSqlQuery& insert = prepared(m_plateInsert,
                                 QStringLiteral("INSERT INTO plates (plate) VALUES %1 ON CONFLICT (plate) DO NOTHING")
                                     .arg(placeholders(kPlatesPerStatement, 1)));
    QSqlQuery& select = prepared(m_plateSelect, QStringLiteral("SELECT id, plate FROM plates WHERE plate IN %1")
                                                    .arg(placeholders(1, kPlatesPerStatement)));
    for (qsizetype start = 0; start < plates.size(); start += kPlatesPerStatement) {
        const int n = int(std::min<qsizetype>(kPlatesPerStatement, plates.size() - start));
        // A short last chunk is padded with its first plate: inserting or selecting it twice changes nothing, and
        // the statement prepared for full chunks serves.
        for (int i = 0; i < kPlatesPerStatement; ++i)
            insert.addBindValue(plates.at(start + (i < n ? i : 0)));
        if (!insert.exec())
            return error(QStringLiteral("plate insert"), insert.lastError().text());
        for (int i = 0; i < kPlatesPerStatement; ++i)
            select.addBindValue(plates.at(start + (i < n ? i : 0)));
        if (!select.exec())
            return error(QStringLiteral("plate lookup"), select.lastError().text());
        while (select.next())
            ids->insert(select.value(1).toString(), select.value(0).toLongLong());
        select.finish();
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
    auto rollback = [&](const Error& e) -> Result<qint64> {
        QSqlQuery r(m_db);
        r.exec(QStringLiteral("ROLLBACK"));
        return e;
    };

    // 1. Every plate and OCR alternative of the batch gets its id.
    QStringList distinct;
    {
        QSet<QString> seen;
        for (const Read& r : reads) {
            if (!seen.contains(r.plate)) {
                seen.insert(r.plate);
                distinct.append(text(r.plate));
            }
            for (const PlateCandidate& c : r.candidates) {
                if (!seen.contains(c.plate)) {
                    seen.insert(c.plate);
                    distinct.append(text(c.plate));
                }
            }
        }
    }
    QHash<QString, qint64> plateIds;
    plateIds.reserve(distinct.size());
    if (Status s = ensurePlates(distinct, &plateIds); !s)
        return rollback(s.error());

    // 2. The reads, with ids handed out here so alternatives and images can refer to them.
    if (!tx.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM reads")) || !tx.next())
        return rollback(error(QStringLiteral("read ids"), tx.lastError().text()));
    const qint64 firstId = tx.value(0).toLongLong() + 1;
    tx.finish();

    QList<bool> inserted(reads.size(), true);
    const QString insertSql = QStringLiteral(
        "INSERT INTO reads (id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence, candidates, make, "
        "model, colour, source_file, source_id, has_images) VALUES %1 ON CONFLICT (source_file, source_id) WHERE "
        "source_id <> '' DO NOTHING");
    QSqlQuery& fullChunk = prepared(m_readInsert, insertSql.arg(placeholders(kReadRowsPerStatement, kReadColumns)));
    const QVariant nullDouble(QMetaType::fromType<double>());
    const QVariant nullId(QMetaType::fromType<qlonglong>());
    for (qsizetype start = 0; start < reads.size(); start += kReadRowsPerStatement) {
        const int n = int(std::min<qsizetype>(kReadRowsPerStatement, reads.size() - start));
        QSqlQuery partial(m_db);
        QSqlQuery& q = n == kReadRowsPerStatement ? fullChunk : partial;
        if (&q == &partial)
            partial.prepare(insertSql.arg(placeholders(n, kReadColumns)));
        for (int i = 0; i < n; ++i) {
            const Read& r = reads.at(start + i);
            q.addBindValue(firstId + start + i);
            q.addBindValue(plateIds.value(r.plate));
            q.addBindValue(text(r.state));
            q.addBindValue(r.timeMs);
            q.addBindValue(r.lat);
            q.addBindValue(r.lon);
            q.addBindValue(r.heading < 0 ? nullDouble : QVariant(double(r.heading)));
            q.addBindValue(r.cameraId > 0 ? QVariant(r.cameraId) : nullId);
            q.addBindValue(double(r.confidence));
            q.addBindValue(text(formatCandidatesText(r.candidates)));
            q.addBindValue(text(r.make));
            q.addBindValue(text(r.model));
            q.addBindValue(text(r.colour));
            q.addBindValue(text(r.sourceFile));
            q.addBindValue(text(r.sourceId));
            q.addBindValue(r.overviewJpeg.isEmpty() && r.plateJpeg.isEmpty() ? 0 : 1);
        }
        if (!q.exec())
            return rollback(error(QStringLiteral("read insert"), q.lastError().text()));
        if (q.numRowsAffected() != n) {
            // Some were imported before: find out which of our ids exist.
            QSqlQuery check(m_db);
            check.setForwardOnly(true);
            check.prepare(QStringLiteral("SELECT id FROM reads WHERE id >= ? AND id < ?"));
            check.addBindValue(firstId + start);
            check.addBindValue(firstId + start + n);
            if (!check.exec())
                return rollback(error(QStringLiteral("read insert"), check.lastError().text()));
            for (int i = 0; i < n; ++i)
                inserted[start + i] = false;
            while (check.next())
                inserted[check.value(0).toLongLong() - firstId] = true;
        }
    }

    // 3. Alternatives, images and the plate counts, for the reads actually inserted.
    QHash<qint64, PlateDelta> deltas;
    struct Alternate
    {
        qint64 plateId;
        qint64 readId;
        double confidence;
    };
    QList<Alternate> alternates;
    QSqlQuery image(m_db);
    image.prepare(QStringLiteral("INSERT INTO read_images (read_id, overview_jpeg, plate_jpeg) VALUES (?, ?, ?)"));
    qint64 count = 0;
    for (qsizetype i = 0; i < reads.size(); ++i) {
        if (!inserted.at(i))
            continue;
        ++count;
        const Read& r = reads.at(i);
        const qint64 readId = firstId + i;
        PlateDelta& d = deltas[plateIds.value(r.plate)];
        ++d.count;
        d.first = std::min(d.first, r.timeMs);
        d.last = std::max(d.last, r.timeMs);
        QSet<qint64> altsOfRead;
        for (const PlateCandidate& c : r.candidates) {
            const qint64 altId = plateIds.value(c.plate);
            if (c.plate == r.plate || altsOfRead.contains(altId))
                continue;
            altsOfRead.insert(altId);
            alternates.append({altId, readId, double(c.confidence)});
            ++deltas[altId].altCount;
        }
        if (!r.overviewJpeg.isEmpty() || !r.plateJpeg.isEmpty()) {
            image.addBindValue(readId);
            image.addBindValue(r.overviewJpeg);
            image.addBindValue(r.plateJpeg);
            if (!image.exec())
                return rollback(error(QStringLiteral("image insert"), image.lastError().text()));
        }
    }
    QSqlQuery& alternateInsert = prepared(m_alternateInsert,
                                          QStringLiteral("INSERT INTO read_alternates (plate_id, read_id, confidence) "
                                                         "VALUES %1 ON CONFLICT DO NOTHING")
                                              .arg(placeholders(kAlternatesPerStatement, 3)));
    for (qsizetype start = 0; start < alternates.size(); start += kAlternatesPerStatement) {
        const int n = int(std::min<qsizetype>(kAlternatesPerStatement, alternates.size() - start));
        QSqlQuery& q = alternateInsert;
        // Padding repeats the chunk's first row, which the conflict clause then ignores.
        for (int i = 0; i < kAlternatesPerStatement; ++i) {
            const Alternate& a = alternates.at(start + (i < n ? i : 0));
            q.addBindValue(a.plateId);
            q.addBindValue(a.readId);
            q.addBindValue(a.confidence);
        }
        if (!q.exec())
            return rollback(error(QStringLiteral("alternate insert"), q.lastError().text()));
    }

    // Counts folded in with one upsert per few hundred plates. A plate seen only as an alternative brings no
    // sighting times, so NULL first/last must not overwrite real ones.
    const QList<qint64> ids = deltas.keys();
    const qsizetype realRows = ids.size();
    for (qsizetype start = 0; start < realRows; start += kPlatesPerStatement) {
        const int n = int(std::min<qsizetype>(kPlatesPerStatement, realRows - start));
        QSqlQuery& q = prepared(m_countUpsert, QStringLiteral(
                      "INSERT INTO plates (id, plate, read_count, alt_count, first_seen_ms, last_seen_ms) VALUES %1 "
                      "ON CONFLICT (id) DO UPDATE SET read_count = read_count + excluded.read_count, alt_count = "
                      "alt_count + excluded.alt_count, first_seen_ms = CASE WHEN excluded.first_seen_ms IS NULL THEN "
                      "first_seen_ms WHEN first_seen_ms IS NULL THEN excluded.first_seen_ms ELSE min(first_seen_ms, "
                      "excluded.first_seen_ms) END, last_seen_ms = CASE WHEN excluded.last_seen_ms IS NULL THEN "
                      "last_seen_ms WHEN last_seen_ms IS NULL THEN excluded.last_seen_ms ELSE max(last_seen_ms, "
                      "excluded.last_seen_ms) END")
                                                   .arg(placeholders(kPlatesPerStatement, 6)));
        // Padding rows add zero to the chunk's first plate and bring no times: no change.
        static const PlateDelta kNothing;
        for (int i = 0; i < kPlatesPerStatement; ++i) {
            const qint64 id = ids.at(start + (i < n ? i : 0));
            const PlateDelta& d = i < n ? deltas[id] : kNothing;
            q.addBindValue(id);
            q.addBindValue(QStringLiteral("")); // never used: the row exists (step 1)
            q.addBindValue(d.count);
            q.addBindValue(d.altCount);
            q.addBindValue(d.count ? QVariant(d.first) : nullId);
            q.addBindValue(d.count ? QVariant(d.last) : nullId);
        }
        if (!q.exec())
            return rollback(error(QStringLiteral("plate counts"), q.lastError().text()));
    }
    if (!tx.exec(QStringLiteral("COMMIT")))
        return rollback(error(QStringLiteral("commit"), tx.lastError().text()));
    return count;
}

} // namespace alpr

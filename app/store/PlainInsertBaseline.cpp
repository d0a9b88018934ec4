// LocalStore::addReadsBaseline: the ingest benchmark's baseline. The same rows as ReadBatchWriter, written the way a
// straightforward implementation would: each row its own execution of a prepared single-row statement, values bound
// as QVariants, in one transaction. `alpr-cli bench ingest` prints our figure beside this one, measured in the same
// run on a store opened the same way.
#include "LocalStore.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace alpr {

namespace {
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
} // namespace

Result<qint64> LocalStore::addReadsBaseline(const QList<Read>& reads)
{
    QSqlDatabase database = db();
    auto fail = [&](const QString& what, const QSqlQuery& q) -> Result<qint64> {
        const QString detail = q.lastError().text();
        database.rollback();
        return sqlError(what, detail);
    };
    if (!database.transaction())
        return sqlError(QStringLiteral("begin"), database.lastError().text());
    QSqlQuery plateInsert(database), plateSelect(database), readInsert(database), alternateInsert(database),
        countUpdate(database), altCountUpdate(database), image(database);
    plateInsert.prepare(QStringLiteral("INSERT INTO plates (plate) VALUES (?) ON CONFLICT (plate) DO NOTHING"));
    plateSelect.prepare(QStringLiteral("SELECT id FROM plates WHERE plate = ?"));
    readInsert.prepare(QStringLiteral(
        "INSERT INTO reads (plate_id, state, time_ms, lat, lon, heading, camera_id, confidence, candidates, make, "
        "model, colour, source_file, source_id, has_images) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
        "CONFLICT (source_file, source_id) WHERE source_id <> '' DO NOTHING"));
    alternateInsert.prepare(
        QStringLiteral("INSERT INTO read_alternates (plate_id, read_id, confidence) VALUES (?, ?, ?) ON CONFLICT DO "
                       "NOTHING"));
    countUpdate.prepare(QStringLiteral(
        "UPDATE plates SET read_count = read_count + 1, first_seen_ms = min(coalesce(first_seen_ms, ?), ?), "
        "last_seen_ms = max(coalesce(last_seen_ms, ?), ?) WHERE id = ?"));
    altCountUpdate.prepare(QStringLiteral("UPDATE plates SET alt_count = alt_count + 1 WHERE id = ?"));
    image.prepare(QStringLiteral("INSERT INTO read_images (read_id, overview_jpeg, plate_jpeg) VALUES (?, ?, ?)"));

    auto plateId = [&](const QString& plate, qint64* id) {
        plateInsert.addBindValue(text(plate));
        if (!plateInsert.exec())
            return false;
        plateSelect.addBindValue(text(plate));
        if (!plateSelect.exec() || !plateSelect.next())
            return false;
        *id = plateSelect.value(0).toLongLong();
        plateSelect.finish();
        return true;
    };
    const QVariant nullDouble(QMetaType::fromType<double>());
    const QVariant nullId(QMetaType::fromType<qlonglong>());
    qint64 inserted = 0;
    for (const Read& r : reads) {
        qint64 pid = 0;
        if (!plateId(r.plate, &pid))
            return fail(QStringLiteral("plate"), plateInsert.lastError().isValid() ? plateInsert : plateSelect);
        QString candidates;
        for (const PlateCandidate& c : r.candidates)
            candidates += (candidates.isEmpty() ? QString() : QStringLiteral(";")) + c.plate + u':'
                + QString::number(double(c.confidence), 'f', 1);
        readInsert.addBindValue(pid);
        readInsert.addBindValue(text(r.state));
        readInsert.addBindValue(r.timeMs);
        readInsert.addBindValue(r.lat);
        readInsert.addBindValue(r.lon);
        readInsert.addBindValue(r.heading < 0 ? nullDouble : QVariant(double(r.heading)));
        readInsert.addBindValue(r.cameraId > 0 ? QVariant(r.cameraId) : nullId);
        readInsert.addBindValue(double(r.confidence));
        readInsert.addBindValue(text(candidates));
        readInsert.addBindValue(text(r.make));
        readInsert.addBindValue(text(r.model));
        readInsert.addBindValue(text(r.colour));
        readInsert.addBindValue(text(r.sourceFile));
        readInsert.addBindValue(text(r.sourceId));
        readInsert.addBindValue(r.overviewJpeg.isEmpty() && r.plateJpeg.isEmpty() ? 0 : 1);
        if (!readInsert.exec())
            return fail(QStringLiteral("read insert"), readInsert);
        if (readInsert.numRowsAffected() != 1)
            continue; // imported before
        const qint64 readId = readInsert.lastInsertId().toLongLong();
        ++inserted;
        countUpdate.addBindValue(r.timeMs);
        countUpdate.addBindValue(r.timeMs);
        countUpdate.addBindValue(r.timeMs);
        countUpdate.addBindValue(r.timeMs);
        countUpdate.addBindValue(pid);
        if (!countUpdate.exec())
            return fail(QStringLiteral("plate counts"), countUpdate);
        for (const PlateCandidate& c : r.candidates) {
            qint64 altId = 0;
            if (c.plate == r.plate || !plateId(c.plate, &altId))
                continue;
            alternateInsert.addBindValue(altId);
            alternateInsert.addBindValue(readId);
            alternateInsert.addBindValue(double(c.confidence));
            if (!alternateInsert.exec())
                return fail(QStringLiteral("alternate insert"), alternateInsert);
            if (alternateInsert.numRowsAffected() == 1) {
                altCountUpdate.addBindValue(altId);
                if (!altCountUpdate.exec())
                    return fail(QStringLiteral("plate counts"), altCountUpdate);
            }
        }
        if (!r.overviewJpeg.isEmpty() || !r.plateJpeg.isEmpty()) {
            image.addBindValue(readId);
            image.addBindValue(r.overviewJpeg);
            image.addBindValue(r.plateJpeg);
            if (!image.exec())
                return fail(QStringLiteral("image insert"), image);
        }
    }
    if (!database.commit())
        return sqlError(QStringLiteral("commit"), database.lastError().text());
    return inserted;
}

} // namespace alpr

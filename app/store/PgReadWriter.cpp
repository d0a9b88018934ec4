#include "PgReadWriter.h"

#include "ReadRow.h" // formatCandidates: the same text form in both stores
#include "PgArray.h"
#include "PgConnection.h"
#include "RemoteStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <limits>
#include <map>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RemoteStore", text);
}

struct PlateDelta
{
    qint64 count = 0;
    qint64 altCount = 0;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
};

} // namespace

PgReadWriter::PgReadWriter(PgConnection& connection, QString agency)
    : m_c(connection)
    , m_agency(std::move(agency))
{
}

Result<qint64> PgReadWriter::write(const QList<Read>& reads)
{
    if (reads.isEmpty())
        return qint64(0);
    QSqlQuery q(m_c.db());
    q.setForwardOnly(true);
    // The caller's transaction: its sorts stay in memory, so no ALPR rows spill into the server's temporary files
    // (the default 4 MB is too small for a batch of thousands of reads).
    if (!q.exec(QStringLiteral("SET LOCAL work_mem = '32MB'")))
        return m_c.error(QStringLiteral("work_mem"), q.lastError());

    // 1. A partition for every month the batch touches (one time per UTC month is enough).
    {
        std::map<int, qint64> months;
        for (const Read& r : reads) {
            const QDate d = QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).date();
            months.emplace(d.year() * 12 + d.month(), r.timeMs);
        }
        PgArray times;
        for (const auto& [month, ms] : months)
            times.add(ms);
        q.prepare(QStringLiteral("SELECT alpr.ensure_read_partitions(?::bigint[])"));
        q.addBindValue(times.literal());
        if (!q.exec())
            return m_c.error(QStringLiteral("monthly partitions"), q.lastError());
        q.finish();
    }

    // 2. Every plate and OCR alternative of the batch gets its id (per agency).
    QHash<QString, qint64> plateIds;
    {
        PgArray plates;
        QSet<QString> seen;
        auto addPlate = [&](const QString& p) {
            if (!seen.contains(p)) {
                seen.insert(p);
                plates.add(p);
            }
        };
        for (const Read& r : reads) {
            addPlate(r.plate);
            for (const PlateCandidate& c : r.candidates)
                addPlate(c.plate);
        }
        // In plate order, like every writer of plates (see the lock below).
        q.prepare(QStringLiteral("INSERT INTO alpr.plates (agency, plate) SELECT ?::text, plate FROM (SELECT DISTINCT "
                                 "unnest(?::text[]) AS plate) s ORDER BY plate ON CONFLICT (agency, plate) DO NOTHING"));
        q.addBindValue(m_agency);
        q.addBindValue(plates.literal());
        if (!q.exec())
            return m_c.error(QStringLiteral("plate insert"), q.lastError());
        q.prepare(QStringLiteral("SELECT id, plate FROM alpr.plates WHERE plate = ANY(?::text[])"));
        q.addBindValue(plates.literal());
        if (!q.exec())
            return m_c.error(QStringLiteral("plate lookup"), q.lastError());
        while (q.next())
            plateIds.insert(q.value(1).toString(), q.value(0).toLongLong());
        q.finish();
    }

    // 3. Ids for every read, then the source keys: the keys the server did not hold yet tell which reads are new.
    QList<qint64> ids;
    ids.reserve(reads.size());
    q.prepare(QStringLiteral("SELECT nextval('alpr.reads_id_seq') FROM generate_series(1, ?::int)"));
    q.addBindValue(int(reads.size()));
    if (!q.exec())
        return m_c.error(QStringLiteral("read ids"), q.lastError());
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    if (ids.size() != reads.size())
        return failure(tr("The server %1 handed out %2 read ids for %3 reads.")
                           .arg(m_c.address().describe())
                           .arg(ids.size())
                           .arg(reads.size()));
    QList<bool> isNew(reads.size(), true);
    {
        PgArray files, sourceIds, readIds, times;
        QHash<qint64, qsizetype> indexOfId;
        for (qsizetype i = 0; i < reads.size(); ++i) {
            const Read& r = reads.at(i);
            if (r.sourceId.isEmpty())
                continue; // no key: always a new read, as in the local store
            isNew[i] = false;
            files.add(r.sourceFile);
            sourceIds.add(r.sourceId);
            readIds.add(ids.at(i));
            times.add(r.timeMs);
            indexOfId.insert(ids.at(i), i);
        }
        if (files.size() > 0) {
            q.prepare(QStringLiteral("INSERT INTO alpr.read_sources (agency, source_file, source_id, read_id, "
                                     "read_time_ms) SELECT ?::text, * FROM unnest(?::text[], ?::text[], ?::bigint[], "
                                     "?::bigint[]) "
                                     "ON CONFLICT DO NOTHING RETURNING read_id"));
            q.addBindValue(m_agency);
            q.addBindValue(files.literal());
            q.addBindValue(sourceIds.literal());
            q.addBindValue(readIds.literal());
            q.addBindValue(times.literal());
            if (!q.exec())
                return m_c.error(QStringLiteral("source keys"), q.lastError());
            while (q.next())
                isNew[indexOfId.value(q.value(0).toLongLong())] = true;
            q.finish();
        }
    }

    // 4. The new reads, their alternatives and images; the plate counts they add.
    PgArray cId, cPlate, cState, cTime, cLat, cLon, cHeading, cCamera, cConf, cCand, cMake, cModel, cColour, cFile,
        cSource, cImages;
    PgArray aPlate, aRead, aConf;
    std::map<qint64, PlateDelta> deltas; // ordered by plate id: rows are locked in that order (no deadlocks)
    qint64 count = 0;
    QSqlQuery image(m_c.db());
    image.prepare(QStringLiteral(
        "INSERT INTO alpr.read_images (agency, read_id, overview_jpeg, plate_jpeg) VALUES (?, ?, ?, ?)"));
    for (qsizetype i = 0; i < reads.size(); ++i) {
        if (!isNew.at(i))
            continue;
        ++count;
        const Read& r = reads.at(i);
        const qint64 id = ids.at(i);
        const qint64 plateId = plateIds.value(r.plate);
        cId.add(id);
        cPlate.add(plateId);
        cState.add(r.state);
        cTime.add(r.timeMs);
        cLat.add(r.lat);
        cLon.add(r.lon);
        if (r.heading < 0)
            cHeading.addNull();
        else
            cHeading.add(double(r.heading));
        if (r.cameraId > 0)
            cCamera.add(r.cameraId);
        else
            cCamera.addNull();
        cConf.add(double(r.confidence));
        cCand.add(formatCandidates(r.candidates));
        cMake.add(r.make);
        cModel.add(r.model);
        cColour.add(r.colour);
        cFile.add(r.sourceFile);
        cSource.add(r.sourceId);
        const bool images = !r.overviewJpeg.isEmpty() || !r.plateJpeg.isEmpty();
        cImages.add(QString::fromLatin1(images ? "t" : "f"));
        PlateDelta& d = deltas[plateId];
        ++d.count;
        d.first = std::min(d.first, r.timeMs);
        d.last = std::max(d.last, r.timeMs);
        QSet<qint64> altsOfRead;
        for (const PlateCandidate& c : r.candidates) {
            const qint64 altId = plateIds.value(c.plate);
            if (c.plate == r.plate || altsOfRead.contains(altId))
                continue;
            altsOfRead.insert(altId);
            aPlate.add(altId);
            aRead.add(id);
            aConf.add(double(c.confidence));
            ++deltas[altId].altCount;
        }
        if (images) {
            image.addBindValue(m_agency);
            image.addBindValue(id);
            image.addBindValue(r.overviewJpeg);
            image.addBindValue(r.plateJpeg);
            if (!image.exec())
                return m_c.error(QStringLiteral("image insert"), image.lastError());
        }
    }
    if (count == 0)
        return count;
    q.prepare(QStringLiteral(
        "INSERT INTO alpr.reads (agency, id, plate_id, state, time_ms, lat, lon, heading, camera_id, confidence, "
        "candidates, make, model, colour, source_file, source_id, has_images) SELECT ?::text, * FROM "
        "unnest(?::bigint[], ?::bigint[], "
        "?::text[], ?::bigint[], ?::float8[], ?::float8[], ?::real[], ?::bigint[], ?::real[], ?::text[], ?::text[], "
        "?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])"));
    q.addBindValue(m_agency);
    for (const PgArray* a : { &cId, &cPlate, &cState, &cTime, &cLat, &cLon, &cHeading, &cCamera, &cConf, &cCand, &cMake,
                              &cModel, &cColour, &cFile, &cSource, &cImages })
        q.addBindValue(a->literal());
    if (!q.exec())
        return m_c.error(QStringLiteral("read insert"), q.lastError());
    if (aPlate.size() > 0) {
        q.prepare(QStringLiteral("INSERT INTO alpr.read_alternates (agency, plate_id, read_id, confidence) SELECT "
                                 "?::text, * FROM unnest(?::bigint[], ?::bigint[], ?::real[]) ON CONFLICT DO NOTHING"));
        q.addBindValue(m_agency);
        q.addBindValue(aPlate.literal());
        q.addBindValue(aRead.literal());
        q.addBindValue(aConf.literal());
        if (!q.exec())
            return m_c.error(QStringLiteral("alternate insert"), q.lastError());
    }
    PgArray dId, dCount, dAlt, dFirst, dLast;
    for (const auto& [id, d] : deltas) {
        dId.add(id);
        dCount.add(d.count);
        dAlt.add(d.altCount);
        if (d.count) {
            dFirst.add(d.first);
            dLast.add(d.last);
        } else {
            dFirst.addNull(); // seen only as an alternative: no sighting times
            dLast.addNull();
        }
    }
    // Lock the plates first, in id order like every writer of plate counts (PgCopyWriter): two writers touching the
    // same plates then queue instead of deadlocking.
    q.prepare(QStringLiteral("SELECT id FROM alpr.plates WHERE id = ANY(?::bigint[]) ORDER BY id FOR UPDATE"));
    q.addBindValue(dId.literal());
    if (!q.exec())
        return m_c.error(QStringLiteral("plate counts"), q.lastError());
    q.finish();
    // least()/greatest() skip NULLs: a plate's first sighting stays when the batch brings none.
    q.prepare(QStringLiteral(
        "UPDATE alpr.plates p SET read_count = p.read_count + d.n, alt_count = p.alt_count + d.a, "
        "first_seen_ms = least(p.first_seen_ms, d.f), last_seen_ms = greatest(p.last_seen_ms, d.l) "
        "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS d(id, n, a, f, l) "
        "WHERE p.id = d.id"));
    for (const PgArray* a : { &dId, &dCount, &dAlt, &dFirst, &dLast })
        q.addBindValue(a->literal());
    if (!q.exec())
        return m_c.error(QStringLiteral("plate counts"), q.lastError());
    return count;
}

Result<ReadBatchReceipt> PgReadWriter::confirm(const QList<Read>& reads)
{
    PgArray files, sourceIds;
    for (const Read& r : reads) {
        files.add(r.sourceFile);
        sourceIds.add(r.sourceId);
    }
    QSqlQuery q(m_c.db());
    q.setForwardOnly(true);
    // The server hashes what it STORED (joined back through plates), not what was sent; COLLATE "C" sorts by
    // bytes, like batchHash on the sending side.
    q.prepare(QStringLiteral(
        "SELECT count(*), sha256(convert_to(coalesce(string_agg(s.source_file || E'\\x1f' || s.source_id || "
        "E'\\x1f' || p.plate || E'\\x1f' || r.state || E'\\x1f' || r.time_ms::text || E'\\x1e', '' ORDER BY "
        "s.source_file COLLATE \"C\", s.source_id COLLATE \"C\"), ''), 'UTF8')) "
        "FROM (SELECT DISTINCT f, i FROM unnest(?::text[], ?::text[]) AS k(f, i)) k "
        "JOIN alpr.read_sources s ON s.source_file = k.f AND s.source_id = k.i "
        "JOIN alpr.reads r ON r.id = s.read_id AND r.time_ms = s.read_time_ms "
        "JOIN alpr.plates p ON p.id = r.plate_id"));
    q.addBindValue(files.literal());
    q.addBindValue(sourceIds.literal());
    if (!q.exec() || !q.next())
        return m_c.error(QStringLiteral("batch confirmation"), q.lastError());
    ReadBatchReceipt receipt;
    receipt.confirmed = q.value(0).toLongLong();
    receipt.hash = q.value(1).toByteArray();
    return receipt;
}

} // namespace alpr

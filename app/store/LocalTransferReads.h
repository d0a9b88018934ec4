#pragma once

#include "Read.h"
#include "Result.h"

#include <QList>

namespace alpr {

class LocalStore;

/**
 * What the end-of-shift transfer needs from the local store besides the journal: the next reads in id order WITH
 * their images, and the purge of exactly the reads the server confirmed.
 */
class LocalTransferReads
{
public:
    explicit LocalTransferReads(LocalStore& store);

    /** A batch read by next() ends after the read that brings its images to this many bytes. */
    static constexpr qint64 kImageBytes = 64 << 20;

    /**
     * Up to limit reads with id > afterId, in id order, images included (overviewJpeg/plateJpeg), and fewer once
     * their images reach imageBytes (a batch is held in memory several times over: as read, as sent, as COPY text).
     */
    Result<QList<Read>> next(qint64 afterId, int limit, qint64 imageBytes = kImageBytes);
    /** The reads still stored with firstId <= id <= lastId, in id order, images included. */
    Result<QList<Read>> range(qint64 firstId, qint64 lastId);
    /** Number of reads stored (what a transfer has left to do). */
    Result<qint64> count();

    /**
     * In one transaction: deletes exactly the reads readIds (each must be stored and lie in the journal batch's
     * range), their images, OCR alternatives and hotlist hits; takes them out of the plate counts (first/last seen
     * recomputed, plates left without reads or alternatives deleted); and marks journal batch batchId "purged".
     * secure_delete is on, so the freed pages are zeroed. All or nothing; a read id that is not stored fails it.
     */
    Status purge(qint64 batchId, const QList<qint64>& readIds, qint64 timeMs);

private:
    Result<QList<Read>> select(const QString& where, const QList<qint64>& values, int limit, qint64 maxImageBytes);

    LocalStore& m_store;
};

} // namespace alpr

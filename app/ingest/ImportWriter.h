#pragma once

#include "ImportChunk.h"
#include "ImportSummary.h"
#include "Read.h"
#include "Result.h"

#include <QHash>
#include <QStringList>

namespace alpr {

class Store;

/**
 * The store side of an import, on the thread that owns the Store: maps camera names to the store's cameras (adding
 * new ones with Store::upsertCameras), gives reads without a position their camera's, writes each chunk's reads with
 * one Store::addReads call (one transaction: all of the batch or none of it) and folds everything into the summary.
 */
class ImportWriter
{
public:
    ImportWriter(Store& store, const QStringList& files);

    /** Loads the store's cameras. */
    Status begin();
    /**
     * Writes one chunk. On a store failure nothing of this chunk is stored, the summary's error is set and the error
     * returned: the caller stops (batches written before stay, and a re-run skips them).
     */
    Status write(ImportChunk& chunk);
    ImportSummary& summary() { return m_summary; }

private:
    Status resolveCameras(const QList<ParsedRead>& reads);

    Store& m_store;
    ImportSummary m_summary;
    QHash<QString, Camera> m_cameras;
};

} // namespace alpr

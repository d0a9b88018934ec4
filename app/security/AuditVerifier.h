#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace alpr {

class Store;
struct AuditRow;

/** What AuditVerifier found. When ok is false, problem names the first problem and firstBadRowId the row to look up. */
struct AuditVerification
{
    bool ok = true;
    qint64 rowsChecked = 0; ///< rows read from the log (all of them, also when a problem was found)
    qint64 firstBadRowId = 0; ///< 0 when ok
    QString problem; ///< user-facing, e.g. "Row 17 was changed: ...", empty when ok
    qint64 lastRowId = 0; ///< id of the log's last row, 0 when the log is empty
    /**
     * The last row the anchor vouches for. Normally lastRowId; it may be lower for a moment (or until the next
     * record()) after concurrent writers or a crash between an append and its anchor update. Rows after it are
     * chained but nothing keyed vouches that the log ended there: a reviewer may show them as "not yet anchored".
     */
    qint64 anchoredRowId = 0;
};

/**
 * Checks a store's hash-chained audit log (see AuditLog for the row hash and the anchor) and names the first problem:
 *  - a row whose contents no longer match its hash ("changed"),
 *  - ids missing from the sequence ("missing", also when the later rows were renumbered to close the gap),
 *  - a row that is not part of the chain although the ids are contiguous ("inserted"), a copy of another row,
 *    a row whose chain position is after a later id ("out of order": swapped or renumbered ids),
 *  - a row consistent in itself but not following its predecessor (the predecessor or the row was replaced and its
 *    hash recomputed),
 *  - a row recording an integrity incident that AuditLog::record() found (kept in the chain as evidence),
 *  - rows removed from the end, a missing or forged anchor, or an anchor that no longer matches its row.
 * Problems are looked for in that order of row ids: the lowest row id with a problem is named.
 *
 * Reads the log once; a second pass (a map of row hashes to ids) only when the chain is broken, to classify.
 * Runs on the thread that owns the store.
 */
class AuditVerifier
{
public:
    /** headKey: the same 32-byte key AuditLog writes the anchor with. */
    AuditVerifier(Store& store, QByteArray headKey);
    ~AuditVerifier();
    AuditVerifier(const AuditVerifier&) = delete;
    AuditVerifier& operator=(const AuditVerifier&) = delete;

    /** Verifies the whole log. An Error only when the store cannot be read or the key is not 32 bytes. */
    Result<AuditVerification> verify();

private:
    struct Break;
    Status classify(const Break& found, AuditVerification& result);

    Store& m_store;
    QByteArray m_headKey;
};

} // namespace alpr

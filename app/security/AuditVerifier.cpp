#include "AuditVerifier.h"

#include "AuditLog.h"
#include "Crypto.h"
#include "Store.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AuditVerifier", text);
}

const QByteArray& zeroHash()
{
    static const QByteArray zeros(32, '\0');
    return zeros;
}

/** "row 17" or "rows 17–19". */
QString rowSpan(qint64 first, qint64 last)
{
    return first == last ? tr("row %1").arg(first) : tr("rows %1–%2").arg(first).arg(last);
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace

/** The first row where the chain breaks, with what the classification needs around it. */
struct AuditVerifier::Break
{
    qint64 prevId = 0; ///< the last row that chained correctly (0: none)
    QByteArray prevHash; ///< its hash (32 zero bytes when none)
    AuditRow row; ///< the first row that does not
    bool selfConsistent = false; ///< rowHash(row) == row.hash
    std::optional<AuditRow> next; ///< the row after it, if any
};

AuditVerifier::AuditVerifier(Store& store, QByteArray headKey)
    : m_store(store)
    , m_headKey(std::move(headKey))
{
    m_headKey.detach();
}

AuditVerifier::~AuditVerifier()
{
    secureZero(m_headKey);
}

Result<AuditVerification> AuditVerifier::verify()
{
    if (m_headKey.size() != 32)
        return failure(tr("The audit log's key is missing or malformed (it must be 32 bytes)."));
    AuditVerification result;

    auto anchorValue = m_store.setting(AuditLog::anchorSetting());
    if (!anchorValue)
        return anchorValue.error();
    const bool anchorPresent = !anchorValue->isEmpty();
    const std::optional<AuditAnchor> anchor
        = anchorPresent ? AuditLog::parseAnchor(anchorValue.value(), m_headKey) : std::nullopt;

    // Pass 1: walk the chain in id order, stop checking (but keep counting) at the first row that does not follow.
    qint64 prevId = 0;
    QByteArray prevHash = zeroHash();
    std::optional<Break> found;
    QByteArray hashAtAnchor;
    std::optional<AuditRow> incident;
    Status read = m_store.forEachAudit([&](const AuditRow& row) {
        ++result.rowsChecked;
        result.lastRowId = row.id;
        if (anchor && row.id == anchor->id)
            hashAtAnchor = row.hash;
        if (!incident && row.event == AuditLog::integrityEvent() && row.outcome == QLatin1String("failure"))
            incident = row;
        if (found) {
            if (!found->next)
                found->next = row;
            return true;
        }
        const bool selfConsistent = AuditLog::rowHash(row) == row.hash;
        if (row.id == prevId + 1 && row.prevHash == prevHash && selfConsistent) {
            prevId = row.id;
            prevHash = row.hash;
            return true;
        }
        found = Break { prevId, prevHash, row, selfConsistent, std::nullopt };
        return true;
    });
    if (!read)
        return read.error();

    if (found) {
        if (Status s = classify(found.value(), result); !s)
            return s.error();
    }
    // A recorded incident is evidence of tampering found by record() before the anchor was moved past it; it stays a
    // problem for good. Whichever of the two has the lower row id is the first problem.
    if (incident && (result.ok || incident->id < result.firstBadRowId)) {
        const QString what = QJsonDocument::fromJson(incident->detail.toUtf8()).object().value(u"problem").toString();
        result.ok = false;
        result.firstBadRowId = incident->id;
        result.problem = tr("Row %1 records that the audit log had been tampered with before it was written: %2")
                             .arg(incident->id)
                             .arg(what.isEmpty() ? tr("(no details)") : what);
    }
    if (!result.ok)
        return result;

    // The chain is intact from row 1 to lastRowId; now the end of the log against the anchor.
    auto fail = [&](qint64 rowId, QString problem) {
        result.ok = false;
        result.firstBadRowId = rowId;
        result.problem = std::move(problem);
        return result;
    };
    const qint64 last = result.lastRowId;
    if (!anchorPresent) {
        if (last == 0)
            return result; // a new, empty log
        return fail(last,
                    tr("The audit log's anchor is missing: the end of the log (row %1) cannot be checked, and "
                       "rows after it may have been removed.")
                        .arg(last));
    }
    if (!anchor) {
        if (last == 0)
            return fail(1,
                        tr("The audit log is empty, and its anchor is not authentic (forged or damaged): rows may "
                           "have been removed."));
        return fail(last,
                    tr("The audit log's anchor is not authentic (forged or damaged): the end of the log (row "
                       "%1) cannot be checked.")
                        .arg(last));
    }
    if (anchor->id > last) {
        if (last == 0)
            return fail(1,
                        tr("All rows were removed: the audit log is empty, but its anchor says it ended at row %1.")
                            .arg(anchor->id));
        if (anchor->id == last + 1)
            return fail(last + 1,
                        tr("Row %1 was removed: the audit log ends at row %2, but its anchor says it ended "
                           "at row %1.")
                            .arg(anchor->id)
                            .arg(last));
        return fail(last + 1,
                    tr("Rows %1–%2 were removed: the audit log ends at row %3, but its anchor says it ended "
                       "at row %2.")
                        .arg(last + 1)
                        .arg(anchor->id)
                        .arg(last));
    }
    if (hashAtAnchor != anchor->hash)
        return fail(anchor->id,
                    tr("Row %1 does not match the audit log's anchor: the log up to row %1 was rewritten "
                       "and its hashes recomputed.")
                        .arg(anchor->id));
    result.anchoredRowId = anchor->id;
    return result;
}

Status AuditVerifier::classify(const Break& found, AuditVerification& result)
{
    // Pass 2, only for a broken chain: every stored hash -> the lowest id holding it, so a row's prevHash tells
    // which row it was chained to when it was written (0 for the start of the chain).
    QHash<QByteArray, qint64> idOfHash;
    idOfHash.insert(zeroHash(), 0);
    Status read = m_store.forEachAudit([&](const AuditRow& row) {
        if (!idOfHash.contains(row.hash))
            idOfHash.insert(row.hash, row.id);
        return true;
    });
    if (!read)
        return read;

    const AuditRow& row = found.row;
    const qint64 expected = found.prevId + 1;
    auto report = [&](qint64 rowId, QString problem) {
        result.ok = false;
        result.firstBadRowId = rowId;
        result.problem = std::move(problem);
        return Status();
    };

    // How the symptoms are told apart (each test in turn; the first that fits names the problem):
    // 1. An id gap (ids are read in order, so row.id > expected): the rows in between are missing. Whatever else is
    //    wrong with this row comes after them.
    // From here the ids are contiguous, so anything wrong is in the chain links or the contents.
    // 2. The row's hash already belongs to a lower id: it is a copy of that row.
    // 3. Its prevHash is the hash of a row with a higher id: it was written after that row, so ids were swapped or
    //    renumbered ("out of order").
    // 4. Its prevHash is the hash of an earlier row than its predecessor, and the row matches its hash as it is or
    //    under the id right after that row: the rows in between are not part of the chain, they were inserted
    //    (forged rows that chain onto their predecessor pass the walk, so they are only caught here, at the original
    //    row after them, which may also have been renumbered). Without the hash check a prevHash overwritten with
    //    zeros (the start of the chain) would blame every row before it.
    // 5. The row does not match its hash, but would under a nearby id: it was renumbered. A higher original id means
    //    rows before it were removed and the gap closed; a lower one means rows were inserted before it.
    // 6. The next row follows the predecessor directly: this row was slipped in between ("inserted").
    // 7. The link to the predecessor is right but the contents do not match the hash: "changed".
    // 8. The row is consistent in itself but does not follow its predecessor. If the rows after it follow it, the
    //    predecessor was rewritten and its hash recomputed (it passed the walk because its own link was intact);
    //    otherwise this row was replaced by one with a recomputed hash.
    // 9. Anything else: the row's link and its contents both changed: "changed".
    if (row.id != expected) {
        const qint64 lastMissing = row.id - 1;
        const QString missing = rowSpan(expected, lastMissing);
        const QString verb = lastMissing > expected ? tr("are missing") : tr("is missing");
        if (found.prevId == 0)
            return report(expected,
                          tr("%1 %2: the audit log starts at row %3.").arg(capitalised(missing), verb).arg(row.id));
        return report(expected,
                      tr("%1 %2: the chain jumps from row %3 to row %4.")
                          .arg(capitalised(missing), verb)
                          .arg(found.prevId)
                          .arg(row.id));
    }

    const qint64 sameHashId = idOfHash.value(row.hash, row.id);
    if (sameHashId < row.id)
        return report(row.id, tr("Row %1 is a copy of row %2: a row was inserted.").arg(row.id).arg(sameHashId));

    const qint64 follows = idOfHash.value(row.prevHash, -1);
    if (follows > found.prevId)
        return report(row.id,
                      tr("Row %1 is out of order: it was written after row %2 (row ids were swapped or "
                         "changed).")
                          .arg(row.id)
                          .arg(follows));
    AuditRow asOriginal = row;
    asOriginal.id = follows + 1;
    if (follows >= 0 && follows < found.prevId && (found.selfConsistent || AuditLog::rowHash(asOriginal) == row.hash)) {
        const QString inserted = rowSpan(follows + 1, found.prevId);
        const QString verb = found.prevId > follows + 1 ? tr("were inserted") : tr("was inserted");
        return report(follows + 1,
                      tr("%1 %2: row %3 was written right after row %4%5.")
                          .arg(capitalised(inserted), verb)
                          .arg(row.id)
                          .arg(follows)
                          .arg(found.selfConsistent ? QString() : tr(" and has been renumbered since")));
    }

    if (!found.selfConsistent) {
        constexpr qint64 kMaxShift = 4;
        for (qint64 shift = 1; shift <= kMaxShift; ++shift) {
            for (const qint64 original : { row.id + shift, row.id - shift }) {
                if (original < 1)
                    continue;
                AuditRow renumbered = row;
                renumbered.id = original;
                if (AuditLog::rowHash(renumbered) != row.hash)
                    continue;
                if (original > row.id) {
                    const QString missing = rowSpan(expected, expected + shift - 1);
                    return report(expected,
                                  tr("%1 %2: later rows were renumbered to close the gap (row %3 was "
                                     "row %4).")
                                      .arg(capitalised(missing), shift > 1 ? tr("are missing") : tr("is missing"))
                                      .arg(row.id)
                                      .arg(original));
                }
                return report(original,
                              tr("%1 %2 before row %3: later rows were renumbered to make room (row %3 "
                                 "was row %4).")
                                  .arg(capitalised(rowSpan(original, row.id - 1)),
                                       shift > 1 ? tr("were inserted") : tr("was inserted"))
                                  .arg(row.id)
                                  .arg(original));
            }
        }
    }

    if (found.next && found.next->prevHash == found.prevHash) {
        if (found.prevId == 0)
            return report(row.id, tr("Row %1 was inserted: row %2 starts the chain.").arg(row.id).arg(found.next->id));
        return report(row.id,
                      tr("Row %1 was inserted: row %2 follows row %3 directly.")
                          .arg(row.id)
                          .arg(found.next->id)
                          .arg(found.prevId));
    }
    if (row.prevHash == found.prevHash)
        return report(row.id, tr("Row %1 was changed: its contents no longer match its hash.").arg(row.id));
    if (found.selfConsistent) {
        if (!found.next || found.next->prevHash == row.hash) {
            if (found.prevId == 0)
                return report(row.id, tr("Row %1 was replaced: it does not start the chain.").arg(row.id));
            return report(found.prevId,
                          tr("Row %1 was changed and its hash recomputed: row %2 no longer follows "
                             "it.")
                              .arg(found.prevId)
                              .arg(row.id));
        }
        return report(row.id,
                      tr("Row %1 was replaced: it neither follows row %2 nor is followed by row %3.")
                          .arg(row.id)
                          .arg(found.prevId)
                          .arg(found.next->id));
    }
    return report(
        row.id,
        tr("Row %1 was changed: its contents and its link to row %2 no longer match.").arg(row.id).arg(found.prevId));
}

} // namespace alpr

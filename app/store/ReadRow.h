#pragma once

#include "Read.h"

#include <QList>
#include <QString>

class QSqlQuery;

namespace alpr {

/**
 * The one mapping between a read and its row, shared by both stores and the transfer: OCR candidates are stored as
 * "PLATE:conf;PLATE:conf", and a read selected with the standard 16 leading columns (id, plate text, state, time_ms,
 * lat, lon, heading, camera_id, confidence, candidates, make, model, colour, source_file, source_id, has_images)
 * becomes a Read.
 */
QString formatCandidates(const QList<PlateCandidate>& candidates);
QList<PlateCandidate> parseCandidates(const QString& text);
/** The read in the current row of q (its first 16 columns, in the order above). */
Read readFromRow(const QSqlQuery& q);

} // namespace alpr

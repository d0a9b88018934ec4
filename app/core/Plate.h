#pragma once

#include <QString>

namespace alpr {

/**
 * Plates are normalised once, on the way in: upper case, only A-Z and 0-9 kept (spaces, dashes,
 * dots and other separators dropped). The issuing state is kept apart (two-letter code).
 */
QString normalisePlate(const QString& raw);

/** Normalised two-letter state/province code, or empty when unknown or malformed. */
QString normaliseState(const QString& raw);

/** A normalised plate is 1..10 characters of A-Z0-9. */
bool isValidNormalisedPlate(const QString& plate);

} // namespace alpr

#pragma once

#include <QString>
#include <QStringList>

namespace alpr {

/** The case every data access belongs to (policy 462.5(b)): number, purpose category and free-text purpose. */
struct ActiveCase
{
    QString number;
    QString category;
    QString purpose;
    qint64 openedMs = 0;

    /** "case 26-001234 (burglary canvass)", for title bars, exports and printouts. */
    QString title() const;

    /** The default case-number format: two-digit year, dash, six digits (26-001234). */
    static QString defaultNumberPattern();
    /** The purpose categories offered (an articulable suspicion tied to a criminal or department civil matter). */
    static QStringList categories();
};

} // namespace alpr

#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace alpr {

/**
 * A partial-plate pattern, as typed by a detective from a witness statement.
 *
 * Syntax (case-insensitive; spaces and dashes are ignored outside classes):
 *   A-Z 0-9   that character
 *   ?         exactly one character
 *   *         any run of characters, including none
 *   [8B]      one of the listed characters; ranges [A-F] [0-4]; negation [!0O] (or [^0O])
 * Plates are normalised (A-Z0-9, 1..10 characters, see Plate.h), so a pattern that needs more than 10
 * characters is an error, as is anything else: the pattern is never passed to SQL or to a regex engine.
 *
 * In misread-tolerant mode every known character - a literal or a member of a class - is widened to its
 * OCR confusion group (OcrConfusion), so `8` also matches B. The pattern keeps both the typed and the
 * widened sets, so a match can be ranked as exact (it matches the typed pattern) or as a misread.
 */
class PlatePattern
{
public:
    /** Plate characters as symbols: '0'..'9' are 0..9, 'A'..'Z' are 10..35. */
    static constexpr int kAlphabetSize = 36;
    static constexpr quint64 kAllSymbols = (quint64(1) << kAlphabetSize) - 1;
    static constexpr int kMaxPlateLength = 10;
    /** Longer inputs are rejected before they are looked at further (a pattern fits in far less). */
    static constexpr int kMaxPatternText = 200;

    /** Symbol of an A-Z/a-z/0-9 character, -1 for anything else. */
    static int symbolOf(QChar c)
    {
        const char16_t u = c.unicode();
        if (u >= u'0' && u <= u'9')
            return u - u'0';
        if (u >= u'A' && u <= u'Z')
            return u - u'A' + 10;
        if (u >= u'a' && u <= u'z')
            return u - u'a' + 10;
        return -1;
    }
    /** The upper-case character of a symbol 0..35. */
    static QChar charOf(int symbol) { return QChar(symbol < 10 ? u'0' + symbol : u'A' + symbol - 10); }

    /** One pattern position: a star, or one character out of a set of symbols. */
    struct Element
    {
        bool star = false;
        quint64 mask = 0; ///< symbols this position accepts (widened in misread mode); 0 for a star
        quint64 typedMask = 0; ///< symbols as typed, before misread widening; 0 for a star
        bool isStar() const { return star; }
        bool isAny() const { return !star && mask == kAllSymbols; }
        bool operator==(const Element&) const = default;
    };

    /** Where and why a pattern was rejected; position is 1-based in the text as typed (QChar units). */
    struct ParseError
    {
        int position = 0;
        QString reason;
    };

    PlatePattern() = default;

    /**
     * Parses `text`. On failure returns a Usage error whose message names the 1-based position and the
     * reason ("Plate pattern, position 4: '[' is never closed"); `errorOut`, when given, receives the same
     * position and reason separately so a UI can underline the spot.
     * Runs of stars collapse and `?` is moved in front of adjacent stars (`*?` becomes `?*`), which matches
     * the same plates.
     */
    static Result<PlatePattern> parse(const QString& text, bool misread, ParseError* errorOut = nullptr);

    const QList<Element>& elements() const { return m_elements; }
    bool isMisreadTolerant() const { return m_misread; }

    /** Canonical text of the pattern as typed (without widening), e.g. `7*[8B]?2`; parses back to the same. */
    QString toString() const;
    /** Canonical text of what is actually searched: with misread widening applied, e.g. `7*[8B]?[2Z]`. */
    QString toEffectiveString() const;

    /** True when the pattern names one plate: no star and every position a single character after widening. */
    bool isExact() const;
    int minLength() const { return m_minLength; }
    /** Longest plate the pattern can match: minLength() without a star, else kMaxPlateLength. */
    int maxLength() const { return m_hasStar ? kMaxPlateLength : m_minLength; }
    bool hasStar() const { return m_hasStar; }
    /** At least one position constrains the character (not only `?` and `*`). */
    bool hasKnownCharacter() const;

    /**
     * Whether `plate` (a normalised plate: 1..10 of A-Z0-9) matches, with widening in misread mode.
     * Anything that is not a normalised plate (lower case, separators, too long) does not match.
     */
    bool matches(QStringView plate) const;
    /** Whether `plate` matches the pattern as typed, without misread widening. */
    bool matchesExactly(QStringView plate) const;
    /**
     * Least number of plate characters that match only through misread widening, over all ways the pattern
     * can line up with `plate`; 0 for an exact match, -1 when the plate does not match at all. For ranking.
     */
    int misreadCount(QStringView plate) const;

    /** matches() for a plate given as `length` symbols (0..35); for indexes that store plates as symbols. */
    bool matchesSymbols(const quint8* symbols, int length) const;

private:
    bool globMatch(const quint8* symbols, int length, bool widened) const;
    static QString elementsToString(const QList<Element>& elements, bool widened);

    QList<Element> m_elements;
    bool m_misread = false;
    bool m_hasStar = false;
    int m_minLength = 0;
};

} // namespace alpr

#include "PlatePattern.h"

#include "OcrConfusion.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <bit>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PlatePattern", text);
}

/** How a character is named in an error message; control and invisible characters by code point. */
QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return QStringLiteral("\"%1\"").arg(c);
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

bool isDigitSymbol(int symbol)
{
    return symbol < 10;
}

bool toPlateSymbols(QStringView plate, std::array<quint8, PlatePattern::kMaxPlateLength>& out)
{
    if (plate.isEmpty() || plate.size() > PlatePattern::kMaxPlateLength)
        return false;
    for (qsizetype i = 0; i < plate.size(); ++i) {
        const char16_t u = plate[i].unicode();
        // Only normalised plates match: lower case would be a caller bug, not a plate.
        if (u >= u'a' && u <= u'z')
            return false;
        const int symbol = PlatePattern::symbolOf(plate[i]);
        if (symbol < 0)
            return false;
        out[i] = quint8(symbol);
    }
    return true;
}

} // namespace

Result<PlatePattern> PlatePattern::parse(const QString& text, bool misread, ParseError* errorOut)
{
    const auto fail = [errorOut](qsizetype position, const QString& reason) -> Result<PlatePattern> {
        if (errorOut)
            *errorOut = { int(position), reason };
        return usageError(tr("Plate pattern, position %1: %2").arg(QString::number(position), reason));
    };
    const QString tooLong = tr("the pattern is too long (at most %1 characters are read)").arg(kMaxPatternText);

    QList<Element> parsed;
    int fixedCount = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        // Positions are checked as we go so that a huge paste fails at the first problem, in text order.
        if (i >= kMaxPatternText)
            return fail(i + 1, tooLong);
        const QChar c = text.at(i);
        if (c.isSpace() || c == u'-')
            continue;
        if (c == u'*') {
            parsed.append(Element { true, 0, 0 });
            continue;
        }
        const qsizetype start = i;
        quint64 typed = 0;
        if (c == u'?') {
            typed = kAllSymbols;
        } else if (c == u'[') {
            qsizetype j = i + 1;
            bool negate = false;
            if (j < n && (text.at(j) == u'!' || text.at(j) == u'^')) {
                negate = true;
                ++j;
            }
            int rangeStart = -1; // symbol just listed, which a following dash turns into a range
            qsizetype dashPosition = -1;
            bool closed = false;
            bool listed = false;
            for (; j < n; ++j) {
                if (j >= kMaxPatternText)
                    return fail(j + 1, tooLong);
                const QChar d = text.at(j);
                if (d == u']') {
                    closed = true;
                    break;
                }
                if (d.isSpace())
                    continue;
                if (d == u'[')
                    return fail(j + 1, tr("\"[\" inside [...]: classes cannot be nested"));
                if (d == u'-') {
                    // A dash after a character opens a range; anywhere else it is ignored like outside.
                    if (rangeStart >= 0 && dashPosition < 0)
                        dashPosition = j;
                    continue;
                }
                if (d == u'?' || d == u'*')
                    return fail(j + 1, tr("%1 cannot be used inside [...]").arg(describeChar(d)));
                const int symbol = symbolOf(d);
                if (symbol < 0)
                    return fail(j + 1,
                                tr("%1 is not allowed inside [...]; list letters and digits").arg(describeChar(d)));
                if (dashPosition >= 0) {
                    if (isDigitSymbol(rangeStart) != isDigitSymbol(symbol))
                        return fail(dashPosition + 1,
                                    tr("the range %1-%2 mixes digits and letters")
                                        .arg(QString(charOf(rangeStart)), QString(charOf(symbol))));
                    if (symbol < rangeStart)
                        return fail(dashPosition + 1,
                                    tr("the range %1-%2 runs backwards")
                                        .arg(QString(charOf(rangeStart)), QString(charOf(symbol))));
                    listed = true;
                    for (int s = rangeStart; s <= symbol; ++s)
                        typed |= quint64(1) << s;
                    rangeStart = -1;
                    dashPosition = -1;
                } else {
                    listed = true;
                    typed |= quint64(1) << symbol;
                    rangeStart = symbol;
                }
            }
            if (!closed)
                return fail(start + 1, tr("\"[\" is never closed with \"]\""));
            if (!listed)
                return fail(start + 1, tr("the class [] is empty; list at least one character"));
            if (negate)
                typed = kAllSymbols & ~typed;
            if (typed == 0)
                return fail(start + 1, tr("the class excludes every character"));
            i = j;
        } else if (c == u']') {
            return fail(i + 1, tr("\"]\" without an opening \"[\""));
        } else {
            const int symbol = symbolOf(c);
            if (symbol < 0)
                return fail(i + 1, tr("%1 is not allowed; use letters, digits, ?, * and [...]").arg(describeChar(c)));
            typed = quint64(1) << symbol;
        }
        if (++fixedCount > kMaxPlateLength)
            return fail(start + 1,
                        tr("the pattern needs more than %1 characters; plates have at most %1").arg(kMaxPlateLength));
        const quint64 effective = misread ? OcrConfusion::widen(typed) : typed;
        parsed.append(Element { false, effective, typed });
    }
    if (parsed.isEmpty())
        return fail(1, tr("the pattern is empty"));

    PlatePattern pattern;
    pattern.m_misread = misread;
    // Canonical order: within a run of stars and "?", the "?" go first. Same plates match, and the
    // anchored prefix gets longer, which the index can use.
    for (qsizetype i = 0; i < parsed.size();) {
        // Judged on the typed set: in misread mode [!0] widens to every symbol, but as typed it is no "?".
        const auto movable = [](const Element& e) { return e.star || e.typedMask == kAllSymbols; };
        if (!movable(parsed[i])) {
            pattern.m_elements.append(parsed[i++]);
            continue;
        }
        bool star = false;
        for (; i < parsed.size() && movable(parsed[i]); ++i) {
            if (parsed[i].star)
                star = true;
            else
                pattern.m_elements.append(parsed[i]);
        }
        if (star)
            pattern.m_elements.append(Element { true, 0, 0 });
    }
    for (const Element& e : std::as_const(pattern.m_elements)) {
        if (e.star)
            pattern.m_hasStar = true;
        else
            ++pattern.m_minLength;
    }
    return pattern;
}

QString PlatePattern::elementsToString(const QList<Element>& elements, bool widened)
{
    QString out;
    for (const Element& e : elements) {
        if (e.star) {
            out.append(u'*');
            continue;
        }
        const quint64 mask = widened ? e.mask : e.typedMask;
        if (mask == kAllSymbols) {
            out.append(u'?');
            continue;
        }
        if (std::popcount(mask) == 1) {
            out.append(charOf(std::countr_zero(mask)));
            continue;
        }
        // Large sets read better as what they exclude.
        const bool negate = std::popcount(mask) > kAlphabetSize / 2;
        const quint64 listed = negate ? (kAllSymbols & ~mask) : mask;
        out.append(u'[');
        if (negate)
            out.append(u'!');
        for (int s = 0; s < kAlphabetSize;) {
            if (!(listed & (quint64(1) << s))) {
                ++s;
                continue;
            }
            int end = s; // runs stay within digits or within letters
            while (end + 1 < kAlphabetSize && (listed & (quint64(1) << (end + 1)))
                   && isDigitSymbol(end + 1) == isDigitSymbol(s))
                ++end;
            if (end - s >= 2) {
                out.append(charOf(s));
                out.append(u'-');
                out.append(charOf(end));
            } else {
                for (int k = s; k <= end; ++k)
                    out.append(charOf(k));
            }
            s = end + 1;
        }
        out.append(u']');
    }
    return out;
}

QString PlatePattern::toString() const
{
    return elementsToString(m_elements, false);
}

QString PlatePattern::toEffectiveString() const
{
    return elementsToString(m_elements, true);
}

bool PlatePattern::isExact() const
{
    if (m_hasStar || m_elements.isEmpty())
        return false;
    return std::all_of(m_elements.cbegin(), m_elements.cend(),
                       [](const Element& e) { return std::popcount(e.mask) == 1; });
}

bool PlatePattern::globMatch(const quint8* symbols, int length, bool widened) const
{
    // Classic wildcard matching with backtracking to the last star: every non-star element consumes exactly
    // one character, so resuming after the most recent star is enough (no exponential blow-up).
    const Element* e = m_elements.constData();
    const int m = int(m_elements.size());
    int i = 0;
    int j = 0;
    int starElement = -1;
    int starPosition = 0;
    while (j < length) {
        if (i < m && !e[i].star && (((widened ? e[i].mask : e[i].typedMask) >> symbols[j]) & 1)) {
            ++i;
            ++j;
        } else if (i < m && e[i].star) {
            starElement = i++;
            starPosition = j;
        } else if (starElement >= 0) {
            i = starElement + 1;
            j = ++starPosition;
        } else {
            return false;
        }
    }
    while (i < m && e[i].star)
        ++i;
    return i == m;
}

bool PlatePattern::matchesSymbols(const quint8* symbols, int length) const
{
    if (length < m_minLength || length > maxLength())
        return false;
    return globMatch(symbols, length, true);
}

bool PlatePattern::matches(QStringView plate) const
{
    std::array<quint8, kMaxPlateLength> symbols;
    if (!toPlateSymbols(plate, symbols))
        return false;
    return matchesSymbols(symbols.data(), int(plate.size()));
}

bool PlatePattern::matchesExactly(QStringView plate) const
{
    std::array<quint8, kMaxPlateLength> symbols;
    if (!toPlateSymbols(plate, symbols))
        return false;
    const int length = int(plate.size());
    if (length < m_minLength || length > maxLength())
        return false;
    return globMatch(symbols.data(), length, false);
}

int PlatePattern::misreadCount(QStringView plate) const
{
    std::array<quint8, kMaxPlateLength> symbols;
    if (!toPlateSymbols(plate, symbols))
        return -1;
    const int n = int(plate.size());
    if (n < m_minLength || n > maxLength())
        return -1;
    // cost[j]: fewest widened-only characters to match the elements so far against the first j characters.
    constexpr int kNoMatch = 1000;
    std::array<int, kMaxPlateLength + 1> cost;
    cost.fill(kNoMatch);
    cost[0] = 0;
    for (const Element& e : m_elements) {
        std::array<int, kMaxPlateLength + 1> next;
        next.fill(kNoMatch);
        if (e.star) {
            int best = kNoMatch;
            for (int j = 0; j <= n; ++j) {
                best = std::min(best, cost[j]);
                next[j] = best;
            }
        } else {
            for (int j = 0; j < n; ++j) {
                if (cost[j] >= kNoMatch)
                    continue;
                const quint64 bit = quint64(1) << symbols[j];
                if (e.typedMask & bit)
                    next[j + 1] = cost[j];
                else if (e.mask & bit)
                    next[j + 1] = cost[j] + 1;
            }
        }
        cost = next;
    }
    return cost[n] >= kNoMatch ? -1 : cost[n];
}

bool PlatePattern::hasKnownCharacter() const
{
    for (const Element& e : m_elements)
        if (!e.isStar() && !e.isAny())
            return true;
    return false;
}

} // namespace alpr

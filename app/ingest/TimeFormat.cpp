#include "TimeFormat.h"

#include <QCoreApplication>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TimeFormat", text);
}

/** Reads between min and max digits at pos; false when fewer than min. */
bool digits(QByteArrayView s, qsizetype& pos, int min, int max, int* value)
{
    int v = 0;
    int n = 0;
    while (n < max && pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        v = v * 10 + (s[pos] - '0');
        ++pos;
        ++n;
    }
    *value = v;
    return n >= min;
}

bool timeOfDayValid(int h, int m, int s)
{
    return h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 59;
}

} // namespace

qint64 TimeFormat::daysFromCivil(int year, int month, int day)
{
    // Days from 1970-01-01: years counted from March so the leap day is the last day of the "year".
    const qint64 y = qint64(year) - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yearOfEra = y - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

bool TimeFormat::validDate(int year, int month, int day)
{
    static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

Result<TimeFormat> TimeFormat::fromSpec(const QString& spec)
{
    TimeFormat f;
    f.m_spec = spec.trimmed();
    const QString lower = f.m_spec.toLower();
    if (lower == QLatin1String("iso") || lower.isEmpty()) {
        f.m_kind = Kind::Iso;
        f.m_spec = QStringLiteral("iso");
        return f;
    }
    if (lower == QLatin1String("epoch_s")) {
        f.m_kind = Kind::EpochSeconds;
        return f;
    }
    if (lower == QLatin1String("epoch_ms")) {
        f.m_kind = Kind::EpochMillis;
        return f;
    }
    f.m_kind = Kind::Pattern;
    const QString& p = f.m_spec;
    bool hasYear = false, hasMonth = false, hasDay = false, hasHour = false, has12 = false, hasAmPm = false;
    for (qsizetype i = 0; i < p.size();) {
        const QChar c = p.at(i);
        qsizetype run = 1;
        while (i + run < p.size() && p.at(i + run) == c)
            ++run;
        Token t;
        auto take = [&](Field field, int minD, int maxD) {
            t.field = field;
            t.minDigits = quint8(minD);
            t.maxDigits = quint8(maxD);
        };
        const char ch = c.unicode() < 128 ? char(c.unicode()) : '\0';
        if (ch == 'y' && run == 4) {
            take(Field::Year4, 4, 4);
            hasYear = true;
        } else if (ch == 'y' && run == 2) {
            take(Field::Year2, 2, 2);
            hasYear = true;
        } else if (ch == 'M' && run <= 2) {
            take(Field::Month, run == 2 ? 2 : 1, 2);
            hasMonth = true;
        } else if (ch == 'd' && run <= 2) {
            take(Field::Day, run == 2 ? 2 : 1, 2);
            hasDay = true;
        } else if (ch == 'H' && run <= 2) {
            take(Field::Hour24, run == 2 ? 2 : 1, 2);
            hasHour = true;
        } else if (ch == 'h' && run <= 2) {
            take(Field::Hour12, run == 2 ? 2 : 1, 2);
            hasHour = has12 = true;
        } else if (ch == 'm' && run <= 2) {
            take(Field::Minute, run == 2 ? 2 : 1, 2);
        } else if (ch == 's' && run <= 2) {
            take(Field::Second, run == 2 ? 2 : 1, 2);
        } else if (ch == 'z' && run == 3) {
            take(Field::Millis, 1, 3);
        } else if ((ch == 'A' || ch == 'a') && i + 1 < p.size() && (p.at(i + 1) == u'P' || p.at(i + 1) == u'p')) {
            t.field = Field::AmPm;
            run = 2;
            hasAmPm = true;
        } else if (c.isLetter()) {
            return usageError(tr("time format '%1': '%2' at position %3 is not supported (use yyyy yy MM M dd d HH H "
                                 "hh h mm m ss s zzz AP, or iso, epoch_s, epoch_ms)")
                                  .arg(p, QString(run, c))
                                  .arg(i + 1));
        } else if (ch == 0) {
            return usageError(tr("time format '%1': only ASCII punctuation may appear between fields").arg(p));
        } else {
            for (qsizetype k = 0; k < run; ++k) {
                Token lit;
                lit.literal = ch;
                f.m_tokens.push_back(lit);
            }
            i += run;
            continue;
        }
        f.m_tokens.push_back(t);
        i += run;
    }
    if (!hasYear || !hasMonth || !hasDay || !hasHour)
        return usageError(tr("time format '%1' needs a year, month, day and hour").arg(p));
    if (has12 != hasAmPm)
        return usageError(tr("time format '%1': 12-hour 'h' needs 'AP' and 'AP' needs 'h'").arg(p));
    return f;
}

bool TimeFormat::parse(QByteArrayView text, Value* out) const
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    if (text.isEmpty() || text.size() > 64)
        return false;
    switch (m_kind) {
    case Kind::Iso:
        return parseIso(text, out);
    case Kind::Pattern:
        return parsePattern(text, out);
    case Kind::EpochSeconds:
    case Kind::EpochMillis: {
        // Integer or decimal; bounded so the multiplication cannot overflow.
        qsizetype pos = 0;
        bool negative = false;
        if (text[0] == '-') {
            negative = true;
            ++pos;
        }
        qint64 whole = 0;
        int n = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && n < 15) {
            whole = whole * 10 + (text[pos++] - '0');
            ++n;
        }
        if (n == 0)
            return false;
        qint64 fracMs = 0;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            int scale = m_kind == Kind::EpochSeconds ? 100 : 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                fracMs += (text[pos++] - '0') * scale;
                scale /= 10;
            }
        }
        if (pos != text.size())
            return false;
        qint64 ms = m_kind == Kind::EpochSeconds ? whole * 1000 + fracMs : whole;
        out->ms = negative ? -ms : ms;
        out->absolute = true;
        return true;
    }
    }
    return false;
}

bool TimeFormat::parseIso(QByteArrayView s, Value* out) const
{
    qsizetype pos = 0;
    int y, mo, d, h, mi, sec = 0, ms = 0;
    if (!digits(s, pos, 4, 4, &y) || pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, 2, &mo) || pos >= s.size()
        || s[pos++] != '-' || !digits(s, pos, 2, 2, &d))
        return false;
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ' && s[pos] != 't'))
        return false;
    ++pos;
    if (!digits(s, pos, 2, 2, &h) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, 2, &mi))
        return false;
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!digits(s, pos, 2, 2, &sec))
            return false;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            int scale = 100;
            int n = 0;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                ms += (s[pos++] - '0') * scale;
                scale /= 10;
                ++n;
            }
            if (n == 0)
                return false;
        }
    }
    if (!validDate(y, mo, d) || !timeOfDayValid(h, mi, sec))
        return false;
    qint64 v = (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * 1000 + ms;
    bool absolute = false;
    if (pos < s.size()) {
        const char z = s[pos++];
        if (z == 'Z' || z == 'z') {
            absolute = true;
        } else if (z == '+' || z == '-') {
            int oh = 0, om = 0;
            if (!digits(s, pos, 2, 2, &oh))
                return false;
            if (pos < s.size() && s[pos] == ':')
                ++pos;
            if (pos < s.size() && !digits(s, pos, 2, 2, &om))
                return false;
            if (oh > 18 || om > 59)
                return false;
            const qint64 offset = (qint64(oh) * 3600 + om * 60) * 1000;
            v += z == '+' ? -offset : offset;
            absolute = true;
        } else {
            return false;
        }
        if (pos != s.size())
            return false;
    }
    out->ms = v;
    out->absolute = absolute;
    return true;
}

bool TimeFormat::parsePattern(QByteArrayView s, Value* out) const
{
    qsizetype pos = 0;
    int y = -1, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0;
    int ampm = -1;
    bool twelve = false;
    for (const Token& t : m_tokens) {
        int v = 0;
        switch (t.field) {
        case Field::Literal:
            if (pos >= s.size() || s[pos] != t.literal)
                return false;
            ++pos;
            continue;
        case Field::AmPm: {
            if (pos + 2 > s.size())
                return false;
            const char a = char(s[pos] | 0x20), m = char(s[pos + 1] | 0x20);
            if (m != 'm' || (a != 'a' && a != 'p'))
                return false;
            ampm = a == 'p' ? 1 : 0;
            pos += 2;
            continue;
        }
        case Field::Millis: {
            const qsizetype start = pos;
            if (!digits(s, pos, 1, 3, &v))
                return false;
            for (qsizetype n = pos - start; n < 3; ++n)
                v *= 10;
            ms = v;
            continue;
        }
        default:
            if (!digits(s, pos, t.minDigits, t.maxDigits, &v))
                return false;
            break;
        }
        switch (t.field) {
        case Field::Year4:
            y = v;
            break;
        case Field::Year2:
            y = 2000 + v; // camera exports are recent; a two-digit year is this century
            break;
        case Field::Month:
            mo = v;
            break;
        case Field::Day:
            d = v;
            break;
        case Field::Hour24:
            h = v;
            break;
        case Field::Hour12:
            h = v;
            twelve = true;
            break;
        case Field::Minute:
            mi = v;
            break;
        case Field::Second:
            sec = v;
            break;
        default:
            break;
        }
    }
    if (pos != s.size())
        return false;
    if (twelve) {
        if (h < 1 || h > 12 || ampm < 0)
            return false;
        h = (h % 12) + (ampm == 1 ? 12 : 0);
    }
    if (!validDate(y, mo, d) || !timeOfDayValid(h, mi, sec))
        return false;
    out->ms = (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * 1000 + ms;
    out->absolute = false;
    return true;
}

} // namespace alpr

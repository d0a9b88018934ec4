#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QString>
#include <vector>

namespace alpr {

/**
 * How a time is written in an imported file: "iso" (ISO 8601, e.g. 2026-03-01T14:00:05.250, 2026-03-01 14:00:05Z,
 * ...+02:00), "epoch_s" or "epoch_ms" (UTC seconds or milliseconds), or a pattern in Qt's notation restricted to
 * yyyy yy MM M dd d HH H hh h mm m ss s zzz AP ap and literal punctuation (e.g. "MM/dd/yyyy h:mm:ss AP"). Two-letter
 * fields take exactly two digits, one-letter fields one or two. Parsing is hand-written for speed (QDateTime::
 * fromString costs microseconds per call) and thread-safe.
 */
class TimeFormat
{
public:
    enum class Kind { Iso, EpochSeconds, EpochMillis, Pattern };

    /** A parsed time: naive (wall clock, written as if UTC) unless the text named its zone (absolute). */
    struct Value
    {
        qint64 ms = 0;
        bool absolute = false;
    };

    TimeFormat() = default;
    /** Parses a specification; the error names the problem (e.g. an unsupported letter). */
    static Result<TimeFormat> fromSpec(const QString& spec);

    QString spec() const { return m_spec; }
    Kind kind() const { return m_kind; }
    /** Epoch formats are UTC by definition; ISO may carry an offset; patterns never do. */
    bool alwaysAbsolute() const { return m_kind == Kind::EpochSeconds || m_kind == Kind::EpochMillis; }

    /** False when text does not match the format or names an impossible date or time. */
    bool parse(QByteArrayView text, Value* out) const;

    /** Days since 1970-01-01 of a proleptic Gregorian date (no validation). */
    static qint64 daysFromCivil(int year, int month, int day);
    static bool validDate(int year, int month, int day);

private:
    enum class Field : quint8 { Literal, Year4, Year2, Month, Day, Hour24, Hour12, Minute, Second, Millis, AmPm };
    struct Token
    {
        Field field = Field::Literal;
        quint8 minDigits = 0;
        quint8 maxDigits = 0;
        char literal = 0;
    };
    bool parseIso(QByteArrayView text, Value* out) const;
    bool parsePattern(QByteArrayView text, Value* out) const;

    QString m_spec;
    Kind m_kind = Kind::Iso;
    std::vector<Token> m_tokens;
};

} // namespace alpr

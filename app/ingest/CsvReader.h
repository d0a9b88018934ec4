#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <vector>

namespace alpr {

/**
 * Splits delimited text (RFC 4180 quoting: fields in double quotes may hold the delimiter, line breaks and "" for a
 * quote) into rows of fields, on the raw bytes, with the line each row starts on. A broken row (unterminated quote,
 * text after a closing quote, a row too long or with too many fields) comes back with an error and the reader goes
 * on at the next line; it never allocates per field (the fields of a row are views, unescaped ones into a buffer
 * reused from row to row).
 */
class CsvReader
{
public:
    static constexpr qsizetype kMaxRowBytes = 1 << 20;
    static constexpr int kMaxFields = 512;

    struct Row
    {
        qint64 line = 0; ///< 1-based line the row starts on
        QByteArrayView raw; ///< the row's bytes as in the file, without its line break
        std::vector<QByteArrayView> fields; ///< valid until the next call of next()
        QString error; ///< set when the row is broken; fields are then empty
    };

    CsvReader(QByteArrayView data, char delimiter);
    /** The next non-empty row; false at the end of the data. */
    bool next(Row* row);
    /** Skips whole lines (the "skipLines" of a mapping), counting them. */
    void skipLines(int n);
    qsizetype position() const { return m_pos; }

private:
    QByteArrayView m_data;
    char m_delimiter;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    QByteArray m_scratch;
    struct Span
    {
        qsizetype begin;
        qsizetype end;
        bool escaped; // quoted with "" inside: needs unescaping into m_scratch
    };
    std::vector<Span> m_spans;
};

} // namespace alpr

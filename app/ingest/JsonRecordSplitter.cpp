#include "JsonRecordSplitter.h"

#include <QCoreApplication>
#include <cstring>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("JsonRecordSplitter", text);
}
} // namespace

JsonRecordSplitter::JsonRecordSplitter(QByteArrayView data, int maxDepth, qsizetype maxBytes)
    : m_data(data)
    , m_maxDepth(maxDepth)
    , m_maxBytes(maxBytes)
{
    if (m_data.size() >= 3 && m_data[0] == '\xEF' && m_data[1] == '\xBB' && m_data[2] == '\xBF')
        m_pos = 3;
}

void JsonRecordSplitter::skipSpace()
{
    const char* d = m_data.data();
    while (m_pos < m_data.size()) {
        const char c = d[m_pos];
        if (c == '\n')
            ++m_line;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        ++m_pos;
    }
}

void JsonRecordSplitter::skipToNextLine()
{
    const char* d = m_data.data();
    const void* nl = m_pos < m_data.size() ? std::memchr(d + m_pos, '\n', size_t(m_data.size() - m_pos)) : nullptr;
    if (!nl) {
        m_pos = m_data.size();
        return;
    }
    m_pos = static_cast<const char*>(nl) - d + 1;
    ++m_line;
}

bool JsonRecordSplitter::next(Record* record)
{
    const char* d = m_data.data();
    const qsizetype n = m_data.size();
    *record = Record();
    skipSpace();
    if (!m_started) {
        m_started = true;
        if (m_pos < n && d[m_pos] == '[') {
            m_inArray = true;
            ++m_pos;
            skipSpace();
        }
    }
    if (m_inArray) {
        if (m_arrayDone)
            return false;
        if (m_expectComma) {
            if (m_pos >= n) {
                m_fatal = tr("the file ends inside the top-level array (truncated?)");
                return false;
            }
            if (d[m_pos] == ']') {
                m_arrayDone = true;
                ++m_pos;
                skipSpace();
                if (m_pos < n)
                    m_fatal = tr("line %1: text after the end of the top-level array").arg(m_line);
                return false;
            }
            if (d[m_pos] != ',') {
                m_fatal = tr("line %1: expected ',' or ']' between the records of the array").arg(m_line);
                return false;
            }
            ++m_pos;
            skipSpace();
        } else if (m_pos < n && d[m_pos] == ']') {
            m_arrayDone = true; // empty array
            ++m_pos;
            return false;
        }
        if (m_pos >= n) {
            m_fatal = tr("the file ends inside the top-level array (truncated?)");
            return false;
        }
        m_expectComma = true;
    }
    if (m_pos >= n)
        return false;

    record->begin = m_pos;
    record->line = m_line;
    const char first = d[m_pos];
    if (first != '{' && first != '[') {
        // A scalar or stray text where a record belongs.
        record->error = tr("not a JSON object");
        if (m_inArray) {
            // Scalars in an array end at the next ',' or ']' outside a string (strings are short here).
            bool inString = false;
            while (m_pos < n) {
                const char c = d[m_pos];
                if (inString) {
                    if (c == '\\')
                        ++m_pos;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == ',' || c == ']') {
                    break;
                } else if (c == '\n') {
                    ++m_line;
                }
                ++m_pos;
            }
        } else {
            skipToNextLine();
        }
        record->end = m_pos;
        return true;
    }

    int depth = 0;
    int deepest = 0;
    qsizetype p = m_pos;
    qint64 line = m_line;
    while (p < n) {
        const char c = d[p];
        if (c == '"') {
            // Strings (base64 images can be megabytes): jump from quote to quote.
            ++p;
            for (;;) {
                const void* hit = p < n ? std::memchr(d + p, '"', size_t(n - p)) : nullptr;
                if (!hit) {
                    const void* nl = p < n ? std::memchr(d + p, '\n', size_t(n - p)) : nullptr;
                    p = nl ? static_cast<const char*>(nl) - d : n;
                    break;
                }
                const qsizetype at = static_cast<const char*>(hit) - d;
                // A raw line break cannot be inside a JSON string: the string (and its record) was cut short there.
                // Ending the string at it lets the record end at the next line's record (below).
                if (const void* nl = std::memchr(d + p, '\n', size_t(at - p))) {
                    p = static_cast<const char*>(nl) - d;
                    break;
                }
                qsizetype backslashes = 0;
                while (at - 1 - backslashes >= p && d[at - 1 - backslashes] == '\\')
                    ++backslashes;
                p = at + 1;
                if (backslashes % 2 == 0)
                    break;
            }
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
            if (depth > deepest)
                deepest = depth;
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth == 0) {
                ++p;
                break;
            }
        } else if (c == '\n') {
            ++line;
            // Outside an array, a '{' or '[' at the very start of a line while a record is still open means that record
            // was cut short (a JSON-lines writer killed mid-line): it ends here and the next one is read normally.
            // Pretty-printed documents indent everything below the top level, so they never trip this.
            if (!m_inArray && depth > 0 && p + 1 < n && (d[p + 1] == '{' || d[p + 1] == '[')) {
                m_pos = p + 1;
                m_line = line;
                record->end = p;
                record->error = tr("the record is not closed before the next line's record begins (cut short?)");
                return true;
            }
        }
        ++p;
    }
    m_pos = p;
    m_line = line;
    record->end = p;
    if (depth > 0) {
        record->error = tr("the file ends inside this record (truncated?)");
        m_fatal.clear();
        if (m_inArray)
            m_arrayDone = true; // nothing can follow
        return true;
    }
    if (deepest > m_maxDepth)
        record->error = tr("nested more than %1 levels deep").arg(m_maxDepth);
    else if (record->end - record->begin > m_maxBytes)
        record->error = tr("record larger than %1 MB").arg(m_maxBytes >> 20);
    return true;
}

} // namespace alpr

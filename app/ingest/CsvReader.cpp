#include "CsvReader.h"

#include <QCoreApplication>
#include <cstring>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CsvReader", text);
}
} // namespace

CsvReader::CsvReader(QByteArrayView data, char delimiter)
    : m_data(data)
    , m_delimiter(delimiter)
{
    if (m_data.size() >= 3 && m_data[0] == '\xEF' && m_data[1] == '\xBB' && m_data[2] == '\xBF')
        m_pos = 3; // UTF-8 byte order mark
}

void CsvReader::skipLines(int n)
{
    for (int i = 0; i < n && m_pos < m_data.size(); ++i) {
        const void* nl = std::memchr(m_data.data() + m_pos, '\n', size_t(m_data.size() - m_pos));
        m_pos = nl ? static_cast<const char*>(nl) - m_data.data() + 1 : m_data.size();
        ++m_line;
    }
}

bool CsvReader::next(Row* row)
{
    const char* d = m_data.data();
    const qsizetype n = m_data.size();
    for (;;) {
        if (m_pos >= n)
            return false;
        // Empty lines (and a lone \r) are not rows.
        if (d[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
            continue;
        }
        if (d[m_pos] == '\r' && (m_pos + 1 >= n || d[m_pos + 1] == '\n')) {
            m_pos += (m_pos + 1 < n) ? 2 : 1;
            ++m_line;
            continue;
        }
        break;
    }
    row->line = m_line;
    row->error.clear();
    row->fields.clear();
    m_spans.clear();
    const qsizetype start = m_pos;
    qsizetype p = m_pos;
    qint64 linesInRow = 0;
    bool anyEscaped = false;
    QString error;

    auto finishLine = [&](qsizetype end, qsizetype next) {
        // end: one past the row's last byte (before \r\n or \n); next: where the following row starts.
        row->raw = m_data.sliced(start, end - start);
        m_pos = next;
        m_line += linesInRow + 1;
    };
    auto skipRestOfLine = [&]() {
        // Recovery after a broken row: go on at the next line break.
        const void* nl = p < n ? std::memchr(d + p, '\n', size_t(n - p)) : nullptr;
        const qsizetype end = nl ? static_cast<const char*>(nl) - d : n;
        finishLine(end > start && d[end - 1] == '\r' ? end - 1 : end, nl ? end + 1 : n);
        row->error = error;
        return true;
    };

    for (;;) {
        if (qsizetype(m_spans.size()) >= kMaxFields) {
            error = tr("more than %1 fields").arg(kMaxFields);
            return skipRestOfLine();
        }
        if (p - start > kMaxRowBytes) {
            error = tr("row longer than %1 MB").arg(kMaxRowBytes >> 20);
            return skipRestOfLine();
        }
        if (p < n && d[p] == '"') {
            // Quoted field.
            const qsizetype begin = p + 1;
            qsizetype q = begin;
            bool escaped = false;
            for (;;) {
                const void* hit = q < n ? std::memchr(d + q, '"', size_t(n - q)) : nullptr;
                if (!hit) {
                    // Count the lines we pass so the next file position is right, then report.
                    for (qsizetype k = begin; k < n; ++k)
                        linesInRow += d[k] == '\n';
                    row->raw = m_data.sliced(start, n - start);
                    m_pos = n;
                    m_line += linesInRow + 1;
                    row->error = tr("the file ends inside a quoted field (truncated?)");
                    return true;
                }
                const qsizetype at = static_cast<const char*>(hit) - d;
                for (qsizetype k = q; k < at; ++k)
                    linesInRow += d[k] == '\n';
                if (at + 1 < n && d[at + 1] == '"') {
                    escaped = true;
                    q = at + 2;
                    continue;
                }
                m_spans.push_back({ begin, at, escaped });
                anyEscaped |= escaped;
                p = at + 1;
                break;
            }
            if (p - start > kMaxRowBytes) {
                error = tr("row longer than %1 MB").arg(kMaxRowBytes >> 20);
                return skipRestOfLine();
            }
            if (p >= n) {
                finishLine(n, n);
                break;
            }
            if (d[p] == m_delimiter) {
                ++p;
                continue;
            }
            if (d[p] == '\n' || (d[p] == '\r' && (p + 1 >= n || d[p + 1] == '\n'))) {
                finishLine(p, d[p] == '\r' ? std::min(p + 2, n) : p + 1);
                break;
            }
            error = tr("text after a closing quote (a quote inside a field must be doubled)");
            return skipRestOfLine();
        }
        // Plain field: up to the delimiter or the line break.
        const qsizetype begin = p;
        // A quote inside an unquoted field (5" wheels) is taken literally, as most readers do.
        while (p < n && d[p] != m_delimiter && d[p] != '\n') {
            ++p;
            if (p - start > kMaxRowBytes) {
                error = tr("row longer than %1 MB").arg(kMaxRowBytes >> 20);
                return skipRestOfLine();
            }
        }
        qsizetype end = p;
        const bool atLineEnd = p >= n || d[p] == '\n';
        if (atLineEnd && end > begin && d[end - 1] == '\r')
            --end;
        m_spans.push_back({ begin, end, false });
        if (atLineEnd) {
            finishLine(end, p < n ? p + 1 : n);
            break;
        }
        ++p; // the delimiter
    }

    if (anyEscaped) {
        qsizetype total = 0;
        for (const Span& s : m_spans)
            if (s.escaped)
                total += s.end - s.begin;
        m_scratch.resize(total); // views into it are made after it stopped growing
    }
    qsizetype out = 0;
    row->fields.reserve(m_spans.size());
    for (const Span& s : m_spans) {
        if (!s.escaped) {
            row->fields.push_back(m_data.sliced(s.begin, s.end - s.begin));
            continue;
        }
        char* dst = m_scratch.data() + out;
        qsizetype len = 0;
        for (qsizetype k = s.begin; k < s.end; ++k) {
            dst[len++] = d[k];
            if (d[k] == '"')
                ++k; // "" -> "
        }
        row->fields.push_back(QByteArrayView(dst, len));
        out += len;
    }
    return true;
}

} // namespace alpr

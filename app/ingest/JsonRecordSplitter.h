#pragma once

#include <QByteArrayView>
#include <QString>

namespace alpr {

/**
 * Finds the records of a JSON text without building it: the elements of a top-level array, or else each top-level
 * value in turn (one document, JSON lines, or documents one after another). Each record is then parsed on its own,
 * so a 2 GB export needs memory for one record at a time, and one broken record costs only itself.
 *
 * Nesting is counted, not recursed, so no input can exhaust the stack; records nested deeper than maxDepth or
 * larger than maxBytes come back with an error (and are skipped whole). A file that ends inside a record gives that
 * record with an error saying so. After a stray character the splitter resumes at the next line (JSON lines).
 */
class JsonRecordSplitter
{
public:
    struct Record
    {
        qsizetype begin = 0;
        qsizetype end = 0; ///< one past the last byte
        qint64 line = 0; ///< 1-based line the record starts on
        QString error; ///< set when the record is unusable
    };

    JsonRecordSplitter(QByteArrayView data, int maxDepth, qsizetype maxBytes);
    bool next(Record* record);
    qsizetype position() const { return m_pos; }
    /** Set when the structure around the records is broken beyond resuming (e.g. a malformed array). */
    QString fatalError() const { return m_fatal; }

private:
    void skipSpace();
    void skipToNextLine();

    QByteArrayView m_data;
    int m_maxDepth;
    qsizetype m_maxBytes;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    bool m_started = false;
    bool m_inArray = false;
    bool m_arrayDone = false;
    bool m_expectComma = false;
    QString m_fatal;
};

} // namespace alpr

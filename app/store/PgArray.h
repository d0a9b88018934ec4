#pragma once

#include <QString>

namespace alpr {

/**
 * A PostgreSQL array literal ('{"a","b",NULL}') built on this side, bound as ONE text parameter and unpacked on the
 * server with unnest($1::text[], ...). Why: Qt's QPSQL driver sends bound values as literals in an EXECUTE, so a
 * batch of thousands of rows as one statement over a few arrays costs one round trip and one parse, where a
 * statement per row cost a round trip each.
 */
class PgArray
{
public:
    void add(const QString& text); ///< quoted; a null QString is stored as '' (columns are NOT NULL DEFAULT '')
    void add(qint64 value);
    void add(double value); ///< 17 significant digits: the server parses back the very same double
    void addNull();
    QString literal() const { return QStringLiteral("{") + m_text + u'}'; }
    int size() const { return m_size; }

private:
    void separator();
    QString m_text;
    int m_size = 0;
};

} // namespace alpr

#pragma once

#include <QByteArray>
#include <QString>

namespace alpr {

/**
 * Rows in PostgreSQL's binary COPY format (COPY ... FROM STDIN WITH (FORMAT binary)): the signature header, then per
 * row the number of fields and each field as a big-endian length and its bytes in the type's binary form, then the
 * trailer. The transfer's staging rows go this way: the server takes numbers as they are instead of parsing their
 * text, and no value needs escaping (a text field is its UTF-8 bytes, a bytea field its bytes).
 *
 * The fields of a row must match the COPY column list in number, order and type; the server checks both.
 */
class PgBinaryCopy
{
public:
    PgBinaryCopy();

    /** Starts a row of `fields` fields. */
    void beginRow(int fields);
    void addInt32(qint32 value);
    void addInt64(qint64 value);
    void addFloat8(double value);
    void addFloat4(float value);
    /** text: the UTF-8 bytes (a null QString is written as the empty string). */
    void addText(const QString& text);
    /** bytea: the bytes as they are. */
    void addBytes(const QByteArray& bytes);
    void addNull();

    int rows() const { return m_rows; }
    void reserve(qsizetype bytes) { m_data.reserve(bytes); }
    /** The whole COPY data, trailer included; call once (the builder is left empty). */
    QByteArray finish();

private:
    template<typename T> void addBigEndian(T value);

    QByteArray m_data;
    int m_rows = 0;
};

} // namespace alpr

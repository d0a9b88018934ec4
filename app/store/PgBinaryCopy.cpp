#include "PgBinaryCopy.h"

#include <QtEndian>
#include <bit>
#include <cstring>
#include <utility>

namespace alpr {

namespace {

// "PGCOPY\n\377\r\n\0", then the flags (no OIDs) and the length of the header extension (none).
constexpr char kSignature[] = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0' };

} // namespace

PgBinaryCopy::PgBinaryCopy()
{
    m_data.append(kSignature, sizeof(kSignature));
    addBigEndian(qint32(0));
    addBigEndian(qint32(0));
}

template<typename T> void PgBinaryCopy::addBigEndian(T value)
{
    const T big = qToBigEndian(value);
    m_data.append(reinterpret_cast<const char*>(&big), sizeof(big));
}

void PgBinaryCopy::beginRow(int fields)
{
    addBigEndian(qint16(fields));
    ++m_rows;
}

void PgBinaryCopy::addInt32(qint32 value)
{
    addBigEndian(qint32(sizeof(value)));
    addBigEndian(value);
}

void PgBinaryCopy::addInt64(qint64 value)
{
    addBigEndian(qint32(sizeof(value)));
    addBigEndian(value);
}

void PgBinaryCopy::addFloat8(double value)
{
    // float8send: the IEEE 754 bits as a big-endian 64-bit integer.
    addBigEndian(qint32(sizeof(value)));
    addBigEndian(std::bit_cast<quint64>(value));
}

void PgBinaryCopy::addFloat4(float value)
{
    addBigEndian(qint32(sizeof(value)));
    addBigEndian(std::bit_cast<quint32>(value));
}

void PgBinaryCopy::addText(const QString& text)
{
    // Most fields are ASCII: written straight into the buffer after their length, without a temporary UTF-8 copy.
    const qsizetype lengthAt = m_data.size();
    addBigEndian(qint32(text.size()));
    const qsizetype at = m_data.size();
    m_data.resize(at + text.size());
    char* to = m_data.data() + at;
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            const QByteArray utf8 = text.toUtf8();
            m_data.truncate(lengthAt);
            addBytes(utf8);
            return;
        }
        *to++ = char(c.unicode());
    }
}

void PgBinaryCopy::addBytes(const QByteArray& bytes)
{
    addBigEndian(qint32(bytes.size()));
    m_data.append(bytes);
}

void PgBinaryCopy::addNull()
{
    addBigEndian(qint32(-1));
}

QByteArray PgBinaryCopy::finish()
{
    addBigEndian(qint16(-1));
    m_rows = 0;
    return std::exchange(m_data, {});
}

} // namespace alpr

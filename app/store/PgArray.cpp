#include "PgArray.h"

namespace alpr {

void PgArray::separator()
{
    if (m_size++)
        m_text += u',';
}

void PgArray::add(const QString& text)
{
    separator();
    m_text += u'"';
    for (QChar c : text) {
        // Inside a quoted array element only the quote and the backslash are special.
        if (c == u'"' || c == u'\\')
            m_text += u'\\';
        m_text += c;
    }
    m_text += u'"';
}

void PgArray::add(qint64 value)
{
    separator();
    m_text += QString::number(value);
}

void PgArray::add(double value)
{
    separator();
    m_text += QString::number(value, 'g', 17);
}

void PgArray::addNull()
{
    separator();
    m_text += QStringLiteral("NULL");
}

} // namespace alpr

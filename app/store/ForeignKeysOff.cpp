#include "ForeignKeysOff.h"

#include <QSqlError>
#include <QSqlQuery>

namespace alpr {

ForeignKeysOff::ForeignKeysOff(QSqlDatabase db)
    : m_db(std::move(db))
{
    QSqlQuery q(m_db);
    m_ok = q.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    if (!m_ok)
        m_error = q.lastError().text();
}

ForeignKeysOff::~ForeignKeysOff()
{
    QSqlQuery(m_db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

} // namespace alpr

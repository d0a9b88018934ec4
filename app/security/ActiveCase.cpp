#include "ActiveCase.h"

#include <QCoreApplication>

namespace alpr {

QString ActiveCase::title() const
{
    return QCoreApplication::translate("ActiveCase", "case %1 (%2)").arg(number, purpose);
}

QString ActiveCase::defaultNumberPattern()
{
    return QStringLiteral("^[0-9]{2}-[0-9]{6}$");
}

QStringList ActiveCase::categories()
{
    return {
        QCoreApplication::translate("ActiveCase", "criminal investigation"),
        QCoreApplication::translate("ActiveCase", "hotlist hit verification"),
        QCoreApplication::translate("ActiveCase", "missing or endangered person"),
        QCoreApplication::translate("ActiveCase", "department civil action"),
        QCoreApplication::translate("ActiveCase", "records request"),
        QCoreApplication::translate("ActiveCase", "audit"),
    };
}

} // namespace alpr

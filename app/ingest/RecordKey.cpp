#include "RecordKey.h"

#include <QCryptographicHash>

namespace alpr {

QString RecordKey::forLine(qint64 line, QByteArrayView raw)
{
    const QByteArray digest = QCryptographicHash::hash(raw, QCryptographicHash::Blake2b_160);
    const QByteArray tag = digest.first(12).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QString out;
    out.reserve(24);
    out.append(u'L');
    out.append(QString::number(line));
    out.append(u':');
    out.append(QLatin1String(tag));
    return out;
}

} // namespace alpr

#include "ServerAddress.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ServerAddress", text);
}

} // namespace

Result<ServerAddress> ServerAddress::parse(const QString& uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    const QString example = QStringLiteral("postgresql://host:5432/alpr?sslrootcert=/path/to/ca.crt");
    if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")))
        return usageError(tr("'%1' is not a server URI; expected %2.").arg(uri, example));
    if (!url.userName().isEmpty() || !url.password().isEmpty())
        return usageError(tr("%1: the server URI must not contain a user name or password; give --user, and the "
                             "password through ALPR_PASSWORD, --password-file or the prompt.")
                              .arg(url.host()));
    ServerAddress a;
    a.host = url.host();
    a.port = url.port(5432);
    a.database = url.path().mid(1);
    if (a.host.isEmpty())
        return usageError(tr("'%1': the server URI names no host; expected %2.").arg(uri, example));
    if (a.database.isEmpty() || a.database.contains(u'/'))
        return usageError(tr("%1: the server URI names no database; expected %2.").arg(a.host, example));
    const QUrlQuery query(url);
    for (const auto& item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first == QLatin1String("sslrootcert")) {
            a.caFile = item.second;
        } else if (item.first == QLatin1String("sslmode")) {
            // Anything weaker than verify-full would let a server without a verified certificate in.
            if (item.second != QLatin1String("verify-full"))
                return usageError(tr("%1: sslmode=%2 is not allowed; the server's certificate is always verified "
                                     "(sslmode=verify-full).")
                                      .arg(a.describe(), item.second));
        } else {
            return usageError(tr("%1: unknown URI parameter '%2' (only sslrootcert and sslmode=verify-full).")
                                  .arg(a.describe(), item.first));
        }
    }
    if (a.caFile.isEmpty())
        return usageError(tr("%1: the URI must name the CA certificate that signed the server's certificate "
                             "(?sslrootcert=/path/to/ca.crt); the server's TLS certificate is always verified.")
                              .arg(a.describe()));
    // The connection options are a space-separated key='value' list: refuse what could break out of the quotes.
    if (a.caFile.contains(u'\'') || a.caFile.contains(u'\\') || a.caFile.contains(u';'))
        return usageError(tr("%1: the CA file name may not contain quotes, backslashes or semicolons.").arg(a.caFile));
    if (!QFileInfo(a.caFile).isReadable())
        return usageError(tr("%1: cannot read the CA certificate %2.").arg(a.describe(), a.caFile));
    return a;
}

QString ServerAddress::describe() const
{
    return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(database);
}

QString ServerAddress::uri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sslrootcert"), caFile);
    url.setQuery(query);
    return url.toString();
}

} // namespace alpr

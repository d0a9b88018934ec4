#include "CliContext.h"

#include "ActiveCase.h"
#include "Authenticator.h"
#include "Session.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTextStream>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

/** Reads one line from the terminal with echo off; the prompt goes to stderr so stdout stays clean. */
Result<QString> promptNoEcho(const QString& prompt)
{
    if (!isatty(STDIN_FILENO))
        return usageError(tr("No password given: set ALPR_PASSWORD, use --password-file, or run on a terminal."));
    QTextStream err(stderr);
    err << prompt;
    err.flush();
    termios old {};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    QTextStream in(stdin);
    const QString line = in.readLine();
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    err << '\n';
    return line;
}

Result<QString> passwordFromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return usageError(tr("%1: cannot read the password file: %2").arg(path, f.errorString()));
    QByteArray bytes = f.readAll();
    // Only the line ending is dropped: passphrases may start or end with spaces.
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

QString csvField(const QString& s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
        return s;
    QString quoted = s;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

CliContext::CliContext(QCommandLineParser& parser, const Clock& clock)
    : m_parser(parser)
    , m_clock(clock)
{
}

QStringList CliContext::arguments() const
{
    QStringList args = m_parser.positionalArguments();
    if (!args.isEmpty())
        args.removeFirst();
    return args;
}

OutputFormat CliContext::format() const
{
    const QString f = m_parser.value(QStringLiteral("format"));
    if (f == QLatin1String("csv"))
        return OutputFormat::Csv;
    if (f == QLatin1String("json"))
        return OutputFormat::Json;
    return OutputFormat::Table;
}

Result<QString> CliContext::storePath() const
{
    const QString path = m_parser.value(QStringLiteral("store"));
    if (path.isEmpty())
        return usageError(tr("--store PATH is required."));
    return path;
}

Result<QString> CliContext::serverUri() const
{
    const QString uri = m_parser.value(QStringLiteral("server"));
    if (uri.isEmpty())
        return usageError(tr("--server URI is required (postgresql://host:port/db?sslrootcert=/path/ca.crt)."));
    return uri;
}

bool CliContext::onServer() const
{
    return m_parser.isSet(QStringLiteral("server")) && !m_parser.isSet(QStringLiteral("store"));
}

Result<QString> CliContext::userName() const
{
    const QString user = m_parser.value(QStringLiteral("user"));
    if (user.isEmpty())
        return usageError(tr("--user NAME is required."));
    return user;
}

Result<QString> CliContext::password(const QString& forUser) const
{
    if (qEnvironmentVariableIsSet("ALPR_PASSWORD"))
        return qEnvironmentVariable("ALPR_PASSWORD");
    if (m_parser.isSet(QStringLiteral("password-file")))
        return passwordFromFile(m_parser.value(QStringLiteral("password-file")));
    return promptNoEcho(tr("Password for %1: ").arg(forUser));
}

Result<QString> CliContext::newPassword(const QString& forUser) const
{
    if (qEnvironmentVariableIsSet("ALPR_NEW_PASSWORD"))
        return qEnvironmentVariable("ALPR_NEW_PASSWORD");
    if (m_parser.isSet(QStringLiteral("new-password-file")))
        return passwordFromFile(m_parser.value(QStringLiteral("new-password-file")));
    auto first = promptNoEcho(tr("New password for %1: ").arg(forUser));
    if (!first)
        return first;
    auto second = promptNoEcho(tr("Repeat the new password: "));
    if (!second)
        return second;
    if (first.value() != second.value())
        return usageError(tr("The two passwords differ."));
    return first;
}

Result<std::unique_ptr<Session>> CliContext::signIn() const
{
    return signIn(onServer());
}

Result<std::unique_ptr<Session>> CliContext::signInToServer() const
{
    return signIn(true);
}

Result<std::unique_ptr<Session>> CliContext::signIn(bool server) const
{
    Credentials c;
    auto where = server ? serverUri() : storePath();
    if (!where)
        return where.error();
    (server ? c.serverUri : c.storePath) = where.value();
    auto user = userName();
    if (!user)
        return user.error();
    c.user = user.value();
    c.otp = m_parser.value(QStringLiteral("otp"));
    c.bannerAcknowledged = m_parser.isSet(QStringLiteral("accept-banner"))
        || qEnvironmentVariable("ALPR_ACCEPT_BANNER") == QLatin1String("1");
    QTextStream err(stderr);
    if (!c.bannerAcknowledged) {
        err << Authenticator::bannerText() << "\n\n";
        if (isatty(STDIN_FILENO)) {
            err << tr("Type 'yes' to acknowledge and continue: ");
            err.flush();
            c.bannerAcknowledged = QTextStream(stdin).readLine().trimmed() == QLatin1String("yes");
        }
        if (!c.bannerAcknowledged)
            return policyError(tr("The system-use notice was not acknowledged (use --accept-banner in scripts)."));
    }
    auto pw = password(c.user);
    if (!pw)
        return pw.error();
    c.password = pw.value();
    return Authenticator(m_clock).signIn(c, QStringLiteral("cli@") + QSysInfo::machineHostName());
}

Status CliContext::openCase(Session& session) const
{
    const QString number = m_parser.value(QStringLiteral("case"));
    const QString purpose = m_parser.value(QStringLiteral("purpose"));
    if (number.trimmed().isEmpty() || purpose.trimmed().isEmpty())
        return policyError(tr("ALPR data is only accessed for a case: give --case NUMBER and --purpose TEXT."));
    QString category = m_parser.value(QStringLiteral("purpose-category"));
    if (category.isEmpty())
        category = ActiveCase::categories().constFirst();
    return session.openCase(number, category, purpose);
}

Result<qint64> CliContext::number(const QString& option, qint64 fallback, qint64 min, qint64 max) const
{
    if (!m_parser.isSet(option))
        return fallback;
    const QString text = m_parser.value(option);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return usageError(tr("--%1: '%2' is not a whole number from %3 to %4.")
                              .arg(option, text, QString::number(min), QString::number(max)));
    return value;
}

Result<qint64> CliContext::parseTime(const QString& option, const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            t = d.startOfDay();
    }
    if (!t.isValid())
        return usageError(tr("--%1: '%2' is not an ISO 8601 time (e.g. 2026-03-01T14:00).").arg(option, text));
    return t.toMSecsSinceEpoch();
}

void CliContext::print(const QStringList& header, const QList<QStringList>& rows) const
{
    QTextStream out(stdout);
    switch (format()) {
    case OutputFormat::Csv: {
        QStringList h;
        for (const QString& c : header)
            h.append(csvField(c));
        out << h.join(u',') << '\n';
        for (const QStringList& row : rows) {
            QStringList r;
            for (const QString& c : row)
                r.append(csvField(c));
            out << r.join(u',') << '\n';
        }
        break;
    }
    case OutputFormat::Json: {
        QJsonArray array;
        for (const QStringList& row : rows) {
            QJsonObject o;
            for (qsizetype i = 0; i < header.size() && i < row.size(); ++i)
                o.insert(header.at(i), row.at(i));
            array.append(o);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        break;
    }
    case OutputFormat::Table: {
        QList<qsizetype> widths;
        for (const QString& c : header)
            widths.append(c.size());
        for (const QStringList& row : rows)
            for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
                widths[i] = std::max(widths[i], row.at(i).size());
        auto line = [&](const QStringList& cells) {
            QStringList padded;
            for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
                padded.append(cells.at(i).leftJustified(widths[i]));
            out << padded.join(QStringLiteral("  ")).trimmed() << '\n';
        };
        line(header);
        QStringList rule;
        for (qsizetype w : widths)
            rule.append(QString(w, u'-'));
        line(rule);
        for (const QStringList& row : rows)
            line(row);
        break;
    }
    }
}

} // namespace alpr

namespace alpr {

QString CliContext::localTime(qint64 ms)
{
    if (ms == 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + u' ' + t.timeZoneAbbreviation();
}

QTextStream& CliContext::out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& CliContext::err()
{
    static QTextStream s(stderr);
    return s;
}

} // namespace alpr

#pragma once

#include "Result.h"

#include <QCommandLineParser>
#include <QStringList>

class QTextStream;

#include <memory>

namespace alpr {

class Clock;
class Session;
class Vault;

/** Output format of commands that print records (CLI.md: table on a terminal, csv, json). */
enum class OutputFormat { Table, Csv, Json };

/**
 * What every alpr-cli command needs: the parsed command line, the password sources, the output format and a
 * way to unlock the store as the acting user. Commands get this and return a Status; main() maps its kind to the
 * exit status.
 */
class CliContext
{
public:
    CliContext(QCommandLineParser& parser, const Clock& clock);

    QCommandLineParser& parser() { return m_parser; }
    const Clock& clock() const { return m_clock; }
    /** The positional words after the command name. */
    QStringList arguments() const;
    OutputFormat format() const;

    Result<QString> storePath() const;
    /** --server URI, or a usage error naming the missing option. */
    Result<QString> serverUri() const;
    /** --server given and --store not: the command works on the department's server. */
    bool onServer() const;
    /** --user or an error naming the missing option. */
    Result<QString> userName() const;
    /** The acting user's password: ALPR_PASSWORD, --password-file, or a no-echo prompt. */
    Result<QString> password(const QString& forUser) const;
    /** A password for a new account or a change: ALPR_NEW_PASSWORD, --new-password-file, or prompt twice. */
    Result<QString> newPassword(const QString& forUser) const;
    /**
     * Signs in to --store as --user with every access-control rule (banner, lockout, MFA code from --otp, audit).
     * The banner is accepted with --accept-banner or ALPR_ACCEPT_BANNER=1, or interactively on a terminal.
     */
    Result<std::unique_ptr<Session>> signIn() const;
    /** Like signIn(), always to --server (e.g. a command that also names a local --store, like transfer). */
    Result<std::unique_ptr<Session>> signInToServer() const;
    /** Opens the case given by --case/--purpose[/--purpose-category] in the session (exit 4 when missing). */
    Status openCase(Session& session) const;

    /**
     * A whole-number option: `fallback` when it is not given, else its value if it lies in [min, max], else a usage
     * error naming the option, what was given and the range.
     */
    Result<qint64> number(const QString& option, qint64 fallback, qint64 min, qint64 max) const;

    /** Parses an ISO 8601 time option: local time unless a zone is given. */
    static Result<qint64> parseTime(const QString& option, const QString& text);

    /** Times are shown in the workstation's zone with its abbreviation (PST/PDT). */
    static QString localTime(qint64 ms);
    static QTextStream& out();
    static QTextStream& err();

    /** Prints records in the chosen format to stdout. */
    void print(const QStringList& header, const QList<QStringList>& rows) const;

private:
    Result<std::unique_ptr<Session>> signIn(bool server) const;

    QCommandLineParser& m_parser;
    const Clock& m_clock;
};

} // namespace alpr

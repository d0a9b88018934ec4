// alpr-cli: scripting, administration, demo data and benchmarks over the same libraries as the workstation
// (CLI.md). Exit status: 0 done, 1 failure, 2 usage, 3 authentication, 4 refused by policy, 5 bad input data.
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>
#include <functional>
#include <map>

using namespace alpr;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

void addOptions(QCommandLineParser& p)
{
    p.addOptions({
        { QStringLiteral("store"), tr("Local encrypted store (its key file sits beside it)."), tr("PATH") },
        { QStringLiteral("user"), tr("Who is acting."), tr("NAME") },
        { QStringLiteral("password-file"), tr("Read the password from a file (else ALPR_PASSWORD or a prompt)."),
          tr("FILE") },
        { QStringLiteral("new-password-file"),
          tr("New password for init/user add/passwd (else ALPR_NEW_PASSWORD or a prompt)."), tr("FILE") },
        { QStringLiteral("otp"), tr("Current TOTP code, for users enrolled in MFA."), tr("CODE") },
        { QStringLiteral("case"), tr("Case number; required to read ALPR data."), tr("NUMBER") },
        { QStringLiteral("purpose"), tr("Purpose of the access; required to read ALPR data."), tr("TEXT") },
        { QStringLiteral("format"), tr("Output: table, csv or json."), tr("FORMAT"), QStringLiteral("table") },
        { QStringLiteral("admin"), tr("init: name of the first administrator."), tr("NAME") },
        { QStringLiteral("role"), tr("user add: detective, clerk, supervisor or admin."), tr("ROLE") },
        { QStringLiteral("trained"), tr("user add: training completion date."), tr("DATE") },
        { QStringLiteral("clets"), tr("user add: the user is authorised for CLETS.") },
        { QStringLiteral("full-name"), tr("user add: the person's full name."), tr("TEXT") },
        { QStringLiteral("agency"), tr("user add: the user's agency."), tr("TEXT") },
        { QStringLiteral("reads"), tr("demo, bench: number of reads to generate."), tr("N") },
        { QStringLiteral("seed"), tr("demo: random seed."), tr("S") },
        { QStringLiteral("from"), tr("Start of a time range (ISO 8601, local unless a zone is given)."), tr("T") },
        { QStringLiteral("to"), tr("End of a time range, exclusive."), tr("T") },
        { QStringLiteral("since"), tr("audit log: only rows from this time on."), tr("T") },
        { QStringLiteral("user-filter"), tr("audit log: only this user's rows."), tr("NAME") },
        { QStringLiteral("purpose-category"), tr("Purpose category (default: criminal investigation)."), tr("TEXT") },
        { QStringLiteral("plate"),
          tr("search/candidates: plate or pattern (? one, * any run, [8B] one of); access log: "
             "only queries that mention it."),
          tr("PATTERN") },
        { QStringLiteral("misread"), tr("search/candidates: widen characters to their OCR confusion groups.") },
        { QStringLiteral("alternates"), tr("search/candidates: also match the reads' OCR alternatives.") },
        { QStringLiteral("camera"), tr("search: only this camera (repeatable)."), tr("ID") },
        { QStringLiteral("state"), tr("search: only this issuing state."), tr("XX") },
        { QStringLiteral("hotlist-only"), tr("search: only plates on a hotlist.") },
        { QStringLiteral("limit"), tr("search: at most N reads (default 500)."), tr("N") },
        { QStringLiteral("json"), tr("bench: print JSON.") },
        { QStringLiteral("mapping"), tr("import: column mapping of delimited text (JSON file)."), tr("MAP.json") },
        { QStringLiteral("at"), tr("canvass: centre of one circular scene."), tr("LAT,LON") },
        { QStringLiteral("radius"), tr("canvass: radius of the --at scene in metres."), tr("M") },
        { QStringLiteral("polygon"), tr("canvass: one polygonal scene (even-odd rule)."), tr("LAT,LON;LAT,LON;...") },
        { QStringLiteral("scene"), tr("canvass: a circular scene with its own window (repeatable)."),
          tr("LAT,LON,M,FROM,TO") },
        { QStringLiteral("min-scenes"), tr("canvass: plates seen at at least K of the scenes (default all)."),
          tr("K") },
        { QStringLiteral("convoy"), tr("canvass: plates travelling with this plate."), tr("PLATE") },
        { QStringLiteral("within-seconds"), tr("canvass --convoy: time from a sighting (default 60)."), tr("S") },
        { QStringLiteral("within-metres"), tr("canvass --convoy: distance from a sighting (default 100)."), tr("D") },
        { QStringLiteral("min-times"), tr("canvass --convoy: sightings a companion must share (default 2)."),
          tr("M") },
        { QStringLiteral("locate"), tr("canvass: where and when this plate is usually seen."), tr("PLATE") },
        { QStringLiteral("cluster-metres"), tr("canvass --locate: radius of a place (default 200)."), tr("R") },
        { QStringLiteral("show"), tr("canvass: list plates (default) or their reads."), tr("plates|reads") },
        { QStringLiteral("server"),
          tr("The department's PostgreSQL server: postgresql://host:port/db?sslrootcert=CA.crt (TLS verified)."),
          tr("URI") },
        { QStringLiteral("accept-banner"), tr("Acknowledge the system-use notice (also ALPR_ACCEPT_BANNER=1).") },
        { QStringLiteral("server-otp"), tr("transfer: the TOTP code of your server account (else --otp)."),
          tr("CODE") },
        { QStringLiteral("batch"),
          tr("transfer: reads per batch confirmed by the server (default 20000); import: reads per transaction "
             "(default 50000)."),
          tr("N") },
        { QStringLiteral("runs"), tr("bench ingest: runs of each write phase, the median reported (default 3)."),
          tr("N") },
    });
}

} // namespace

int main(int argc, char** argv)
{
    // Demo images are drawn with QPainter text, which needs a GUI application; no display is needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("alpr-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ALPR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("ALPR Workstation command line.\n\nCommands: init, user add|list|disable|passwd|unlock, mfa enroll|confirm, "
           "demo, stats, reads, search, candidates, canvass, import, transfer, server init, "
           "bench search|canvass|images|ingest|map|transfer, audit verify|log, access log"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do."));
    addOptions(parser);

    QTextStream err(stderr);
    if (!parser.parse(QCoreApplication::arguments())) {
        err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
                            << '\n';
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << tr("No command given. Try --help.") << '\n';
        return 2;
    }

    const std::map<QString, std::function<Status(CliContext&)>> table = {
        { QStringLiteral("init"), commands::init },     { QStringLiteral("user"), commands::user },
        { QStringLiteral("demo"), commands::demo },     { QStringLiteral("stats"), commands::stats },
        { QStringLiteral("reads"), commands::reads },   { QStringLiteral("mfa"), commands::mfa },
        { QStringLiteral("audit"), commands::audit },   { QStringLiteral("access"), commands::access },
        { QStringLiteral("search"), commands::search }, { QStringLiteral("candidates"), commands::candidates },
        { QStringLiteral("import"), commands::importFiles },
        { QStringLiteral("server"), commands::server },
        { QStringLiteral("canvass"), commands::canvass },
        { QStringLiteral("transfer"), commands::transfer },
        { QStringLiteral("bench"),
          [](CliContext& c) {
              if (c.arguments().value(0) == u"map")
                  return commands::benchMap(c);
              if (c.arguments().value(0) == u"canvass")
                  return commands::benchCanvass(c);
              if (c.arguments().value(0) == u"transfer")
                  return commands::benchTransfer(c);
              return c.arguments().value(0) == u"images" ? commands::benchImages(c) : commands::bench(c);
          } },
    };
    const auto it = table.find(positional.first());
    if (it == table.end()) {
        err << tr("Unknown command '%1'. Try --help.").arg(positional.first()) << '\n';
        return 2;
    }
    SystemClock clock;
    CliContext ctx(parser, clock);
    const Status status = it->second(ctx);
    if (!status) {
        err << tr("alpr-cli: %1").arg(status.error().message) << '\n';
        return int(status.error().kind);
    }
    return 0;
}

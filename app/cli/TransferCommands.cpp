// alpr-cli transfer: the end-of-shift transfer of a local store to the department's server, then the purge
// (policy 462.4(b)); see TransferService.
#include "Authenticator.h"
#include "CliContext.h"
#include "Commands.h"
#include "Session.h"
#include "TransferService.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTextStream>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

/**
 * The server sign-in of the same user. Password: ALPR_SERVER_PASSWORD when the server role's password differs from
 * the local store's, else the local one (ALPR_PASSWORD, --password-file or the prompt). TOTP: --server-otp, else
 * --otp (the two stores keep separate MFA enrolments, so usually both are given). The banner was acknowledged at the
 * local sign-in of this same command.
 */
Result<std::unique_ptr<Session>> signInToServer(CliContext& ctx, const QString& user)
{
    Credentials c;
    auto uri = ctx.serverUri();
    if (!uri)
        return uri.error();
    c.serverUri = uri.value();
    c.user = user;
    c.bannerAcknowledged = true;
    const QString serverOtp = ctx.parser().value(QStringLiteral("server-otp"));
    c.otp = serverOtp.isEmpty() ? ctx.parser().value(QStringLiteral("otp")) : serverOtp;
    if (qEnvironmentVariableIsSet("ALPR_SERVER_PASSWORD")) {
        c.password = qEnvironmentVariable("ALPR_SERVER_PASSWORD");
    } else {
        auto pw = ctx.password(user);
        if (!pw)
            return pw.error();
        c.password = pw.value();
    }
    return Authenticator(ctx.clock()).signIn(c, QStringLiteral("cli@") + QSysInfo::machineHostName());
}

} // namespace

Status transfer(CliContext& ctx)
{
    auto server = ctx.serverUri(); // both are required: check before any password is asked
    if (!server)
        return server.error();
    if (auto path = ctx.storePath(); !path)
        return path.error();
    int batch = TransferService::kDefaultBatch;
    if (ctx.parser().isSet(QStringLiteral("batch"))) {
        bool ok = false;
        batch = ctx.parser().value(QStringLiteral("batch")).toInt(&ok);
        if (!ok || batch < 1 || batch > 100000)
            return usageError(tr("--batch: '%1' is not a batch size from 1 to 100000.")
                                  .arg(ctx.parser().value(QStringLiteral("batch"))));
    }
    auto local = ctx.signIn(); // --store is given, so this is the local store
    if (!local)
        return local.error();
    auto remote = signInToServer(ctx, local.value()->user().name);
    if (!remote)
        return remote.error();
    TransferService service(*local.value(), *remote.value());
    QTextStream& err = CliContext::err();
    auto receipt = service.run(batch, [&](const TransferProgress& p) {
        // One line per batch on stderr (stdout carries the receipt): scripts and tests follow the progress.
        err << tr("batch %1 confirmed and purged: %2 of %3 reads").arg(p.lastBatchId).arg(p.done).arg(p.total)
            << Qt::endl;
    });
    if (!receipt)
        return receipt.error();
    if (ctx.format() == OutputFormat::Json)
        CliContext::out() << QString::fromUtf8(QJsonDocument(receipt->toJson()).toJson(QJsonDocument::Indented));
    else
        CliContext::out() << receipt->toText();
    CliContext::out().flush();
    return {};
}

} // namespace alpr::commands

#include "ServerSignIn.h"

#include "Authenticator.h"
#include "CliContext.h"
#include "Session.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

} // namespace

Result<QString> serverPassword(CliContext& ctx, const QString& user)
{
    if (qEnvironmentVariableIsSet("ALPR_SERVER_PASSWORD"))
        return qEnvironmentVariable("ALPR_SERVER_PASSWORD");
    return ctx.password(user);
}

Result<std::unique_ptr<Session>> signInToServer(CliContext& ctx, const QString& user, const QString& password,
                                                const QString& client)
{
    Credentials c;
    auto uri = ctx.serverUri();
    if (!uri)
        return uri.error();
    c.serverUri = uri.value();
    c.user = user;
    c.password = password;
    c.bannerAcknowledged = true;
    const QString serverOtp = ctx.parser().value(QStringLiteral("server-otp"));
    c.otp = serverOtp.isEmpty() ? ctx.parser().value(QStringLiteral("otp")) : serverOtp;
    return Authenticator(ctx.clock()).signIn(c, client + u'@' + QSysInfo::machineHostName());
}

Result<int> transferBatch(CliContext& ctx, int defaultBatch)
{
    if (!ctx.parser().isSet(QStringLiteral("batch")))
        return defaultBatch;
    bool ok = false;
    const int batch = ctx.parser().value(QStringLiteral("batch")).toInt(&ok);
    if (!ok || batch < 1 || batch > 100000)
        return usageError(tr("--batch: '%1' is not a batch size from 1 to 100000.")
                              .arg(ctx.parser().value(QStringLiteral("batch"))));
    return batch;
}

} // namespace alpr::commands

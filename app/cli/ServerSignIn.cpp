#include "ServerSignIn.h"

#include "Authenticator.h"
#include "CliContext.h"
#include "Session.h"
#include "TransferService.h"

#include <QSysInfo>

namespace alpr::commands {

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
    c.serverConnections = TransferService::kServerConnections; // every caller signs in for a transfer
    const QString serverOtp = ctx.parser().value(QStringLiteral("server-otp"));
    c.otp = serverOtp.isEmpty() ? ctx.parser().value(QStringLiteral("otp")) : serverOtp;
    return Authenticator(ctx.clock()).signIn(c, client + u'@' + QSysInfo::machineHostName());
}

Result<int> transferBatch(CliContext& ctx, int defaultBatch)
{
    auto batch = ctx.number(QStringLiteral("batch"), defaultBatch, 1, 100000);
    if (!batch)
        return batch.error();
    return int(batch.value());
}

} // namespace alpr::commands

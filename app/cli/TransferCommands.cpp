// alpr-cli transfer: the end-of-shift transfer of a local store to the department's server, then the purge
// (policy 462.4(b)); see TransferService.
#include "CliContext.h"
#include "Commands.h"
#include "ServerSignIn.h"
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

} // namespace

Status transfer(CliContext& ctx)
{
    auto server = ctx.serverUri(); // both are required: check before any password is asked
    if (!server)
        return server.error();
    if (auto path = ctx.storePath(); !path)
        return path.error();
    auto batch = transferBatch(ctx, TransferService::kDefaultBatch);
    if (!batch)
        return batch.error();
    auto local = ctx.signIn(); // --store is given, so this is the local store
    if (!local)
        return local.error();
    // The same user on the server (the banner was acknowledged at the local sign-in of this command).
    auto password = serverPassword(ctx, local.value()->user().name);
    if (!password)
        return password.error();
    auto remote = signInToServer(ctx, local.value()->user().name, password.value(), QStringLiteral("cli"));
    if (!remote)
        return remote.error();
    TransferService service(*local.value(), *remote.value());
    QTextStream& err = CliContext::err();
    auto receipt = service.run(batch.value(), [&](const TransferProgress& p) {
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

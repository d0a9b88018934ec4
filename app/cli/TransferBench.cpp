// alpr-cli bench transfer: the end-of-shift transfer (TransferService: send, confirm, purge) of N demo reads from a
// throwaway local store to a server, beside a baseline measured in the same run.
//
// It needs an initialised server (`server init`) and an account there that may transfer (a detective or a
// supervisor): --server URI --user NAME, the password from ALPR_SERVER_PASSWORD (else ALPR_PASSWORD, --password-file
// or the prompt). The local store is made for the run (same user and password, demo data, no images unless asked)
// and removed afterwards. The reads it sends stay on the server, twice (ours and the baseline's): point it at a
// database kept for benchmarks, never at the department's production data.
#include "Authenticator.h"
#include "BenchSamples.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "Crypto.h"
#include "DemoGenerator.h"
#include "LocalStore.h"
#include "RateTable.h"
#include "RemoteStore.h"
#include "ServerSignIn.h"
#include "Session.h"
#include "TransferService.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <limits>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

double perSecond(qint64 n, double seconds)
{
    return seconds > 0 ? double(n) / seconds : 0;
}

} // namespace

Status benchTransfer(CliContext& ctx)
{
    auto reads = ctx.number(QStringLiteral("reads"), 100000, 1, 10000000);
    if (!reads)
        return reads.error();
    const qint64 n = reads.value();
    auto batchOption = transferBatch(ctx, TransferService::kDefaultBatch);
    if (!batchOption)
        return batchOption.error();
    const int batch = batchOption.value();
    if (auto uri = ctx.serverUri(); !uri)
        return uri.error();
    auto userName = ctx.userName();
    if (!userName)
        return userName.error();
    auto passwordOption = serverPassword(ctx, userName.value());
    if (!passwordOption)
        return passwordOption.error();
    const QString password = passwordOption.value();
    const bool json = ctx.parser().isSet(QStringLiteral("json"));
    QTextStream& err = CliContext::err();

    auto server = signInToServer(ctx, userName.value(), password, QStringLiteral("cli-bench"));
    if (!server)
        return server.error();
    const UserRecord account = server.value()->user();

    // 1. A throwaway local store: the same user (role, agency, training) and password as on the server, N demo reads.
    QElapsedTimer t;
    t.start();
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(cache);
    QTemporaryDir dir(QDir(cache).filePath(QStringLiteral("bench-transfer-XXXXXX")));
    if (!dir.isValid())
        return failure(tr("bench transfer: cannot create a working folder in %1").arg(cache));
    const QString path = dir.filePath(QStringLiteral("laptop.alpr"));
    {
        UserRecord admin;
        admin.name = account.name == u"bench-admin" ? QStringLiteral("bench-admin2") : QStringLiteral("bench-admin");
        admin.role = Role::Admin;
        admin.agency = account.agency;
        admin.createdMs = ctx.clock().nowMs();
        admin.passwordChangedMs = admin.createdMs;
        auto vault = Vault::create(path, admin, password, ctx.clock(), kMinimumPbkdf2Iterations);
        if (!vault)
            return vault.error();
        UserRecord me = account;
        me.id = 0;
        me.disabled = false;
        me.createdMs = ctx.clock().nowMs();
        me.passwordChangedMs = me.createdMs;
        if (Status s = vault.value()->addUser(me, password); !s)
            return s;
        Store& store = vault.value()->store();
        // A store of synthetic data: no authenticator app is asked of its users (as `demo` stores).
        if (Status s = store.setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")); !s)
            return s;
        if (Status s = store.setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")); !s)
            return s;
        DemoOptions demo;
        demo.reads = n;
        demo.endMs = ctx.clock().nowMs() / 60000 * 60000;
        demo.imageEvery = 0;
        DemoGenerator generator(demo);
        if (Status s = generator.load(); !s)
            return s;
        auto cameras = store.upsertCameras(generator.cameras());
        if (!cameras)
            return cameras.error();
        QHash<qint64, qint64> cameraIds;
        for (qsizetype i = 0; i < cameras->size(); ++i)
            cameraIds.insert(generator.cameras().at(i).id, cameras->at(i).id);
        Status added;
        if (Status s = generator.generate([&](QList<Read>& reads) {
                for (Read& r : reads)
                    r.cameraId = cameraIds.value(r.cameraId);
                auto stored = store.addReads(reads);
                if (!stored)
                    added = stored.error();
                return bool(stored);
            });
            !s)
            return s;
        if (!added)
            return added;
    }
    const double prepareS = t.nsecsElapsed() / 1e9;
    if (!json)
        err << tr("bench transfer: local store with %1 demo reads made in %2 s").arg(n).arg(prepareS, 0, 'f', 1)
            << '\n';

    // 2. Ours: the real transfer, end to end (local read, send, server confirmation, purge, receipts).
    Credentials c { path, account.name, password, QString(), true };
    auto local = Authenticator(ctx.clock()).signIn(c, QStringLiteral("cli-bench@") + QSysInfo::machineHostName());
    if (!local)
        return local.error();
    // The reads as sent, for the baseline (read back before the transfer purges them; not timed).
    QList<Read> sent;
    LocalStore* localStore = local.value()->vault().localStore();
    if (Status s = localStore->forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(),
                                           [&](const Read& r) {
                                               sent.append(r);
                                               return true;
                                           });
        !s)
        return s;
    TransferService service(*local.value(), *server.value());
    t.restart();
    auto receipt = service.run(batch);
    const double oursS = t.nsecsElapsed() / 1e9;
    if (!receipt)
        return receipt.error();
    if (receipt->reads != n || receipt->remaining != 0)
        return failure(tr("bench transfer: transferred %1 of %2 reads (%3 left)")
                           .arg(receipt->reads)
                           .arg(n)
                           .arg(receipt->remaining));
    const TransferService::Timings split = service.timings();

    // 3. Baseline, same run, same server: the same reads keyed the same way (under another store id, so they are
    // new), in batches of the same size, through the older array-statement path (RemoteStore::addReadsConfirmed:
    // bound arrays, set-based inserts, the same receipt). Server side only: no local read, journal or purge.
    std::sort(sent.begin(), sent.end(), [](const Read& a, const Read& b) { return a.id < b.id; });
    const QString baselineStore = QStringLiteral("bench-baseline-") + QString::number(ctx.clock().nowMs());
    RemoteStore* remote = server.value()->vault().remoteStore();
    t.restart();
    qint64 baselineReads = 0;
    for (qsizetype at = 0; at < sent.size(); at += batch) {
        const QList<Read> keyed = TransferService::keyed(sent.mid(at, batch), baselineStore, at / batch + 1, {});
        auto r = remote->addReadsConfirmed(keyed);
        if (!r)
            return r.error();
        if (r->confirmed != keyed.size() || r->hash != RemoteStore::batchHash(keyed))
            return failure(tr("bench transfer: the baseline batch at %1 was not confirmed").arg(at));
        baselineReads += r->confirmed;
    }
    const double baselineS = t.nsecsElapsed() / 1e9;

    const double ours = perSecond(n, oursS), baseline = perSecond(baselineReads, baselineS);
    if (json) {
        QJsonObject o { { QStringLiteral("reads"), double(n) },
                              { QStringLiteral("batch"), batch },
                              { QStringLiteral("batches"), double(receipt->batches) },
                              { QStringLiteral("transfer_reads_per_s"), ours },
                              { QStringLiteral("transfer_s"), oursS },
                              { QStringLiteral("local_read_s"), split.localRead },
                              { QStringLiteral("journal_s"), split.journal },
                              { QStringLiteral("send_insert_s"), split.send },
                              { QStringLiteral("confirm_s"), split.confirm },
                              { QStringLiteral("purge_s"), split.purge },
                              { QStringLiteral("baseline"), QStringLiteral("addReadsConfirmed (array statements), "
                                                                           "server side only") },
                              { QStringLiteral("baseline_reads"), double(baselineReads) } };
        RateTable::addComparison(o, ours, baseline, baselineS, 50000);
        CliContext::out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return {};
    }
    QTextStream& out = CliContext::out();
    RateTable table(out, 62);
    table.header(tr("transfer of %1 reads in batches of %2, no images").arg(n).arg(batch), tr("reads/s"), tr("s"));
    table.row(tr("ours, end to end (read, send, confirm, purge, receipts)"), ours, oursS);
    table.row(tr("  local read"), 0, split.localRead);
    table.row(tr("  keys, hashes, local journal"), 0, split.journal);
    table.row(tr("  COPY + waiting for the server (its inserts overlap the purge)"), 0, split.send);
    table.row(tr("  separate confirmation query (resumed batches only)"), 0, split.confirm);
    table.row(tr("  local purge (secure delete)"), 0, split.purge);
    table.row(tr("baseline: array statements (addReadsConfirmed), server only"), baseline, baselineS);
    out << tr("%1 reads transferred and purged; %2x the baseline; target 50,000 reads/s end to end.")
               .arg(receipt->reads)
               .arg(baseline > 0 ? ours / baseline : 0, 0, 'f', 2)
        << '\n';
    return {};
}

} // namespace alpr::commands

// ALPR data: demo, stats, reads.
#include "AuditLog.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "DemoGenerator.h"
#include "DemoSupport.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTextStream>
#include <unistd.h>

namespace alpr {
namespace {

struct DemoAccount
{
    const char* name;
    Role role;
    const char* password;
    bool clets;
};

// Demo accounts are printed by `demo`; their passwords are public and only fit for demonstration stores.
const DemoAccount kDemoAccounts[] = {
    { "admin", Role::Admin, "demo admin passphrase", true },
    { "detective", Role::Detective, "demo detective passphrase", true },
    { "clerk", Role::Clerk, "demo clerk passphrase", false },
    { "supervisor", Role::Supervisor, "demo supervisor passphrase", true },
};

} // namespace
} // namespace alpr

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

QStringList readRow(const Read& r, const QHash<qint64, QString>& cameraNames)
{
    QStringList candidates;
    for (const PlateCandidate& c : r.candidates)
        candidates.append(c.plate);
    return { QString::number(r.id),
             CliContext::localTime(r.timeMs),
             r.plate,
             r.state,
             cameraNames.value(r.cameraId),
             QString::number(r.lat, 'f', 6),
             QString::number(r.lon, 'f', 6),
             QString::number(double(r.confidence), 'f', 1),
             candidates.join(u' '),
             r.make,
             r.colour,
             r.hasImages ? QStringLiteral("yes") : QString() };
}

const QStringList kReadHeader
    = { QStringLiteral("id"),         QStringLiteral("time"), QStringLiteral("plate"),  QStringLiteral("state"),
        QStringLiteral("camera"),     QStringLiteral("lat"),  QStringLiteral("lon"),    QStringLiteral("confidence"),
        QStringLiteral("candidates"), QStringLiteral("make"), QStringLiteral("colour"), QStringLiteral("images") };

} // namespace

Status demo(CliContext& ctx)
{
    auto path = ctx.storePath();
    if (!path)
        return path.error();
    bool ok = false;
    const qint64 count = ctx.parser().value(QStringLiteral("reads")).toLongLong(&ok);
    if (!ok || count < 0)
        return usageError(tr("demo needs --reads N (a whole number)."));
    const quint64 seed
        = ctx.parser().isSet(QStringLiteral("seed")) ? ctx.parser().value(QStringLiteral("seed")).toULongLong(&ok) : 1;
    if (!ok)
        return usageError(tr("--seed must be a whole number."));

    const bool fresh = !QFileInfo::exists(path.value());
    std::unique_ptr<Session> session;
    if (fresh) {
        auto created = demo::createStore(path.value(), ctx.clock());
        if (!created)
            return created.error();
        session = std::move(created.value());
    } else {
        auto signedIn = ctx.signIn();
        if (!signedIn)
            return signedIn.error();
        session = std::move(signedIn.value());
        if (Status s = session->authorise(Permission::ManageUsers, QStringLiteral("add demo data")); !s)
            return s;
    }

    DemoOptions options;
    options.reads = count;
    options.seed = seed;
    options.endMs = ctx.clock().nowMs();
    QElapsedTimer timer;
    timer.start();
    qint64 inserted = 0;
    DemoScene scene;
    if (Status s = demo::fill(*session, options, &inserted, &scene); !s)
        return s;

    QTextStream& out = CliContext::out();
    out << tr("Added %1 demo reads to %2 in %3 s.")
               .arg(inserted)
               .arg(path.value())
               .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
        << '\n';
    out << tr("Demo crime scene: %1 — %2 Within %3 m of %4,%5, %6 to %7.")
               .arg(scene.title, scene.description)
               .arg(scene.radiusM)
               .arg(scene.lat, 0, 'f', 5)
               .arg(scene.lon, 0, 'f', 5)
               .arg(CliContext::localTime(scene.fromMs), CliContext::localTime(scene.toMs))
        << '\n';
    if (fresh)
        demo::printAccounts();
    return {};
}

Status stats(CliContext& ctx)
{
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = session.requireReady(QStringLiteral("stats")); !s)
        return s;
    auto s = session.store().stats();
    if (!s)
        return s.error();
    const StoreStats& st = s.value();
    if (Status s = session.audit().record(session.user().name, QStringLiteral("stats"), QStringLiteral("success")); !s)
        return s;
    ctx.print({ QStringLiteral("item"), QStringLiteral("value") },
              { { QStringLiteral("store"), session.store().describe() },
                { QStringLiteral("schema version"), QString::number(st.schemaVersion) },
                { QStringLiteral("reads"), QString::number(st.reads) },
                { QStringLiteral("distinct plates"), QString::number(st.plates) },
                { QStringLiteral("cameras and units"), QString::number(st.cameras) },
                { QStringLiteral("reads with images"), QString::number(st.images) },
                { QStringLiteral("hotlist entries"), QString::number(st.hotlistEntries) },
                { QStringLiteral("first read"), CliContext::localTime(st.firstMs) },
                { QStringLiteral("last read"), CliContext::localTime(st.lastMs) } });
    return {};
}

Status reads(CliContext& ctx)
{
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 to = std::numeric_limits<qint64>::max();
    QJsonObject elements { { QStringLiteral("query"), QStringLiteral("reads") } };
    if (ctx.parser().isSet(QStringLiteral("from"))) {
        auto t = CliContext::parseTime(QStringLiteral("from"), ctx.parser().value(QStringLiteral("from")));
        if (!t)
            return t.error();
        from = t.value();
        elements.insert(QStringLiteral("from"), QDateTime::fromMSecsSinceEpoch(from, Qt::UTC).toString(Qt::ISODate));
    }
    if (ctx.parser().isSet(QStringLiteral("to"))) {
        auto t = CliContext::parseTime(QStringLiteral("to"), ctx.parser().value(QStringLiteral("to")));
        if (!t)
            return t.error();
        to = t.value();
        elements.insert(QStringLiteral("to"), QDateTime::fromMSecsSinceEpoch(to, Qt::UTC).toString(Qt::ISODate));
    }
    if (from >= to)
        return usageError(tr("--from must be before --to."));
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = ctx.openCase(session); !s)
        return s;
    if (Status s = session.authorise(Permission::Search, QStringLiteral("reads")); !s)
        return s;
    auto cams = session.store().cameras();
    if (!cams)
        return cams.error();
    QHash<qint64, QString> cameraNames;
    for (const Camera& c : cams.value())
        cameraNames.insert(c.id, c.name);

    // Streamed: an export of millions of reads must not be held in memory.
    const OutputFormat format = ctx.format();
    QTextStream& o = CliContext::out();
    qint64 n = 0;
    if (format == OutputFormat::Json)
        o << "[\n";
    else
        o << kReadHeader.join(format == OutputFormat::Csv ? u',' : u'\t') << '\n';
    Status st = session.store().forEachRead(from, to, [&](const Read& r) {
        const QStringList row = readRow(r, cameraNames);
        if (format == OutputFormat::Json) {
            QJsonObject obj;
            for (qsizetype i = 0; i < kReadHeader.size(); ++i)
                obj.insert(kReadHeader.at(i), row.at(i));
            o << (n ? ",\n" : "") << QJsonDocument(obj).toJson(QJsonDocument::Compact);
        } else if (format == OutputFormat::Csv) {
            QStringList quoted;
            for (const QString& f : row)
                quoted.append(f.contains(u',') || f.contains(u'"')
                                  ? u'"' + QString(f).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"'
                                  : f);
            o << quoted.join(u',') << '\n';
        } else {
            o << row.join(u'\t') << '\n';
        }
        ++n;
        return true;
    });
    if (format == OutputFormat::Json)
        o << "\n]\n";
    o.flush();
    if (!st)
        return st;
    return session.recordAccess(Permission::Search, elements, n);
}

} // namespace alpr::commands

namespace alpr::demo {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}
} // namespace

QString detectiveName()
{
    return QString::fromLatin1(kDemoAccounts[1].name);
}

QString detectivePassword()
{
    return QString::fromLatin1(kDemoAccounts[1].password);
}

/** A new demo store: the four demo accounts, trained, and MFA not required (stated when printed). */
Result<std::unique_ptr<Session>> createStore(const QString& path, const Clock& clock)
{
    UserRecord admin;
    admin.name = QString::fromLatin1(kDemoAccounts[0].name);
    admin.role = Role::Admin;
    admin.fullName = QStringLiteral("Demo Administrator");
    admin.agency = QStringLiteral("West Covina PD");
    admin.trainedOn = QDateTime::fromMSecsSinceEpoch(clock.nowMs()).date().addMonths(-2);
    admin.refresherDue = admin.trainedOn.addYears(1);
    admin.cletsAuthorised = true;
    auto created = Vault::create(path, admin, QString::fromLatin1(kDemoAccounts[0].password), clock, 0, true);
    if (!created)
        return created.error();
    std::unique_ptr<Vault> vault = std::move(created.value());
    for (const DemoAccount& a : kDemoAccounts) {
        if (a.role == Role::Admin)
            continue;
        UserRecord u = admin;
        u.name = QString::fromLatin1(a.name);
        u.role = a.role;
        u.fullName = QStringLiteral("Demo ") + roleName(a.role);
        u.cletsAuthorised = a.clets;
        if (Status s = vault->addUser(u, QString::fromLatin1(a.password)); !s)
            return s.error();
    }
    // A demonstration store is used without authenticator apps; real stores require MFA by default.
    PasswordRules rules;
    rules.requireMfa = false;
    QMap<QString, QString> settings = PasswordPolicy(rules).toSettings();
    settings.insert(QStringLiteral("store.kind"), QStringLiteral("demo"));
    for (auto it = settings.begin(); it != settings.end(); ++it)
        if (Status s = vault->store().setSetting(it.key(), it.value()); !s)
            return s.error();
    auto session
        = std::make_unique<Session>(std::move(vault), clock, QStringLiteral("cli@") + QSysInfo::machineHostName());
    session->markSignedIn(false, false);
    if (Status s = session->audit().record(session->user().name, QStringLiteral("store.create"),
                                           QStringLiteral("success"), { { QStringLiteral("demo"), true } });
        !s)
        return s.error();
    return session;
}

Status fill(Session& session, const DemoOptions& options, qint64* inserted, DemoScene* scene)
{
    Store& store = session.store();
    DemoGenerator generator(options);
    if (Status s = generator.load(); !s)
        return s;
    auto cameras = store.upsertCameras(generator.cameras());
    if (!cameras)
        return cameras.error();
    for (const DemoHotlistEntry& h : generator.hotlist()) {
        HotlistEntry e;
        e.list = h.list;
        e.plate = h.plate;
        e.state = h.state;
        e.reason = h.reason;
        e.addedMs = options.endMs;
        if (auto added = store.addHotlistEntry(e); !added)
            return added.error();
    }
    *inserted = 0;
    Status storeStatus;
    // Into an empty store, the time indexes are built once at the end: one sorted pass instead of millions of
    // random inserts (the load is several times faster, measured).
    const auto before = store.stats();
    // Bulk loading and checkpoints are the local store's; a server indexes as it goes.
    LocalStore* local = session.vault().localStore();
    const bool bulk = local && before && before->reads == 0;
    if (bulk)
        if (Status s = local->beginBulkLoad(); !s)
            return s;
    const bool interactive = isatty(STDERR_FILENO);
    Status generated = generator.generate(
        [&](QList<Read>& batch) {
            auto added = store.addReads(batch);
            if (!added) {
                storeStatus = added.error();
                return false;
            }
            *inserted += added.value();
            return true;
        },
        [&](qint64 done, qint64 total) {
            if (interactive)
                CliContext::err() << tr("\rdemo: %1 of %2 reads").arg(done).arg(total) << Qt::flush;
        });
    if (interactive)
        CliContext::err() << '\n';
    if (bulk)
        if (Status s = local->endBulkLoad(); !s)
            return s;
    if (!storeStatus)
        return storeStatus;
    if (!generated)
        return generated;
    if (local)
        if (Status s = local->checkpoint(); !s)
            return s;
    if (scene)
        *scene = generator.scene();
    return session.audit().record(
        session.user().name, QStringLiteral("demo.generate"), QStringLiteral("success"),
        { { QStringLiteral("reads"), double(*inserted) }, { QStringLiteral("seed"), double(options.seed) } });
}

void printAccounts()
{
    QTextStream& out = CliContext::out();
    out << tr("Demo accounts (for demonstration only; this demo store does not require MFA):") << '\n';
    for (const DemoAccount& a : kDemoAccounts)
        out << QStringLiteral("  %1  %2  password: %3\n")
                   .arg(QString::fromLatin1(a.name).leftJustified(11), roleName(a.role).leftJustified(10),
                        QString::fromLatin1(a.password));
}

} // namespace alpr::demo

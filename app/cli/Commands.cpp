#include "Commands.h"

#include "CliContext.h"
#include "Clock.h"
#include "DemoGenerator.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>

#include <unistd.h>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

/** Times are shown in the workstation's zone with its abbreviation (PST/PDT). */
QString localTime(qint64 ms)
{
    if (ms == 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + u' ' + t.timeZoneAbbreviation();
}

UserRecord userFromOptions(CliContext& ctx, const QString& name, Role role)
{
    UserRecord u;
    u.name = name;
    u.role = role;
    u.fullName = ctx.parser().value(QStringLiteral("full-name"));
    u.agency = ctx.parser().value(QStringLiteral("agency"));
    if (u.agency.isEmpty())
        u.agency = QStringLiteral("West Covina PD");
    u.cletsAuthorised = ctx.parser().isSet(QStringLiteral("clets"));
    if (ctx.parser().isSet(QStringLiteral("trained"))) {
        u.trainedOn = QDate::fromString(ctx.parser().value(QStringLiteral("trained")), Qt::ISODate);
        u.refresherDue = u.trainedOn.addYears(1);
    }
    return u;
}

Status requireCase(CliContext& ctx)
{
    if (ctx.parser().value(QStringLiteral("case")).trimmed().isEmpty()
        || ctx.parser().value(QStringLiteral("purpose")).trimmed().isEmpty())
        return policyError(tr("ALPR data is only accessed for a case: give --case NUMBER and --purpose TEXT."));
    return {};
}

QStringList readRow(const Read& r, const QHash<qint64, QString>& cameraNames)
{
    QStringList candidates;
    for (const PlateCandidate& c : r.candidates)
        candidates.append(c.plate);
    return {QString::number(r.id),
            localTime(r.timeMs),
            r.plate,
            r.state,
            cameraNames.value(r.cameraId),
            QString::number(r.lat, 'f', 6),
            QString::number(r.lon, 'f', 6),
            QString::number(double(r.confidence), 'f', 1),
            candidates.join(u' '),
            r.make,
            r.colour,
            r.hasImages ? QStringLiteral("yes") : QString()};
}

const QStringList kReadHeader = {QStringLiteral("id"),         QStringLiteral("time"),
                                 QStringLiteral("plate"),      QStringLiteral("state"),
                                 QStringLiteral("camera"),     QStringLiteral("lat"),
                                 QStringLiteral("lon"),        QStringLiteral("confidence"),
                                 QStringLiteral("candidates"), QStringLiteral("make"),
                                 QStringLiteral("colour"),     QStringLiteral("images")};

struct DemoAccount
{
    const char* name;
    Role role;
    const char* password;
    bool clets;
};

// Demo accounts are printed by `demo`; their passwords are public and only fit for demonstration stores.
const DemoAccount kDemoAccounts[] = {
    {"admin", Role::Admin, "demo admin passphrase", true},
    {"detective", Role::Detective, "demo detective passphrase", true},
    {"clerk", Role::Clerk, "demo clerk passphrase", false},
    {"supervisor", Role::Supervisor, "demo supervisor passphrase", true},
};

} // namespace

Status init(CliContext& ctx)
{
    auto path = ctx.storePath();
    if (!path)
        return path.error();
    const QString admin = ctx.parser().value(QStringLiteral("admin"));
    if (admin.isEmpty())
        return usageError(tr("init needs --admin NAME."));
    auto pw = ctx.newPassword(admin);
    if (!pw)
        return pw.error();
    UserRecord record = userFromOptions(ctx, admin, Role::Admin);
    auto vault = Vault::create(path.value(), record, pw.value(), ctx.clock());
    if (!vault)
        return vault.error();
    out() << tr("Created %1 (key file %2) with administrator %3.").arg(path.value(), vault.value()->keyFilePath(), admin)
          << '\n';
    return {};
}

Status user(CliContext& ctx)
{
    const QStringList args = ctx.arguments();
    const QString sub = args.value(0);
    if (sub.isEmpty())
        return usageError(tr("user needs a subcommand: add, list, disable, passwd."));
    auto vault = ctx.unlock();
    if (!vault)
        return vault.error();
    Vault& v = *vault.value();
    const bool isAdmin = v.user().role == Role::Admin;

    if (sub == QLatin1String("list")) {
        if (!isAdmin)
            return policyError(tr("Only administrators may list accounts."));
        auto users = v.store().users();
        if (!users)
            return users.error();
        QList<QStringList> rows;
        for (const UserRecord& u : users.value()) {
            rows.append({u.name, roleName(u.role), u.fullName, u.agency,
                         u.trainedOn.isValid() ? u.trainedOn.toString(Qt::ISODate) : QString(),
                         u.cletsAuthorised ? QStringLiteral("yes") : QStringLiteral("no"),
                         u.disabled ? QStringLiteral("disabled") : QStringLiteral("active"), localTime(u.lastLoginMs)});
        }
        ctx.print({QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("full name"), QStringLiteral("agency"),
                   QStringLiteral("trained"), QStringLiteral("clets"), QStringLiteral("status"),
                   QStringLiteral("last login")},
                  rows);
        return {};
    }
    const QString name = args.value(1);
    if (name.isEmpty())
        return usageError(tr("user %1 needs a user NAME.").arg(sub));
    if (sub == QLatin1String("add")) {
        if (!isAdmin)
            return policyError(tr("Only administrators may add accounts."));
        Role role;
        if (!parseRole(ctx.parser().value(QStringLiteral("role")), &role))
            return usageError(tr("--role must be one of detective, clerk, supervisor, admin."));
        if (ctx.parser().isSet(QStringLiteral("trained"))
            && !QDate::fromString(ctx.parser().value(QStringLiteral("trained")), Qt::ISODate).isValid())
            return usageError(tr("--trained: '%1' is not a date (YYYY-MM-DD).")
                                  .arg(ctx.parser().value(QStringLiteral("trained"))));
        auto pw = ctx.newPassword(name);
        if (!pw)
            return pw.error();
        if (Status s = v.addUser(userFromOptions(ctx, name, role), pw.value()); !s)
            return s;
        out() << tr("Added %1 (%2).").arg(name, roleName(role)) << '\n';
        return {};
    }
    if (sub == QLatin1String("disable")) {
        if (!isAdmin)
            return policyError(tr("Only administrators may disable accounts."));
        if (Status s = v.disableUser(name); !s)
            return s;
        out() << tr("Disabled %1; their key slot is deleted.").arg(name) << '\n';
        return {};
    }
    if (sub == QLatin1String("passwd")) {
        if (!isAdmin && name != v.user().name)
            return policyError(tr("Only administrators may change another user's password."));
        auto pw = ctx.newPassword(name);
        if (!pw)
            return pw.error();
        if (Status s = v.changePassword(name, pw.value()); !s)
            return s;
        out() << tr("Changed the password of %1.").arg(name) << '\n';
        return {};
    }
    return usageError(tr("Unknown user subcommand '%1'.").arg(sub));
}

Status demo(CliContext& ctx)
{
    auto path = ctx.storePath();
    if (!path)
        return path.error();
    bool ok = false;
    const qint64 count = ctx.parser().value(QStringLiteral("reads")).toLongLong(&ok);
    if (!ok || count < 0)
        return usageError(tr("demo needs --reads N (a whole number)."));
    const quint64 seed = ctx.parser().isSet(QStringLiteral("seed"))
        ? ctx.parser().value(QStringLiteral("seed")).toULongLong(&ok)
        : 1;
    if (!ok)
        return usageError(tr("--seed must be a whole number."));

    std::unique_ptr<Vault> vault;
    const bool fresh = !QFileInfo::exists(path.value());
    if (fresh) {
        UserRecord admin;
        admin.name = QString::fromLatin1(kDemoAccounts[0].name);
        admin.role = Role::Admin;
        admin.fullName = QStringLiteral("Demo Administrator");
        admin.agency = QStringLiteral("West Covina PD");
        admin.trainedOn = QDateTime::fromMSecsSinceEpoch(ctx.clock().nowMs()).date().addMonths(-2);
        admin.refresherDue = admin.trainedOn.addYears(1);
        admin.cletsAuthorised = true;
        auto created = Vault::create(path.value(), admin, QString::fromLatin1(kDemoAccounts[0].password), ctx.clock());
        if (!created)
            return created.error();
        vault = std::move(created.value());
        for (const DemoAccount& a : kDemoAccounts) {
            if (a.role == Role::Admin)
                continue;
            UserRecord u = admin;
            u.name = QString::fromLatin1(a.name);
            u.role = a.role;
            u.fullName = QStringLiteral("Demo ") + roleName(a.role);
            u.cletsAuthorised = a.clets;
            if (Status s = vault->addUser(u, QString::fromLatin1(a.password)); !s)
                return s;
        }
    } else {
        auto opened = ctx.unlock();
        if (!opened)
            return opened.error();
        vault = std::move(opened.value());
        if (vault->user().role != Role::Admin)
            return policyError(tr("Only administrators may add demo data to a store."));
    }

    DemoOptions options;
    options.reads = count;
    options.seed = seed;
    options.endMs = ctx.clock().nowMs();
    DemoGenerator generator(options);
    if (Status s = generator.load(); !s)
        return s;
    auto cameras = vault->store().upsertCameras(generator.cameras());
    if (!cameras)
        return cameras.error();
    for (const DemoHotlistEntry& h : generator.hotlist()) {
        HotlistEntry e;
        e.list = h.list;
        e.plate = h.plate;
        e.state = h.state;
        e.reason = h.reason;
        e.addedMs = options.endMs;
        if (auto added = vault->store().addHotlistEntry(e); !added)
            return added.error();
    }

    QElapsedTimer timer;
    timer.start();
    qint64 inserted = 0;
    Status storeStatus;
    const bool interactive = isatty(2);
    Status generated = generator.generate(
        [&](QList<Read>& batch) {
            auto added = vault->store().addReads(batch);
            if (!added) {
                storeStatus = added.error();
                return false;
            }
            inserted += added.value();
            return true;
        },
        [&](qint64 done, qint64 total) {
            if (interactive)
                err() << tr("\rdemo: %1 of %2 reads").arg(done).arg(total) << Qt::flush;
        });
    if (interactive)
        err() << '\n';
    if (!storeStatus)
        return storeStatus;
    if (!generated)
        return generated;
    if (Status s = vault->store().checkpoint(); !s)
        return s;

    out() << tr("Added %1 demo reads to %2 in %3 s.").arg(inserted).arg(path.value()).arg(timer.elapsed() / 1000.0, 0, 'f', 1)
          << '\n';
    const DemoScene scene = generator.scene();
    out() << tr("Demo crime scene: %1 — %2, within %3 m of %4,%5, %6 to %7.")
                 .arg(scene.title, scene.description)
                 .arg(scene.radiusM)
                 .arg(scene.lat, 0, 'f', 5)
                 .arg(scene.lon, 0, 'f', 5)
                 .arg(localTime(scene.fromMs), localTime(scene.toMs))
          << '\n';
    if (fresh) {
        out() << tr("Demo accounts (for demonstration only):") << '\n';
        for (const DemoAccount& a : kDemoAccounts)
            out() << QStringLiteral("  %1  %2  password: %3\n")
                         .arg(QString::fromLatin1(a.name).leftJustified(11), roleName(a.role).leftJustified(10),
                              QString::fromLatin1(a.password));
    }
    return {};
}

Status stats(CliContext& ctx)
{
    auto vault = ctx.unlock();
    if (!vault)
        return vault.error();
    auto s = vault.value()->store().stats();
    if (!s)
        return s.error();
    const StoreStats& st = s.value();
    ctx.print({QStringLiteral("item"), QStringLiteral("value")},
              {{QStringLiteral("store"), vault.value()->store().describe()},
               {QStringLiteral("schema version"), QString::number(st.schemaVersion)},
               {QStringLiteral("reads"), QString::number(st.reads)},
               {QStringLiteral("distinct plates"), QString::number(st.plates)},
               {QStringLiteral("cameras and units"), QString::number(st.cameras)},
               {QStringLiteral("reads with images"), QString::number(st.images)},
               {QStringLiteral("hotlist entries"), QString::number(st.hotlistEntries)},
               {QStringLiteral("first read"), localTime(st.firstMs)},
               {QStringLiteral("last read"), localTime(st.lastMs)}});
    return {};
}

Status reads(CliContext& ctx)
{
    if (Status s = requireCase(ctx); !s)
        return s;
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 to = std::numeric_limits<qint64>::max();
    if (ctx.parser().isSet(QStringLiteral("from"))) {
        auto t = CliContext::parseTime(QStringLiteral("from"), ctx.parser().value(QStringLiteral("from")));
        if (!t)
            return t.error();
        from = t.value();
    }
    if (ctx.parser().isSet(QStringLiteral("to"))) {
        auto t = CliContext::parseTime(QStringLiteral("to"), ctx.parser().value(QStringLiteral("to")));
        if (!t)
            return t.error();
        to = t.value();
    }
    if (from >= to)
        return usageError(tr("--from must be before --to."));
    auto vault = ctx.unlock();
    if (!vault)
        return vault.error();
    auto cams = vault.value()->store().cameras();
    if (!cams)
        return cams.error();
    QHash<qint64, QString> cameraNames;
    for (const Camera& c : cams.value())
        cameraNames.insert(c.id, c.name);

    // Streamed: an export of millions of reads must not be held in memory.
    const OutputFormat format = ctx.format();
    QTextStream& o = out();
    qint64 n = 0;
    if (format == OutputFormat::Json)
        o << "[\n";
    else
        o << kReadHeader.join(format == OutputFormat::Csv ? u',' : u'\t') << '\n';
    Status st = vault.value()->store().forEachRead(from, to, [&](const Read& r) {
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
    return st;
}

} // namespace alpr::commands

// Plate search: search, candidates, and the search benchmark.
#include "Authenticator.h"
#include "BenchSamples.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "DemoGenerator.h"
#include "DemoSupport.h"
#include "PatternSuite.h"
#include "PlateDictionary.h"
#include "SearchService.h"
#include "Session.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTextStream>
#include <algorithm>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

Result<PlateQuery> plateQuery(CliContext& ctx)
{
    PlateQuery q;
    q.pattern = ctx.parser().value(QStringLiteral("plate"));
    if (q.pattern.isEmpty())
        return usageError(tr("--plate PATTERN is required."));
    q.misread = ctx.parser().isSet(QStringLiteral("misread"));
    q.alternates = ctx.parser().isSet(QStringLiteral("alternates"));
    auto parsed = SearchService::parse(q);
    if (!parsed)
        return usageError(tr("--plate: %1").arg(parsed.error().message));
    return q;
}

Result<ReadFilter> readFilter(CliContext& ctx)
{
    ReadFilter f;
    if (ctx.parser().isSet(QStringLiteral("from"))) {
        auto t = CliContext::parseTime(QStringLiteral("from"), ctx.parser().value(QStringLiteral("from")));
        if (!t)
            return t.error();
        f.fromMs = t.value();
    }
    if (ctx.parser().isSet(QStringLiteral("to"))) {
        auto t = CliContext::parseTime(QStringLiteral("to"), ctx.parser().value(QStringLiteral("to")));
        if (!t)
            return t.error();
        f.toMs = t.value();
    }
    if (f.fromMs >= f.toMs)
        return usageError(tr("--from must be before --to."));
    for (const QString& c : ctx.parser().values(QStringLiteral("camera"))) {
        bool ok = false;
        const qint64 id = c.toLongLong(&ok);
        if (!ok || id <= 0)
            return usageError(tr("--camera: '%1' is not a camera id (see the camera column of 'reads').").arg(c));
        f.cameraIds.append(id);
    }
    f.state = ctx.parser().value(QStringLiteral("state")).toUpper();
    f.hotlistOnly = ctx.parser().isSet(QStringLiteral("hotlist-only"));
    return f;
}

/** Signs in, opens the case and builds the plate dictionary: what every data command needs. */
struct SearchContext
{
    std::unique_ptr<Session> session;
    PlateDictionary dictionary;
    std::unique_ptr<SearchService> service;
};

Result<std::unique_ptr<SearchContext>> openSearch(CliContext& ctx)
{
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    auto sc = std::make_unique<SearchContext>();
    sc->session = std::move(signedIn.value());
    if (Status s = ctx.openCase(*sc->session); !s)
        return s.error();
    if (Status s = sc->session->authorise(Permission::Search, QStringLiteral("search")); !s)
        return s.error();
    if (Status s = sc->dictionary.build(sc->session->store()); !s)
        return s.error();
    sc->service = std::make_unique<SearchService>(*sc->session, sc->dictionary);
    return sc;
}

QString local(qint64 ms)
{
    return CliContext::localTime(ms);
}

} // namespace

Status search(CliContext& ctx)
{
    auto query = plateQuery(ctx);
    if (!query)
        return query.error();
    auto filter = readFilter(ctx);
    if (!filter)
        return filter.error();
    bool ok = true;
    const int limit
        = ctx.parser().isSet(QStringLiteral("limit")) ? ctx.parser().value(QStringLiteral("limit")).toInt(&ok) : 500;
    if (!ok || limit <= 0)
        return usageError(tr("--limit must be a positive whole number."));
    auto sc = openSearch(ctx);
    if (!sc)
        return sc.error();
    auto cams = sc.value()->session->store().cameras();
    if (!cams)
        return cams.error();
    QHash<qint64, QString> names;
    for (const Camera& c : cams.value())
        names.insert(c.id, c.name);
    auto search = sc.value()->service->search(query.value(), filter.value());
    if (!search)
        return search.error();
    auto reads = search->next(limit);
    if (!reads)
        return reads.error();
    QList<QStringList> rows;
    for (const Read& r : reads.value()) {
        QStringList alts;
        for (const PlateCandidate& c : r.candidates)
            alts.append(c.plate);
        rows.append({ QString::number(r.id), local(r.timeMs), r.plate, r.state, names.value(r.cameraId),
                      QString::number(r.cameraId), QString::number(r.lat, 'f', 6), QString::number(r.lon, 'f', 6),
                      alts.join(u' '), r.make, r.colour });
    }
    ctx.print({ QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("plate"), QStringLiteral("state"),
                QStringLiteral("camera"), QStringLiteral("camera id"), QStringLiteral("lat"), QStringLiteral("lon"),
                QStringLiteral("alternatives"), QStringLiteral("make"), QStringLiteral("colour") },
              rows);
    return {};
}

Status candidates(CliContext& ctx)
{
    auto query = plateQuery(ctx);
    if (!query)
        return query.error();
    auto sc = openSearch(ctx);
    if (!sc)
        return sc.error();
    auto found = sc.value()->service->candidates(query.value());
    if (!found)
        return found.error();
    QList<QStringList> rows;
    for (const CandidatePlate& c : found.value()) {
        rows.append({ c.plate, QString::number(c.readCount), QString::number(c.altCount),
                      c.misreads == 0 ? QStringLiteral("exact") : tr("%1 widened").arg(c.misreads),
                      c.onlyAsAlternate ? QStringLiteral("alternative only") : QString(), local(c.firstSeenMs),
                      local(c.lastSeenMs) });
    }
    ctx.print({ QStringLiteral("plate"), QStringLiteral("reads"), QStringLiteral("as alternative"),
                QStringLiteral("match"), QStringLiteral("note"), QStringLiteral("first seen"),
                QStringLiteral("last seen") },
              rows);
    return {};
}

namespace {

/** The pattern as an SQL GLOB over the plates table: the baseline the dictionary is measured against. */
QString toGlob(const PlatePattern& pattern)
{
    QString glob;
    for (const PlatePattern::Element& e : pattern.elements()) {
        if (e.isStar()) {
            glob += u'*';
        } else if (e.isAny()) {
            glob += u'?';
        } else {
            QString chars;
            for (int i = 0; i < PlatePattern::kAlphabetSize; ++i)
                if (e.mask & (quint64(1) << i))
                    chars += PlatePattern::charOf(i);
            glob += chars.size() == 1 ? chars : u'[' + chars + u']';
        }
    }
    return glob;
}



} // namespace

Status bench(CliContext& ctx)
{
    const QString what = ctx.arguments().value(0);
    if (what == QLatin1String("ingest"))
        return benchIngest(ctx); // ImportCommands.cpp
    if (what != QLatin1String("search"))
        return usageError(tr("bench: only 'search' is available in this version (canvass and ingest come with "
                             "their features)."));
    bool ok = false;
    const qint64 reads = ctx.parser().value(QStringLiteral("reads")).toLongLong(&ok);
    if (!ok || reads <= 0)
        return usageError(tr("bench search needs --reads N."));
    const bool json = ctx.parser().isSet(QStringLiteral("json"));
    QString path = ctx.parser().value(QStringLiteral("store"));
    if (path.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        QDir().mkpath(dir);
        path = QDir(dir).filePath(QStringLiteral("bench-%1.alpr").arg(reads));
    }
    QTextStream& err = CliContext::err();

    // 1. The store: reused when it exists (built once: generating millions of reads takes minutes).
    double generateS = 0;
    if (!QFileInfo::exists(path)) {
        err << tr("bench: building a demo store of %1 reads at %2 (reused next time)").arg(reads).arg(path) << '\n';
        QElapsedTimer t;
        t.start();
        auto created = demo::createStore(path, ctx.clock());
        if (!created)
            return created.error();
        DemoOptions options;
        options.reads = reads;
        options.endMs = ctx.clock().nowMs();
        options.imageEvery = 0; // images are not what this measures
        qint64 inserted = 0;
        if (Status s = demo::fill(*created.value(), options, &inserted, nullptr); !s)
            return s;
        generateS = t.elapsed() / 1000.0;
    }
    Credentials c { path, demo::detectiveName(), demo::detectivePassword(), QString(), true };
    auto signedIn = Authenticator(ctx.clock()).signIn(c, QStringLiteral("cli-bench@") + QSysInfo::machineHostName());
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = session.openCase(QStringLiteral("00-000000"), ActiveCase::categories().constLast(),
                                    QStringLiteral("search benchmark"));
        !s)
        return s;
    auto stats = session.store().stats();
    if (!stats)
        return stats.error();

    // 2. The dictionary.
    PlateDictionary dictionary;
    if (Status s = dictionary.build(session.store()); !s)
        return s;
    SearchService service(session, dictionary);

    // 3. Each pattern: ours (repeated, p50/p99) beside the SQL GLOB scan of the same store (fewer runs: ~1 s each).
    constexpr int kRuns = 31;
    constexpr int kBaselineRuns = 3;
    QJsonArray cases;
    QTextStream& out = CliContext::out();
    if (!json) {
        out << tr("Store: %1 reads, %2 distinct plates (%3). Dictionary: %4 plates, %5 MB, built in %6 ms.")
                   .arg(stats->reads)
                   .arg(stats->plates)
                   .arg(path)
                   .arg(dictionary.size())
                   .arg(dictionary.memoryBytes() / 1e6, 0, 'f', 1)
                   .arg(dictionary.buildMs())
            << '\n';
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                   .arg(QStringLiteral("case"), -22)
                   .arg(QStringLiteral("pattern"), -18)
                   .arg(QStringLiteral("plates"), 8)
                   .arg(QStringLiteral("p50 ms"), 8)
                   .arg(QStringLiteral("p99 ms"), 8)
                   .arg(QStringLiteral("glob ms"), 9)
                   .arg(QStringLiteral("ratio"), 7)
                   .arg(QStringLiteral("500r p50"), 9)
                   .arg(QStringLiteral("500r p99"), 9)
                   .arg(QStringLiteral("glob 500r"), 10)
                   .arg(QStringLiteral("same"), 5);
    }
    bool allSame = true;
    double worstP50 = 0;
    double worstP99 = 0;
    double worstRatio = 1e18;
    for (const PatternSuite::Case& pc : PatternSuite::cases()) {
        auto pattern = PlatePattern::parse(pc.pattern, pc.misread);
        if (!pattern)
            return failure(pattern.error().message);
        PlateQuery query { pc.pattern, pc.misread, false };
        // Patterns without a known character are refused by the search service (they are a canvass): the index
        // is still timed, for information, but they do not count towards the figures.
        const bool searchable = pattern->hasKnownCharacter();
        BenchSamples engine;
        BenchSamples firstReads;
        qsizetype matched = 0;
        for (int i = 0; i < kRuns; ++i) {
            QElapsedTimer t;
            t.start();
            qsizetype total = 0;
            const QList<CandidatePlate> best = dictionary.top(pattern.value(), false, 1000, &total);
            engine.ms.append(msSince(t));
            matched = total;
            Q_UNUSED(best);
        }
        QList<qint64> ourReadIds;
        for (int i = 0; searchable && i < 11; ++i) {
            QElapsedTimer t;
            t.start();
            auto search = service.search(query, ReadFilter {});
            if (!search)
                return search.error();
            auto page = search->next(500);
            if (!page)
                return page.error();
            firstReads.ms.append(msSince(t));
            ourReadIds.clear();
            for (const Read& r : page.value())
                ourReadIds.append(r.id);
        }
        const QString glob = toGlob(pattern.value());
        BenchSamples baseline;
        BenchSamples baselineReads;
        QStringList theirs;
        QList<qint64> theirReadIds;
        for (int i = 0; i < kBaselineRuns; ++i) {
            QElapsedTimer t;
            t.start();
            auto scanned = session.store().platesMatchingGlob(glob);
            if (!scanned)
                return scanned.error();
            baseline.ms.append(msSince(t));
            theirs = scanned.value();
            t.restart();
            auto scannedReads = session.store().readIdsMatchingGlob(glob, 500);
            if (!scannedReads)
                return scannedReads.error();
            baselineReads.ms.append(msSince(t));
            theirReadIds = scannedReads.value();
        }
        // The full candidate set, compared with the scan's (outside the timing: it materialises every plate).
        QSet<QString> oursSet;
        for (const CandidatePlate& cp : dictionary.match(pattern.value(), false))
            oursSet.insert(cp.plate);
        const QSet<QString> theirsSet(theirs.begin(), theirs.end());
        const bool same = oursSet == theirsSet && (!searchable || ourReadIds == theirReadIds);
        allSame &= same;
        if (searchable) {
            worstP50 = std::max(worstP50, engine.percentile(0.5));
            worstP99 = std::max(worstP99, engine.percentile(0.99));
            worstRatio = std::min(worstRatio, baseline.percentile(0.5) / std::max(0.001, engine.percentile(0.5)));
        }
        const double ratio = baseline.percentile(0.5) / std::max(0.001, engine.percentile(0.5));
        QJsonObject o { { QStringLiteral("case"), pc.name },
                        { QStringLiteral("pattern"), pc.pattern },
                        { QStringLiteral("misread"), pc.misread },
                        { QStringLiteral("plates"), double(matched) },
                        { QStringLiteral("candidates_p50_ms"), engine.percentile(0.5) },
                        { QStringLiteral("candidates_p99_ms"), engine.percentile(0.99) },
                        { QStringLiteral("glob_scan_p50_ms"), baseline.percentile(0.5) },
                        { QStringLiteral("ratio"), ratio },
                        { QStringLiteral("first500_p50_ms"), firstReads.percentile(0.5) },
                        { QStringLiteral("first500_p99_ms"), firstReads.percentile(0.99) },
                        { QStringLiteral("glob_first500_p50_ms"), baselineReads.percentile(0.5) },
                        { QStringLiteral("searchable"), searchable },
                        { QStringLiteral("same_result"), same } };
        cases.append(o);
        if (!json) {
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
                       .arg(pc.name, -22)
                       .arg(pc.pattern + (pc.misread ? QStringLiteral(" (m)") : QString()), -18)
                       .arg(matched, 8)
                       .arg(engine.percentile(0.5), 8, 'f', 2)
                       .arg(engine.percentile(0.99), 8, 'f', 2)
                       .arg(baseline.percentile(0.5), 9, 'f', 1)
                       .arg(QString::number(ratio, 'f', 0) + u'x', 7)
                       .arg(firstReads.percentile(0.5), 9, 'f', 1)
                       .arg(firstReads.percentile(0.99), 9, 'f', 1)
                       .arg(baselineReads.percentile(0.5), 10, 'f', 1)
                       .arg(same ? QStringLiteral("yes") : QStringLiteral("NO"), 5)
                       .append(searchable ? QString()
                                          : QStringLiteral("   (no known character: refused by search; index only)"))
                << '\n';
            out.flush();
        }
    }
    if (json) {
        const QJsonObject root { { QStringLiteral("benchmark"), QStringLiteral("search") },
                                 { QStringLiteral("reads"), double(stats->reads) },
                                 { QStringLiteral("distinct_plates"), double(stats->plates) },
                                 { QStringLiteral("dictionary_plates"), double(dictionary.size()) },
                                 { QStringLiteral("dictionary_mb"), dictionary.memoryBytes() / 1e6 },
                                 { QStringLiteral("dictionary_build_ms"), double(dictionary.buildMs()) },
                                 { QStringLiteral("store_generation_s"), generateS },
                                 { QStringLiteral("all_same"), allSame },
                                 { QStringLiteral("worst_candidates_p50_ms"), worstP50 },
                                 { QStringLiteral("worst_candidates_p99_ms"), worstP99 },
                                 { QStringLiteral("worst_ratio"), worstRatio },
                                 { QStringLiteral("cases"), cases } };
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        out << (allSame ? tr("Every pattern returned the same plates and reads as the SQL scan.")
                        : tr("MISMATCH: some patterns differ from the SQL scan (see 'same')."))
            << '\n';
        out << tr("Worst over the searchable patterns: candidates p50 %1 ms (goal <= 5), p99 %2 ms (goal <= 20), "
                  "%3x faster than the scan (goal >= 100x). Dictionary %4 MB (goal <= 200), built in %5 ms (goal "
                  "<= 3000).")
                   .arg(worstP50, 0, 'f', 2)
                   .arg(worstP99, 0, 'f', 2)
                   .arg(worstRatio, 0, 'f', 0)
                   .arg(dictionary.memoryBytes() / 1e6, 0, 'f', 1)
                   .arg(dictionary.buildMs())
            << '\n';
    }
    return allSame ? Status {} : failure(tr("The benchmark's results differ from the SQL baseline."));
}

} // namespace alpr::commands

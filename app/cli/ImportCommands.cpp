// Field-unit imports (`import`) and the ingest benchmark (`bench ingest`).
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "Crypto.h"
#include "CsvMapping.h"
#include "DemoGenerator.h"
#include "ImportPipeline.h"
#include "ImportService.h"
#include "RateTable.h"
#include "ImporterRegistry.h"
#include "LocalStore.h"
#include "Session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <unistd.h>
#include <vector>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

/** --format means the input format here (CLI.md); its default ("table", for output) means "find out". */
Result<QString> inputFormat(CliContext& ctx, const ImporterRegistry& registry)
{
    if (!ctx.parser().isSet(QStringLiteral("format")))
        return QString();
    const QString f = ctx.parser().value(QStringLiteral("format")).toLower();
    if (!registry.byName(f))
        return usageError(tr("import --format: '%1' is not an import format (known: %2)")
                              .arg(f, registry.names().join(QStringLiteral(", "))));
    return f;
}

/** --batch N: reads per transaction of an import (and of its benchmark). */
Status readBatchOption(CliContext& ctx, ImportOptions* options)
{
    auto batch = ctx.number(QStringLiteral("batch"), options->batchSize, 1, 1000000);
    if (!batch)
        return batch.error();
    options->batchSize = int(batch.value());
    return {};
}

} // namespace

Status importFiles(CliContext& ctx)
{
    const QStringList files = ctx.arguments();
    if (files.isEmpty())
        return usageError(tr("import: name the files to import (alpr-cli import FILE… --store S --user U)."));
    for (const QString& f : files) {
        const QFileInfo info(f);
        if (!info.exists() || !info.isFile())
            return usageError(tr("import: %1: no such file").arg(f));
        if (!info.isReadable())
            return usageError(tr("import: %1: not readable").arg(f));
    }
    ImporterRegistry registry = ImporterRegistry::standard();
    auto format = inputFormat(ctx, registry);
    if (!format)
        return format.error();
    ImportOptions options;
    options.nowMs = ctx.clock().nowMs();
    if (Status s = readBatchOption(ctx, &options); !s)
        return s;
    if (ctx.parser().isSet(QStringLiteral("mapping"))) {
        auto mapping = CsvMapping::load(ctx.parser().value(QStringLiteral("mapping")));
        if (!mapping)
            return usageError(mapping.error().message);
        options.mapping = mapping.value();
    } else if (format.value() == QLatin1String("csv")) {
        return usageError(tr("import --format csv needs --mapping MAP.json (which column is the plate, the time and "
                             "its zone, ...)."));
    }

    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    ImportService service(session);
    const bool interactive = isatty(STDERR_FILENO);
    QElapsedTimer lastShown;
    lastShown.start();
    auto progress = [&](qint64 done, qint64 total) {
        if (!interactive || lastShown.elapsed() < 200)
            return;
        lastShown.restart();
        CliContext::err()
            << tr("\rimport: %1 %").arg(total > 0 ? 100.0 * double(done) / double(total) : 100.0, 0, 'f', 1)
            << Qt::flush;
    };
    auto result = service.run(files, format.value(), options, registry, progress);
    if (interactive)
        CliContext::err() << '\r' << QString(20, u' ') << '\r' << Qt::flush;
    if (!result)
        return result.error();
    const ImportSummary& summary = result.value();
    QTextStream& out = CliContext::out();
    for (const QString& line : summary.describe(50))
        out << line << '\n';
    out << tr("Total: %1 reads found, %2 imported, %3 already present, %4 rejected (%5 s)")
               .arg(summary.parsed())
               .arg(summary.inserted())
               .arg(summary.alreadyPresent())
               .arg(summary.rejected())
               .arg(summary.wallSeconds, 0, 'f', 2)
        << '\n';
    out.flush();
    if (summary.rejected() > 0 || summary.hasFileErrors()) {
        QStringList where;
        for (const ImportIssue& i : summary.issues()) {
            if (where.size() >= 3)
                break;
            where.append(i.line > 0 ? tr("%1 line %2: %3").arg(QFileInfo(i.file).fileName()).arg(i.line).arg(i.reason)
                                    : i.reason);
        }
        return badInput(tr("%1 rows were rejected and %2 files could not be read (first: %3). The %4 good reads were "
                           "kept; fix the rows and import the file again (nothing is added twice).")
                            .arg(summary.rejected())
                            .arg(std::count_if(summary.files.begin(), summary.files.end(),
                                               [](const FileImportSummary& f) { return !f.error.isEmpty(); }))
                            .arg(where.join(QStringLiteral("; ")))
                            .arg(summary.parsed()));
    }
    return {};
}

namespace {

QString csvText(const QString& s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
        return s;
    QString q = s;
    q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

/** The benchmark's input: demo reads as a camera export would write them. */
QByteArray toCsv(const QList<Read>& reads, const QHash<qint64, QString>& cameraNames)
{
    QByteArray out = "plate,time,latitude,longitude,camera,state,heading,confidence,make,model,colour,candidates\n";
    out.reserve(reads.size() * 130);
    for (const Read& r : reads) {
        QString candidates;
        for (const PlateCandidate& c : r.candidates)
            candidates += (candidates.isEmpty() ? QString() : QStringLiteral(";")) + c.plate + u':'
                + QString::number(double(c.confidence), 'f', 1);
        const QString line = r.plate + u','
            + QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs) + u','
            + QString::number(r.lat, 'f', 6) + u',' + QString::number(r.lon, 'f', 6) + u','
            + csvText(cameraNames.value(r.cameraId)) + u',' + r.state + u','
            + (r.heading < 0 ? QString() : QString::number(double(r.heading), 'f', 0)) + u','
            + QString::number(double(r.confidence), 'f', 1) + u',' + csvText(r.make) + u',' + csvText(r.model) + u','
            + csvText(r.colour) + u',' + candidates + u'\n';
        out += line.toUtf8();
    }
    return out;
}

CsvMapping benchMapping()
{
    CsvMapping m;
    using F = CsvMapping::Field;
    const std::pair<F, const char*> columns[] = {
        { F::Plate, "plate" },   { F::Time, "time" },   { F::Latitude, "latitude" }, { F::Longitude, "longitude" },
        { F::Camera, "camera" }, { F::State, "state" }, { F::Heading, "heading" },   { F::Confidence, "confidence" },
        { F::Make, "make" },     { F::Model, "model" }, { F::Colour, "colour" },     { F::Candidates, "candidates" },
    };
    for (const auto& [field, name] : columns)
        m.columns.insert(field, CsvMapping::Column { QString::fromLatin1(name), 0 });
    m.timeFormat = QStringLiteral("iso");
    m.timeZone = QStringLiteral("UTC");
    return m;
}

Result<std::unique_ptr<LocalStore>> freshStore(const QString& path)
{
    // Opened exactly as a signed-in store is (same pragmas, cache, page size, memory), with a throwaway key.
    return LocalStore::open(path, randomBytes(32), LocalStore::Mode::CreateNew);
}

double rate(qint64 n, double seconds)
{
    return seconds > 0 ? double(n) / seconds : 0;
}

} // namespace

Status benchIngest(CliContext& ctx)
{
    auto readsOption = ctx.number(QStringLiteral("reads"), 100000, 1, 50000000);
    if (!readsOption)
        return readsOption.error();
    const qint64 n = readsOption.value();
    auto runsOption = ctx.number(QStringLiteral("runs"), 3, 1, 9);
    if (!runsOption)
        return runsOption.error();
    const int runs = int(runsOption.value());
    const bool json = ctx.parser().isSet(QStringLiteral("json"));
    QTextStream& err = CliContext::err();

    // 1. N realistic reads (the demo generator, no images), written as a camera CSV export.
    QElapsedTimer t;
    t.start();
    DemoOptions demo;
    demo.reads = n;
    demo.endMs = ctx.clock().nowMs() / 60000 * 60000;
    demo.imageEvery = 0;
    DemoGenerator generator(demo);
    if (Status s = generator.load(); !s)
        return s;
    QList<Read> reads;
    reads.reserve(n);
    if (Status s = generator.generate([&](QList<Read>& batch) {
            reads.append(batch);
            return true;
        });
        !s)
        return s;
    QHash<qint64, QString> cameraNames;
    for (const Camera& c : generator.cameras())
        cameraNames.insert(c.id, c.name);
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(cache);
    QTemporaryDir dir(QDir(cache).filePath(QStringLiteral("bench-ingest-XXXXXX")));
    if (!dir.isValid())
        return failure(tr("bench ingest: cannot create a working folder in %1").arg(cache));
    const QString csvPath = dir.filePath(QStringLiteral("reads.csv"));
    {
        QFile f(csvPath);
        if (!f.open(QIODevice::WriteOnly) || f.write(toCsv(reads, cameraNames)) < 0)
            return failure(tr("bench ingest: cannot write %1").arg(csvPath));
    }
    const double prepareS = t.nsecsElapsed() / 1e9;
    if (!json)
        err << tr("bench ingest: %1 demo reads generated and written as CSV (%2 MB) in %3 s")
                   .arg(n)
                   .arg(QFileInfo(csvPath).size() / 1e6, 0, 'f', 1)
                   .arg(prepareS, 0, 'f', 1)
            << '\n';

    const ImporterRegistry registry = ImporterRegistry::standard();
    ImportOptions options;
    options.mapping = benchMapping();
    options.nowMs = ctx.clock().nowMs();
    if (Status s = readBatchOption(ctx, &options); !s)
        return s;

    // 2. Our parsing alone: the worker thread turning the file into reads, nothing written.
    qint64 parsed = 0;
    double parseS = 0;
    {
        ImportPipeline pipeline({ csvPath }, QStringLiteral("csv"), options, registry);
        pipeline.start();
        ImportChunk chunk;
        while (pipeline.take(&chunk))
            parsed += chunk.reads.size();
        parseS = pipeline.parseSeconds();
    }
    if (parsed != n)
        return failure(tr("bench ingest: parsed %1 of %2 reads").arg(parsed).arg(n));

    // 3-5. Each write phase `runs` times, each run into a fresh store, the median reported: this machine's speed varies
    // between runs (other work on the host), and a median is what a user would see most of the time.
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    auto prepareStore = [&](const QString& name, QList<Read>* mapped) -> Result<std::unique_ptr<LocalStore>> {
        auto store = freshStore(dir.filePath(name));
        if (!store)
            return store.error();
        auto cams = store.value()->upsertCameras(generator.cameras());
        if (!cams)
            return cams.error();
        QHash<QString, qint64> ids;
        for (const Camera& c : cams.value())
            ids.insert(c.name, c.id);
        *mapped = reads;
        for (Read& r : *mapped)
            r.cameraId = ids.value(cameraNames.value(r.cameraId));
        return store;
    };
    auto removeStore = [&](const QString& name) {
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(dir.filePath(name + QLatin1String(suffix)));
    };
    std::vector<double> importS, importParseS, importStoreS, writerS, baselineS;
    qint64 baselineRows = 0;
    for (int run = 0; run < runs; ++run) {
        // 3. The whole import into a fresh store: parse on the worker while the previous batch is written.
        {
            const QString name = QStringLiteral("import.alpr");
            auto storeA = freshStore(dir.filePath(name));
            if (!storeA)
                return storeA.error();
            ImportSummary summary
                = ImportService::importInto(*storeA.value(), { csvPath }, QStringLiteral("csv"), options, registry);
            if (!summary.error.isEmpty())
                return failure(summary.error);
            if (summary.inserted() != n)
                return failure(tr("bench ingest: imported %1 of %2 reads").arg(summary.inserted()).arg(n));
            importS.push_back(summary.wallSeconds);
            importParseS.push_back(summary.parseSeconds);
            importStoreS.push_back(summary.writeSeconds);
            // Closed before the next store: two open stores share SQLite's page cache region and secure heap.
            storeA.value().reset();
            removeStore(name);
        }
        // 4. The same reads through Store::addReads alone (a batch per call), and 5. the plain-SQL baseline.
        QList<Read> mapped;
        {
            const QString name = QStringLiteral("writer.alpr");
            auto storeB = prepareStore(name, &mapped);
            if (!storeB)
                return storeB.error();
            t.restart();
            for (qsizetype i = 0; i < mapped.size(); i += options.batchSize) {
                auto added = storeB.value()->addReads(mapped.mid(i, options.batchSize));
                if (!added)
                    return added.error();
            }
            writerS.push_back(t.nsecsElapsed() / 1e9);
            storeB.value().reset();
            removeStore(name);
        }
        {
            const QString name = QStringLiteral("baseline.alpr");
            auto storeC = prepareStore(name, &mapped);
            if (!storeC)
                return storeC.error();
            t.restart();
            auto baseline = storeC.value()->addReadsBaseline(mapped);
            baselineS.push_back(t.nsecsElapsed() / 1e9);
            if (!baseline)
                return baseline.error();
            baselineRows = baseline.value();
            storeC.value().reset();
            removeStore(name);
        }
    }
    ImportSummary summary;
    summary.wallSeconds = median(importS);
    summary.parseSeconds = median(importParseS);
    summary.writeSeconds = median(importStoreS);
    const double medianWriterS = median(writerS);
    const double medianBaselineS = median(baselineS);
    const auto [fastest, slowest] = std::minmax_element(importS.cbegin(), importS.cend());

    const double importRate = rate(n, summary.wallSeconds);
    const double baselineRate = rate(baselineRows, medianBaselineS);
    if (json) {
        QJsonObject o { { QStringLiteral("reads"), double(n) },
                        { QStringLiteral("csv_bytes"), double(QFileInfo(csvPath).size()) },
                        { QStringLiteral("parse_reads_per_s"), rate(n, parseS) },
                        { QStringLiteral("import_reads_per_s"), importRate },
                        { QStringLiteral("import_s"), summary.wallSeconds },
                        { QStringLiteral("import_parse_busy_s"), summary.parseSeconds },
                        { QStringLiteral("import_store_s"), summary.writeSeconds },
                        { QStringLiteral("import_runs"), runs },
                        { QStringLiteral("import_reads_per_s_slowest"), rate(n, *slowest) },
                        { QStringLiteral("import_reads_per_s_fastest"), rate(n, *fastest) },
                        { QStringLiteral("addreads_reads_per_s"), rate(n, medianWriterS) } };
        RateTable::addComparison(o, importRate, baselineRate, medianBaselineS, 100000);
        CliContext::out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return {};
    }
    QTextStream& out = CliContext::out();
    RateTable table(out, 58);
    table.header(tr("ingest of %1 reads, no images, median of %2 runs").arg(n).arg(runs), tr("reads/s"), tr("s"));
    table.row(tr("parse only (CSV -> reads, worker thread)"), rate(n, parseS), parseS);
    table.row(tr("import (parse || Store::addReads, %1 per batch)").arg(options.batchSize), importRate,
              summary.wallSeconds);
    table.row(tr("  of which waiting for Store::addReads + cameras"), rate(n, summary.writeSeconds),
              summary.writeSeconds);
    table.row(tr("Store::addReads alone (same reads, %1 per call)").arg(options.batchSize), rate(n, medianWriterS),
        medianWriterS);
    table.row(tr("baseline: plain single-row prepared INSERTs, one transaction"), baselineRate, medianBaselineS);
    if (runs > 1)
        out << tr("import runs: slowest %1, fastest %2 reads/s")
                   .arg(rate(n, *slowest), 0, 'f', 0)
                   .arg(rate(n, *fastest), 0, 'f', 0)
            << '\n';
    out << tr("import vs baseline: %1x; target: 100,000 reads/s (%2)")
               .arg(baselineRate > 0 ? importRate / baselineRate : 0, 0, 'f', 2)
               .arg(importRate >= 100000 ? tr("reached") : tr("not reached"))
        << '\n';
    return {};
}

} // namespace alpr::commands

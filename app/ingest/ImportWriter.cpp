#include "ImportWriter.h"

#include "Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImportWriter", text);
}
} // namespace

ImportWriter::ImportWriter(Store& store, const QStringList& files)
    : m_store(store)
{
    for (const QString& f : files) {
        FileImportSummary s;
        s.path = f;
        m_summary.files.append(s);
    }
}

Status ImportWriter::begin()
{
    auto cameras = m_store.cameras();
    if (!cameras)
        return cameras.error();
    for (const Camera& c : cameras.value())
        m_cameras.insert(c.name, c);
    return {};
}

Status ImportWriter::resolveCameras(const QList<ParsedRead>& reads)
{
    QList<Camera> added;
    QHash<QString, qsizetype> pending;
    for (const ParsedRead& r : reads) {
        if (r.cameraName.isEmpty() || m_cameras.contains(r.cameraName))
            continue;
        auto it = pending.find(r.cameraName);
        if (it == pending.end()) {
            Camera c;
            c.name = r.cameraName;
            c.unit = r.cameraUnit;
            pending.insert(r.cameraName, added.size());
            added.append(c);
            it = pending.find(r.cameraName);
        }
        // A new camera takes the first position its reads give (fixed cameras stand still).
        Camera& c = added[it.value()];
        if (r.hasPosition && c.lat == 0 && c.lon == 0) {
            c.lat = r.read.lat;
            c.lon = r.read.lon;
        }
    }
    if (added.isEmpty())
        return {};
    auto stored = m_store.upsertCameras(added);
    if (!stored)
        return stored.error();
    for (const Camera& c : stored.value())
        m_cameras.insert(c.name, c);
    return {};
}

Status ImportWriter::write(ImportChunk& chunk)
{
    FileImportSummary& file = m_summary.files[chunk.file];
    if (!chunk.format.isEmpty())
        file.format = chunk.format;
    auto keepIssue = [&](const ImportIssue& issue) {
        ++file.rejected;
        if (file.issues.size() < ImportSummary::kMaxIssues)
            file.issues.append(issue);
    };
    for (const ImportIssue& i : chunk.rejects)
        keepIssue(i);
    for (auto it = chunk.skipped.begin(); it != chunk.skipped.end(); ++it)
        file.skipped[it.key()] += it.value();
    for (auto it = chunk.warnings.begin(); it != chunk.warnings.end(); ++it)
        file.warnings[it.key()] += it.value();

    if (!chunk.reads.isEmpty()) {
        QElapsedTimer timer;
        timer.start();
        if (Status s = resolveCameras(chunk.reads); !s) {
            m_summary.error = s.error().message;
            return s;
        }
        QList<Read> reads;
        reads.reserve(chunk.reads.size());
        for (ParsedRead& pr : chunk.reads) {
            const Camera* camera = nullptr;
            if (!pr.cameraName.isEmpty()) {
                auto it = m_cameras.constFind(pr.cameraName);
                if (it != m_cameras.constEnd())
                    camera = &it.value();
            }
            if (camera)
                pr.read.cameraId = camera->id;
            if (!pr.hasPosition) {
                if (!camera) {
                    keepIssue({ file.path, pr.line, tr("no position: the record has none and names no camera") });
                    continue;
                }
                if (camera->lat == 0 && camera->lon == 0) {
                    keepIssue({ file.path, pr.line,
                                tr("no position: the record has none and camera '%1' has no known position")
                                    .arg(camera->name) });
                    continue;
                }
                pr.read.lat = camera->lat;
                pr.read.lon = camera->lon;
            }
            reads.append(std::move(pr.read));
        }
        file.parsed += reads.size();
        auto inserted = m_store.addReads(reads);
        m_summary.writeSeconds += timer.nsecsElapsed() / 1e9;
        if (!inserted) {
            file.parsed -= reads.size();
            m_summary.error = inserted.error().message;
            return inserted.error();
        }
        file.inserted += inserted.value();
        file.alreadyPresent += reads.size() - inserted.value();
        for (const Read& r : reads) {
            m_summary.plates.insert(r.plate);
            for (const PlateCandidate& c : r.candidates)
                m_summary.plates.insert(c.plate);
        }
    }
    if (chunk.fileError)
        file.error = chunk.fileError->message;
    if (chunk.fileDone && !chunk.fileError)
        file.finished = true;
    return {};
}

} // namespace alpr

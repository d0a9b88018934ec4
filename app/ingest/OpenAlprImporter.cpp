#include "OpenAlprImporter.h"

#include "ImageInput.h"
#include "ImportSink.h"
#include "JsonRecordSplitter.h"
#include "Plate.h"
#include "RecordKey.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("OpenAlprImporter", text);
}

constexpr int kMaxCandidates = 10;
constexpr qsizetype kMaxTextField = 128;
const qint64 kEarliestMs = QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

/** What every read of one file shares: where images are looked up, what the file is called, what to skip. */
struct FileContext
{
    QString baseDir;
    QString fileName;
    qint64 nowMs = 0;
    const QSet<QString>* groupedFrames = nullptr;
};

/** A record-level failure: the reason (already naming the JSON field). */
struct Failure
{
    QString reason;
};

QString text(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return {};
}

/** The top-scoring name of an OpenALPR vehicle attribute ([{name, confidence}...], or a plain string). */
QString topName(const QJsonObject& vehicle, QLatin1String key)
{
    const QJsonValue v = vehicle.value(key);
    if (v.isString())
        return v.toString();
    if (!v.isArray())
        return {};
    double best = -1;
    QString name;
    for (const QJsonValue& e : v.toArray()) {
        const QJsonObject o = e.toObject();
        const QString n = o.value(QLatin1String("name")).toString();
        const double c = o.value(QLatin1String("confidence")).toDouble();
        if (n.isEmpty() || n.startsWith(u'_') || c <= best)
            continue;
        best = c;
        name = n;
    }
    return name;
}

/** "chevrolet" -> "Chevrolet", "sonic-ss" -> "Sonic Ss": how the store's other reads spell them. */
QString titleCase(QString s)
{
    s.replace(u'_', u' ');
    s.replace(u'-', u' ');
    bool start = true;
    for (QChar& c : s) {
        c = start ? c.toUpper() : c.toLower();
        start = c.isSpace();
    }
    return s.simplified();
}

/** OpenALPR regions: "us-ca", "ca-qc", or (version 1) a bare "ca". Others (eu-de, mx-nle) give no state. */
QString stateOf(const QString& region, const QString& country)
{
    const QString r = region.trimmed().toLower();
    if (r.size() == 5 && (r.startsWith(QLatin1String("us-")) || r.startsWith(QLatin1String("ca-"))))
        return normaliseState(r.mid(3));
    if (r.size() == 2 && (country.isEmpty() || country.compare(QLatin1String("us"), Qt::CaseInsensitive) == 0))
        return normaliseState(r);
    return {};
}

std::optional<Failure> epochMs(const QJsonObject& o, QLatin1String key, const FileContext& ctx, qint64* out)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return Failure { tr("%1: missing or not a number").arg(key) };
    const double raw = v.toDouble();
    // Version 1 agents wrote seconds, later ones milliseconds; 10^11 s is the year 5138, 10^11 ms is 1973.
    const double ms = raw < 1e11 ? raw * 1000.0 : raw;
    if (!(ms >= double(kEarliestMs)) || ms > 4102444800000.0)
        return Failure { tr("%1: %2 is not a plausible time").arg(key).arg(raw, 0, 'f', 0) };
    if (ctx.nowMs > 0 && ms > double(ctx.nowMs) + 86400000.0)
        return Failure { tr("%1: the time is more than a day in the future (camera clock wrong?)").arg(key) };
    *out = qint64(ms);
    return std::nullopt;
}

std::optional<Failure> plateOf(const QString& raw, QLatin1String key, QString* out)
{
    if (raw.size() > 64)
        return Failure { tr("%1: longer than 64 characters").arg(key) };
    const QString plate = normalisePlate(raw);
    if (!isValidNormalisedPlate(plate))
        return Failure { plate.isEmpty()
                             ? tr("%1: missing or no letters or digits").arg(key)
                             : tr("%1: %2 characters after normalisation (at most 10)").arg(key).arg(plate.size()) };
    *out = plate;
    return std::nullopt;
}

void addCandidates(const QJsonValue& list, Read& read)
{
    if (!list.isArray())
        return;
    for (const QJsonValue& e : list.toArray()) {
        if (read.candidates.size() >= kMaxCandidates)
            break;
        const QJsonObject c = e.toObject();
        const QString raw = c.value(QLatin1String("plate")).toString();
        if (raw.size() > 64)
            continue;
        const QString plate = normalisePlate(raw);
        if (!isValidNormalisedPlate(plate) || plate == read.plate)
            continue;
        bool seen = false;
        for (const PlateCandidate& have : read.candidates)
            seen |= have.plate == plate;
        if (seen)
            continue;
        read.candidates.append(
            { plate, float(std::clamp(c.value(QLatin1String("confidence")).toDouble(), 0.0, 100.0)) });
    }
}

std::optional<Failure> vehicleOf(const QJsonValue& value, Read& read)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject v = value.toObject();
    const QString make = topName(v, QLatin1String("make"));
    QString model = topName(v, QLatin1String("make_model"));
    const QString colour = topName(v, QLatin1String("color"));
    if (make.size() > kMaxTextField || model.size() > kMaxTextField || colour.size() > kMaxTextField)
        return Failure { tr("vehicle: a make, model or colour longer than %1 characters").arg(kMaxTextField) };
    // make_model is "make_model-name": the make prefix is dropped.
    if (!make.isEmpty() && model.startsWith(make + u'_', Qt::CaseInsensitive))
        model = model.mid(make.size() + 1);
    else if (model.contains(u'_'))
        model = model.section(u'_', 1);
    read.make = titleCase(make);
    read.model = titleCase(model);
    read.colour = titleCase(colour);
    return std::nullopt;
}

std::optional<Failure> positionOf(const QJsonObject& o, ParsedRead& pr)
{
    const QJsonValue lat = o.value(QLatin1String("gps_latitude"));
    const QJsonValue lon = o.value(QLatin1String("gps_longitude"));
    if (lat.isUndefined() && lon.isUndefined())
        return std::nullopt;
    if (!lat.isDouble() || !lon.isDouble())
        return Failure { tr("gps_latitude/gps_longitude: both must be numbers") };
    const double la = lat.toDouble(), lo = lon.toDouble();
    if (la < -90 || la > 90 || lo < -180 || lo > 180)
        return Failure { tr("gps_latitude/gps_longitude: %1, %2 is not a position on Earth").arg(la).arg(lo) };
    if (la == 0 && lo == 0)
        return std::nullopt; // agents without a GPS fix write 0, 0
    pr.read.lat = la;
    pr.read.lon = lo;
    pr.hasPosition = true;
    return std::nullopt;
}

/** One image: inline under one of base64Keys or a file under one of pathKeys (first found wins). */
std::optional<Failure> imageOf(const QJsonObject& o, std::initializer_list<QLatin1String> base64Keys,
                               std::initializer_list<QLatin1String> pathKeys, const FileContext& ctx, QByteArray* out)
{
    if (!out->isEmpty())
        return std::nullopt;
    for (QLatin1String key : base64Keys) {
        const QJsonValue v = o.value(key);
        if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()))
            continue;
        if (!v.isString())
            return Failure { tr("%1: not base64 text").arg(key) };
        auto jpeg = ImageInput::fromBase64(v.toString().toLatin1(), key);
        if (!jpeg)
            return Failure { jpeg.error().message };
        *out = jpeg.value();
        return std::nullopt;
    }
    for (QLatin1String key : pathKeys) {
        const QJsonValue v = o.value(key);
        if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()))
            continue;
        if (!v.isString())
            return Failure { tr("%1: not a file name").arg(key) };
        auto jpeg = ImageInput::fromPath(v.toString(), ctx.baseDir, key);
        if (!jpeg)
            return Failure { jpeg.error().message };
        *out = jpeg.value();
        return std::nullopt;
    }
    return std::nullopt;
}

/** Camera, agent and position: shared by results and groups. */
void cameraOf(const QJsonObject& doc, ParsedRead& pr, QString* agent)
{
    const QJsonObject config = doc.value(QLatin1String("web_server_config")).toObject();
    QString label = config.value(QLatin1String("camera_label")).toString().trimmed();
    if (label.isEmpty())
        label = doc.value(QLatin1String("camera_name")).toString().trimmed();
    QString agentLabel = config.value(QLatin1String("agent_label")).toString().trimmed();
    const QString agentUid = text(doc, QLatin1String("agent_uid")).trimmed();
    const QString site = text(doc, QLatin1String("site_id")).trimmed();
    if (agentLabel.isEmpty())
        agentLabel = !site.isEmpty() ? site : agentUid;
    *agent = !agentUid.isEmpty() ? agentUid : (!site.isEmpty() ? site : text(doc, QLatin1String("company_id")));
    const QString cameraId = text(doc, QLatin1String("camera_id")).trimmed();
    if (label.isEmpty() && !cameraId.isEmpty())
        label = agentLabel.isEmpty() ? tr("OpenALPR camera %1").arg(cameraId)
                                     : tr("OpenALPR %1 camera %2").arg(agentLabel, cameraId);
    pr.cameraName = label.left(kMaxTextField);
    pr.cameraUnit = agentLabel.left(kMaxTextField);
}

class RecordConverter
{
public:
    RecordConverter(const FileContext& ctx, ImportSink& sink)
        : m_ctx(ctx)
        , m_sink(sink)
    {
    }

    /** Returns false when the sink asked to stop. */
    bool convert(const QJsonObject& doc, const JsonRecordSplitter::Record& record, QByteArrayView raw)
    {
        m_record = &record;
        m_raw = raw;
        QString type = doc.value(QLatin1String("data_type")).toString();
        if (type.isEmpty())
            type = doc.contains(QLatin1String("best_plate_number")) ? QStringLiteral("alpr_group")
                : doc.value(QLatin1String("results")).isArray()     ? QStringLiteral("alpr_results")
                                                                    : QString();
        if (type == QLatin1String("alpr_results"))
            return results(doc);
        if (type == QLatin1String("alpr_group"))
            return group(doc);
        if (type.isEmpty()) {
            m_sink.reject(record.line, tr("not an OpenALPR alpr_results or alpr_group record"));
            return true;
        }
        m_sink.skip(tr("records that are not plate reads (%1)").arg(type.left(40)));
        return true;
    }

private:
    QString keyFallback(int index) const
    {
        const QString key = RecordKey::forLine(m_record->line, m_raw);
        return index < 0 ? key : key + u'#' + QString::number(index);
    }

    bool results(const QJsonObject& doc)
    {
        const QJsonValue list = doc.value(QLatin1String("results"));
        if (!list.isArray()) {
            m_sink.reject(m_record->line, tr("results: missing or not a list"));
            return true;
        }
        const QString uuid = text(doc, QLatin1String("uuid"));
        if (uuid.size() > 200) {
            m_sink.reject(m_record->line, tr("uuid: longer than 200 characters"));
            return true;
        }
        if (!uuid.isEmpty() && m_ctx.groupedFrames && m_ctx.groupedFrames->contains(uuid)) {
            m_sink.skip(tr("frames already imported as part of a plate group"));
            return true;
        }
        ParsedRead base;
        base.line = m_record->line;
        QString agent;
        cameraOf(doc, base, &agent);
        if (auto f = positionOf(doc, base)) {
            m_sink.reject(m_record->line, f->reason);
            return true;
        }
        const QJsonArray array = list.toArray();
        if (array.isEmpty())
            m_sink.skip(tr("frames without a plate"));
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject r = array.at(i).toObject();
            ParsedRead pr = base;
            const QString where = tr("results[%1]").arg(i);
            auto fail
                = [&](const Failure& f) { m_sink.reject(m_record->line, where + QStringLiteral(": ") + f.reason); };
            if (auto f = plateOf(r.value(QLatin1String("plate")).toString(), QLatin1String("plate"), &pr.read.plate)) {
                fail(*f);
                continue;
            }
            const QJsonObject& timeSource = r.contains(QLatin1String("epoch_time")) ? r : doc;
            if (auto f = epochMs(timeSource, QLatin1String("epoch_time"), m_ctx, &pr.read.timeMs)) {
                fail(*f);
                continue;
            }
            pr.read.confidence = float(std::clamp(r.value(QLatin1String("confidence")).toDouble(), 0.0, 100.0));
            pr.read.state = stateOf(r.value(QLatin1String("region")).toString(), text(doc, QLatin1String("country")));
            addCandidates(r.value(QLatin1String("candidates")), pr.read);
            if (auto f = vehicleOf(r.value(QLatin1String("vehicle")), pr.read)) {
                fail(*f);
                continue;
            }
            if (!pr.hasPosition) {
                if (auto f = positionOf(r, pr)) {
                    fail(*f);
                    continue;
                }
            }
            if (auto f = imageOf(r, { QLatin1String("plate_crop_jpeg") }, { QLatin1String("plate_crop_path") }, m_ctx,
                                 &pr.read.plateJpeg)) {
                fail(*f);
                continue;
            }
            std::optional<Failure> f = imageOf(
                r, { QLatin1String("overview_jpeg"), QLatin1String("vehicle_crop_jpeg") },
                { QLatin1String("overview_path"), QLatin1String("vehicle_crop_path") }, m_ctx, &pr.read.overviewJpeg);
            if (!f)
                f = imageOf(doc, { QLatin1String("overview_jpeg"), QLatin1String("vehicle_crop_jpeg") },
                            { QLatin1String("overview_path"), QLatin1String("image_path") }, m_ctx,
                            &pr.read.overviewJpeg);
            if (f) {
                fail(*f);
                continue;
            }
            if (!uuid.isEmpty()) {
                pr.read.sourceFile = QStringLiteral("openalpr/") + (agent.isEmpty() ? QStringLiteral("agent") : agent);
                pr.read.sourceId = uuid + u'#' + QString::number(i);
            } else {
                pr.read.sourceFile = m_ctx.fileName;
                pr.read.sourceId = keyFallback(int(i));
            }
            if (!m_sink.accept(std::move(pr)))
                return false;
        }
        return true;
    }

    bool group(const QJsonObject& doc)
    {
        ParsedRead pr;
        pr.line = m_record->line;
        auto fail = [&](const Failure& f) {
            m_sink.reject(m_record->line, f.reason);
            return true;
        };
        const QJsonObject best = doc.value(QLatin1String("best_plate")).toObject();
        QString raw = doc.value(QLatin1String("best_plate_number")).toString();
        QLatin1String plateKey("best_plate_number");
        if (raw.isEmpty()) {
            raw = best.value(QLatin1String("plate")).toString();
            plateKey = QLatin1String("best_plate.plate");
        }
        if (auto f = plateOf(raw, plateKey, &pr.read.plate))
            return fail(*f);
        const QLatin1String timeKey = doc.value(QLatin1String("best_uuid_epoch_ms")).isDouble()
            ? QLatin1String("best_uuid_epoch_ms")
            : QLatin1String("epoch_start");
        if (auto f = epochMs(doc, timeKey, m_ctx, &pr.read.timeMs))
            return fail(*f);
        const QJsonValue conf = doc.value(QLatin1String("best_confidence"));
        pr.read.confidence = float(std::clamp(
            conf.isDouble() ? conf.toDouble() : best.value(QLatin1String("confidence")).toDouble(), 0.0, 100.0));
        QString region = doc.value(QLatin1String("best_region")).toString();
        if (region.isEmpty())
            region = best.value(QLatin1String("region")).toString();
        pr.read.state = stateOf(region, text(doc, QLatin1String("country")));
        addCandidates(doc.value(QLatin1String("candidates")), pr.read);
        addCandidates(best.value(QLatin1String("candidates")), pr.read);
        const QJsonValue direction = doc.value(QLatin1String("travel_direction"));
        if (direction.isDouble()) {
            const double d = direction.toDouble();
            if (d < 0 || d > 360)
                return fail({ tr("travel_direction: %1 is not a compass heading (0–360)").arg(d) });
            pr.read.heading = float(d >= 360 ? 0 : d);
        }
        if (auto f = vehicleOf(doc.value(QLatin1String("vehicle")), pr.read))
            return fail(*f);
        QString agent;
        cameraOf(doc, pr, &agent);
        if (auto f = positionOf(doc, pr))
            return fail(*f);
        std::optional<Failure> f = imageOf(best, { QLatin1String("plate_crop_jpeg") },
                                           { QLatin1String("plate_crop_path") }, m_ctx, &pr.read.plateJpeg);
        if (!f)
            f = imageOf(doc, { QLatin1String("plate_crop_jpeg") }, { QLatin1String("plate_crop_path") }, m_ctx,
                        &pr.read.plateJpeg);
        if (!f)
            f = imageOf(doc, { QLatin1String("overview_jpeg"), QLatin1String("vehicle_crop_jpeg") },
                        { QLatin1String("overview_path"), QLatin1String("vehicle_crop_path") }, m_ctx,
                        &pr.read.overviewJpeg);
        if (f)
            return fail(*f);
        QString uuid = text(doc, QLatin1String("best_uuid"));
        if (uuid.isEmpty())
            uuid = doc.value(QLatin1String("uuids")).toArray().at(0).toString();
        if (uuid.size() > 200)
            return fail({ tr("best_uuid: longer than 200 characters") });
        if (!uuid.isEmpty()) {
            pr.read.sourceFile = QStringLiteral("openalpr/") + (agent.isEmpty() ? QStringLiteral("agent") : agent);
            pr.read.sourceId = QStringLiteral("group:") + uuid;
        } else {
            pr.read.sourceFile = m_ctx.fileName;
            pr.read.sourceId = keyFallback(-1);
        }
        return m_sink.accept(std::move(pr));
    }

    const FileContext& m_ctx;
    ImportSink& m_sink;
    const JsonRecordSplitter::Record* m_record = nullptr;
    QByteArrayView m_raw;
};

QString jsonError(QByteArrayView raw, const QJsonParseError& error, qint64 firstLine, qint64* line)
{
    qint64 l = firstLine;
    for (qsizetype i = 0; i < error.offset && i < raw.size(); ++i)
        l += raw[i] == '\n';
    *line = l;
    return tr("not valid JSON: %1").arg(error.errorString());
}

} // namespace

QString OpenAlprImporter::displayName() const
{
    return tr("OpenALPR JSON (alpr_results, alpr_group)");
}

QStringList OpenAlprImporter::filePatterns() const
{
    return { QStringLiteral("*.json"), QStringLiteral("*.jsonl"), QStringLiteral("*.ndjson") };
}

int OpenAlprImporter::sniff(QByteArrayView head, const QString& fileName) const
{
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        ++i;
    if (i >= head.size() || (head[i] != '{' && head[i] != '['))
        return 0;
    if (head.contains("\"alpr_results\"") || head.contains("\"alpr_group\"") || head.contains("\"best_plate_number\""))
        return 95;
    if (head.contains("\"results\"") && head.contains("\"plate\""))
        return 70;
    Q_UNUSED(fileName);
    return 20;
}

Status OpenAlprImporter::parse(const QString& path, QByteArrayView data, const ImportOptions& options,
                               ImportSink& sink) const
{
    const QFileInfo info(path);
    FileContext ctx;
    ctx.baseDir = info.absolutePath();
    ctx.fileName = info.fileName();
    ctx.nowMs = options.nowMs;

    // First pass, only when the file holds plate groups: the frames they cover.
    QSet<QString> grouped;
    if (data.indexOf("alpr_group") >= 0) {
        JsonRecordSplitter pre(data, kMaxDepth, kMaxRecordBytes);
        JsonRecordSplitter::Record r;
        while (pre.next(&r)) {
            if (sink.cancelled())
                return {};
            const QByteArrayView raw = data.sliced(r.begin, r.end - r.begin);
            if (!r.error.isEmpty() || raw.indexOf("alpr_group") < 0)
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(raw.data(), raw.size()));
            for (const QJsonValue& u : doc.object().value(QLatin1String("uuids")).toArray())
                grouped.insert(u.toString());
        }
    }
    ctx.groupedFrames = grouped.isEmpty() ? nullptr : &grouped;

    JsonRecordSplitter splitter(data, kMaxDepth, kMaxRecordBytes);
    RecordConverter converter(ctx, sink);
    JsonRecordSplitter::Record r;
    bool any = false;
    while (splitter.next(&r)) {
        if (sink.cancelled())
            return {};
        any = true;
        sink.progress(r.end);
        if (!r.error.isEmpty()) {
            sink.reject(r.line, r.error);
            continue;
        }
        const QByteArrayView raw = data.sliced(r.begin, r.end - r.begin);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(raw.data(), raw.size()), &error);
        if (error.error != QJsonParseError::NoError) {
            qint64 line = r.line;
            const QString reason = jsonError(raw, error, r.line, &line);
            sink.reject(line, reason);
            continue;
        }
        if (doc.isArray()) {
            sink.reject(r.line, tr("a list where a record belongs (arrays of arrays are not OpenALPR output)"));
            continue;
        }
        if (!converter.convert(doc.object(), r, raw))
            return {};
    }
    sink.progress(data.size());
    if (!splitter.fatalError().isEmpty())
        return badInput(tr("%1: %2; the records before it are kept").arg(ctx.fileName, splitter.fatalError()));
    if (!any && data.trimmed().isEmpty())
        return badInput(tr("%1: the file is empty").arg(ctx.fileName));
    return {};
}

} // namespace alpr

#include "CsvImporter.h"

#include "CsvReader.h"
#include "ImageInput.h"
#include "ImportSink.h"
#include "LocalTimeConverter.h"
#include "Plate.h"
#include "RecordKey.h"
#include "TimeFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QTimeZone>
#include <charconv>
#include <cmath>
#include <optional>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CsvImporter", text);
}

using Field = CsvMapping::Field;
constexpr qsizetype kMaxTextField = 128;
const qint64 kEarliestMs = QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool toDouble(QByteArrayView v, double* out)
{
    v = trimmed(v);
    if (v.isEmpty())
        return false;
    const char* begin = v.data();
    if (*begin == '+')
        ++begin;
    const auto [end, ec] = std::from_chars(begin, v.data() + v.size(), *out);
    return ec == std::errc() && end == v.data() + v.size() && std::isfinite(*out);
}

QString localText(qint64 naiveMs)
{
    return QDateTime::fromMSecsSinceEpoch(naiveMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

/** Everything about a mapping that is decided once per file: column indexes, time format, zone. */
struct Plan
{
    int column[int(Field::RecordId) + 1];
    TimeFormat format;
    std::optional<LocalTimeConverter> zone;
    QString zoneName;
    CsvMapping::Ambiguous ambiguous = CsvMapping::Ambiguous::Reject;
    QString fixedCamera;
    QString baseDir;
    QString fileName;
    qint64 nowMs = 0;

    int col(Field f) const { return column[int(f)]; }
};

Status makePlan(const CsvMapping& m, const QStringList& header, const QString& path, Plan* plan)
{
    const QFileInfo info(path);
    plan->fileName = info.fileName();
    plan->baseDir = info.absolutePath();
    if (Status s = m.validate(plan->fileName); !s)
        return s;
    plan->format = TimeFormat::fromSpec(m.timeFormat).value();
    plan->ambiguous = m.ambiguous;
    plan->fixedCamera = m.fixedCamera;
    if (!m.timeZone.isEmpty()) {
        plan->zoneName = m.timeZone;
        plan->zone.emplace(m.timeZone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(m.timeZone.toUtf8()));
    }
    for (int& c : plan->column)
        c = -1;
    for (Field f : CsvMapping::allFields()) {
        const CsvMapping::Column c = m.columns.value(f);
        if (!c.isSet())
            continue;
        if (c.index > 0) {
            plan->column[int(f)] = c.index - 1;
            continue;
        }
        qsizetype at = -1;
        for (qsizetype i = 0; i < header.size(); ++i)
            if (header.at(i).trimmed().compare(c.name, Qt::CaseInsensitive) == 0)
                at = i;
        if (at < 0)
            return badInput(tr("%1: the header has no column '%2' (mapping columns.%3); its columns are: %4")
                                .arg(plan->fileName, c.name, CsvMapping::key(f), header.join(QStringLiteral(", "))));
        plan->column[int(f)] = int(at);
    }
    return {};
}

class RowConverter
{
public:
    RowConverter(const Plan& plan, ImportSink& sink)
        : m_plan(plan)
        , m_sink(sink)
    {
    }

    /** nullopt: the row became pr; otherwise the reason it was rejected. */
    std::optional<QString> convert(const CsvReader::Row& row, ParsedRead& pr)
    {
        const auto& f = row.fields;
        auto field = [&](Field which, QByteArrayView* out) {
            const int c = m_plan.col(which);
            if (c < 0 || c >= int(f.size()))
                return false;
            *out = trimmed(f[size_t(c)]);
            return true;
        };
        auto fieldName = [](Field which) { return CsvMapping::key(which); };
        QByteArrayView v;

        // The columns the plate and time need must exist; other short rows just lack the optional values.
        const int needed = std::max(m_plan.col(Field::Plate), m_plan.col(Field::Time)) + 1;
        if (int(f.size()) < needed)
            return tr("%1 fields, but the mapping needs at least %2").arg(f.size()).arg(needed);

        field(Field::Plate, &v);
        if (v.size() > 64)
            return tr("plate: longer than 64 characters");
        pr.read.plate = normalisePlate(QString::fromUtf8(v));
        if (!isValidNormalisedPlate(pr.read.plate))
            return pr.read.plate.isEmpty()
                ? tr("plate: empty or no letters or digits")
                : tr("plate: %1 characters after normalisation (at most 10)").arg(pr.read.plate.size());

        field(Field::Time, &v);
        TimeFormat::Value t;
        if (!m_plan.format.parse(v, &t))
            return tr("time: '%1' does not match the format %2")
                .arg(QString::fromUtf8(v.first(std::min<qsizetype>(v.size(), 40))), m_plan.format.spec());
        if (!t.absolute) {
            if (!m_plan.zone)
                return tr("time: '%1' names no zone and the mapping gives none (set time.zone)")
                    .arg(QString::fromUtf8(v));
            const LocalTimeConverter::Conversion c = m_plan.zone->toUtc(t.ms);
            switch (c.outcome) {
            case LocalTimeConverter::Outcome::Unique:
                t.ms = c.utcMs;
                break;
            case LocalTimeConverter::Outcome::Gap:
                return tr("time: %1 does not exist in %2 (the clocks were put forward over it)")
                    .arg(localText(t.ms), m_plan.zoneName);
            case LocalTimeConverter::Outcome::Ambiguous: {
                const QString first = m_plan.zone->abbreviation(c.utcMs);
                const QString second = m_plan.zone->abbreviation(c.laterUtcMs);
                if (m_plan.ambiguous == CsvMapping::Ambiguous::Reject)
                    return tr("time: %1 occurs twice in %2 (%3, then %4, when the clocks went back); set "
                              "time.ambiguous to earlier or later")
                        .arg(localText(t.ms), m_plan.zoneName, first, second);
                const bool earlier = m_plan.ambiguous == CsvMapping::Ambiguous::Earlier;
                m_sink.warn(tr("times in the repeated hour of a DST change were read as the %1 occurrence (%2)")
                                .arg(earlier ? tr("first") : tr("second"), earlier ? first : second));
                t.ms = earlier ? c.utcMs : c.laterUtcMs;
                break;
            }
            }
        }
        if (t.ms < kEarliestMs)
            return tr("time: before the year 2000 (a camera clock that was never set?)");
        if (m_plan.nowMs > 0 && t.ms > m_plan.nowMs + 86400000)
            return tr("time: more than a day in the future (camera clock wrong?)");
        pr.read.timeMs = t.ms;

        if (field(Field::Latitude, &v) && !v.isEmpty()) {
            QByteArrayView w;
            field(Field::Longitude, &w);
            double lat = 0, lon = 0;
            if (!toDouble(v, &lat) || lat < -90 || lat > 90)
                return tr("latitude: '%1' is not a latitude (-90 to 90)")
                    .arg(QString::fromUtf8(v.first(std::min<qsizetype>(v.size(), 40))));
            if (!toDouble(w, &lon) || lon < -180 || lon > 180)
                return tr("longitude: '%1' is not a longitude (-180 to 180)")
                    .arg(QString::fromUtf8(w.first(std::min<qsizetype>(w.size(), 40))));
            if (lat != 0 || lon != 0) {
                pr.read.lat = lat;
                pr.read.lon = lon;
                pr.hasPosition = true;
            }
        }
        if (field(Field::Heading, &v) && !v.isEmpty()) {
            double h = 0;
            if (!toDouble(v, &h) || h < 0 || h > 360)
                return tr("heading: not a compass heading (0–360)");
            pr.read.heading = float(h >= 360 ? 0 : h);
        }
        if (field(Field::Confidence, &v) && !v.isEmpty()) {
            double c = 0;
            if (!toDouble(v, &c) || c < 0 || c > 100)
                return tr("confidence: not a number from 0 to 100");
            pr.read.confidence = float(c);
        }
        if (field(Field::State, &v) && !v.isEmpty()) {
            pr.read.state = normaliseState(QString::fromUtf8(v.first(std::min<qsizetype>(v.size(), 8))));
            if (pr.read.state.isEmpty())
                m_sink.warn(tr("state values that are not two-letter codes were left empty"));
        }
        struct Text
        {
            Field field;
            QString* out;
        } texts[] = { { Field::Make, &pr.read.make },
                      { Field::Model, &pr.read.model },
                      { Field::Colour, &pr.read.colour },
                      { Field::Camera, &pr.cameraName } };
        for (const Text& t : texts) {
            if (field(t.field, &v) && !v.isEmpty()) {
                if (v.size() > kMaxTextField)
                    return tr("%1: longer than %2 characters").arg(fieldName(t.field)).arg(kMaxTextField);
                *t.out = QString::fromUtf8(v);
            }
        }
        if (pr.cameraName.isEmpty())
            pr.cameraName = m_plan.fixedCamera;
        if (field(Field::Candidates, &v) && !v.isEmpty()) {
            if (v.size() > 4096)
                return tr("candidates: longer than 4096 characters");
            const QStringList parts = QString::fromUtf8(v).split(u';', Qt::SkipEmptyParts);
            for (const QString& part : parts) {
                if (pr.read.candidates.size() >= 10)
                    break;
                const qsizetype colon = part.lastIndexOf(u':');
                PlateCandidate c;
                c.plate = normalisePlate(colon < 0 ? part : part.left(colon));
                bool ok = true;
                c.confidence = colon < 0 ? 0.0f : part.mid(colon + 1).toFloat(&ok);
                if (!ok || !isValidNormalisedPlate(c.plate) || c.plate == pr.read.plate)
                    continue;
                c.confidence = std::clamp(c.confidence, 0.0f, 100.0f);
                pr.read.candidates.append(c);
            }
        }
        if (field(Field::PlateImage, &v) && !v.isEmpty()) {
            auto jpeg = ImageInput::fromPath(QString::fromUtf8(v), m_plan.baseDir, fieldName(Field::PlateImage));
            if (!jpeg)
                return jpeg.error().message;
            pr.read.plateJpeg = jpeg.value();
        }
        if (field(Field::OverviewImage, &v) && !v.isEmpty()) {
            auto jpeg = ImageInput::fromPath(QString::fromUtf8(v), m_plan.baseDir, fieldName(Field::OverviewImage));
            if (!jpeg)
                return jpeg.error().message;
            pr.read.overviewJpeg = jpeg.value();
        }
        pr.read.sourceFile = m_plan.fileName;
        if (field(Field::RecordId, &v) && !v.isEmpty()) {
            if (v.size() > 200)
                return tr("recordId: longer than 200 characters");
            pr.read.sourceId = QStringLiteral("id:") + QString::fromUtf8(v);
        } else {
            pr.read.sourceId = RecordKey::forLine(row.line, row.raw);
        }
        pr.line = row.line;
        return std::nullopt;
    }

private:
    const Plan& m_plan;
    ImportSink& m_sink;
};

QStringList headerNames(const CsvReader::Row& row)
{
    QStringList names;
    for (QByteArrayView f : row.fields)
        names.append(QString::fromUtf8(trimmed(f)));
    return names;
}

} // namespace

QString CsvImporter::displayName() const
{
    return tr("Delimited text (CSV, pipe, tab) with a column mapping");
}

QStringList CsvImporter::filePatterns() const
{
    return { QStringLiteral("*.csv"), QStringLiteral("*.txt"), QStringLiteral("*.tsv"), QStringLiteral("*.psv") };
}

int CsvImporter::sniff(QByteArrayView head, const QString& fileName) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        ++i;
    if (i < head.size() && (head[i] == '{' || head[i] == '['))
        return 0;
    if (head.contains('\0'))
        return 0;
    int score
        = (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("psv")) ? 80 : 0;
    const char d = guessDelimiter(head);
    const qsizetype nl = head.indexOf('\n');
    if (nl > 0 && head.first(nl).count(d) >= 2)
        score = std::max(score, 60);
    return score;
}

char CsvImporter::guessDelimiter(QByteArrayView head)
{
    // The candidate that occurs the same (non-zero) number of times on most of the first lines.
    const char candidates[] = { ',', '|', '\t', ';' };
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < head.size() && lines.size() < 20) {
        qsizetype nl = head.indexOf('\n', start);
        if (nl < 0)
            nl = head.size();
        if (nl > start)
            lines.append(head.sliced(start, nl - start));
        start = nl + 1;
    }
    if (lines.size() > 1 && start < head.size())
        lines.removeLast(); // the last line may be cut by the head's end
    char best = ',';
    double bestScore = 0;
    for (char d : candidates) {
        QHash<qsizetype, int> counts;
        for (QByteArrayView l : lines)
            ++counts[l.count(d)];
        int mostCommon = 0;
        qsizetype fields = 0;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            if (it.key() > 0 && it.value() > mostCommon) {
                mostCommon = it.value();
                fields = it.key();
            }
        const double score = mostCommon + 0.001 * double(fields);
        if (score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

CsvImporter::Preview CsvImporter::preview(QByteArrayView data, const CsvMapping& mapping, int maxRows)
{
    Preview p;
    CsvReader reader(data, mapping.delimiter);
    reader.skipLines(mapping.skipLines);
    CsvReader::Row row;
    int widest = 0;
    if (mapping.header && reader.next(&row))
        p.columns = headerNames(row);
    while (p.rows.size() < maxRows && reader.next(&row)) {
        QStringList r;
        for (QByteArrayView f : row.fields)
            r.append(QString::fromUtf8(f.first(std::min<qsizetype>(f.size(), 200))));
        if (!row.error.isEmpty())
            r = QStringList { row.error };
        widest = std::max(widest, int(r.size()));
        p.rows.append(r);
        p.lines.append(row.line);
    }
    for (qsizetype i = p.columns.size(); i < widest; ++i)
        p.columns.append(QString::number(i + 1));
    return p;
}

Status CsvImporter::parse(const QString& path, QByteArrayView data, const ImportOptions& options,
                          ImportSink& sink) const
{
    const QString fileName = QFileInfo(path).fileName();
    if (!options.mapping)
        return usageError(tr("%1: delimited text needs a column mapping (alpr-cli import --mapping MAP.json, or "
                             "the mapping dialog)")
                              .arg(fileName));
    const CsvMapping& mapping = *options.mapping;
    CsvReader reader(data, mapping.delimiter);
    reader.skipLines(mapping.skipLines);
    CsvReader::Row row;
    QStringList header;
    if (mapping.header) {
        if (!reader.next(&row))
            return badInput(tr("%1: the file is empty (the mapping expects a header row)").arg(fileName));
        if (!row.error.isEmpty())
            return badInput(tr("%1: line %2: the header row is broken: %3").arg(fileName).arg(row.line).arg(row.error));
        header = headerNames(row);
    }
    Plan plan;
    plan.nowMs = options.nowMs;
    if (Status s = makePlan(mapping, header, path, &plan); !s)
        return s;
    RowConverter converter(plan, sink);
    qint64 rows = 0;
    while (reader.next(&row)) {
        if ((++rows & 255) == 0) {
            if (sink.cancelled())
                return {};
            sink.progress(reader.position());
        }
        if (!row.error.isEmpty()) {
            sink.reject(row.line, row.error);
            continue;
        }
        ParsedRead pr;
        if (std::optional<QString> reason = converter.convert(row, pr)) {
            sink.reject(row.line, *reason);
            continue;
        }
        if (!sink.accept(std::move(pr)))
            return {};
    }
    sink.progress(data.size());
    return {};
}

} // namespace alpr

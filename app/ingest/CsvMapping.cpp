#include "CsvMapping.h"

#include "AtomicFile.h"
#include "TimeFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CsvMapping", text);
}

constexpr qsizetype kMaxMappingBytes = 1 << 20;

Error bad(const QString& file, const QString& field, const QString& reason)
{
    const QString where = file.isEmpty() ? field : (field.isEmpty() ? file : file + QStringLiteral(": ") + field);
    return badInput(tr("%1: %2").arg(where, reason));
}

} // namespace

QString CsvMapping::Column::describe() const
{
    return index > 0 ? tr("column %1").arg(index) : tr("column '%1'").arg(name);
}

QList<CsvMapping::Field> CsvMapping::allFields()
{
    return { Field::Plate,      Field::Time,       Field::Latitude,   Field::Longitude,     Field::Camera,
             Field::State,      Field::Heading,    Field::Make,       Field::Model,         Field::Colour,
             Field::Confidence, Field::Candidates, Field::PlateImage, Field::OverviewImage, Field::RecordId };
}

QString CsvMapping::key(Field field)
{
    switch (field) {
    case Field::Plate:
        return QStringLiteral("plate");
    case Field::Time:
        return QStringLiteral("time");
    case Field::Latitude:
        return QStringLiteral("latitude");
    case Field::Longitude:
        return QStringLiteral("longitude");
    case Field::Camera:
        return QStringLiteral("camera");
    case Field::State:
        return QStringLiteral("state");
    case Field::Heading:
        return QStringLiteral("heading");
    case Field::Make:
        return QStringLiteral("make");
    case Field::Model:
        return QStringLiteral("model");
    case Field::Colour:
        return QStringLiteral("colour");
    case Field::Confidence:
        return QStringLiteral("confidence");
    case Field::Candidates:
        return QStringLiteral("candidates");
    case Field::PlateImage:
        return QStringLiteral("plateImage");
    case Field::OverviewImage:
        return QStringLiteral("overviewImage");
    case Field::RecordId:
        return QStringLiteral("recordId");
    }
    return {};
}

QString CsvMapping::label(Field field)
{
    switch (field) {
    case Field::Plate:
        return tr("Plate");
    case Field::Time:
        return tr("Time");
    case Field::Latitude:
        return tr("Latitude");
    case Field::Longitude:
        return tr("Longitude");
    case Field::Camera:
        return tr("Camera");
    case Field::State:
        return tr("State");
    case Field::Heading:
        return tr("Heading");
    case Field::Make:
        return tr("Make");
    case Field::Model:
        return tr("Model");
    case Field::Colour:
        return tr("Colour");
    case Field::Confidence:
        return tr("Confidence");
    case Field::Candidates:
        return tr("OCR candidates");
    case Field::PlateImage:
        return tr("Plate image");
    case Field::OverviewImage:
        return tr("Overview image");
    case Field::RecordId:
        return tr("Record id");
    }
    return {};
}

QString CsvMapping::ambiguousKey(Ambiguous a)
{
    switch (a) {
    case Ambiguous::Reject:
        return QStringLiteral("reject");
    case Ambiguous::Earlier:
        return QStringLiteral("earlier");
    case Ambiguous::Later:
        return QStringLiteral("later");
    }
    return {};
}

Result<CsvMapping> CsvMapping::fromJson(const QByteArray& json, const QString& fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return bad(fileName, {}, tr("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return bad(fileName, {}, tr("a mapping is a JSON object"));
    const QJsonObject o = doc.object();
    static const QSet<QString> kKeys
        = { QStringLiteral("version"),     QStringLiteral("delimiter"), QStringLiteral("header"),
            QStringLiteral("skipLines"),   QStringLiteral("columns"),   QStringLiteral("time"),
            QStringLiteral("fixedCamera"), QStringLiteral("format") };
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!kKeys.contains(it.key()))
            return bad(fileName, it.key(),
                       tr("unknown key (known: version, delimiter, header, skipLines, columns, "
                          "time, fixedCamera)"));
    CsvMapping m;
    if (o.contains(QStringLiteral("version")) && o.value(QStringLiteral("version")).toInt(-1) != 1)
        return bad(fileName, QStringLiteral("version"), tr("only version 1 is known"));
    if (o.contains(QStringLiteral("format")) && o.value(QStringLiteral("format")).toString() != QLatin1String("csv"))
        return bad(fileName, QStringLiteral("format"), tr("must be \"csv\""));
    if (o.contains(QStringLiteral("delimiter"))) {
        const QString d = o.value(QStringLiteral("delimiter")).toString();
        if (d == QLatin1String("tab") || d == QLatin1String("\t"))
            m.delimiter = '\t';
        else if (d.size() == 1 && d.at(0).unicode() > 32 && d.at(0).unicode() < 127 && d != QLatin1String("\"")
                 && !d.at(0).isLetterOrNumber())
            m.delimiter = char(d.at(0).unicode());
        else
            return bad(fileName, QStringLiteral("delimiter"),
                       tr("must be one punctuation character such as \",\", \"|\", \";\", or \"tab\""));
    }
    if (o.contains(QStringLiteral("header"))) {
        if (!o.value(QStringLiteral("header")).isBool())
            return bad(fileName, QStringLiteral("header"), tr("must be true or false"));
        m.header = o.value(QStringLiteral("header")).toBool();
    }
    if (o.contains(QStringLiteral("skipLines"))) {
        const int n = o.value(QStringLiteral("skipLines")).toInt(-1);
        if (n < 0 || n > 1000)
            return bad(fileName, QStringLiteral("skipLines"), tr("must be a whole number from 0 to 1000"));
        m.skipLines = n;
    }
    if (o.contains(QStringLiteral("fixedCamera"))) {
        if (!o.value(QStringLiteral("fixedCamera")).isString())
            return bad(fileName, QStringLiteral("fixedCamera"), tr("must be a camera name"));
        m.fixedCamera = o.value(QStringLiteral("fixedCamera")).toString().trimmed();
    }
    const QJsonValue columns = o.value(QStringLiteral("columns"));
    if (!columns.isObject())
        return bad(fileName, QStringLiteral("columns"), tr("missing; it names the column of each field"));
    const QJsonObject c = columns.toObject();
    for (auto it = c.begin(); it != c.end(); ++it) {
        const QString field = QStringLiteral("columns.") + it.key();
        std::optional<Field> which;
        for (Field f : allFields())
            if (key(f) == it.key())
                which = f;
        if (!which) {
            QStringList known;
            for (Field f : allFields())
                known.append(key(f));
            return bad(fileName, field, tr("unknown field (known: %1)").arg(known.join(QStringLiteral(", "))));
        }
        Column col;
        if (it.value().isString()) {
            col.name = it.value().toString().trimmed();
            if (col.name.isEmpty())
                return bad(fileName, field, tr("empty column name"));
        } else if (it.value().isDouble()) {
            const double v = it.value().toDouble();
            if (v < 1 || v > 10000 || v != double(int(v)))
                return bad(fileName, field, tr("a column position is a whole number from 1"));
            col.index = int(v);
        } else {
            return bad(fileName, field, tr("must be a header name (text) or a 1-based column position"));
        }
        m.columns.insert(*which, col);
    }
    const QJsonValue time = o.value(QStringLiteral("time"));
    if (!time.isUndefined()) {
        if (!time.isObject())
            return bad(fileName, QStringLiteral("time"), tr("must be an object with format, zone and ambiguous"));
        const QJsonObject t = time.toObject();
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (it.key() != QLatin1String("format") && it.key() != QLatin1String("zone")
                && it.key() != QLatin1String("ambiguous"))
                return bad(fileName, QStringLiteral("time.") + it.key(),
                           tr("unknown key (known: format, zone, "
                              "ambiguous)"));
            if (!it.value().isString())
                return bad(fileName, QStringLiteral("time.") + it.key(), tr("must be text"));
        }
        if (t.contains(QStringLiteral("format")))
            m.timeFormat = t.value(QStringLiteral("format")).toString();
        m.timeZone = t.value(QStringLiteral("zone")).toString().trimmed();
        const QString a = t.value(QStringLiteral("ambiguous")).toString(QStringLiteral("reject"));
        if (a == QLatin1String("reject"))
            m.ambiguous = Ambiguous::Reject;
        else if (a == QLatin1String("earlier"))
            m.ambiguous = Ambiguous::Earlier;
        else if (a == QLatin1String("later"))
            m.ambiguous = Ambiguous::Later;
        else
            return bad(fileName, QStringLiteral("time.ambiguous"), tr("must be reject, earlier or later"));
    }
    if (Status s = m.validate(fileName); !s)
        return s.error();
    return m;
}

Result<CsvMapping> CsvMapping::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return badInput(tr("%1: cannot read the mapping file: %2").arg(path, f.errorString()));
    if (f.size() > kMaxMappingBytes)
        return badInput(tr("%1: too large for a mapping file").arg(path));
    return fromJson(f.readAll(), QFileInfo(path).fileName());
}

QByteArray CsvMapping::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("format"), QStringLiteral("csv"));
    o.insert(QStringLiteral("delimiter"), delimiter == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(delimiter)));
    o.insert(QStringLiteral("header"), header);
    o.insert(QStringLiteral("skipLines"), skipLines);
    QJsonObject c;
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        if (!it.value().isSet())
            continue;
        c.insert(key(it.key()), it.value().index > 0 ? QJsonValue(it.value().index) : QJsonValue(it.value().name));
    }
    o.insert(QStringLiteral("columns"), c);
    QJsonObject t;
    t.insert(QStringLiteral("format"), timeFormat);
    if (!timeZone.isEmpty())
        t.insert(QStringLiteral("zone"), timeZone);
    t.insert(QStringLiteral("ambiguous"), ambiguousKey(ambiguous));
    o.insert(QStringLiteral("time"), t);
    if (!fixedCamera.isEmpty())
        o.insert(QStringLiteral("fixedCamera"), fixedCamera);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Status CsvMapping::save(const QString& path) const
{
    return writeFileAtomically(path, toJson(), tr("mapping file"), false);
}

Status CsvMapping::validate(const QString& fileName) const
{
    if (!columns.value(Field::Plate).isSet())
        return bad(fileName, QStringLiteral("columns.plate"), tr("required: which column holds the plate"));
    if (!columns.value(Field::Time).isSet())
        return bad(fileName, QStringLiteral("columns.time"), tr("required: which column holds the time"));
    if (columns.value(Field::Latitude).isSet() != columns.value(Field::Longitude).isSet())
        return bad(fileName, QStringLiteral("columns.latitude/longitude"), tr("map both or neither"));
    if (!header) {
        for (auto it = columns.begin(); it != columns.end(); ++it)
            if (it.value().isSet() && it.value().index == 0)
                return bad(fileName, QStringLiteral("columns.") + key(it.key()),
                           tr("the file has no header row, so name columns by position (1, 2, ...)"));
    }
    auto format = TimeFormat::fromSpec(timeFormat);
    if (!format)
        return bad(fileName, QStringLiteral("time.format"), format.error().message);
    if (!timeZone.isEmpty()) {
        const QTimeZone zone = timeZone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(timeZone.toUtf8());
        if (!zone.isValid())
            return bad(fileName, QStringLiteral("time.zone"),
                       tr("'%1' is not a known time zone (use an IANA name such as America/Los_Angeles, or UTC, or "
                          "UTC+hh:mm)")
                           .arg(timeZone));
    } else if (!format->alwaysAbsolute() && format->kind() == TimeFormat::Kind::Pattern) {
        return bad(fileName, QStringLiteral("time.zone"),
                   tr("required: times written as '%1' carry no zone, so say which zone they are local to "
                      "(e.g. America/Los_Angeles)")
                       .arg(timeFormat));
    }
    return {};
}

} // namespace alpr

#include "ReadRow.h"

#include <QSqlQuery>
#include <QVariant>

namespace alpr {

QString formatCandidates(const QList<PlateCandidate>& candidates)
{
    QString out;
    for (const PlateCandidate& c : candidates) {
        if (!out.isEmpty())
            out += u';';
        out += c.plate + u':' + QString::number(double(c.confidence), 'f', 1);
    }
    return out;
}

QList<PlateCandidate> parseCandidates(const QString& text)
{
    QList<PlateCandidate> out;
    if (text.isEmpty())
        return out;
    const auto parts = QStringView(text).split(u';', Qt::SkipEmptyParts);
    for (QStringView part : parts) {
        const qsizetype colon = part.lastIndexOf(u':');
        PlateCandidate c;
        c.plate = (colon < 0 ? part : part.left(colon)).toString();
        c.confidence = colon < 0 ? 0.0f : part.mid(colon + 1).toFloat();
        out.append(c);
    }
    return out;
}

Read readFromRow(const QSqlQuery& q)
{
    Read r;
    r.id = q.value(0).toLongLong();
    r.plate = q.value(1).toString();
    r.state = q.value(2).toString();
    r.timeMs = q.value(3).toLongLong();
    r.lat = q.value(4).toDouble();
    r.lon = q.value(5).toDouble();
    r.heading = q.value(6).isNull() ? -1.0f : q.value(6).toFloat();
    r.cameraId = q.value(7).toLongLong();
    r.confidence = q.value(8).toFloat();
    r.candidates = parseCandidates(q.value(9).toString());
    r.make = q.value(10).toString();
    r.model = q.value(11).toString();
    r.colour = q.value(12).toString();
    r.sourceFile = q.value(13).toString();
    r.sourceId = q.value(14).toString();
    r.hasImages = q.value(15).toBool(); // an integer in SQLite, a boolean in PostgreSQL
    return r;
}

} // namespace alpr

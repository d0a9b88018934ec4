#pragma once
// Helpers shared by the import tests: a sink that keeps everything, fixture writers.

#include "ImportSink.h"
#include "Importer.h"

#include <QBuffer>
#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QList>
#include <QMap>
#include <QPainter>
#include <QString>
#include <catch2/catch_test_macros.hpp>
#include <string>

namespace alpr::test {

inline std::string str(const QString& s)
{
    return s.toStdString();
}

struct Rejected
{
    qint64 line;
    QString reason;
};

/** Keeps every read, rejection, skip and warning an importer reports. */
class CollectingSink final : public ImportSink
{
public:
    QList<ParsedRead> reads;
    QList<Rejected> rejected;
    QMap<QString, qint64> skipped;
    QMap<QString, qint64> warnings;
    qint64 lastProgress = 0;
    qint64 stopAfter = -1;

    bool accept(ParsedRead&& read) override
    {
        reads.append(std::move(read));
        return stopAfter < 0 || reads.size() < stopAfter;
    }
    void reject(qint64 line, const QString& reason) override { rejected.append({ line, reason }); }
    void skip(const QString& why) override { ++skipped[why]; }
    void warn(const QString& message) override { ++warnings[message]; }
    void progress(qint64 bytes) override { lastProgress = bytes; }
    bool cancelled() const override { return stopAfter >= 0 && reads.size() >= stopAfter; }

    QString reasons() const
    {
        QString out;
        for (const Rejected& r : rejected)
            out += QStringLiteral("line %1: %2\n").arg(r.line).arg(r.reason);
        return out;
    }
};

inline void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(data) == data.size());
}

/** A small real image in the given format ("JPEG", "PNG"). */
inline QByteArray imageBytes(const char* format, QColor colour = Qt::darkBlue)
{
    QImage image(40, 20, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.fillRect(5, 5, 10, 10, Qt::yellow);
    p.end();
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&b, format));
    return out;
}

} // namespace alpr::test

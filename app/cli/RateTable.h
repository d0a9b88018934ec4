#pragma once

#include <QJsonObject>
#include <QString>
#include <QTextStream>

namespace alpr {

/** The table of the throughput benches (ingest, transfer): "what | reads/s | s" in aligned columns. */
class RateTable
{
public:
    RateTable(QTextStream& out, int labelWidth)
        : m_out(out)
        , m_width(labelWidth)
    {
    }

    void header(const QString& title, const QString& rateUnit, const QString& secondsUnit)
    {
        m_out << QStringLiteral("%1 %2 %3\n").arg(title, -m_width).arg(rateUnit, 12).arg(secondsUnit, 9);
    }

    /** A rate of 0 leaves its column empty (a phase of a whole, timed but not a throughput of its own). */
    void row(const QString& what, double perSecond, double seconds)
    {
        m_out << QStringLiteral("%1 %2 %3\n")
                     .arg(what, -m_width)
                     .arg(perSecond > 0 ? QString::number(perSecond, 'f', 0) : QString(), 12)
                     .arg(QString::number(seconds, 'f', 2), 9);
    }

    /** The fields every throughput bench's JSON ends with: the baseline beside ours, the ratio and the goal. */
    static void addComparison(QJsonObject& o, double ours, double baselinePerSecond, double baselineSeconds,
                              double target)
    {
        o.insert(QStringLiteral("baseline_reads_per_s"), baselinePerSecond);
        o.insert(QStringLiteral("baseline_s"), baselineSeconds);
        o.insert(QStringLiteral("speedup_vs_baseline"), baselinePerSecond > 0 ? ours / baselinePerSecond : 0);
        o.insert(QStringLiteral("target_reads_per_s"), target);
    }

private:
    QTextStream& m_out;
    int m_width;
};

} // namespace alpr

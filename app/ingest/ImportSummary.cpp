#include "ImportSummary.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImportSummary", text);
}

QByteArray csvField(const QString& s)
{
    QByteArray b = s.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r')) {
        b.replace("\"", "\"\"");
        b = '"' + b + '"';
    }
    return b;
}
} // namespace

qint64 ImportSummary::parsed() const
{
    qint64 n = 0;
    for (const auto& f : files)
        n += f.parsed;
    return n;
}

qint64 ImportSummary::inserted() const
{
    qint64 n = 0;
    for (const auto& f : files)
        n += f.inserted;
    return n;
}

qint64 ImportSummary::alreadyPresent() const
{
    qint64 n = 0;
    for (const auto& f : files)
        n += f.alreadyPresent;
    return n;
}

qint64 ImportSummary::rejected() const
{
    qint64 n = 0;
    for (const auto& f : files)
        n += f.rejected;
    return n;
}

bool ImportSummary::hasFileErrors() const
{
    for (const auto& f : files)
        if (!f.error.isEmpty())
            return true;
    return false;
}

QList<ImportIssue> ImportSummary::issues() const
{
    QList<ImportIssue> out;
    for (const auto& f : files) {
        if (!f.error.isEmpty())
            out.append({ f.path, 0, f.error });
        out.append(f.issues);
    }
    return out;
}

QByteArray ImportSummary::issuesCsv() const
{
    QByteArray out = "file,line,reason\n";
    for (const ImportIssue& i : issues())
        out += csvField(i.file) + ',' + QByteArray::number(i.line) + ',' + csvField(i.reason) + '\n';
    return out;
}

QStringList ImportSummary::describe(int maxIssues) const
{
    QStringList lines;
    for (const auto& f : files) {
        const QString name = QFileInfo(f.path).fileName();
        if (!f.error.isEmpty()) {
            lines.append(tr("%1: %2").arg(name, f.error));
            continue;
        }
        lines.append(tr("%1 (%2): %3 reads found, %4 imported, %5 already present, %6 rejected")
                         .arg(name, f.format)
                         .arg(f.parsed)
                         .arg(f.inserted)
                         .arg(f.alreadyPresent)
                         .arg(f.rejected));
        for (auto it = f.skipped.begin(); it != f.skipped.end(); ++it)
            lines.append(tr("  skipped: %1 %2").arg(it.value()).arg(it.key()));
        for (auto it = f.warnings.begin(); it != f.warnings.end(); ++it)
            lines.append(tr("  note: %1 (%2 rows)").arg(it.key()).arg(it.value()));
    }
    if (maxIssues <= 0)
        return lines;
    int shown = 0;
    for (const ImportIssue& i : issues()) {
        if (i.line <= 0)
            continue; // a whole-file error is on its file's line above
        if (shown == maxIssues) {
            lines.append(tr("… and %1 more rejected rows").arg(rejected() - shown));
            break;
        }
        ++shown;
        lines.append(tr("%1, line %2: %3").arg(QFileInfo(i.file).fileName()).arg(i.line).arg(i.reason));
    }
    return lines;
}

} // namespace alpr

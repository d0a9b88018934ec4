#include "ImporterRegistry.h"

#include "CsvImporter.h"
#include "OpenAlprImporter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImporterRegistry", text);
}
constexpr int kMinScore = 50;
} // namespace

ImporterRegistry::ImporterRegistry() = default;
ImporterRegistry::~ImporterRegistry() = default;
ImporterRegistry::ImporterRegistry(ImporterRegistry&&) noexcept = default;
ImporterRegistry& ImporterRegistry::operator=(ImporterRegistry&&) noexcept = default;

ImporterRegistry ImporterRegistry::standard()
{
    ImporterRegistry r;
    r.add(std::make_unique<OpenAlprImporter>());
    r.add(std::make_unique<CsvImporter>());
    return r;
}

void ImporterRegistry::add(std::unique_ptr<Importer> importer)
{
    m_importers.push_back(std::move(importer));
}

const Importer* ImporterRegistry::byName(const QString& name) const
{
    for (const auto& i : m_importers)
        if (i->name().compare(name, Qt::CaseInsensitive) == 0)
            return i.get();
    return nullptr;
}

QList<const Importer*> ImporterRegistry::importers() const
{
    QList<const Importer*> out;
    for (const auto& i : m_importers)
        out.append(i.get());
    return out;
}

QStringList ImporterRegistry::names() const
{
    QStringList out;
    for (const auto& i : m_importers)
        out.append(i->name());
    return out;
}

const Importer* ImporterRegistry::sniff(QByteArrayView head, const QString& fileName) const
{
    const Importer* best = nullptr;
    int bestScore = kMinScore - 1;
    for (const auto& i : m_importers) {
        const int score = i->sniff(head, fileName);
        if (score > bestScore) {
            bestScore = score;
            best = i.get();
        }
    }
    return best;
}

Result<const Importer*> ImporterRegistry::sniff(const QString& path) const
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return badInput(tr("%1: cannot read: %2").arg(path, f.errorString()));
    const QByteArray head = f.read(64 * 1024);
    if (const Importer* i = sniff(head, QFileInfo(path).fileName()))
        return i;
    return badInput(tr("%1: not a format this workstation can import (tried: %2); name it with --format")
                        .arg(path, names().join(QStringLiteral(", "))));
}

} // namespace alpr

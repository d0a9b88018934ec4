#pragma once

#include "Importer.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace alpr {

/**
 * The importers a run may use, found by name (--format) or by sniffing a file's first bytes. The composition root
 * builds one with standard() and hands it to the import dialog and alpr-cli; nothing names a concrete importer.
 */
class ImporterRegistry
{
public:
    ImporterRegistry();
    ~ImporterRegistry();
    ImporterRegistry(ImporterRegistry&&) noexcept;
    ImporterRegistry& operator=(ImporterRegistry&&) noexcept;

    /** OpenALPR JSON and delimited text. */
    static ImporterRegistry standard();

    void add(std::unique_ptr<Importer> importer);
    const Importer* byName(const QString& name) const;
    QList<const Importer*> importers() const;
    QStringList names() const;
    /**
     * The importer most sure of the file (a score of at least 50 out of 100), or an error naming the file and the
     * formats tried. Reads only the first 64 KB.
     */
    Result<const Importer*> sniff(const QString& path) const;
    /** The same on bytes already read. */
    const Importer* sniff(QByteArrayView head, const QString& fileName) const;

private:
    std::vector<std::unique_ptr<Importer>> m_importers;
};

} // namespace alpr

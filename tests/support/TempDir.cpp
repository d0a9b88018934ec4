#include "TempDir.h"

namespace alpr::test {

TempDir::TempDir()
{
    m_dir.setAutoRemove(true);
}

QString TempDir::path(const QString& name) const
{
    return m_dir.filePath(name);
}

} // namespace alpr::test

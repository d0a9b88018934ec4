#pragma once

#include <QString>
#include <QTemporaryDir>

namespace alpr::test {

/** A fresh temporary directory per test, removed afterwards. */
class TempDir
{
public:
    TempDir();
    QString path(const QString& name) const;
    QString root() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace alpr::test

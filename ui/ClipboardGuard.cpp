#include "ClipboardGuard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace alpr {

void ClipboardGuard::copy(const QString& text)
{
    m_copied = text;
    QGuiApplication::clipboard()->setText(text);
}

bool ClipboardGuard::clearIfOurs()
{
    if (m_copied.isEmpty())
        return false;
    QClipboard* clipboard = QGuiApplication::clipboard();
    const bool ours = clipboard->text() == m_copied;
    if (ours)
        clipboard->clear();
    m_copied.clear();
    return ours;
}

} // namespace alpr

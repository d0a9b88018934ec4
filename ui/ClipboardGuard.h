#pragma once

#include <QString>

namespace alpr {

/**
 * Copies plate text to the clipboard and remembers it, so that locking the session can clear the clipboard if it
 * still holds what we put there (and leave it alone if the user has since copied something else).
 */
class ClipboardGuard
{
public:
    void copy(const QString& text);
    /** Clears the clipboard if it still holds our text; returns true if it did. */
    bool clearIfOurs();

private:
    QString m_copied;
};

} // namespace alpr

#pragma once

#include "Read.h"
#include "ReadImageSource.h"

#include <QWidget>

class QCheckBox;

namespace alpr {

class ReadImagePane;

/**
 * Two reads one above the other — overview and plate crop of each — for telling a plate from a look-alike or a
 * misread. With "Zoom together" on, zooming or panning one plate crop (or overview) shows the same part of its
 * counterpart at the same factor.
 * Shows images already fetched (and audited) by the viewer; it fetches nothing itself.
 */
class CompareView : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    void setReads(const Read& first, const QString& firstCamera, const ReadImages& firstImages, const Read& second,
                  const QString& secondCamera, const ReadImages& secondImages);
    ReadImagePane* first() const { return m_first; }
    ReadImagePane* second() const { return m_second; }
    bool zoomTogether() const;

private:
    void link(int target);

    ReadImagePane* m_first = nullptr;
    ReadImagePane* m_second = nullptr;
    QCheckBox* m_together = nullptr;
    bool m_syncing = false;
};

} // namespace alpr

#include "CompareView.h"

#include "ImageCanvas.h"
#include "ReadImagePane.h"

#include <QCheckBox>
#include <QFrame>
#include <QVBoxLayout>

namespace alpr {

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_together = new QCheckBox(tr("Zoom together"), this);
    m_together->setObjectName(QStringLiteral("zoomTogetherCheck"));
    m_together->setChecked(true);
    layout->addWidget(m_together);
    m_first = new ReadImagePane(this);
    m_first->setObjectName(QStringLiteral("firstPane"));
    m_second = new ReadImagePane(this);
    m_second->setObjectName(QStringLiteral("secondPane"));
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(m_first, 1);
    layout->addWidget(line);
    layout->addWidget(m_second, 1);
    link(ReadImagePane::Overview);
    link(ReadImagePane::Plate);
}

bool CompareView::zoomTogether() const
{
    return m_together->isChecked();
}

void CompareView::link(int target)
{
    const auto t = ReadImagePane::Target(target);
    ImageCanvas* a = m_first->canvas(t);
    ImageCanvas* b = m_second->canvas(t);
    auto follow = [this](ImageCanvas* from, ImageCanvas* to) {
        if (m_syncing || !m_together->isChecked())
            return;
        m_syncing = true;
        to->setView(from->zoom(), from->offset(), from->isFitted());
        m_syncing = false;
    };
    connect(a, &ImageCanvas::viewChanged, this, [a, b, follow] { follow(a, b); });
    connect(b, &ImageCanvas::viewChanged, this, [a, b, follow] { follow(b, a); });
}

void CompareView::setReads(const Read& first, const QString& firstCamera, const ReadImages& firstImages,
                           const Read& second, const QString& secondCamera, const ReadImages& secondImages)
{
    m_first->setRead(first, firstCamera, firstImages);
    m_second->setRead(second, secondCamera, secondImages);
}

} // namespace alpr

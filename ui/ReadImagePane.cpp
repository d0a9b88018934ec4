#include "ReadImagePane.h"

#include "ImageCanvas.h"
#include "ReadSearchModel.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace alpr {

ReadImagePane::ReadImagePane(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("readTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    auto column = [&](QLabel*& caption, ImageCanvas*& canvas, const QString& name) {
        auto* box = new QWidget(splitter);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        caption = new QLabel(box);
        caption->setObjectName(name + QStringLiteral("Caption"));
        canvas = new ImageCanvas(box);
        canvas->setObjectName(name + QStringLiteral("Canvas"));
        v->addWidget(caption);
        v->addWidget(canvas, 1);
        splitter->addWidget(box);
    };
    column(m_overviewCaption, m_overview, QStringLiteral("overview"));
    column(m_plateCaption, m_plate, QStringLiteral("plate"));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    clear(tr("Select a read in a results table to see its images."));
}

QString ReadImagePane::targetName(Target target)
{
    return target == Overview ? tr("overview image") : tr("plate crop");
}

void ReadImagePane::setRead(const Read& read, const QString& cameraName, const ReadImages& images)
{
    m_read = read;
    m_cameraName = cameraName;
    m_images = images;
    m_enhanced[0] = m_enhanced[1] = false;
    const QString camera = cameraName.isEmpty() ? tr("camera #%1").arg(read.cameraId) : cameraName;
    m_title->setText(tr("<b style='font-size:13pt; font-family:\"DejaVu Sans Mono\"'>%1</b>&nbsp;&nbsp;%2 · %3 · "
                        "read %4")
                         .arg(read.plate.toHtmlEscaped(), ReadSearchModel::localTime(read.timeMs),
                              camera.toHtmlEscaped())
                         .arg(read.id));
    m_overview->setPlaceholder(tr("No overview image is stored."));
    m_plate->setPlaceholder(tr("No plate crop is stored."));
    m_overview->setImage(images.overview);
    m_plate->setImage(images.plate);
    updateCaptions();
}

void ReadImagePane::clear(const QString& message)
{
    m_read = Read {};
    m_cameraName.clear();
    m_images = ReadImages {};
    m_enhanced[0] = m_enhanced[1] = false;
    m_title->setText(message);
    m_overview->setPlaceholder(QString());
    m_plate->setPlaceholder(QString());
    m_overview->setImage({});
    m_plate->setImage({});
    m_overview->setQuad({});
    m_plate->setQuad({});
    updateCaptions();
}

void ReadImagePane::showImage(Target target, const QImage& image, bool enhanced, bool keepView)
{
    m_enhanced[target] = enhanced;
    canvas(target)->setImage(image, keepView);
    updateCaptions();
}

void ReadImagePane::updateCaptions()
{
    auto text = [&](Target t) {
        const QString name = t == Overview ? tr("Overview") : tr("Plate crop");
        if (!hasRead())
            return name;
        return m_enhanced[t] ? tr("%1 — enhanced (the stored original is unchanged)").arg(name)
                             : tr("%1 — original").arg(name);
    };
    m_overviewCaption->setText(text(Overview));
    m_plateCaption->setText(text(Plate));
}

} // namespace alpr

#include "ReadDetailsDialog.h"

#include "ReadImageSource.h"

#include "AuditLog.h"
#include "ImageViewer.h"
#include "ReadSearchModel.h"
#include "Session.h"
#include "Store.h"
#include "ui_ReadDetailsDialog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QPushButton>
#include <cmath>

namespace alpr {

namespace {

QString compass(float degrees)
{
    static const char* const kPoints[]
        = { QT_TRANSLATE_NOOP("ReadDetailsDialog", "north"), QT_TRANSLATE_NOOP("ReadDetailsDialog", "north-east"),
            QT_TRANSLATE_NOOP("ReadDetailsDialog", "east"),  QT_TRANSLATE_NOOP("ReadDetailsDialog", "south-east"),
            QT_TRANSLATE_NOOP("ReadDetailsDialog", "south"), QT_TRANSLATE_NOOP("ReadDetailsDialog", "south-west"),
            QT_TRANSLATE_NOOP("ReadDetailsDialog", "west"),  QT_TRANSLATE_NOOP("ReadDetailsDialog", "north-west") };
    const int sector = int(std::lround(degrees / 45.0)) % 8;
    return QCoreApplication::translate("ReadDetailsDialog", kPoints[sector]);
}

QString orDash(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

ReadDetailsDialog::ReadDetailsDialog(Session& session, const Read& read, const QString& cameraName, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ReadDetailsDialog>())
    , m_session(session)
    , m_read(read)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillFields(cameraName);
    loadImages();
    // Zoom, enhancement, evidence export: the image viewer, in a window of its own for this read.
    if (showsImages()) {
        m_cameraName = cameraName;
        QPushButton* inspect = m_ui->buttonBox->addButton(tr("Inspect and enhance…"), QDialogButtonBox::ActionRole);
        inspect->setObjectName(QStringLiteral("inspectImagesButton"));
        connect(inspect, &QPushButton::clicked, this, &ReadDetailsDialog::openViewer);
    }
}

void ReadDetailsDialog::openViewer()
{
    auto* viewer = new ImageViewer(m_session, this);
    viewer->setWindowFlag(Qt::Window);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setWindowTitle(windowTitle());
    viewer->resize(1200, 760);
    viewer->show();
    viewer->showRead(m_read, m_cameraName);
}

ReadDetailsDialog::~ReadDetailsDialog() = default;

void ReadDetailsDialog::fillFields(const QString& cameraName)
{
    const Read& r = m_read;
    const auto& activeCase = m_session.activeCase();
    setWindowTitle(activeCase ? tr("Read %1 — %2").arg(r.id).arg(activeCase->title()) : tr("Read %1").arg(r.id));
    m_ui->titleLabel->setText(r.state.isEmpty() ? r.plate : tr("%1 (%2)").arg(r.plate, r.state));
    m_ui->caseLabel->setText(activeCase ? tr("Shown for %1.").arg(activeCase->title()) : QString());

    m_ui->timeValue->setText(ReadSearchModel::localTime(r.timeMs));
    m_ui->utcValue->setText(QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs));
    QFont plateFont(QStringLiteral("DejaVu Sans Mono"));
    plateFont.setBold(true);
    m_ui->plateValue->setFont(plateFont);
    m_ui->plateValue->setText(r.plate);
    m_ui->stateValue->setText(r.state.isEmpty() ? tr("unknown") : r.state);
    m_ui->confidenceValue->setText(QLocale().toString(double(r.confidence), 'f', 1));
    m_ui->cameraValue->setText(cameraName.isEmpty() ? tr("camera #%1").arg(r.cameraId) : cameraName);
    m_ui->locationValue->setText(QStringLiteral("%1, %2").arg(r.lat, 0, 'f', 6).arg(r.lon, 0, 'f', 6));
    m_ui->headingValue->setText(r.heading < 0 ? tr("unknown")
                                              : tr("%1° (%2)").arg(qRound(r.heading)).arg(compass(r.heading)));
    m_ui->vehicleValue->setText(orDash(QStringList { r.colour, r.make, r.model }.join(u' ').simplified()));
    m_ui->sourceValue->setText(r.sourceFile.isEmpty() ? QStringLiteral("—")
                                                      : tr("%1, record %2").arg(r.sourceFile, orDash(r.sourceId)));
    m_ui->idValue->setText(QString::number(r.id));

    QTableWidget* table = m_ui->candidatesTable;
    table->setRowCount(int(r.candidates.size()) + 1);
    auto put = [&](int row, const QString& plate, float confidence, const QString& note) {
        auto* plateItem = new QTableWidgetItem(note.isEmpty() ? plate : tr("%1  (%2)").arg(plate, note));
        plateItem->setFont(plateFont);
        table->setItem(row, 0, plateItem);
        auto* confidenceItem = new QTableWidgetItem(QLocale().toString(double(confidence), 'f', 1));
        confidenceItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, 1, confidenceItem);
    };
    put(0, r.plate, r.confidence, tr("read"));
    for (qsizetype i = 0; i < r.candidates.size(); ++i)
        put(int(i) + 1, r.candidates.at(i).plate, r.candidates.at(i).confidence, QString());
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnToContents(0);
    // As tall as its rows and no taller: the images get the room.
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < table->rowCount(); ++row)
        height += table->rowHeight(row);
    table->setMaximumHeight(height);
    m_ui->fieldsColumn->addStretch(1);
}

void ReadDetailsDialog::loadImages()
{
    auto showStatus = [this](const QString& text) {
        m_ui->imageStatusLabel->setText(text);
        m_ui->overviewImage->setVisible(false);
        m_ui->plateImage->setVisible(false);
    };
    if (!m_read.hasImages) {
        showStatus(tr("No images are stored for this read."));
        return;
    }
    // The one audited fetch (authorise, read, "image.view" row or nothing shown), shared with the image viewer.
    auto images = ReadImageSource::fetch(m_session, m_read.id, QStringLiteral("read details"));
    if (!images) {
        showStatus(images.error().kind == ErrorKind::BadInput
                       ? tr("No images are stored for this read.")
                       : tr("Images not shown: %1").arg(images.error().message));
        return;
    }
    m_overview = QPixmap::fromImage(images->overview);
    m_plate = QPixmap::fromImage(images->plate);
    if (!showsImages()) {
        showStatus(tr("The stored images could not be decoded."));
        return;
    }
    m_ui->imageStatusLabel->setVisible(false);
    m_ui->overviewImage->setVisible(!m_overview.isNull());
    m_ui->plateImage->setVisible(!m_plate.isNull());
    m_ui->overviewImage->setToolTip(tr("Overview image"));
    m_ui->plateImage->setToolTip(tr("Plate crop"));
    rescaleImages();
}

void ReadDetailsDialog::rescaleImages()
{
    // Scale from the originals each time, so shrinking and growing the window never compounds blur.
    auto fit = [](QLabel* label, const QPixmap& original) {
        if (original.isNull())
            return;
        const QSize room = label->size().boundedTo(original.size() * 4);
        label->setPixmap(original.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    };
    fit(m_ui->overviewImage, m_overview);
    fit(m_ui->plateImage, m_plate);
}

void ReadDetailsDialog::resizeEvent(QResizeEvent* event)
{
    QDialog::resizeEvent(event);
    rescaleImages();
}

void ReadDetailsDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    rescaleImages();
}

} // namespace alpr

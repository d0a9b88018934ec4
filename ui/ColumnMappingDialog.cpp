#include "ColumnMappingDialog.h"

#include "CsvImporter.h"
#include "MappingPreviewModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace alpr {

namespace {

using Field = CsvMapping::Field;
constexpr qsizetype kSampleBytes = 64 * 1024;

/** Header names that usually mean a field, lower case, for the first guess. */
QStringList synonyms(Field f)
{
    switch (f) {
    case Field::Plate:
        return { QStringLiteral("plate"),         QStringLiteral("plate number"), QStringLiteral("license plate"),
                 QStringLiteral("licence plate"), QStringLiteral("tag"),          QStringLiteral("lpr") };
    case Field::Time:
        return { QStringLiteral("time"),      QStringLiteral("timestamp"), QStringLiteral("date/time"),
                 QStringLiteral("datetime"),  QStringLiteral("date time"), QStringLiteral("seen"),
                 QStringLiteral("read time"), QStringLiteral("captured") };
    case Field::Latitude:
        return { QStringLiteral("lat"), QStringLiteral("latitude"), QStringLiteral("gps_latitude") };
    case Field::Longitude:
        return { QStringLiteral("lon"), QStringLiteral("lng"), QStringLiteral("long"), QStringLiteral("longitude"),
                 QStringLiteral("gps_longitude") };
    case Field::Camera:
        return { QStringLiteral("camera"), QStringLiteral("camera name"), QStringLiteral("device"),
                 QStringLiteral("unit"), QStringLiteral("reader") };
    case Field::State:
        return { QStringLiteral("state"), QStringLiteral("plate state"), QStringLiteral("region") };
    case Field::Heading:
        return { QStringLiteral("heading"), QStringLiteral("direction"), QStringLiteral("bearing") };
    case Field::Make:
        return { QStringLiteral("make"), QStringLiteral("vehicle make") };
    case Field::Model:
        return { QStringLiteral("model"), QStringLiteral("vehicle model") };
    case Field::Colour:
        return { QStringLiteral("colour"), QStringLiteral("color"), QStringLiteral("vehicle color") };
    case Field::Confidence:
        return { QStringLiteral("confidence"), QStringLiteral("score") };
    case Field::Candidates:
        return { QStringLiteral("candidates"), QStringLiteral("alternates") };
    case Field::PlateImage:
        return { QStringLiteral("plate image"), QStringLiteral("plate_image"), QStringLiteral("crop"),
                 QStringLiteral("plate crop") };
    case Field::OverviewImage:
        return { QStringLiteral("overview"), QStringLiteral("overview image"), QStringLiteral("image"),
                 QStringLiteral("context image") };
    case Field::RecordId:
        return { QStringLiteral("id"), QStringLiteral("read id"), QStringLiteral("record id"), QStringLiteral("uuid") };
    }
    return {};
}

const char* const kTimeFormats[] = { "iso",
                                     "yyyy-MM-dd HH:mm:ss",
                                     "MM/dd/yyyy hh:mm:ss AP",
                                     "M/d/yyyy h:mm:ss AP",
                                     "M/d/yyyy H:mm",
                                     "dd.MM.yyyy HH:mm:ss",
                                     "epoch_s",
                                     "epoch_ms" };

} // namespace

ColumnMappingDialog::ColumnMappingDialog(const QString& sampleFile, const CsvMapping& mapping, QWidget* parent)
    : QDialog(parent)
    , m_path(sampleFile)
{
    setObjectName(QStringLiteral("columnMappingDialog"));
    setWindowTitle(tr("Column mapping"));
    if (!sampleFile.isEmpty()) {
        QFile f(sampleFile);
        if (f.open(QIODevice::ReadOnly)) {
            m_sample = f.read(kSampleBytes);
            // Whole lines only, so the last previewed row is not a cut one.
            if (!f.atEnd()) {
                const qsizetype nl = m_sample.lastIndexOf('\n');
                if (nl > 0)
                    m_sample.truncate(nl + 1);
            }
        }
    }

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(sampleFile.isEmpty()
                                 ? tr("Say which column holds what. No file to preview.")
                                 : tr("Say which column of <b>%1</b> holds what. The table below shows how its first "
                                      "rows will be read; rows that would be rejected say why.")
                                       .arg(QFileInfo(sampleFile).fileName().toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* top = new QHBoxLayout;
    auto* fileBox = new QGroupBox(tr("File"), this);
    auto* fileForm = new QFormLayout(fileBox);
    m_delimiter = new QComboBox(fileBox);
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    m_delimiter->addItem(tr("Comma ( , )"), int(','));
    m_delimiter->addItem(tr("Pipe ( | )"), int('|'));
    m_delimiter->addItem(tr("Tab"), int('\t'));
    m_delimiter->addItem(tr("Semicolon ( ; )"), int(';'));
    fileForm->addRow(tr("Delimiter:"), m_delimiter);
    m_header = new QCheckBox(tr("First row names the columns"), fileBox);
    m_header->setObjectName(QStringLiteral("headerCheck"));
    fileForm->addRow(QString(), m_header);
    m_skipLines = new QSpinBox(fileBox);
    m_skipLines->setObjectName(QStringLiteral("skipLinesSpin"));
    m_skipLines->setRange(0, 1000);
    fileForm->addRow(tr("Lines to skip first:"), m_skipLines);
    m_fixedCamera = new QLineEdit(fileBox);
    m_fixedCamera->setObjectName(QStringLiteral("fixedCameraEdit"));
    m_fixedCamera->setPlaceholderText(tr("when no column names the camera"));
    fileForm->addRow(tr("Camera for all rows:"), m_fixedCamera);

    auto* timeBox = new QGroupBox(tr("Time"), this);
    auto* timeForm = new QFormLayout(timeBox);
    m_timeFormat = new QComboBox(timeBox);
    m_timeFormat->setObjectName(QStringLiteral("timeFormatCombo"));
    m_timeFormat->setEditable(true);
    for (const char* f : kTimeFormats)
        m_timeFormat->addItem(QString::fromLatin1(f));
    m_timeFormat->setToolTip(tr("iso (2026-03-01T14:00:05, with or without a zone), epoch_s, epoch_ms, or a pattern "
                                "of yyyy MM M dd d HH H hh h mm ss zzz AP"));
    timeForm->addRow(tr("Format:"), m_timeFormat);
    m_zone = new QComboBox(timeBox);
    m_zone->setObjectName(QStringLiteral("zoneCombo"));
    m_zone->setEditable(true);
    m_zone->addItem(QString());
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromLatin1(id));
    m_zone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->lineEdit()->setPlaceholderText(tr("zone of times that name none, e.g. America/Los_Angeles"));
    timeForm->addRow(tr("Zone:"), m_zone);
    m_ambiguous = new QComboBox(timeBox);
    m_ambiguous->setObjectName(QStringLiteral("ambiguousCombo"));
    m_ambiguous->addItem(tr("reject the row"), int(CsvMapping::Ambiguous::Reject));
    m_ambiguous->addItem(tr("take the first (daylight time)"), int(CsvMapping::Ambiguous::Earlier));
    m_ambiguous->addItem(tr("take the second (standard time)"), int(CsvMapping::Ambiguous::Later));
    timeForm->addRow(tr("Hour repeated at DST end:"), m_ambiguous);
    top->addWidget(fileBox);
    top->addWidget(timeBox, 1);
    layout->addLayout(top);

    auto* columnsBox = new QGroupBox(tr("Columns"), this);
    auto* grid = new QGridLayout(columnsBox);
    const QList<Field> fields = CsvMapping::allFields();
    for (int i = 0; i < fields.size(); ++i) {
        const Field f = fields.at(i);
        auto* combo = new QComboBox(columnsBox);
        combo->setObjectName(QStringLiteral("column_") + CsvMapping::key(f));
        combo->setMinimumContentsLength(12);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_columns.insert(f, combo);
        const bool required = f == Field::Plate || f == Field::Time;
        auto* label = new QLabel(required ? tr("<b>%1:</b>").arg(CsvMapping::label(f)) : CsvMapping::label(f) + u':',
                                 columnsBox);
        label->setBuddy(combo);
        const int row = i / 3, col = (i % 3) * 2;
        grid->addWidget(label, row, col, Qt::AlignRight);
        grid->addWidget(combo, row, col + 1);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);
    layout->addWidget(columnsBox);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("mappingStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_model = new MappingPreviewModel(this);
    m_model->setSample(m_path, m_sample);
    m_preview = new QTableView(this);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_preview->setModel(m_model);
    m_preview->verticalHeader()->hide();
    m_preview->setAlternatingRowColors(true);
    m_preview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->setWordWrap(false);
    m_preview->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_preview, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* loadButton = buttons->addButton(tr("Load mapping…"), QDialogButtonBox::ResetRole);
    loadButton->setObjectName(QStringLiteral("loadMappingButton"));
    auto* saveButton = buttons->addButton(tr("Save mapping…"), QDialogButtonBox::ResetRole);
    saveButton->setObjectName(QStringLiteral("saveMappingButton"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ColumnMappingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ColumnMappingDialog::reject);
    connect(loadButton, &QPushButton::clicked, this, &ColumnMappingDialog::load);
    connect(saveButton, &QPushButton::clicked, this, &ColumnMappingDialog::save);

    setMapping(mapping);

    // Any change re-reads the preview; the delimiter, header and skipped lines also change the column list.
    auto structural = [this] {
        if (m_updating)
            return;
        m_pending = this->mapping().columns;
        refreshColumns();
        updatePreview();
    };
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, structural);
    connect(m_header, &QCheckBox::toggled, this, structural);
    connect(m_skipLines, &QSpinBox::valueChanged, this, structural);
    for (QComboBox* c : std::as_const(m_columns))
        connect(c, &QComboBox::currentIndexChanged, this, &ColumnMappingDialog::updatePreview);
    connect(m_timeFormat, &QComboBox::currentTextChanged, this, &ColumnMappingDialog::updatePreview);
    connect(m_zone, &QComboBox::currentTextChanged, this, &ColumnMappingDialog::updatePreview);
    connect(m_ambiguous, &QComboBox::currentIndexChanged, this, &ColumnMappingDialog::updatePreview);
    connect(m_fixedCamera, &QLineEdit::textChanged, this, &ColumnMappingDialog::updatePreview);
    resize(1100, 720);
}

ColumnMappingDialog::~ColumnMappingDialog() = default;

CsvMapping ColumnMappingDialog::guess(const QByteArray& head)
{
    CsvMapping m;
    m.delimiter = CsvImporter::guessDelimiter(head);
    m.header = true;
    const CsvImporter::Preview p = CsvImporter::preview(head, m, 1);
    for (Field f : CsvMapping::allFields()) {
        const QStringList names = synonyms(f);
        for (const QString& column : p.columns) {
            if (names.contains(column.trimmed().toLower())) {
                m.columns.insert(f, { column.trimmed(), 0 });
                break;
            }
        }
    }
    return m;
}

void ColumnMappingDialog::setMapping(const CsvMapping& m)
{
    m_updating = true;
    m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(int(m.delimiter))));
    m_header->setChecked(m.header);
    m_skipLines->setValue(m.skipLines);
    m_fixedCamera->setText(m.fixedCamera);
    if (m_timeFormat->findText(m.timeFormat) < 0)
        m_timeFormat->addItem(m.timeFormat);
    m_timeFormat->setCurrentText(m.timeFormat);
    m_zone->setCurrentText(m.timeZone);
    m_ambiguous->setCurrentIndex(std::max(0, m_ambiguous->findData(int(m.ambiguous))));
    m_pending = m.columns;
    m_updating = false;
    refreshColumns();
    updatePreview();
}

void ColumnMappingDialog::refreshColumns()
{
    CsvMapping shape;
    shape.delimiter = char(m_delimiter->currentData().toInt());
    shape.header = m_header->isChecked();
    shape.skipLines = m_skipLines->value();
    const CsvImporter::Preview p = CsvImporter::preview(m_sample, shape, 1);
    m_updating = true;
    for (auto it = m_columns.begin(); it != m_columns.end(); ++it) {
        QComboBox* combo = it.value();
        combo->blockSignals(true);
        combo->clear();
        combo->addItem(tr("(none)"), QVariant());
        for (int i = 0; i < p.columns.size(); ++i) {
            const QString name = p.columns.at(i);
            // With a header, columns are named (robust to reordering); without, by position.
            const QVariant key = shape.header ? QVariant(name) : QVariant(i + 1);
            combo->addItem(shape.header ? name : tr("column %1").arg(i + 1), key);
        }
        const CsvMapping::Column want = m_pending.value(it.key());
        int index = 0;
        if (want.index > 0) {
            index = combo->findData(shape.header ? QVariant(p.columns.value(want.index - 1)) : QVariant(want.index));
        } else if (!want.name.isEmpty()) {
            for (int i = 1; i < combo->count(); ++i)
                if (combo->itemData(i).toString().compare(want.name, Qt::CaseInsensitive) == 0)
                    index = i;
            if (index == 0 && shape.header) {
                // A mapped column this file lacks stays visible (and is reported) rather than silently dropped.
                combo->addItem(tr("%1 (not in this file)").arg(want.name), want.name);
                index = combo->count() - 1;
            }
        }
        combo->setCurrentIndex(std::max(0, index));
        combo->blockSignals(false);
    }
    m_updating = false;
}

CsvMapping ColumnMappingDialog::mapping() const
{
    CsvMapping m;
    m.delimiter = char(m_delimiter->currentData().toInt());
    m.header = m_header->isChecked();
    m.skipLines = m_skipLines->value();
    m.fixedCamera = m_fixedCamera->text().trimmed();
    m.timeFormat = m_timeFormat->currentText().trimmed();
    m.timeZone = m_zone->currentText().trimmed();
    m.ambiguous = CsvMapping::Ambiguous(m_ambiguous->currentData().toInt());
    for (auto it = m_columns.begin(); it != m_columns.end(); ++it) {
        const QVariant v = it.value()->currentData();
        if (!v.isValid())
            continue;
        if (v.typeId() == QMetaType::Int)
            m.columns.insert(it.key(), { QString(), v.toInt() });
        else
            m.columns.insert(it.key(), { v.toString(), 0 });
    }
    return m;
}

void ColumnMappingDialog::updatePreview()
{
    if (m_updating)
        return;
    QString error;
    m_model->setMapping(mapping(), &error);
    if (!error.isEmpty()) {
        m_status->setStyleSheet(QStringLiteral("color: #b01c1c;"));
        m_status->setText(error);
    } else {
        m_status->setStyleSheet(m_model->rejectedRows() > 0 ? QStringLiteral("color: #8a5a00;") : QString());
        m_status->setText(tr("Preview of the first %1 rows: %2 import, %3 would be rejected.")
                              .arg(m_model->rowCount())
                              .arg(m_model->okRows())
                              .arg(m_model->rejectedRows()));
    }
    m_preview->resizeColumnsToContents();
    // A long reason would push the values off to the right: it is elided here and whole in its tooltip.
    m_preview->setColumnWidth(MappingPreviewModel::Status,
                              std::min(m_preview->columnWidth(MappingPreviewModel::Status), 320));
}

bool ColumnMappingDialog::loadFile(const QString& path, QString* error)
{
    auto loaded = CsvMapping::load(path);
    if (!loaded) {
        *error = loaded.error().message;
        return false;
    }
    setMapping(loaded.value());
    return true;
}

void ColumnMappingDialog::load()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Load column mapping"), QString(), tr("Column mappings (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadFile(path, &error))
        QMessageBox::warning(this, tr("Column mapping"), error);
}

void ColumnMappingDialog::save()
{
    const CsvMapping m = mapping();
    if (Status s = m.validate(); !s) {
        QMessageBox::warning(this, tr("Column mapping"),
                             tr("The mapping is not complete yet: %1").arg(s.error().message));
        return;
    }
    QString path
        = QFileDialog::getSaveFileName(this, tr("Save column mapping"), QString(), tr("Column mappings (*.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".json");
    if (Status s = m.save(path); !s)
        QMessageBox::warning(this, tr("Column mapping"), s.error().message);
}

void ColumnMappingDialog::accept()
{
    if (Status s = mapping().validate(); !s) {
        m_status->setStyleSheet(QStringLiteral("color: #b01c1c;"));
        m_status->setText(s.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace alpr

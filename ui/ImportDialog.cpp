#include "ImportDialog.h"

#include "Clock.h"
#include "ColumnMappingDialog.h"
#include "ImportIssueModel.h"
#include "ImportPipeline.h"
#include "ImportService.h"
#include "ImportWriter.h"
#include "ImporterRegistry.h"
#include "PlateDictionary.h"
#include "Session.h"
#include "Store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace alpr {

ImportDialog::ImportDialog(Session& session, const ImporterRegistry& registry, PlateDictionary* dictionary,
                           QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_registry(registry)
    , m_dictionary(dictionary)
    , m_service(std::make_unique<ImportService>(session))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import field-unit files"));
    auto* layout = new QVBoxLayout(this);

    auto* filesBox = new QGroupBox(tr("Files"), this);
    auto* filesLayout = new QHBoxLayout(filesBox);
    m_fileList = new QListWidget(filesBox);
    m_fileList->setObjectName(QStringLiteral("fileList"));
    m_fileList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    filesLayout->addWidget(m_fileList, 1);
    auto* fileButtons = new QVBoxLayout;
    m_addButton = new QPushButton(tr("Add files…"), filesBox);
    m_addButton->setObjectName(QStringLiteral("addFilesButton"));
    m_removeButton = new QPushButton(tr("Remove"), filesBox);
    m_removeButton->setObjectName(QStringLiteral("removeFilesButton"));
    fileButtons->addWidget(m_addButton);
    fileButtons->addWidget(m_removeButton);
    fileButtons->addStretch(1);
    filesLayout->addLayout(fileButtons);
    layout->addWidget(filesBox, 1);

    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->addItem(tr("Recognise each file"), QString());
    for (const Importer* i : m_registry.importers())
        m_format->addItem(i->displayName(), i->name());
    form->addRow(tr("Format:"), m_format);
    auto* mappingRow = new QHBoxLayout;
    m_mappingLabel = new QLabel(this);
    m_mappingLabel->setObjectName(QStringLiteral("mappingLabel"));
    m_mappingButton = new QPushButton(tr("Column mapping…"), this);
    m_mappingButton->setObjectName(QStringLiteral("mappingButton"));
    mappingRow->addWidget(m_mappingLabel, 1);
    mappingRow->addWidget(m_mappingButton);
    form->addRow(tr("Delimited text:"), mappingRow);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("importStatus"));
    m_statusLabel->setWordWrap(true);
    layout->addWidget(m_statusLabel);

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summaryLabel);
    m_issues = new ImportIssueModel(this);
    m_issueView = new QTableView(this);
    m_issueView->setObjectName(QStringLiteral("issueTable"));
    m_issueView->setModel(m_issues);
    m_issueView->verticalHeader()->hide();
    m_issueView->horizontalHeader()->setStretchLastSection(true);
    m_issueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_issueView->hide();
    layout->addWidget(m_issueView, 2);

    auto* buttons = new QDialogButtonBox(this);
    m_exportButton = buttons->addButton(tr("Export rejected rows…"), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("exportIssuesButton"));
    m_importButton = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);

    connect(m_addButton, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(m_removeButton, &QPushButton::clicked, this, &ImportDialog::removeFiles);
    connect(m_mappingButton, &QPushButton::clicked, this, &ImportDialog::editMapping);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
    connect(m_fileList, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateState);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &ImportDialog::exportIssues);
    m_exportButton->hide();
    resize(760, 520);
    updateState();
}

ImportDialog::~ImportDialog()
{
    // The parser thread must be gone before this object: it posts to it.
    m_pipeline.reset();
}

void ImportDialog::setFiles(const QStringList& files)
{
    m_fileList->clear();
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QFileInfo(f).fileName(), m_fileList);
        item->setData(Qt::UserRole, QFileInfo(f).absoluteFilePath());
        item->setToolTip(QFileInfo(f).absoluteFilePath());
    }
    updateState();
}

QStringList ImportDialog::files() const
{
    QStringList out;
    for (int i = 0; i < m_fileList->count(); ++i)
        out.append(m_fileList->item(i)->data(Qt::UserRole).toString());
    return out;
}

void ImportDialog::setMapping(const CsvMapping& mapping)
{
    m_mapping = mapping;
    updateState();
}

bool ImportDialog::needsMapping() const
{
    const QString format = m_format->currentData().toString();
    if (!format.isEmpty()) {
        const Importer* i = m_registry.byName(format);
        return i && i->needsMapping();
    }
    for (const QString& f : files()) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const Importer* i = m_registry.sniff(file.read(64 * 1024), QFileInfo(f).fileName());
        if (i && i->needsMapping())
            return true;
    }
    return false;
}

void ImportDialog::addFiles()
{
    QStringList patterns;
    for (const Importer* i : m_registry.importers())
        patterns.append(tr("%1 (%2)").arg(i->displayName(), i->filePatterns().join(u' ')));
    patterns.append(tr("All files (*)"));
    const QStringList chosen = QFileDialog::getOpenFileNames(this, tr("Field-unit files to import"), QString(),
                                                             patterns.join(QStringLiteral(";;")));
    QStringList all = files();
    for (const QString& f : chosen)
        if (!all.contains(QFileInfo(f).absoluteFilePath()))
            all.append(f);
    setFiles(all);
}

void ImportDialog::removeFiles()
{
    qDeleteAll(m_fileList->selectedItems());
    updateState();
}

void ImportDialog::editMapping()
{
    // The preview shows the first file that needs a mapping (or the first file at all).
    QString sample;
    for (const QString& f : files()) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const Importer* i = m_registry.sniff(file.read(64 * 1024), QFileInfo(f).fileName());
        if (sample.isEmpty() || (i && i->needsMapping())) {
            sample = f;
            if (i && i->needsMapping())
                break;
        }
    }
    CsvMapping start;
    if (m_mapping) {
        start = *m_mapping;
    } else if (!sample.isEmpty()) {
        QFile file(sample);
        if (file.open(QIODevice::ReadOnly))
            start = ColumnMappingDialog::guess(file.read(64 * 1024));
    }
    ColumnMappingDialog dialog(sample, start, this);
    if (dialog.exec() == QDialog::Accepted)
        setMapping(dialog.mapping());
}

void ImportDialog::updateState()
{
    const bool running = isRunning();
    const bool mappingNeeded = needsMapping();
    if (m_mapping) {
        QStringList mapped;
        for (auto it = m_mapping->columns.begin(); it != m_mapping->columns.end(); ++it)
            mapped.append(CsvMapping::label(it.key()).toLower());
        m_mappingLabel->setText(
            tr("Mapped: %1; times %2%3")
                .arg(mapped.join(QStringLiteral(", ")), m_mapping->timeFormat,
                     m_mapping->timeZone.isEmpty() ? QString() : tr(" in %1").arg(m_mapping->timeZone)));
        m_mappingLabel->setStyleSheet(QString());
    } else {
        m_mappingLabel->setText(mappingNeeded ? tr("Needed for delimited text: say which column is which.")
                                              : tr("Only needed for delimited text."));
        m_mappingLabel->setStyleSheet(mappingNeeded ? QStringLiteral("color: #8a5a00;") : QString());
    }
    m_fileList->setEnabled(!running);
    m_addButton->setEnabled(!running);
    m_removeButton->setEnabled(!running && !m_fileList->selectedItems().isEmpty());
    m_format->setEnabled(!running);
    m_mappingButton->setEnabled(!running && m_fileList->count() > 0);
    m_importButton->setEnabled(!running && m_fileList->count() > 0 && (!mappingNeeded || m_mapping));
    m_cancelButton->setText(running ? tr("Cancel import") : tr("Close"));
}

void ImportDialog::startImport()
{
    if (isRunning())
        return;
    const QStringList list = files();
    if (list.isEmpty())
        return;
    if (Status s = m_service->authorise(list); !s) {
        QMessageBox::warning(this, windowTitle(), s.error().message);
        return;
    }
    ImportOptions options;
    options.mapping = m_mapping;
    options.nowMs = m_session.clock().nowMs();
    options.batchSize = m_batchSize;
    m_writer = std::make_unique<ImportWriter>(m_session.store(), list);
    if (Status s = m_writer->begin(); !s) {
        QMessageBox::warning(this, windowTitle(), s.error().message);
        m_writer.reset();
        return;
    }
    m_cancelRequested = false;
    m_summary = ImportSummary();
    m_issues->setIssues({});
    m_issueView->hide();
    m_exportButton->hide();
    m_summaryLabel->clear();
    m_progress->setValue(0);
    m_statusLabel->setText(tr("Importing…"));
    m_pipeline = std::make_unique<ImportPipeline>(list, m_format->currentData().toString(), options, m_registry);
    // The worker only posts; all store work happens in drain(), on this thread.
    // At most one drain is pending, so each turn of the event loop writes one batch and input and painting get
    // their turns in between.
    QPointer<ImportDialog> self(this);
    m_drainQueued->store(false);
    m_pipeline->setNotify([self, queued = m_drainQueued] {
        if (self && !queued->exchange(true))
            QMetaObject::invokeMethod(self, &ImportDialog::drain, Qt::QueuedConnection);
    });
    updateState();
    m_pipeline->start();
}

void ImportDialog::drain()
{
    m_drainQueued->store(false);
    if (!m_pipeline)
        return;
    ImportChunk chunk;
    bool finished = false;
    // One batch per turn of the event loop: the window repaints and the Cancel button answers in between.
    if (m_pipeline->tryTake(&chunk, &finished)) {
        const Status s = m_writer->write(chunk);
        const qint64 total = std::max<qint64>(1, m_pipeline->totalBytes());
        m_progress->setValue(int(1000 * std::min(chunk.bytesDone, total) / total));
        const ImportSummary& so = m_writer->summary();
        m_statusLabel->setText(tr("Importing… %1 reads so far, %2 new, %3 rejected")
                                   .arg(so.parsed())
                                   .arg(so.inserted())
                                   .arg(so.rejected()));
        if (!s) {
            finish();
            return;
        }
        if (!finished) {
            if (!m_drainQueued->exchange(true))
                QMetaObject::invokeMethod(this, &ImportDialog::drain, Qt::QueuedConnection);
            return;
        }
    }
    if (finished)
        finish();
}

void ImportDialog::finish()
{
    if (!m_pipeline)
        return;
    m_pipeline->cancel();
    const double parse = m_pipeline->parseSeconds();
    m_pipeline.reset();
    m_summary = m_writer->summary();
    m_summary.parseSeconds = parse;
    m_summary.cancelled = m_summary.cancelled || m_cancelRequested;
    m_writer.reset();
    ignoreError(m_service->audit(m_summary));
    learnPlates();

    m_progress->setValue(m_summary.cancelled || !m_summary.error.isEmpty() ? m_progress->value() : 1000);
    QString headline;
    if (!m_summary.error.isEmpty())
        headline = tr("<b>The import stopped:</b> %1<br>Batches written before stay; import again to add the rest "
                      "(nothing is added twice).")
                       .arg(m_summary.error.toHtmlEscaped());
    else if (m_summary.cancelled)
        headline = tr("<b>Cancelled.</b> What was imported stays; import again to add the rest (nothing is added "
                      "twice).");
    else
        headline = tr("<b>Done.</b>");
    QStringList lines;
    for (const QString& l : m_summary.describe(0))
        lines.append(l.toHtmlEscaped());
    m_statusLabel->setText(headline);
    m_summaryLabel->setText(tr("%1 reads imported, %2 already present, %3 rejected.<br>%4")
                                .arg(m_summary.inserted())
                                .arg(m_summary.alreadyPresent())
                                .arg(m_summary.rejected())
                                .arg(lines.join(QStringLiteral("<br>"))));
    const QList<ImportIssue> issues = m_summary.issues();
    m_issues->setIssues(issues);
    m_issueView->setVisible(!issues.isEmpty());
    m_exportButton->setVisible(!issues.isEmpty());
    m_issueView->resizeColumnToContents(ImportIssueModel::File);
    m_issueView->resizeColumnToContents(ImportIssueModel::Line);
    updateState();
    Q_EMIT importFinished();
}

void ImportDialog::learnPlates()
{
    if (!m_dictionary || m_summary.plates.isEmpty() || m_summary.inserted() == 0)
        return;
    // Counts and first/last sightings come from the store, which has folded the new reads in.
    const QSet<QString>& plates = m_summary.plates;
    ignoreError(m_session.store().forEachPlate([&](const PlateSummary& p) {
        if (plates.contains(p.plate))
            m_dictionary->update(p);
    }));
}

void ImportDialog::reject()
{
    if (isRunning()) {
        m_cancelRequested = true;
        m_statusLabel->setText(tr("Cancelling…"));
        finish();
        return;
    }
    QDialog::reject();
}

void ImportDialog::exportIssues()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export rejected rows"), tr("rejected rows.csv"),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(m_summary.issuesCsv()) < 0 || !f.commit())
        QMessageBox::warning(this, windowTitle(), tr("Cannot write %1: %2").arg(path, f.errorString()));
}

} // namespace alpr

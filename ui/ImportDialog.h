#pragma once

#include "CsvMapping.h"
#include "ImportSummary.h"

#include <QDialog>
#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;

namespace alpr {

class ImportIssueModel;
class ImportPipeline;
class ImportService;
class ImportWriter;
class ImporterRegistry;
class PlateDictionary;
class Session;

/**
 * "Import field-unit files": pick files, their format (or let the importers recognise them) and, for delimited text,
 * the column mapping; run the import with progress and cancel; then a summary (imported, already present, rejected
 * with reasons, exportable as CSV).
 *
 * Threading: files are parsed on ImportPipeline's worker thread; the batches are written here, on the GUI thread,
 * one Store::addReads per event-loop turn. Why not a second connection in a worker: the Store (local SQLCipher file
 * or the department's server) belongs to the thread that opened it, and a second one would need the data key or the
 * server password again; one batch (a few thousand reads) keeps the window responsive between turns. Afterwards the
 * plate dictionary learns the imported plates, so searches find them at once.
 */
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    /** dictionary may be null (a role that does not search has none). */
    ImportDialog(Session& session, const ImporterRegistry& registry, PlateDictionary* dictionary,
                 QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setFiles(const QStringList& files);
    QStringList files() const;
    void setMapping(const CsvMapping& mapping);
    /** Starts the import (as the Import button does). */
    void startImport();
    bool isRunning() const { return m_pipeline != nullptr; }
    const ImportSummary& summary() const { return m_summary; }
    /** Reads written per Store::addReads call; smaller keeps the window livelier. */
    void setBatchSize(int n) { m_batchSize = n; }

    void reject() override;

Q_SIGNALS:
    /** The import ended (finished, cancelled or failed); summary() holds the outcome. */
    void importFinished();

private:
    void addFiles();
    void removeFiles();
    void editMapping();
    void updateState();
    void drain();
    void finish();
    void exportIssues();
    void learnPlates();
    bool needsMapping() const;

    Session& m_session;
    const ImporterRegistry& m_registry;
    PlateDictionary* m_dictionary;
    std::unique_ptr<ImportService> m_service;
    std::optional<CsvMapping> m_mapping;
    std::unique_ptr<ImportWriter> m_writer;
    std::unique_ptr<ImportPipeline> m_pipeline;
    ImportSummary m_summary;
    std::shared_ptr<std::atomic<bool>> m_drainQueued = std::make_shared<std::atomic<bool>>(false); // one at a time
    bool m_cancelRequested = false;
    /** Written on this (the GUI) thread, one batch per turn of the event loop. Measured (`alpr-cli bench ingest
        --batch N`, 200,000 reads): 2,000 imports 40,000 reads/s, 20,000 imports 103,000 (each batch ~0.2 s: the
        window still repaints and Cancel answers five times a second), 50,000 (the CLI's) 122,000. */
    int m_batchSize = 20000;

    QListWidget* m_fileList = nullptr;
    QComboBox* m_format = nullptr;
    QLabel* m_mappingLabel = nullptr;
    QPushButton* m_mappingButton = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_removeButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QTableView* m_issueView = nullptr;
    ImportIssueModel* m_issues = nullptr;
    QPushButton* m_importButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_exportButton = nullptr;
};

} // namespace alpr

#pragma once

#include "CsvMapping.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace alpr {

class MappingPreviewModel;

/**
 * Says how a delimited file's columns become reads: delimiter, header, which column is the plate, the time (format
 * and zone, and what to do with the repeated hour of a DST change), position, camera and the rest; with a live
 * preview of the file's first rows as the mapping reads them (rows that would be rejected show the reason). The
 * mapping can be saved as a JSON file and loaded again for the next export of the same system.
 */
class ColumnMappingDialog : public QDialog
{
    Q_OBJECT

public:
    /** sampleFile: a file to preview (its first 64 KB are read); mapping: where to start. */
    ColumnMappingDialog(const QString& sampleFile, const CsvMapping& mapping, QWidget* parent = nullptr);
    ~ColumnMappingDialog() override;

    CsvMapping mapping() const;
    void setMapping(const CsvMapping& mapping);
    /** A first guess for a file: its delimiter, and columns by their header names (plate, time, lat, ...). */
    static CsvMapping guess(const QByteArray& head);
    /** Loads a mapping file into the dialog; the error names the field. */
    bool loadFile(const QString& path, QString* error);

    void accept() override;

private:
    void refreshColumns();
    void updatePreview();
    void load();
    void save();

    QString m_path;
    QByteArray m_sample;
    bool m_updating = false;
    QComboBox* m_delimiter = nullptr;
    QCheckBox* m_header = nullptr;
    QSpinBox* m_skipLines = nullptr;
    QMap<CsvMapping::Field, QComboBox*> m_columns;
    QComboBox* m_timeFormat = nullptr;
    QComboBox* m_zone = nullptr;
    QComboBox* m_ambiguous = nullptr;
    QLineEdit* m_fixedCamera = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_preview = nullptr;
    MappingPreviewModel* m_model = nullptr;
    QMap<CsvMapping::Field, CsvMapping::Column> m_pending; // choices kept while the column list is rebuilt
};

} // namespace alpr

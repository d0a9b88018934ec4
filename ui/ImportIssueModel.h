#pragma once

#include "ImportIssue.h"

#include <QAbstractTableModel>
#include <QList>

namespace alpr {

/** The rejected rows of an import (file, line, reason), for the import dialog's summary. */
class ImportIssueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { File, Line, Reason, ColumnCount };

    explicit ImportIssueModel(QObject* parent = nullptr);
    void setIssues(QList<ImportIssue> issues);
    const QList<ImportIssue>& issues() const { return m_issues; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ImportIssue> m_issues;
};

} // namespace alpr

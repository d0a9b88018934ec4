#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QTableView;

namespace alpr {

class ReadTableModel;
class Vault;

/** The workstation's main window: for now the store summary and the latest reads. */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Vault> vault, QWidget* parent = nullptr);
    ~MainWindow() override;

    /** Reloads the summary and the latest reads from the store. */
    void refresh();

private:
    std::unique_ptr<Vault> m_vault;
    ReadTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace alpr

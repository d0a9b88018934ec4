#pragma once

#include "CanvassTypes.h"

#include <QAbstractTableModel>

namespace alpr {

/** The scenes of a canvass as table rows: number, area (centre and radius, or polygon), from and to in local time. */
class SceneListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Number, Area, From, To, ColumnCount };

    explicit SceneListModel(QObject* parent = nullptr);

    const QList<Scene>& scenes() const { return m_scenes; }
    /** Appends a scene; returns its row. */
    int addScene(const Scene& scene);
    void replaceScene(int row, const Scene& scene);
    void removeScene(int row);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "2026-11-27 19:30 PST": local time with the zone's abbreviation. */
    static QString localTime(qint64 ms);

private:
    QList<Scene> m_scenes;
};

} // namespace alpr

#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace alpr {

/**
 * Makes, models and colours of the cars on Southern California roads, weighted by how common they are
 * (registration shares, rounded). vehicle() turns a stable hash of a plate into the same vehicle every time,
 * so a plate keeps its make and colour across all its reads. Colours are named as US reports name them.
 */
class VehicleCatalogue
{
public:
    struct Vehicle
    {
        int make = 0;
        int model = 0; ///< index into the make's models
        int colour = 0;
    };

    VehicleCatalogue();

    Vehicle vehicle(quint64 hash) const;
    const QString& make(const Vehicle& v) const { return m_makes[v.make].name; }
    const QString& model(const Vehicle& v) const { return m_makes[v.make].models[v.model]; }
    const QString& colour(const Vehicle& v) const { return m_colours[v.colour].name; }
    QColor paint(const Vehicle& v) const { return m_colours[v.colour].paint; }
    /** The vehicle with these names (for scripted vehicles); unknown names give index 0. */
    Vehicle find(const QString& make, const QString& model, const QString& colour) const;

private:
    struct Make
    {
        QString name;
        QList<QString> models;
        double weight = 0;
    };
    struct Colour
    {
        QString name;
        QColor paint;
        double weight = 0;
    };
    QList<Make> m_makes;
    QList<Colour> m_colours;
    double m_makeTotal = 0;
    double m_colourTotal = 0;
};

} // namespace alpr

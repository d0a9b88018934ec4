#include "VehicleCatalogue.h"

#include "DemoRandom.h"

namespace alpr {

namespace {

struct MakeRow
{
    const char* name;
    double weight;
    const char* models[5];
};

constexpr MakeRow kMakes[] = {
    { "Toyota", 16, { "Camry", "Corolla", "RAV4", "Tacoma", "Prius" } },
    { "Honda", 13, { "Civic", "Accord", "CR-V", "Odyssey", "Pilot" } },
    { "Ford", 10, { "F-150", "Explorer", "Mustang", "Escape", "Transit" } },
    { "Chevrolet", 9, { "Silverado", "Malibu", "Equinox", "Tahoe", "Camaro" } },
    { "Nissan", 8, { "Altima", "Sentra", "Rogue", "Versa", "Frontier" } },
    { "Tesla", 5, { "Model 3", "Model Y", "Model S", "Model X", nullptr } },
    { "Hyundai", 5, { "Elantra", "Sonata", "Tucson", "Santa Fe", nullptr } },
    { "Kia", 4, { "Optima", "Forte", "Sorento", "Soul", nullptr } },
    { "BMW", 4, { "3 Series", "5 Series", "X3", "X5", nullptr } },
    { "Mercedes-Benz", 4, { "C-Class", "E-Class", "GLC", "Sprinter", nullptr } },
    { "Lexus", 4, { "RX", "ES", "IS", "NX", nullptr } },
    { "Jeep", 3, { "Wrangler", "Grand Cherokee", "Cherokee", nullptr, nullptr } },
    { "Dodge", 3, { "Charger", "Challenger", "Durango", "Grand Caravan", nullptr } },
    { "Ram", 3, { "1500", "2500", "ProMaster", nullptr, nullptr } },
    { "Volkswagen", 3, { "Jetta", "Golf", "Tiguan", "Passat", nullptr } },
    { "Subaru", 2, { "Outback", "Forester", "Impreza", "Crosstrek", nullptr } },
    { "Mazda", 2, { "Mazda3", "CX-5", "CX-30", "MX-5", nullptr } },
    { "GMC", 2, { "Sierra", "Yukon", "Acadia", nullptr, nullptr } },
    { "Audi", 2, { "A4", "Q5", "A6", nullptr, nullptr } },
};

struct ColourRow
{
    const char* name;
    QRgb paint;
    double weight;
};

constexpr ColourRow kColours[] = {
    { "White", 0xffe9eaec, 24 },  { "Black", 0xff15171a, 20 },   { "Gray", 0xff5c6166, 17 },
    { "Silver", 0xffa9adb2, 14 }, { "Blue", 0xff23407a, 9 },     { "Red", 0xff8e1b1b, 9 },
    { "Green", 0xff2f5130, 2 },   { "Brown", 0xff5a4030, 2 },    { "Beige", 0xffc9b99a, 1 },
    { "Gold", 0xffb49a5a, 1 },    { "Orange", 0xffd0651d, 0.5 }, { "Yellow", 0xffd8c022, 0.5 },
};

} // namespace

VehicleCatalogue::VehicleCatalogue()
{
    for (const MakeRow& row : kMakes) {
        Make make { QString::fromLatin1(row.name), {}, row.weight };
        for (const char* model : row.models) {
            if (model)
                make.models.append(QString::fromLatin1(model));
        }
        m_makeTotal += row.weight;
        m_makes.append(make);
    }
    for (const ColourRow& row : kColours) {
        m_colours.append({ QString::fromLatin1(row.name), QColor::fromRgb(row.paint), row.weight });
        m_colourTotal += row.weight;
    }
}

VehicleCatalogue::Vehicle VehicleCatalogue::vehicle(quint64 hash) const
{
    Vehicle v;
    double u = DemoRandom::unit(DemoRandom::hash(hash, 1)) * m_makeTotal;
    for (v.make = 0; v.make + 1 < m_makes.size() && u >= m_makes[v.make].weight; ++v.make)
        u -= m_makes[v.make].weight;
    v.model = int(DemoRandom::hash(hash, 2) % quint64(m_makes[v.make].models.size()));
    u = DemoRandom::unit(DemoRandom::hash(hash, 3)) * m_colourTotal;
    for (v.colour = 0; v.colour + 1 < m_colours.size() && u >= m_colours[v.colour].weight; ++v.colour)
        u -= m_colours[v.colour].weight;
    return v;
}

VehicleCatalogue::Vehicle VehicleCatalogue::find(const QString& make, const QString& model, const QString& colour) const
{
    Vehicle v;
    for (int i = 0; i < m_makes.size(); ++i) {
        if (m_makes[i].name == make) {
            v.make = i;
            v.model = std::max(0, int(m_makes[i].models.indexOf(model)));
        }
    }
    for (int i = 0; i < m_colours.size(); ++i) {
        if (m_colours[i].name == colour)
            v.colour = i;
    }
    return v;
}

} // namespace alpr

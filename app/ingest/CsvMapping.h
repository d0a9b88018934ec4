#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace alpr {

/**
 * How the columns of a delimited text file (CSV, pipe, tab) become reads: which column holds the plate, the time
 * (with its format and, for naive local times, their zone), the position, camera, state, images and so on. Saved as
 * a small JSON file a department reuses for every export of the same camera system:
 *
 *   { "version": 1, "delimiter": ",", "header": true, "skipLines": 0,
 *     "columns": { "plate": "Plate", "time": "Date/Time", "latitude": "Lat", "longitude": 4, ... },
 *     "time": { "format": "MM/dd/yyyy h:mm:ss AP", "zone": "America/Los_Angeles", "ambiguous": "reject" },
 *     "fixedCamera": "" }
 *
 * A column is named by its header text (case-insensitive) or by its 1-based position. Unknown keys are refused, so
 * a misspelt field cannot be silently ignored.
 */
class CsvMapping
{
public:
    enum class Field {
        Plate,
        Time,
        Latitude,
        Longitude,
        Camera,
        State,
        Heading,
        Make,
        Model,
        Colour,
        Confidence,
        Candidates, ///< "PLATE:conf;PLATE:conf" or "PLATE;PLATE"
        PlateImage, ///< path of the plate crop, relative to the file
        OverviewImage, ///< path of the overview image, relative to the file
        RecordId, ///< the camera system's own record id: then the idempotency key instead of line + hash
    };
    /** What to do with a naive local time that occurs twice (the hour repeated when DST ends). */
    enum class Ambiguous { Reject, Earlier, Later };

    /** A column by header name (index 0) or by 1-based position (name empty). */
    struct Column
    {
        QString name;
        int index = 0;
        bool operator==(const Column&) const = default;
        bool isSet() const { return index > 0 || !name.isEmpty(); }
        QString describe() const;
    };

    char delimiter = ',';
    bool header = true;
    int skipLines = 0; ///< lines before the header (or the first record)
    QMap<Field, Column> columns;
    QString timeFormat = QStringLiteral("iso"); ///< see TimeFormat
    QString timeZone; ///< IANA id ("America/Los_Angeles"), "UTC", or "UTC+hh:mm"; required for naive times
    Ambiguous ambiguous = Ambiguous::Reject;
    QString fixedCamera; ///< camera name for every row when there is no camera column

    bool operator==(const CsvMapping&) const = default;

    static QList<Field> allFields();
    /** The JSON key ("plate", "latitude", ...). */
    static QString key(Field field);
    /** Translated label for the mapping dialog. */
    static QString label(Field field);
    static QString ambiguousKey(Ambiguous a);

    /** Parses a mapping file's JSON; errors name the file and the field ("MAP.json: columns.lattitude: ..."). */
    static Result<CsvMapping> fromJson(const QByteArray& json, const QString& fileName);
    static Result<CsvMapping> load(const QString& path);
    QByteArray toJson() const;
    /** Writes atomically. */
    Status save(const QString& path) const;

    /**
     * Checks what a file's rows will need: plate and time mapped, a valid time format, a known zone when the format
     * gives naive times, latitude and longitude both or neither. Errors name the field.
     */
    Status validate(const QString& fileName = {}) const;
};

} // namespace alpr

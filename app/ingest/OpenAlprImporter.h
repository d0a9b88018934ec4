#pragma once

#include "Importer.h"

class QJsonObject;

namespace alpr {

/**
 * OpenALPR agent output (the format only; no OpenALPR code is used): "alpr_results" (one frame, results[] with
 * plate, confidence, candidates[], region, vehicle, coordinates; epoch_time, uuid, camera_id, agent_uid, site_id)
 * and "alpr_group" (one vehicle pass: best_plate_number, best_confidence, best_plate, candidates, epoch_start/
 * epoch_end, best_uuid, uuids[], gps_latitude/gps_longitude, travel_direction, vehicle make/colour/make_model,
 * web_server_config.camera_label), as a single document, an array of them, or JSON lines.
 *
 * - OCR candidates become Read::candidates (the read's own plate left out).
 * - Plate crops and overviews come inline (plate_crop_jpeg, overview_jpeg, vehicle_crop_jpeg: base64) or as files
 *   relative to the imported file (plate_crop_path, overview_path, vehicle_crop_path).
 * - Source ids: the agent's uuid (per result: uuid#index; per group: group:best_uuid) under sourceFile
 *   "openalpr/<agent>", so the same reads arriving in two files are stored once; records without a uuid fall back
 *   to RecordKey under the file's name.
 * - When a file holds groups, the frames (alpr_results) whose uuid a group lists are skipped: the group is the read.
 * - Times: epoch values below 10^11 are seconds (version 1 agents), others milliseconds.
 * - Heartbeats and other non-read records are counted as skipped.
 */
class OpenAlprImporter final : public Importer
{
public:
    static constexpr int kMaxDepth = 32;
    static constexpr qsizetype kMaxRecordBytes = 64 << 20;

    QString name() const override { return QStringLiteral("openalpr"); }
    QString displayName() const override;
    QStringList filePatterns() const override;
    int sniff(QByteArrayView head, const QString& fileName) const override;
    Status parse(const QString& path, QByteArrayView data, const ImportOptions& options,
                 ImportSink& sink) const override;
};

} // namespace alpr

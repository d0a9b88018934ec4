#pragma once

#include "PlateReading.h"
#include "Result.h"

#include <QImage>

#include <memory>

namespace alpr {

/**
 * Reads the characters of a plate crop with Tesseract (libtesseract, LSTM engine, English data from
 * tesseract-ocr-eng), restricted to A–Z and 0–9 and to a single line of text, with a confidence per character.
 *
 * Before Tesseract sees it the crop is prepared (prepare()): greyed and enlarged; the characters are found as
 * connected components of the binarised crop (dark on light; light-on-dark plates are inverted) and the plate's main
 * row — the largest group of equally tall, aligned components — is kept; everything else (state name, slogans,
 * stickers, bolts, the border) is blanked to white; the kept characters stay in grey levels (their anti-aliased
 * edges help the recogniser), stretched to full contrast and scaled so they are ~48 px tall.
 *
 * Not thread-safe: one PlateReader per thread (the Tesseract engine keeps state); it may be created on one thread and
 * used on another, one call at a time. The engine is loaded on first use (~0.1 s).
 */
class PlateReader
{
public:
    PlateReader();
    ~PlateReader();
    PlateReader(const PlateReader&) = delete;
    PlateReader& operator=(const PlateReader&) = delete;

    /** Loads the engine if not yet done; fails with a message naming the missing data when Tesseract cannot start. */
    Status initialise();
    /** Reads crop (a plate, preferably corrected for perspective). An empty reading when nothing legible is there. */
    Result<PlateReading> read(const QImage& crop);
    /** The image handed to Tesseract for crop (Grayscale8), for display and tests. */
    static QImage prepare(const QImage& crop);

private:
    struct Engine;
    std::unique_ptr<Engine> m_engine;
};

} // namespace alpr

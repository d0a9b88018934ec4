#pragma once

#include <QByteArrayView>
#include <QString>

namespace alpr {

/**
 * Source ids for records that carry no id of their own: "L<line>:<hash of the record's bytes>".
 *
 * Why both: the line alone would make a different file of the same name (tomorrow's export, another unit's) look
 * already imported; the hash alone would merge two identical rows that really are two reads. Together, with the file
 * name as Read::sourceFile, re-importing a file (or a longer version of it: lines appended) adds only what is new,
 * while a file that was re-sorted or edited above a row imports that row again (documented limit). The hash is 96
 * bits of BLAKE2b (cryptographic, so no crafted row can make a different row look imported; faster than SHA-256,
 * which took a tenth of the parse time).
 */
class RecordKey
{
public:
    static QString forLine(qint64 line, QByteArrayView raw);
};

} // namespace alpr

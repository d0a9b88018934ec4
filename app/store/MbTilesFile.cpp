#include "MbTilesFile.h"

#include "SqlCipherDriver.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MbTilesFile", text);
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("alpr-mbtiles-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

MbTilesFile::MbTilesFile(QString path, QString connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
{
}

MbTilesFile::~MbTilesFile()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<MbTilesFile>> MbTilesFile::open(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return badInput(tr("%1: no such MBTiles file.").arg(path));
    if (!info.isFile() || !info.isReadable())
        return badInput(tr("%1: not a readable file.").arg(path));
    if (info.size() == 0)
        return badInput(tr("%1: the file is empty, not an MBTiles file.").arg(path));

    registerSqlCipherDriver();
    std::unique_ptr<MbTilesFile> file(new MbTilesFile(path, nextConnectionName()));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), file->m_connection);
        database.setDatabaseName(path);
        // Read-only and no key: MBTiles are plain SQLite files, and a basemap must never be modified by viewing it.
        database.setConnectOptions(QStringLiteral("QSQLCIPHER_OPEN_READONLY"));
        if (!database.open())
            return badInput(tr("%1: cannot open the file: %2").arg(path, database.lastError().text()));
    }
    if (Status s = file->check(); !s)
        return s.error();
    return file;
}

Status MbTilesFile::check()
{
    QSqlDatabase database = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(database);
    q.exec(QStringLiteral("PRAGMA cipher_log_level = NONE"));
    q.finish();
    if (!q.exec(QStringLiteral("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))) {
        if (q.lastError().nativeErrorCode() == QLatin1String("26"))
            return badInput(tr("%1: not an MBTiles file: it is not an SQLite database (or it is encrypted or "
                               "damaged).")
                                .arg(m_path));
        return badInput(tr("%1: the file cannot be read (damaged?): %2").arg(m_path, q.lastError().text()));
    }
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    q.finish();
    if (!names.contains(QLatin1String("metadata")))
        return badInput(tr("%1: not an MBTiles file: it has no 'metadata' table.").arg(m_path));
    if (!names.contains(QLatin1String("tiles")))
        return badInput(tr("%1: not an MBTiles file: it has no 'tiles' table.").arg(m_path));

    if (!q.exec(QStringLiteral("SELECT name, value FROM metadata")))
        return badInput(
            tr("%1: the 'metadata' table lacks the name and value columns: %2").arg(m_path, q.lastError().text()));
    while (q.next())
        m_metadata.insert(q.value(0).toString(), q.value(1).toString());
    q.finish();
    if (!q.exec(QStringLiteral("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0")))
        return badInput(tr("%1: the 'tiles' table lacks the MBTiles columns (zoom_level, tile_column, tile_row, "
                           "tile_data): %2")
                            .arg(m_path, q.lastError().text()));
    q.finish();
    // MIN/MAX use the spec's (zoom_level, tile_column, tile_row) index: instant even on large files.
    if (q.exec(QStringLiteral("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles")) && q.next()
        && !q.value(0).isNull())
        m_zoomRange = { q.value(0).toInt(), q.value(1).toInt() };
    q.finish();
    return {};
}

Result<QByteArray> MbTilesFile::tile(int zoom, int column, int tmsRow) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?"));
    q.addBindValue(zoom);
    q.addBindValue(column);
    q.addBindValue(tmsRow);
    if (!q.exec())
        return failure(tr("%1: reading tile %2/%3/%4 failed: %5")
                           .arg(m_path)
                           .arg(zoom)
                           .arg(column)
                           .arg(tmsRow)
                           .arg(q.lastError().text()));
    if (!q.next())
        return QByteArray();
    return q.value(0).toByteArray();
}

} // namespace alpr

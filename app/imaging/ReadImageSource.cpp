#include "ReadImageSource.h"

#include "AuditLog.h"
#include "ImageLoader.h"
#include "Session.h"
#include "Store.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ReadImageSource", text);
}

} // namespace

Result<ReadImages> ReadImageSource::fetch(Session& session, qint64 readId, const QString& via)
{
    if (Status s = session.authorise(Permission::ViewImages, QStringLiteral("read images")); !s)
        return s.error();
    auto stored = session.store().readImages(readId);
    if (!stored)
        return stored.error();
    ReadImages out;
    out.readId = readId;
    out.overviewJpeg = stored->first;
    out.plateJpeg = stored->second;
    if (out.overviewJpeg.isEmpty() && out.plateJpeg.isEmpty())
        return badInput(tr("No images are stored for read %1.").arg(readId));
    // Seeing an image is an event of its own in the audit log; if it cannot be recorded, it is not shown.
    const auto& activeCase = session.activeCase();
    const QJsonObject detail { { QStringLiteral("read_id"), double(readId) },
                               { QStringLiteral("case"), activeCase ? activeCase->number : QString() },
                               { QStringLiteral("via"), via } };
    if (Status s = session.audit().record(session.user().name, QStringLiteral("image.view"),
                                          QStringLiteral("success"), detail);
        !s)
        return failure(tr("The images are not shown: the viewing could not be recorded in the audit log (%1).")
                           .arg(s.error().message));
    QStringList problems;
    if (!out.overviewJpeg.isEmpty()) {
        auto image = ImageLoader::decode(out.overviewJpeg, tr("the overview image of read %1").arg(readId));
        if (image)
            out.overview = image.value();
        else
            problems.append(image.error().message);
    }
    if (!out.plateJpeg.isEmpty()) {
        auto image = ImageLoader::decode(out.plateJpeg, tr("the plate crop of read %1").arg(readId));
        if (image)
            out.plate = image.value();
        else
            problems.append(image.error().message);
    }
    out.problem = problems.join(u' ');
    return out;
}

} // namespace alpr

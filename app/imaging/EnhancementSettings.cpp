#include "EnhancementSettings.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("EnhancementSettings", text);
}

QString number(double value, int decimals)
{
    // The caption is evidence: a fixed, unambiguous decimal point whatever the workstation's locale.
    return QString::number(value, 'f', decimals);
}

} // namespace

bool EnhancementSettings::perspectiveActive() const
{
    return perspective.enabled && perspective.quad.size() == 4;
}

bool EnhancementSettings::any() const
{
    return contrast.enabled || sharpen.enabled || gamma.enabled || denoise.enabled || perspectiveActive();
}

QStringList EnhancementSettings::describe() const
{
    QStringList out;
    if (perspectiveActive()) {
        QStringList corners;
        for (const QPointF& p : perspective.quad)
            corners.append(QStringLiteral("(%1, %2)").arg(qRound(p.x())).arg(qRound(p.y())));
        out.append(tr("perspective corrected: corners %1").arg(corners.join(QStringLiteral(" "))));
    }
    if (denoise.enabled)
        out.append(tr("denoise (bilateral): strength %1").arg(denoise.strength));
    if (contrast.enabled)
        out.append(
            tr("contrast (CLAHE): clip limit %1, %2×%2 tiles").arg(number(contrast.clipLimit, 1)).arg(contrast.tiles));
    if (gamma.enabled)
        out.append(tr("gamma %1").arg(number(gamma.gamma, 2)));
    if (sharpen.enabled)
        out.append(
            tr("unsharp mask: amount %1, radius %2 px").arg(number(sharpen.amount, 2), number(sharpen.radius, 1)));
    return out;
}

QJsonArray EnhancementSettings::toJson() const
{
    QJsonArray out;
    if (perspectiveActive()) {
        QJsonArray corners;
        for (const QPointF& p : perspective.quad)
            corners.append(QJsonArray { p.x(), p.y() });
        out.append(QJsonObject { { QStringLiteral("filter"), QStringLiteral("perspective") },
                                 { QStringLiteral("corners"), corners } });
    }
    if (denoise.enabled)
        out.append(QJsonObject { { QStringLiteral("filter"), QStringLiteral("denoise") },
                                 { QStringLiteral("strength"), denoise.strength } });
    if (contrast.enabled)
        out.append(QJsonObject { { QStringLiteral("filter"), QStringLiteral("clahe") },
                                 { QStringLiteral("clip_limit"), contrast.clipLimit },
                                 { QStringLiteral("tiles"), contrast.tiles } });
    if (gamma.enabled)
        out.append(QJsonObject { { QStringLiteral("filter"), QStringLiteral("gamma") },
                                 { QStringLiteral("gamma"), gamma.gamma } });
    if (sharpen.enabled)
        out.append(QJsonObject { { QStringLiteral("filter"), QStringLiteral("unsharp_mask") },
                                 { QStringLiteral("amount"), sharpen.amount },
                                 { QStringLiteral("radius"), sharpen.radius } });
    return out;
}

} // namespace alpr

#include "EnhancementPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace alpr {

namespace {

QDoubleSpinBox* doubleSpin(QWidget* parent, const QString& name, double lo, double hi, double step, int decimals,
                           const QString& prefix)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(lo, hi);
    spin->setSingleStep(step);
    spin->setDecimals(decimals);
    spin->setPrefix(prefix);
    spin->setKeyboardTracking(false); // one request per finished number, not one per keystroke
    return spin;
}

QSpinBox* intSpin(QWidget* parent, const QString& name, int lo, int hi, const QString& prefix)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(lo, hi);
    spin->setPrefix(prefix);
    spin->setKeyboardTracking(false);
    return spin;
}

} // namespace

EnhancementPanel::EnhancementPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    int row = 0;
    auto addRow = [&](QCheckBox* check, QList<QWidget*> params, QToolButton* reset) {
        grid->addWidget(check, row, 0);
        auto* box = new QHBoxLayout;
        box->setSpacing(6);
        for (QWidget* w : params)
            box->addWidget(w);
        box->addStretch(1);
        grid->addLayout(box, row, 1);
        grid->addWidget(reset, row, 2);
        ++row;
    };

    m_contrast = new QCheckBox(tr("Contrast (CLAHE)"), this);
    m_contrast->setObjectName(QStringLiteral("contrastCheck"));
    m_contrast->setToolTip(tr("Raises local contrast tile by tile, limited so noise is not amplified."));
    m_clipLimit = doubleSpin(this, QStringLiteral("clipLimitSpin"), 1.0, 8.0, 0.5, 1, tr("clip "));
    m_tiles = intSpin(this, QStringLiteral("tilesSpin"), 2, 16, tr("tiles "));
    addRow(m_contrast, { m_clipLimit, m_tiles }, resetButton(QStringLiteral("resetContrastButton"), tr("contrast")));

    m_sharpen = new QCheckBox(tr("Sharpen (unsharp mask)"), this);
    m_sharpen->setObjectName(QStringLiteral("sharpenCheck"));
    m_amount = doubleSpin(this, QStringLiteral("amountSpin"), 0.1, 3.0, 0.1, 1, tr("amount "));
    m_radius = doubleSpin(this, QStringLiteral("radiusSpin"), 0.5, 5.0, 0.5, 1, tr("radius "));
    m_radius->setSuffix(tr(" px"));
    addRow(m_sharpen, { m_amount, m_radius }, resetButton(QStringLiteral("resetSharpenButton"), tr("sharpening")));

    m_gamma = new QCheckBox(tr("Gamma"), this);
    m_gamma->setObjectName(QStringLiteral("gammaCheck"));
    m_gamma->setToolTip(tr("Above 1 brightens the mid-tones (dark plates at night); below 1 darkens them."));
    m_gammaValue = doubleSpin(this, QStringLiteral("gammaSpin"), 0.2, 5.0, 0.1, 2, QString());
    addRow(m_gamma, { m_gammaValue }, resetButton(QStringLiteral("resetGammaButton"), tr("gamma")));

    m_denoise = new QCheckBox(tr("Denoise"), this);
    m_denoise->setObjectName(QStringLiteral("denoiseCheck"));
    m_denoise->setToolTip(tr("Smooths sensor noise while keeping the edges of characters (bilateral filter)."));
    m_strength = intSpin(this, QStringLiteral("strengthSpin"), 1, 30, tr("strength "));
    addRow(m_denoise, { m_strength }, resetButton(QStringLiteral("resetDenoiseButton"), tr("denoising")));

    m_perspective = new QCheckBox(tr("Straighten plate"), this);
    m_perspective->setObjectName(QStringLiteral("perspectiveCheck"));
    m_perspective->setToolTip(tr("Perspective correction: the plate's four corners become an upright rectangle."));
    m_findQuad = new QPushButton(tr("Find plate"), this);
    m_findQuad->setObjectName(QStringLiteral("findQuadButton"));
    m_findQuad->setToolTip(tr("Place the corners on the most plate-like region of the image."));
    m_editCorners = new QPushButton(tr("Edit corners"), this);
    m_editCorners->setObjectName(QStringLiteral("editCornersButton"));
    m_editCorners->setCheckable(true);
    m_editCorners->setToolTip(tr("Show the original with the four corners to drag; straighten when done."));
    addRow(m_perspective, { m_findQuad, m_editCorners },
           resetButton(QStringLiteral("resetPerspectiveButton"), tr("perspective")));

    auto* resetAllButton = new QPushButton(tr("Reset all"), this);
    resetAllButton->setObjectName(QStringLiteral("resetAllButton"));
    resetAllButton->setToolTip(tr("Back to the original image as stored."));
    grid->addWidget(resetAllButton, row, 0, 1, 3, Qt::AlignLeft);
    grid->setColumnStretch(1, 1);

    toControls();
    for (QCheckBox* c : { m_contrast, m_sharpen, m_gamma, m_denoise, m_perspective })
        connect(c, &QCheckBox::toggled, this, &EnhancementPanel::fromControls);
    for (QDoubleSpinBox* s : { m_clipLimit, m_amount, m_radius, m_gammaValue })
        connect(s, &QDoubleSpinBox::valueChanged, this, &EnhancementPanel::fromControls);
    for (QSpinBox* s : { m_tiles, m_strength })
        connect(s, &QSpinBox::valueChanged, this, &EnhancementPanel::fromControls);
    connect(resetAllButton, &QPushButton::clicked, this, &EnhancementPanel::resetAll);
    connect(m_findQuad, &QPushButton::clicked, this, &EnhancementPanel::findQuadRequested);
    connect(m_editCorners, &QPushButton::toggled, this, &EnhancementPanel::editCornersToggled);
}

QToolButton* EnhancementPanel::resetButton(const QString& objectName, const QString& what)
{
    auto* button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(QStringLiteral("↺"));
    button->setToolTip(tr("Reset %1").arg(what));
    button->setAutoRaise(true);
    connect(button, &QToolButton::clicked, this, [this, objectName] {
        const EnhancementSettings defaults;
        if (objectName == u"resetContrastButton")
            m_settings.contrast = defaults.contrast;
        else if (objectName == u"resetSharpenButton")
            m_settings.sharpen = defaults.sharpen;
        else if (objectName == u"resetGammaButton")
            m_settings.gamma = defaults.gamma;
        else if (objectName == u"resetDenoiseButton")
            m_settings.denoise = defaults.denoise;
        else
            m_settings.perspective = defaults.perspective;
        toControls();
        emit settingsChanged(m_settings);
    });
    return button;
}

void EnhancementPanel::toControls()
{
    m_updating = true;
    const EnhancementSettings& s = m_settings;
    m_contrast->setChecked(s.contrast.enabled);
    m_clipLimit->setValue(s.contrast.clipLimit);
    m_tiles->setValue(s.contrast.tiles);
    m_sharpen->setChecked(s.sharpen.enabled);
    m_amount->setValue(s.sharpen.amount);
    m_radius->setValue(s.sharpen.radius);
    m_gamma->setChecked(s.gamma.enabled);
    m_gammaValue->setValue(s.gamma.gamma);
    m_denoise->setChecked(s.denoise.enabled);
    m_strength->setValue(s.denoise.strength);
    m_perspective->setChecked(s.perspective.enabled);
    m_perspective->setEnabled(s.perspective.quad.size() == 4);
    m_updating = false;
}

void EnhancementPanel::fromControls()
{
    if (m_updating)
        return;
    EnhancementSettings& s = m_settings;
    s.contrast.enabled = m_contrast->isChecked();
    s.contrast.clipLimit = m_clipLimit->value();
    s.contrast.tiles = m_tiles->value();
    s.sharpen.enabled = m_sharpen->isChecked();
    s.sharpen.amount = m_amount->value();
    s.sharpen.radius = m_radius->value();
    s.gamma.enabled = m_gamma->isChecked();
    s.gamma.gamma = m_gammaValue->value();
    s.denoise.enabled = m_denoise->isChecked();
    s.denoise.strength = m_strength->value();
    s.perspective.enabled = m_perspective->isChecked();
    emit settingsChanged(m_settings);
}

void EnhancementPanel::setSettings(const EnhancementSettings& settings)
{
    m_settings = settings;
    toControls();
}

void EnhancementPanel::setQuad(const QPolygonF& quad)
{
    m_settings.perspective.quad = quad;
    m_settings.perspective.enabled = quad.size() == 4;
    toControls();
    emit settingsChanged(m_settings);
}

void EnhancementPanel::resetAll()
{
    m_settings = EnhancementSettings {};
    setEditingCorners(false);
    toControls();
    emit settingsChanged(m_settings);
}

bool EnhancementPanel::editingCorners() const
{
    return m_editCorners->isChecked();
}

void EnhancementPanel::setEditingCorners(bool on)
{
    m_editCorners->setChecked(on);
}

} // namespace alpr

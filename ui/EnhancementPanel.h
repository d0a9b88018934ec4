#pragma once

#include "EnhancementSettings.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace alpr {

/**
 * The enhancement controls: one row per filter (contrast/CLAHE, sharpen/unsharp mask, gamma, denoise, straighten
 * plate), each with an on/off box, its parameters and a reset button, and "Reset all". Emits settingsChanged()
 * whenever the user changes anything; the work itself is done elsewhere (EnhancementRunner), off the GUI thread.
 * The perspective row only asks for a quad: findQuadRequested() (from the plate proposals) and
 * editCornersToggled() (drag the corners on the image); the quad comes back through setQuad().
 */
class EnhancementPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EnhancementPanel(QWidget* parent = nullptr);

    EnhancementSettings settings() const { return m_settings; }
    /** Shows settings without emitting settingsChanged(). */
    void setSettings(const EnhancementSettings& settings);
    /** Sets the perspective quad (turning the correction on when it has four corners) and emits settingsChanged(). */
    void setQuad(const QPolygonF& quad);
    /** Everything off and back to its default (emits settingsChanged()). */
    void resetAll();
    /** Whether corner editing is on (the toggle button). */
    bool editingCorners() const;
    void setEditingCorners(bool on);

Q_SIGNALS:
    void settingsChanged(const alpr::EnhancementSettings& settings);
    void findQuadRequested();
    void editCornersToggled(bool on);

private:
    void fromControls();
    void toControls();
    QToolButton* resetButton(const QString& objectName, const QString& what);

    EnhancementSettings m_settings;
    bool m_updating = false;
    QCheckBox* m_contrast = nullptr;
    QDoubleSpinBox* m_clipLimit = nullptr;
    QSpinBox* m_tiles = nullptr;
    QCheckBox* m_sharpen = nullptr;
    QDoubleSpinBox* m_amount = nullptr;
    QDoubleSpinBox* m_radius = nullptr;
    QCheckBox* m_gamma = nullptr;
    QDoubleSpinBox* m_gammaValue = nullptr;
    QCheckBox* m_denoise = nullptr;
    QSpinBox* m_strength = nullptr;
    QCheckBox* m_perspective = nullptr;
    QPushButton* m_findQuad = nullptr;
    QPushButton* m_editCorners = nullptr;
};

} // namespace alpr

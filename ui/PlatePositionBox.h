#pragma once

#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;

namespace alpr {

/**
 * One position of the partial-plate builder: what the witness said about one character. Typing sets the mode by
 * itself (nothing: any character, one: that character, several: one of them); "none of" is chosen explicitly.
 * Children: modeCombo, charsEdit.
 */
class PlatePositionBox : public QFrame
{
    Q_OBJECT

public:
    enum class Mode { Any, Known, OneOf, NoneOf };

    explicit PlatePositionBox(QWidget* parent = nullptr);

    /** The position shown above the box: 1, 2, ... from the start; -1 "last", -2 "last −1", ... from the end. */
    void setPosition(int position);
    Mode mode() const;
    /** The characters as typed, upper case, in the order typed. */
    QString characters() const;
    /** Sets mode and characters without emitting changed(). */
    void set(Mode mode, const QString& characters);
    /** The box as pattern text: `?`, `7`, `[8B]` or `[!0O]`. A known box left empty is `?`. */
    QString patternText() const;

Q_SIGNALS:
    /** The user changed the mode or the characters. */
    void changed();

private:
    void onModeChosen(int index);
    void onTextEdited(const QString& text);

    QLabel* m_position = nullptr;
    QLineEdit* m_chars = nullptr;
    QComboBox* m_mode = nullptr;
    bool m_setting = false;
};

} // namespace alpr

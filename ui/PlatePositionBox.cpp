#include "PlatePositionBox.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace alpr {

namespace {

/** Upper case, plate characters only, each once, in the order first typed. */
QString cleanCharacters(const QString& text)
{
    QString out;
    for (QChar c : text) {
        c = c.toUpper();
        const bool plateChar = (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (plateChar && !out.contains(c))
            out.append(c);
    }
    return out;
}

} // namespace

PlatePositionBox::PlatePositionBox(QWidget* parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 3, 4, 4);
    layout->setSpacing(3);

    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("positionLabel"));
    m_position->setAlignment(Qt::AlignCenter);
    m_position->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_position);

    m_chars = new QLineEdit(this);
    m_chars->setObjectName(QStringLiteral("charsEdit"));
    m_chars->setAlignment(Qt::AlignCenter);
    m_chars->setMaxLength(36);
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    m_chars->setFont(font);
    m_chars->setPlaceholderText(QStringLiteral("?"));
    m_chars->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9]*")), this));
    m_chars->setFixedWidth(76);
    layout->addWidget(m_chars);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("any"), int(Mode::Any));
    m_mode->addItem(tr("known"), int(Mode::Known));
    m_mode->addItem(tr("one of"), int(Mode::OneOf));
    m_mode->addItem(tr("none of"), int(Mode::NoneOf));
    m_mode->setFixedWidth(76);
    m_mode->setToolTip(tr("any: unknown character · known: this character · one of: any of these · "
                          "none of: anything but these"));
    layout->addWidget(m_mode);

    connect(m_mode, &QComboBox::activated, this, &PlatePositionBox::onModeChosen);
    connect(m_chars, &QLineEdit::textEdited, this, &PlatePositionBox::onTextEdited);
    set(Mode::Any, QString());
}

void PlatePositionBox::setPosition(int position)
{
    if (position > 0)
        m_position->setText(QString::number(position));
    else if (position == -1)
        m_position->setText(tr("last"));
    else if (position < -1)
        m_position->setText(tr("last −%1").arg(-position - 1));
    else
        m_position->clear();
}

PlatePositionBox::Mode PlatePositionBox::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

QString PlatePositionBox::characters() const
{
    return cleanCharacters(m_chars->text());
}

void PlatePositionBox::set(Mode mode, const QString& characters)
{
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockChars(m_chars);
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    const QString chars = cleanCharacters(characters);
    m_chars->setText(mode == Mode::Any ? QString() : mode == Mode::Known ? chars.left(1) : chars);
    // "None of" in red, not struck through: a line through 0 and O makes them hard to tell apart.
    m_chars->setStyleSheet(mode == Mode::NoneOf ? QStringLiteral("color: #b00020;") : QString());
    m_chars->setToolTip(mode == Mode::NoneOf ? tr("Any character except these")
                                             : tr("One character if the witness is sure, several if it was one of "
                                                  "them, empty if unknown"));
}

QString PlatePositionBox::patternText() const
{
    const QString chars = characters();
    switch (mode()) {
    case Mode::Any:
        return QStringLiteral("?");
    case Mode::Known:
        return chars.isEmpty() ? QStringLiteral("?") : chars.left(1);
    case Mode::OneOf:
        return chars.isEmpty() ? QStringLiteral("?") : chars.size() == 1 ? chars : u'[' + chars + u']';
    case Mode::NoneOf:
        return chars.isEmpty() ? QStringLiteral("?") : QStringLiteral("[!") + chars + u']';
    }
    return QStringLiteral("?");
}

void PlatePositionBox::onModeChosen(int index)
{
    const auto chosen = Mode(m_mode->itemData(index).toInt());
    // Keep what was typed where it still makes sense: known keeps the first character, any forgets them.
    set(chosen, chosen == Mode::Known ? characters().left(1) : characters());
    if (chosen != Mode::Any)
        m_chars->setFocus(Qt::OtherFocusReason);
    emit changed();
}

void PlatePositionBox::onTextEdited(const QString& text)
{
    const QString chars = cleanCharacters(text);
    Mode next = mode();
    if (next != Mode::NoneOf)
        next = chars.isEmpty() ? Mode::Any : chars.size() == 1 ? Mode::Known : Mode::OneOf;
    const int cursor = m_chars->cursorPosition();
    set(next, chars);
    m_chars->setCursorPosition(std::min(cursor, int(m_chars->text().size())));
    emit changed();
}

} // namespace alpr

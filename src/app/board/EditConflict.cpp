#include "board/EditConflict.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dealboard::gui {

EditConflict::EditConflict(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_keepMine(new QPushButton(QStringLiteral("Keep mine"), this))
    , m_takeTheirs(new QPushButton(QStringLiteral("Take theirs"), this))
{
    setObjectName(QStringLiteral("editConflict"));
    setStyleSheet(QStringLiteral("QFrame#editConflict { background: #fff4d6; border: 1px solid #c9a227; "
                                 "border-radius: 3px; }"));
    m_text->setObjectName(QStringLiteral("editConflictText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText); // every value is escaped
    m_keepMine->setObjectName(QStringLiteral("conflictKeepMine"));
    m_keepMine->setToolTip(QStringLiteral("Save what you typed over the other change"));
    m_takeTheirs->setObjectName(QStringLiteral("conflictTakeTheirs"));
    m_takeTheirs->setToolTip(QStringLiteral("Drop what you typed and keep the other change"));
    connect(m_keepMine, &QPushButton::clicked, this, &EditConflict::keepMine);
    connect(m_takeTheirs, &QPushButton::clicked, this, &EditConflict::takeTheirs);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_keepMine);
    buttons->addWidget(m_takeTheirs);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    hide();
}

void EditConflict::showConflict(const QString& deal, const QString& fact, const QString& mine, const QString& theirs,
                                const QString& who)
{
    const auto shown = [](const QString& value) {
        return value.isEmpty() ? QStringLiteral("<i>empty</i>")
                               : QStringLiteral("<b>%1</b>").arg(value.toHtmlEscaped());
    };
    m_said = (QStringLiteral("'%1': %2 was changed while you were typing; nothing is saved yet.<br>"
                             "Yours: %3<br>Theirs: %4%5")
                  .arg(deal.toHtmlEscaped(), fact.toHtmlEscaped(), shown(mine), shown(theirs),
                       who.isEmpty() ? QString() : QStringLiteral(" (by %1)").arg(who.toHtmlEscaped())));
    render();
    show();
}

void EditConflict::setNext(const QString& title)
{
    if (title != m_next) {
        m_next = title;
        render();
    }
}

void EditConflict::render()
{
    m_text->setText(
        m_next.isEmpty()
            ? m_said
            : m_said + QStringLiteral("<br><i>Choose, and the pane goes on to '%1'.</i>").arg(m_next.toHtmlEscaped()));
}

QString EditConflict::text() const
{
    return m_text->text();
}

} // namespace dealboard::gui

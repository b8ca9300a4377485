#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace dealboard::gui {

// Help > Keyboard shortcuts: every action of the window that has a shortcut,
// read from the actions themselves, so the list cannot drift from the app.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

    // "Reports" -> "Ctrl+5": the rows shown, in menu order.
    static QList<QPair<QString, QString>> rows(const QList<QAction*>& actions);
};

} // namespace dealboard::gui

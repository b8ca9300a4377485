#include "common/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

QList<QPair<QString, QString>> ShortcutsDialog::rows(const QList<QAction*>& actions)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction* action : actions) {
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty() || action->text().isEmpty()) {
            continue;
        }
        QString name = action->text();
        name.remove(QLatin1Char('&')).remove(QChar(0x2026));
        QStringList shown;
        for (const QKeySequence& key : keys) {
            shown << key.toString(QKeySequence::NativeText);
        }
        rows.append({name.trimmed(), shown.join(QStringLiteral(", "))});
    }
    return rows;
}

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    const QList<QPair<QString, QString>> shown = rows(actions);
    auto* table = new QTableWidget(static_cast<int>(shown.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({QStringLiteral("Action"), QStringLiteral("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    for (int row = 0; row < shown.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(shown[row].first));
        table->setItem(row, 1, new QTableWidgetItem(shown[row].second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* note = new QLabel(QStringLiteral("On the board, Left and Right move between columns, Enter opens the "
                                           "selected deal and Delete deletes it."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(460, 520);
}

} // namespace dealboard::gui

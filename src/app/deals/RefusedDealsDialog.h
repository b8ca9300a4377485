#pragma once

#include "dealboard/Result.h"

#include <QDialog>
#include <utility>
#include <vector>

class QTableWidget;

namespace dealboard::gui {

// When the rules refuse an action on some of several deals: one form that
// lists each refused deal with why, and does the rest only if the rep says
// so (nothing has changed while it is open).
class RefusedDealsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefusedDealsDialog)

public:
    // `refused`: the deal's title and why; `allowed`: how many could be done;
    // `what`: the action as a verb phrase ("moved to Contacting").
    RefusedDealsDialog(const std::vector<std::pair<QString, QString>>& refused, int allowed, const QString& what,
                       QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table;
};

} // namespace dealboard::gui

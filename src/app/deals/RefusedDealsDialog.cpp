#include "deals/RefusedDealsDialog.h"

#include "common/ShownText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

RefusedDealsDialog::RefusedDealsDialog(const std::vector<std::pair<QString, QString>>& refused, int allowed,
                                       const QString& what, QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(static_cast<int>(refused.size()), 2))
{
    setObjectName(QStringLiteral("refusedDealsDialog"));
    setWindowTitle(QStringLiteral("Some deals can't be %1").arg(shownText(what)));
    const int total = allowed + static_cast<int>(refused.size());
    auto* headline = new QLabel(QStringLiteral("%1 of the %2 selected deals can't be %3. Nothing has changed yet.")
                                    .arg(refused.size())
                                    .arg(total)
                                    .arg(shownText(what)));
    headline->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("refusedDeals"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Deal"), QStringLiteral("Why not")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int row = 0; row < static_cast<int>(refused.size()); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(shownText(refused[row].first)));
        m_table->setItem(row, 1, new QTableWidgetItem(shownText(refused[row].second, true)));
    }
    m_table->resizeRowsToContents();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    if (allowed > 0) {
        QPushButton* rest = buttons->addButton(allowed == 1 ? QStringLiteral("Do the other one")
                                                            : QStringLiteral("Do the other %1").arg(allowed),
                                               QDialogButtonBox::AcceptRole);
        rest->setObjectName(QStringLiteral("doTheRest"));
        rest->setToolTip(QStringLiteral("The allowed deals are %1 in one step (one undo)").arg(shownText(what)));
    }
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 320);
}

} // namespace dealboard::gui

#include "contacts/ContactFrequencyDialog.h"

#include "common/Numbers.h"
#include "common/ShownText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

ContactFrequencyDialog::ContactFrequencyDialog(int defaultDays, const std::vector<Segment>& segments, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("contactFrequencyDialog"));
    setWindowTitle(QStringLiteral("Contact frequency"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral(
        "Planning or logging a call, email or meeting sooner than this after another touch of the same person "
        "warns first. A person in several segments gets the largest; 0 turns the warning off."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_default = new QSpinBox;
    m_default->setObjectName(QStringLiteral("defaultTouchDays"));
    m_default->setRange(0, 365);
    m_default->setSuffix(QStringLiteral(" days"));
    m_default->setValue(defaultDays);
    form->addRow(QStringLiteral("&Default:"), m_default);
    layout->addLayout(form);

    m_table = new QTableWidget(static_cast<int>(segments.size()), 4);
    m_table->setObjectName(QStringLiteral("segmentRules"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Segment"), QStringLiteral("Organizations"),
                                        QStringLiteral("People"), QStringLiteral("Minimum days")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < static_cast<int>(segments.size()); ++row) {
        const Segment& segment = segments[row];
        m_table->setItem(row, 0, new QTableWidgetItem(shownText(segment.tag)));
        for (const auto& [column, count] : {std::pair {1, segment.organizations}, std::pair {2, segment.people}}) {
            auto* item = new QTableWidgetItem(Numbers::count(count));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
        auto* days = new QSpinBox;
        days->setRange(-1, 365);
        days->setSpecialValueText(QStringLiteral("default"));
        days->setSuffix(QStringLiteral(" days"));
        days->setValue(segment.minTouchDays.value_or(-1));
        m_table->setCellWidget(row, 3, days);
        m_tags.emplace_back(segment.tag, days);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 420);
}

int ContactFrequencyDialog::defaultDays() const
{
    return m_default->value();
}

std::vector<std::pair<QString, std::optional<int>>> ContactFrequencyDialog::rules() const
{
    std::vector<std::pair<QString, std::optional<int>>> result;
    for (const auto& [tag, box] : m_tags) {
        result.emplace_back(tag, box->value() < 0 ? std::nullopt : std::optional<int>(box->value()));
    }
    return result;
}

QSpinBox* ContactFrequencyDialog::tagBox(const QString& tag) const
{
    for (const auto& [name, box] : m_tags) {
        if (name == tag) {
            return box;
        }
    }
    return nullptr;
}

} // namespace dealboard::gui

#pragma once

#include "dealboard/Contacts.h"

#include <QDialog>
#include <vector>

class QSpinBox;
class QTableWidget;

namespace dealboard::gui {

// Minimum days between two touches of one person: the default, and each
// segment tag's own ("default" when it has none).
class ContactFrequencyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactFrequencyDialog)

public:
    ContactFrequencyDialog(int defaultDays, const std::vector<Segment>& segments, QWidget* parent = nullptr);

    int defaultDays() const;
    // Every tag with its days (unset: the default).
    std::vector<std::pair<QString, std::optional<int>>> rules() const;
    QSpinBox* defaultBox() const { return m_default; }
    QSpinBox* tagBox(const QString& tag) const;

private:
    QSpinBox* m_default;
    QTableWidget* m_table;
    std::vector<std::pair<QString, QSpinBox*>> m_tags;
};

} // namespace dealboard::gui

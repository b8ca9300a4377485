#pragma once

#include "dealboard/CustomFields.h"
#include "dealboard/Deal.h"

#include <QDialog>
#include <functional>
#include <optional>
#include <vector>

class QLabel;

namespace dealboard::gui {

// A deal's custom fields, one editor each (FieldEditors.h), from the
// details pane's "Edit…". Save hands the fields the rep changed, as typed,
// to `save`; a refusal (a value its type refuses, a needed field cleared) is
// shown above the buttons and the dialog stays open with what was typed.
class DealFieldsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DealFieldsDialog)

public:
    using Save = std::function<std::optional<QString>(const std::vector<std::pair<QString, QString>>& changed)>;
    // `deal` read with its values.
    DealFieldsDialog(const Deal& deal, const CustomFields& fields, Save save, QWidget* parent = nullptr);

private:
    void trySave();

    Deal m_deal;
    Save m_save;
    std::vector<std::pair<QWidget*, CustomField>> m_editors;
    QLabel* m_problem = nullptr;
};

} // namespace dealboard::gui

#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Result.h"

#include <QDialog>
#include <functional>
#include <memory>

namespace Ui {
class DealDialog;
}

namespace dealboard::gui {

// Creates or edits a deal. Field problems (empty title, malformed value) are
// shown beside the field; Save hands the fields to `save`, which goes through
// the service, and the dialog stays open with the service's answer when it refuses.
// Text stored with a character the text rules forbid shows it written out
// ("<U+202E>"), as the details pane does: the marker stands for the character.
class DealDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DealDialog)

public:
    using Save = std::function<std::optional<Error>(const DealFields& fields)>;

    DealDialog(const Deal* existing, const QStringList& owners, const QDate& today, Save save,
               QWidget* parent = nullptr);
    ~DealDialog() override;

    // The fields as entered; nullopt with the problems shown when some are invalid.
    std::optional<DealFields> fields();

    void accept() override;

private:
    // The text a field means, with a written-out character kept from the
    // stored text standing for itself (TextRules::unshown).
    QString meant(const QString& stored, const QString& typed) const;

    std::unique_ptr<Ui::DealDialog> m_ui;
    Save m_save;
    Deal m_loaded; // the deal as loaded; empty for a new deal
};

} // namespace dealboard::gui

#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>
#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace dealboard::gui {

// Merges `other` into `keep` as one undo step (the window's undo stack).
using MergeContacts = std::function<Result<ContactMerge>(ContactType type, std::int64_t keep, std::int64_t other)>;

// The likely duplicate organizations or people, each pair with why; Merge
// keeps the one chosen and folds the other into it.
class DuplicatesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicatesDialog)

public:
    DuplicatesDialog(Pipeline& service, ContactType type, MergeContacts merge, QWidget* parent = nullptr);

    QTableWidget* pairs() const { return m_pairs; }
    QComboBox* keepChoice() const { return m_keep; }
    QPushButton* mergeButton() const { return m_mergeButton; }
    QLabel* status() const { return m_status; }
    // Reads the pairs again.
    void reload();

private:
    void choose();
    void mergeChosen();

    Pipeline& m_service;
    ContactType m_type;
    MergeContacts m_merge;
    std::vector<DuplicatePair> m_found;
    QTableWidget* m_pairs;
    QComboBox* m_keep;
    QPushButton* m_mergeButton;
    QLabel* m_status;
};

} // namespace dealboard::gui

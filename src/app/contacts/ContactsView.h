#pragma once

#include "contacts/DuplicatesDialog.h"
#include "dealboard/Pipeline.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace dealboard::gui {

class PeopleVCards;

// The list of organizations or of people in the board's window: search, a
// segment tag filter, and a form to add or edit one.
class ContactsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactsView)

public:
    enum class Kind { Organizations, People };

    ContactsView(Pipeline& service, Kind kind, QWidget* parent = nullptr);

    QLineEdit* searchEdit() const { return m_search; }
    QComboBox* tagFilter() const { return m_tag; }
    QTableView* view() const { return m_view; }
    int rowCount() const;
    // People as vCard (drop, drag, import, export); null on the organizations' list.
    PeopleVCards* vcards() const { return m_vcards; }
    // Re-reads the list (when shown after a change).
    void reload();
    void invalidate();
    // Opens the add (id 0) or edit form.
    void openForm(std::int64_t id);
    // How the Duplicates dialog merges (as one step on the window's undo stack).
    void setMerge(MergeContacts merge) { m_merge = std::move(merge); }
    // Opens the likely duplicates of this kind of contact.
    void openDuplicates();
    // Selects contact `id` in the list (after a search that shows it).
    void select(std::int64_t id);

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reloadTags();

    Pipeline& m_service;
    Kind m_kind;
    QLineEdit* m_search;
    QComboBox* m_tag;
    QTableView* m_view;
    QStandardItemModel* m_model;
    QLabel* m_count;
    PeopleVCards* m_vcards = nullptr;
    MergeContacts m_merge;
    bool m_stale = true;
};

} // namespace dealboard::gui

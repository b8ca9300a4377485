#pragma once

#include "dealboard/Pipeline.h"

#include <QObject>
#include <QStringList>
#include <vector>

class QAction;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QTimer;
class QToolBar;
class QWidget;

namespace dealboard::gui {

class BoardModel;
class StatusLine;
struct BoardView;

// What narrows the board: the search, the owner (and "My deals" on a team's
// server), lost deals shown or not, the segment, a custom field's value and
// the next activity; the
// note over the columns whenever they hide deals ("Showing 8 of 149 deals",
// with Clear); and their part of what each pipeline's board remembers.
class BoardFilters final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardFilters)

public:
    BoardFilters(Pipeline& service, BoardModel& board, StatusLine& status, QWidget* window);

    // View › Show lost deals.
    QAction* showLost() const { return m_showLost; }
    // The search and the filters, in the toolbar.
    void addTo(QToolBar* toolbar);
    // The board with the note over it.
    QWidget* withNote(QWidget* board);
    // The team's users, on a team's server: the owner filters offer them too.
    void setTeamMembers(std::vector<TeamMember> members) { m_teamMembers = std::move(members); }
    // The deals' owners and, on a team's server, every user of the team.
    QStringList owners() const;
    // The owner filter offers `owners`, keeping the owner chosen.
    void showOwners(const QStringList& owners);
    // The owner chosen; empty for all owners.
    QString owner() const;
    // The segment filter offers the pipeline's segments, keeping the one chosen.
    void updateSegments();
    // The field filter offers each value of the choice and yes/no fields,
    // keeping the one chosen while it stands.
    void updateFields();
    void clear();
    // Edit › Find.
    void focusSearch();
    void restore(const BoardView& view);
    void save(BoardView& view) const;
    QComboBox* segmentFilter() const { return m_segment; }
    QComboBox* activityFilter() const { return m_activityView; }
    QComboBox* fieldFilter() const { return m_field; }

private:
    void updateNote();

    Pipeline& m_service;
    BoardModel& m_board;
    StatusLine& m_status;
    QAction* m_showLost;
    QAction* m_myDeals = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchDelay = nullptr;
    QComboBox* m_owner = nullptr;
    QComboBox* m_segment = nullptr;
    QComboBox* m_activityView = nullptr;
    QComboBox* m_field = nullptr;
    QFrame* m_note = nullptr;
    QLabel* m_noteText = nullptr;
    std::vector<TeamMember> m_teamMembers;
};

} // namespace dealboard::gui

#pragma once

#include "board/BoardModel.h"
#include "dealboard/Team.h"

#include <QAbstractListModel>
#include <functional>
#include <vector>

namespace dealboard::gui {

// The deals of one stage, as a list model for one column of the board. Rows
// point into the BoardModel's entries; newest arrivals first. A drop on the
// column is turned into a move request, never into rows moved by the view.
class StageColumnModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StageColumnModel)

public:
    enum Role {
        DealRole = Qt::UserRole + 1, // the typed Deal
        DealIdRole,
        // On a team's server: the deal is a teammate's (owned by another member).
        TeammateRole,
        // The signed-in user may not change it (nor drag it).
        LockedRole,
        // Why the open deal is marked as stalling in its stage ("longer than
        // 8 in 10 of the team's deals stayed in Negotiation: 23 days"); empty
        // when it is not.
        StallingRole,
        // What the card shows of the deal's custom fields ("Web · 40").
        CardFieldsRole,
    };

    static QString mimeType() { return QStringLiteral("application/x-dealboard-deal-ids"); }
    static QMimeData* encodeDealIds(const QList<DealId>& ids);
    static QList<DealId> decodeDealIds(const QMimeData* mime);

    // `team`: who is signed in (on a team's server, the cards of deals they
    // may not change are not dragged, and their tooltip says who may).
    StageColumnModel(Stage stage, const BoardFilter& filter, const TeamSession& team, QObject* parent = nullptr);

    // Where CardFieldsRole reads a deal's custom fields from (the board's).
    void setCardFields(std::function<QString(DealId, bool named)> cardFields) { m_cardFields = std::move(cardFields); }
    Stage stage() const { return m_stage; }
    int rowOf(DealId id) const; // -1 when not shown
    std::optional<Deal> dealAt(int row) const;
    const std::vector<const BoardEntry*>& visibleEntries() const { return m_visible; }

    // Called by BoardModel only.
    void resetEntries(std::vector<const BoardEntry*> all);
    void insertEntry(const BoardEntry* entry);
    void removeEntry(const BoardEntry* entry);
    void refreshEntry(const BoardEntry* entry); // same stage, new facts
    void refilter();
    // Every shown card painted again (what a card shows besides its deal changed).
    void repaintAll();
    // The entries the filter accepts now, in board order, among every entry
    // of the stage. Reads only; safe beside another column's on another thread.
    std::vector<const BoardEntry*> accepted() const;
    // The same after the search went from `from` to the filter's: found among
    // the cards shown when the search only grew, else in the trail of
    // earlier searches (below), else among every entry. Reads only.
    std::vector<const BoardEntry*> searched(const QByteArray& from) const;
    // Shows exactly `visible` (what accepted returned, nothing changed since).
    void showOnly(std::vector<const BoardEntry*> visible);
    // Shows what searched(from) returned, and keeps the trail: what each
    // shorter search showed, for a letter taken back.
    void showSearched(const QByteArray& from, std::vector<const BoardEntry*> visible);
    ColumnSort sort() const { return m_sort; }
    void setSort(ColumnSort sort);
    // Whether the entry, whose facts just changed, still stands where the sort puts it.
    bool inOrder(const BoardEntry* entry) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    void dropRequested(const QList<dealboard::DealId>& ids, dealboard::Stage target);

private:
    QString stallingWhy(const Deal& deal) const;
    bool before(const BoardEntry* a, const BoardEntry* b) const;
    int visiblePositionFor(const BoardEntry* entry) const;

    Stage m_stage;
    const BoardFilter& m_filter;
    const TeamSession& m_team;
    ColumnSort m_sort = ColumnSort::Newest;
    std::vector<const BoardEntry*> m_all; // every deal in the stage, in board order
    std::vector<const BoardEntry*> m_visible; // those the filter accepts, same order
    // What the column showed for each search the current one holds, the
    // shortest first; emptied by any change of the entries, the sort or
    // another filter, so that a step taken back shows what a new search would.
    struct TrailStep
    {
        QByteArray search;
        std::vector<const BoardEntry*> visible;
    };
    std::vector<TrailStep> m_trail;
    std::function<QString(DealId, bool named)> m_cardFields;
};

} // namespace dealboard::gui

// What narrows the board, said and remembered: the note over the columns
// whenever filters hide deals ("Showing 8 of 149 deals", with Clear), and the
// filters, search, sorts and collapsed columns kept per pipeline.
#include "MainWindow.h"
#include "board/BoardMemory.h"
#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/StageColumn.h"
#include "common/Numbers.h"
#include "dealboard/TextRules.h"
#include "deals/DealNames.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace dealboard::gui {

QWidget* MainWindow::withFilterNote(QWidget* board)
{
    m_filterNote = new QFrame;
    m_filterNote->setObjectName(QStringLiteral("filterNote"));
    m_filterNote->setStyleSheet(QStringLiteral("QFrame#filterNote { background: #fff8e1; border-bottom: 1px solid "
                                               "#e6d28f; }"));
    m_filterNoteText = new QLabel(m_filterNote);
    m_filterNoteText->setObjectName(QStringLiteral("filterNoteText"));
    m_filterNoteText->setTextFormat(Qt::PlainText); // the search is the rep's own text
    auto* clear = new QPushButton(QStringLiteral("Clear filters"), m_filterNote);
    clear->setObjectName(QStringLiteral("clearFiltersButton"));
    connect(clear, &QPushButton::clicked, this, &MainWindow::clearFilters);
    auto* row = new QHBoxLayout(m_filterNote);
    row->setContentsMargins(12, 4, 12, 4);
    row->addWidget(m_filterNoteText, 1);
    row->addWidget(clear);
    m_filterNote->hide();
    connect(m_board, &BoardModel::totalsChanged, this, &MainWindow::updateFilterNote);

    auto* area = new QWidget;
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterNote);
    layout->addWidget(board, 1);
    return area;
}

void MainWindow::updateFilterNote()
{
    const BoardFilter& filter = m_board->filter();
    if (!filter.narrows()) {
        m_filterNote->hide();
        return;
    }
    QStringList what;
    if (!filter.search.isEmpty()) {
        what << QStringLiteral("search \u201c%1\u201d").arg(TextRules::shown(m_search->text().trimmed()));
    }
    if (!filter.owner.isEmpty()) {
        what << QStringLiteral("owner %1").arg(TextRules::shown(filter.owner));
    }
    if (!filter.segment.isEmpty()) {
        what << QStringLiteral("segment %1").arg(TextRules::shown(filter.segment));
    }
    if (filter.activity != ActivityView::All) {
        what << m_activityView->currentText().toLower();
    }
    const int total = m_board->unfilteredDeals();
    const QString count = m_board->isLoading()
        ? QStringLiteral("Filtered while all %L1 deals are read").arg(m_board->totalDeals())
        : QStringLiteral("Showing %1 of %2 %3")
              .arg(Numbers::count(m_board->shownDeals()), Numbers::count(total),
                   total == 1 ? QStringLiteral("deal") : QStringLiteral("deals"));
    m_filterNoteText->setText(QStringLiteral("%1 · %2").arg(count, what.join(QStringLiteral(", "))));
    m_filterNote->show();
}

void MainWindow::clearFilters()
{
    m_searchDelay->stop();
    m_search->clear();
    m_board->setSearchText(QString());
    m_owner->setCurrentIndex(0);
    m_segment->setCurrentIndex(0);
    m_activityView->setCurrentIndex(0);
    notify(QStringLiteral("Showing every deal again."));
}

void MainWindow::restoreBoardView()
{
    const BoardView view = BoardMemory::read(m_service.reads().path());
    m_showLost->setChecked(view.showLost);
    m_search->setText(view.search);
    m_board->setSearchText(view.search);
    m_owner->setProperty("restoreOwner", view.owner);
    m_segment->setProperty("restoreSegment", view.segment);
    m_activityView->setCurrentIndex(std::max(0, m_activityView->findData(view.activity)));
    for (Stage stage : AllStages) {
        m_board->setSort(stage, view.sorts[stageIndex(stage)]);
        column(stage)->setCollapsed(view.collapsed[stageIndex(stage)]);
    }
}

void MainWindow::saveBoardView() const
{
    BoardView view;
    view.search = m_search->text();
    view.owner = m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText();
    view.segment = m_segment->currentData().toString();
    view.activity = m_activityView->currentData().toInt();
    view.showLost = m_showLost->isChecked();
    for (Stage stage : AllStages) {
        view.sorts[stageIndex(stage)] = m_board->sort(stage);
        view.collapsed[stageIndex(stage)] = column(stage)->isCollapsed();
    }
    BoardMemory::write(m_service.reads().path(), view);
}

void MainWindow::fitBoardWidth(QWidget* boardArea)
{
    int width = 16;
    for (StageColumn* stageColumn : m_columns) {
        if (stageColumn != nullptr) {
            width += (stageColumn->isCollapsed() ? StageColumn::StripWidth : BoardStyle::ColumnMinimumWidth) + 6;
        }
    }
    boardArea->setMinimumWidth(width);
}

void MainWindow::columnCollapsed(StageColumn* stageColumn, QWidget* boardArea)
{
    auto* columns = static_cast<QHBoxLayout*>(boardArea->layout());
    columns->setStretchFactor(stageColumn, stageColumn->isCollapsed() ? 0 : 1);
    fitBoardWidth(boardArea);
    if (!stageColumn->isCollapsed()) {
        return;
    }
    // Its cards leave the selection (the deal in the pane too), and the
    // status bar says which when the rep had them selected.
    QList<DealId> left = stageColumn->hiddenSelection();
    if (m_selected && !left.contains(*m_selected)) {
        if (const Deal* deal = m_board->deal(*m_selected); deal && deal->stage == stageColumn->stage()) {
            left << *m_selected;
        }
    }
    if (left.isEmpty()) {
        return;
    }
    QList<DealId> still;
    for (StageColumn* other : m_columns) {
        still += other->view()->selectedDealIds();
    }
    if (m_selected && left.contains(*m_selected)) {
        m_selected.reset();
    }
    QStringList titles;
    for (DealId id : left) {
        if (const Deal* deal = m_board->deal(id)) {
            titles << deal->title;
        }
    }
    keepSelection(still, m_selected, false);
    QString said = QStringLiteral("%1 left the selection: %2 is collapsed.")
                       .arg(namedDeals(titles), stageName(stageColumn->stage()));
    if (!still.isEmpty()) {
        said += still.size() == 1 ? QStringLiteral(" 1 deal is still selected.")
                                  : QStringLiteral(" %L1 deals are still selected.").arg(still.size());
    }
    notify(said);
}

} // namespace dealboard::gui

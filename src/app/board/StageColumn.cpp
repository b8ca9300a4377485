#include "board/StageColumn.h"

#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/StageColumnModel.h"
#include "common/Numbers.h"
#include "dealboard/TransitionEngine.h"

#include <QActionGroup>
#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

// A label that shows "Relationship Buil…" rather than clipping when narrow.
class ElidedLabel final : public QLabel
{
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override { return {40, QLabel::minimumSizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width()));
    }
};

// The collapsed column: the stage, its count and total written upwards. A
// click opens the column again; cards dropped on it are moved there.
class CollapsedStrip final : public QWidget
{
public:
    CollapsedStrip(StageColumn* column, StageColumnModel* model, QColor accent)
        : QWidget(column)
        , m_column(column)
        , m_model(model)
        , m_accent(accent)
    {
        setObjectName(QStringLiteral("collapsedStrip"));
        setAcceptDrops(true);
        setCursor(Qt::PointingHandCursor);
        setFixedWidth(StageColumn::StripWidth - 8);
        // Tab reaches it too; Enter or Space opens the column again.
        setFocusPolicy(Qt::TabFocus);
    }

    void setSummary(const QString& summary)
    {
        m_summary = summary;
        setAccessibleName(summary);
        setToolTip(summary + QStringLiteral("\nClick to open the column again."));
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        painter.setPen(QPen(BoardStyle::cardBorder(), 1));
        painter.setBrush(Qt::white);
        painter.drawRoundedRect(box, 6, 6);
        if (hasFocus()) {
            painter.setPen(QPen(BoardStyle::focusRing(), 2, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(box.adjusted(1.5, 1.5, -1.5, -1.5), 5, 5);
        }
        painter.fillRect(QRectF(box.left() + 3, box.top(), box.width() - 6, 3), m_accent);
        painter.translate(0, height());
        painter.rotate(-90);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect upright(12, 0, height() - 24, width());
        painter.drawText(upright, Qt::AlignRight | Qt::AlignVCenter,
                         fontMetrics().elidedText(m_summary, Qt::ElideRight, upright.width()));
    }
    void mouseReleaseEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton) {
            m_column->setCollapsed(false);
        }
    }
    void keyPressEvent(QKeyEvent* event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
            m_column->setCollapsed(false);
            return;
        }
        QWidget::keyPressEvent(event);
    }
    void focusInEvent(QFocusEvent*) override { update(); }
    void focusOutEvent(QFocusEvent*) override { update(); }
    void dragEnterEvent(QDragEnterEvent* event) override
    {
        if (!StageColumnModel::decodeDealIds(event->mimeData()).isEmpty()) {
            event->acceptProposedAction();
        }
    }
    void dropEvent(QDropEvent* event) override
    {
        m_model->dropMimeData(event->mimeData(), Qt::MoveAction, -1, -1, QModelIndex());
        event->setDropAction(Qt::IgnoreAction);
        event->accept();
    }

private:
    StageColumn* m_column;
    StageColumnModel* m_model;
    QColor m_accent;
    QString m_summary;
};

} // namespace

StageColumn::StageColumn(Stage stage, BoardModel& board, QAbstractItemDelegate* delegate, QWidget* parent)
    : QFrame(parent)
    , m_stage(stage)
    , m_board(board)
    , m_model(board.column(stage))
    , m_view(new DealListView(this))
    , m_title(new ElidedLabel(stageName(stage), this))
    , m_count(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_refusal(new QFrame(this))
    , m_refusalText(new QLabel(m_refusal))
{
    setObjectName(QStringLiteral("column_%1").arg(stageSlug(stage)));
    m_view->setObjectName(QStringLiteral("cards_%1").arg(stageSlug(stage)));
    setMinimumWidth(BoardStyle::ColumnMinimumWidth);
    setFrameShape(QFrame::NoFrame);
    showDropHint(DropHint::None);

    auto* header = new QWidget(this);
    header->setObjectName(QStringLiteral("columnHeader"));
    const QColor accent = BoardStyle::stageAccent(stage);
    header->setStyleSheet(QStringLiteral("#columnHeader { background: white; border-top: 3px solid %1; "
                                         "border-radius: 6px; }")
                              .arg(accent.name()));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_count->setStyleSheet(
        QStringLiteral("background: %1; color: white; border-radius: 8px; padding: 0px 6px;").arg(accent.name()));
    m_totals->setStyleSheet(QStringLiteral("color: %1;").arg(BoardStyle::mutedText().name()));
    m_totals->setObjectName(QStringLiteral("columnTotals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Three lines always, so that every column's cards start at the same height.
    m_totals->setFixedHeight(3 * m_totals->fontMetrics().height() + 2);
    m_title->setMinimumWidth(40);
    // The column's menu: how its cards are sorted, and collapsing it.
    m_menuButton = new QToolButton(header);
    m_menuButton->setObjectName(QStringLiteral("columnMenuButton"));
    m_menuButton->setAutoRaise(true);
    // Tab goes from the toolbar straight to the cards; the menu is the mouse's.
    m_menuButton->setFocusPolicy(Qt::NoFocus);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_menuButton->setAccessibleName(QStringLiteral("%1 column menu").arg(stageName(stage)));
    m_menu = new QMenu(m_menuButton);
    m_menu->setObjectName(QStringLiteral("columnMenu"));
    m_menu->addSection(QStringLiteral("Sort cards by"));
    auto* sorts = new QActionGroup(m_menu);
    for (ColumnSort sort : AllColumnSorts) {
        QAction* action = m_menu->addAction(columnSortName(sort));
        action->setObjectName(QStringLiteral("sort_%1").arg(columnSortKey(sort)));
        action->setCheckable(true);
        action->setData(static_cast<int>(sort));
        sorts->addAction(action);
        connect(action, &QAction::triggered, this, [this, sort] { m_board.setSort(m_stage, sort); });
    }
    m_menu->addSeparator();
    QAction* collapse = m_menu->addAction(QStringLiteral("Collapse column"), this, [this] { setCollapsed(true); });
    collapse->setObjectName(QStringLiteral("collapseColumn"));
    m_menuButton->setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &StageColumn::showSort);
    connect(&board, &BoardModel::columnsReset, this, &StageColumn::showSort);
    connect(&board, &BoardModel::stallMarksChanged, this, [this] {
        updateTotals();
        m_view->viewport()->update();
    });
    connect(&board, &BoardModel::stageRulesChanged, this, &StageColumn::updateTotals);
    auto* titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(0, 0, 0, 0);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_count);
    titleRow->addWidget(m_menuButton);
    auto* headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(10, 8, 10, 8);
    headerLayout->setSpacing(3);
    headerLayout->addLayout(titleRow);
    headerLayout->addWidget(m_totals);
    m_header = header;

    m_view->setModel(m_model);
    m_view->setItemDelegate(delegate);
    m_view->setDropHintProvider([this](const QList<DealId>& ids) { return dropHintFor(ids); });
    connect(m_view, &DealListView::dropHintChanged, this, &StageColumn::showDropHint);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(6);
    // The refusal note: where the rep aimed the card, in the rules' words.
    m_refusal->setObjectName(QStringLiteral("refusalNote"));
    m_refusal->setStyleSheet(QStringLiteral("QFrame#refusalNote { background: #fbe9e9; border: 1px solid %1; "
                                            "border-radius: 6px; }")
                                 .arg(BoardStyle::overdue().name()));
    m_refusalText->setWordWrap(true);
    m_refusalText->setTextFormat(Qt::PlainText); // the deal's title is the rep's own text
    auto* close = new QToolButton(m_refusal);
    close->setObjectName(QStringLiteral("refusalClose"));
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(QStringLiteral("Close"));
    connect(close, &QToolButton::clicked, this, &StageColumn::hideRefusal);
    auto* note = new QHBoxLayout(m_refusal);
    note->setContentsMargins(8, 6, 4, 6);
    note->addWidget(m_refusalText, 1);
    note->addWidget(close, 0, Qt::AlignTop);
    m_refusal->hide();

    m_strip = new CollapsedStrip(this, m_model, accent);
    m_strip->hide();
    layout->addWidget(header);
    layout->addWidget(m_refusal);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_strip, 1, Qt::AlignHCenter);
    showSort(); // and the totals
}

DropHint StageColumn::dropHintFor(const QList<DealId>& ids) const
{
    // Without the server, every move would be refused: say so before the drop.
    if (!m_board.service().isConnected()) {
        return DropHint::Refused;
    }
    DropHint hint = DropHint::Allowed;
    for (DealId id : ids) {
        const std::optional<Deal> deal = m_board.deal(id);
        if (!deal) {
            return DropHint::Refused;
        }
        TransitionVerdict verdict = TransitionEngine::check(*deal, m_stage, m_board.stageRules());
        if (std::find(verdict.unmet.begin(), verdict.unmet.end(), Requirement::Plan) != verdict.unmet.end()) {
            // The board's deals carry no ticks: read this one's.
            Deal ticked = *deal;
            if (Result<std::vector<std::int64_t>> ticks = m_board.service().deals().planTicks(id)) {
                ticked.planTicks = std::move(ticks.value());
                verdict = TransitionEngine::check(ticked, m_stage, m_board.stageRules());
            }
        }
        for (Requirement requirement : verdict.unmet) {
            if (!isSuppliableFact(requirement)) {
                return DropHint::Refused;
            }
            hint = DropHint::NeedsFacts;
        }
    }
    return hint;
}

void StageColumn::showSort()
{
    const ColumnSort sort = m_board.sort(m_stage);
    for (QAction* action : m_menu->actions()) {
        if (action->isCheckable()) {
            action->setChecked(action->data().toInt() == static_cast<int>(sort));
        }
    }
    // The order shows in the header when it is not the usual newest first:
    // an arrow on the menu and the order beside the total, leaving the
    // stage's name its room.
    m_menuButton->setText(sort == ColumnSort::Newest ? QStringLiteral("⋯") : QStringLiteral("↓⋯"));
    updateTotals();
    m_menuButton->setToolTip(
        QStringLiteral("Sorted by %1. Sort or collapse the column").arg(columnSortName(sort).toLower()));
}

void StageColumn::setCollapsed(bool collapsed)
{
    if (collapsed == m_collapsed) {
        return;
    }
    m_collapsed = collapsed;
    const bool keyboardHere = collapsed ? m_view->hasFocus() : m_strip->hasFocus();
    m_hiddenSelection.clear();
    if (collapsed) {
        // What is not shown is not acted on (the window says what left the selection).
        m_hiddenSelection = m_view->selectedDealIds();
        m_view->clearSelection();
    }
    // The keyboard stays on the column: on the strip, or back on the cards
    // as if tabbed into (given before the widget it leaves is hidden, so
    // that Qt passes it on nowhere else).
    QWidget* shown = collapsed ? m_strip : static_cast<QWidget*>(m_view);
    shown->show();
    if (keyboardHere) {
        shown->setFocus(collapsed ? Qt::OtherFocusReason : Qt::TabFocusReason);
    }
    m_header->setVisible(!collapsed);
    (collapsed ? static_cast<QWidget*>(m_view) : m_strip)->hide();
    if (collapsed) {
        m_refusal->hide();
    }
    setMinimumWidth(collapsed ? StripWidth : BoardStyle::ColumnMinimumWidth);
    setMaximumWidth(collapsed ? StripWidth : QWIDGETSIZE_MAX);
    Q_EMIT collapsedChanged(collapsed);
}

void StageColumn::showRefusal(const QString& why)
{
    m_refusalText->setText(why);
    m_refusal->show();
}

void StageColumn::hideRefusal()
{
    m_refusal->hide();
}

bool StageColumn::showsRefusal() const
{
    return !m_refusal->isHidden();
}

QString StageColumn::refusalText() const
{
    return m_refusalText->text();
}

void StageColumn::showDropHint(DropHint hint)
{
    QString border = QStringLiteral("transparent");
    QString background = QStringLiteral("transparent");
    switch (hint) {
    case DropHint::None:
        break;
    case DropHint::Allowed:
        border = BoardStyle::confirmed().name();
        background = QStringLiteral("#e6f4ec");
        break;
    case DropHint::NeedsFacts:
        border = BoardStyle::rotting().name();
        background = QStringLiteral("#fdf3e3");
        break;
    case DropHint::Refused:
        border = BoardStyle::overdue().name();
        background = QStringLiteral("#fbe9e9");
        break;
    }
    // By object name: a type selector would need the namespaced class name.
    setStyleSheet(QStringLiteral("QFrame#%1 { border: 2px dashed %2; border-radius: 8px; background: %3; }")
                      .arg(objectName(), border, background));
}

void StageColumn::updateTotals()
{
    const StageTotals totals = m_board.totals(m_stage);
    // The probability a manager may change at any time: read with the totals.
    const StageProbabilities& probabilities = m_board.probabilities();
    m_header->setToolTip(TransitionEngine::describeEntryRules(m_stage, m_board.stageRules())
                         + QStringLiteral("\nWin probability %1 %%2; stalling mark %3.")
                               .arg(probabilities.percent(m_stage))
                               .arg(probabilities.isSet(m_stage) ? QString() : QStringLiteral(" (the default)"))
                               .arg(m_board.stallMarks().describe(m_stage)));
    m_count->setText(Numbers::count(totals.count));
    // One total in the reporting currency; what no rate converts is named.
    const QString& main = totals.currency;
    const ColumnSort sort = m_board.sort(m_stage);
    const int left = totals.conversion.unconvertedDeals();
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> %2%3")
                 .arg(Numbers::compact(totals.valueMinor, main), main,
                      sort == ColumnSort::Newest
                          ? QString()
                          : QStringLiteral(" · ↓ %1").arg(columnSortName(sort).toLower().toHtmlEscaped()));
    // On a line of its own, short enough for a column's width: "+ 1 in CHF"
    // (the tooltip says it whole).
    if (left > 0) {
        const QStringList codes = totals.conversion.unconvertedCurrencies().split(QStringLiteral(", "));
        lines << QStringLiteral("+ %1 in %2")
                     .arg(Numbers::count(left),
                          codes.size() == 1 ? codes.front().toHtmlEscaped()
                                            : QStringLiteral("%1 currencies").arg(codes.size()));
    }
    lines << QStringLiteral("weighted <b>%1</b> %2").arg(Numbers::compact(totals.weightedMinor, main), main);
    m_totals->setText(lines.join(QStringLiteral("<br>")));
    QStringList tooltip {
        QStringLiteral("Total %1, weighted %2")
            .arg(Numbers::amount({totals.valueMinor, main}), Numbers::amount({totals.weightedMinor, main}))};
    if (const QString said = totals.conversion.text(); !said.isEmpty()) {
        tooltip << said.at(0).toUpper() + said.mid(1);
    }
    const auto& perCurrency = totals.perCurrency;
    if (perCurrency.size() > 1 || (perCurrency.size() == 1 && perCurrency.firstKey() != main)) {
        for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it) {
            tooltip << QStringLiteral("%1: total %2, weighted %3")
                           .arg(it.key(), Numbers::amount({it.value().first, it.key()}),
                                Numbers::amount({it.value().second, it.key()}));
        }
    }
    m_totals->setToolTip(tooltip.join(QLatin1Char('\n')));
    static_cast<CollapsedStrip*>(m_strip)->setSummary(
        QStringLiteral("%1 · %2 · %3 %4%5")
            .arg(stageName(m_stage), Numbers::count(totals.count), Numbers::compact(totals.valueMinor, main), main,
                 left == 0 ? QString() : QStringLiteral(" + %1 unconverted").arg(left)));
}

QString StageColumn::headerSummary() const
{
    return QStringLiteral("%1 (%2): %3").arg(m_title->text(), m_count->text(), m_totals->toolTip());
}

} // namespace dealboard::gui

#include "StatusLine.h"

#include "board/BoardModel.h"
#include "common/Numbers.h"
#include "common/ShownText.h"

#include <QApplication>
#include <QLabel>
#include <QMap>
#include <QStatusBar>
#include <QTimer>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

StatusLine::StatusLine(QStatusBar* bar, QWidget* window)
    : m_bar(bar)
    , m_selectionCount(new QLabel(window))
    , m_totals(new QLabel)
{
    m_bar->setObjectName(QStringLiteral("statusBar"));
    m_selectionCount->setObjectName(QStringLiteral("selectionCount"));
    m_selectionCount->setToolTip(QStringLiteral("Drag them, or use the Deal menu to move, assign, plan, mark lost "
                                                "or delete them in one step"));
    m_selectionCount->hide();
    m_bar->addPermanentWidget(m_selectionCount);
    m_totals->setObjectName(QStringLiteral("pipelineSummary"));
    m_totals->setContentsMargins(0, 0, 8, 0);
}

void StatusLine::report(const Error& error)
{
    m_bar->showMessage(shownText(error.message, true), 15000);
}

void StatusLine::notify(const QString& message)
{
    m_bar->showMessage(shownText(message, true), 6000);
}

void StatusLine::say(const QString& message, int timeoutMs)
{
    m_bar->showMessage(message, timeoutMs);
}

void StatusLine::showWaitingForWriter()
{
    // Called inside the blocked action: paint now, undo when the event loop runs again.
    m_bar->showMessage(QStringLiteral("Waiting for another DealBoard to finish writing…"));
    m_bar->repaint();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QTimer::singleShot(0, m_bar, [bar = m_bar] {
        QApplication::restoreOverrideCursor();
        if (bar->currentMessage().startsWith(QStringLiteral("Waiting for another DealBoard"))) {
            bar->clearMessage();
        }
    });
}

void StatusLine::showSelectionCount(qsizetype count)
{
    m_selectionCount->setText(count == 1 ? QStringLiteral("1 deal selected")
                                         : QStringLiteral("%L1 deals selected").arg(count));
    m_selectionCount->setVisible(count > 0);
}

void StatusLine::showTotals(const BoardModel& board)
{
    std::int64_t weighted = 0;
    int open = 0;
    ConversionNote conversion;
    for (Stage stage : AllStages) {
        const StageTotals totals = board.totals(stage);
        open += totals.open;
        weighted = addMoney(weighted, totals.openWeightedMinor);
        conversion += totals.conversion;
    }
    // One amount in the reporting currency; deals no rate converts are named.
    const QString& currency = board.rates().reportingCurrency();
    QString text = QStringLiteral("%1 · weighted %2 %3")
                       .arg(open == 1 ? QStringLiteral("1 open deal")
                                      : QStringLiteral("%1 open deals").arg(Numbers::count(open)),
                            Numbers::compact(weighted, currency), currency);
    if (const int left = conversion.unconvertedDeals(); left > 0) {
        text += QStringLiteral(" + %1 unconverted (%2)")
                    .arg(left == 1 ? QStringLiteral("1 deal") : QStringLiteral("%1 deals").arg(Numbers::count(left)),
                         conversion.unconvertedCurrencies());
    }
    m_totals->setText(text);
    const QString said = conversion.text(QStringLiteral("all in %1").arg(currency));
    m_totals->setToolTip(QStringLiteral("Open deals weighted by their win probabilities, %1.").arg(said));
}

void StatusLine::reportDealsOutsideTheStages(Pipeline& service)
{
    if (const int strays = service.reads().dealsOutsideTheStages(); strays > 0) {
        spdlog::warn("{} deal(s) of {} have a stage or status DealBoard doesn't know", strays,
                     service.reads().path().toStdString());
        report(makeError(ErrorCode::NotADatabase,
                         QStringLiteral("%1 deal(s) have a stage or status DealBoard doesn't know; they are shown "
                                        "as open in Prospecting. 'dealboard-cli check' lists them.")
                             .arg(strays)));
    }
}

} // namespace dealboard::gui

#include "reports/AccuracyPanel.h"

#include "common/Numbers.h"
#include "reports/ReportTable.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <set>

namespace dealboard::gui {

namespace {

// A report table whose rows this panel fills.
class FigureTable final : public ReportTable
{
public:
    using ReportTable::fitColumns;
    using ReportTable::ReportTable;
    using ReportTable::setFigures;
};

QStringList headersOf(AccuracyPanel::Shows shows)
{
    if (shows == AccuracyPanel::Shows::Accuracy) {
        return {QStringLiteral("Month"),     QStringLiteral("Owner"),   QStringLiteral("Days ahead"),
                QStringLiteral("Snapshot"),  QStringLiteral("Claimed"), QStringLiteral("Error"),
                QStringLiteral("Empirical"), QStringLiteral("Error"),   QStringLiteral("Won")};
    }
    return {QStringLiteral("Owner"),       QStringLiteral("Deal"),        QStringLiteral("Stage"),
            QStringLiteral("Value"),       QStringLiteral("First close"), QStringLiteral("Close now"),
            QStringLiteral("Moved later"), QStringLiteral("Days later")};
}

QString percentText(std::optional<int> percent)
{
    return percent ? QStringLiteral("%1%2 %").arg(*percent > 0 ? QStringLiteral("+") : QString()).arg(*percent)
                   : QStringLiteral("–");
}

} // namespace

AccuracyPanel::AccuracyPanel(Pipeline& service, Shows shows, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_shows(shows)
    , m_summary(new QLabel(this))
    , m_table(
          new FigureTable(shows == Shows::Accuracy ? QStringLiteral("accuracyTable") : QStringLiteral("slippedTable"),
                          headersOf(shows), this))
{
    setObjectName(shows == Shows::Accuracy ? QStringLiteral("accuracyPanel") : QStringLiteral("slippedPanel"));
    m_summary->setObjectName(shows == Shows::Accuracy ? QStringLiteral("accuracySummary")
                                                      : QStringLiteral("slippedSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    if (shows == Shows::Accuracy) {
        m_months = new QSpinBox(this);
        m_months->setObjectName(QStringLiteral("accuracyMonths"));
        m_months->setRange(1, ForecastAccuracy::MaxMonths);
        m_months->setValue(ForecastAccuracy::DefaultMonths);
        m_months->setSuffix(QStringLiteral(" months back"));
        m_months->setToolTip(QStringLiteral("How many months before this one to measure"));
        auto* top = new QHBoxLayout;
        top->addWidget(m_summary, 1);
        top->addWidget(m_months, 0, Qt::AlignTop);
        layout->addLayout(top);
        m_table->setToolTip(
            QStringLiteral("What the forecast said of each month 90, 60 and 30 days before it began (the snapshot "
                           "of that day, or the nearest earlier one within %1 days), against what was won in "
                           "it. Error: said minus won, in percent of won. Claimed: weighted by the stages' "
                           "probabilities; empirical: by the team's own history.")
                .arg(ForecastAccuracy::SnapshotTolerance));
        connect(m_months, &QSpinBox::valueChanged, this, &AccuracyPanel::refresh);
    } else {
        layout->addWidget(m_summary);
        m_table->setToolTip(QStringLiteral("Open deals whose expected close date moved later %1 times or more, "
                                           "read from the change log")
                                .arg(SlippedDeals::MinimumSlips));
    }
    layout->addWidget(m_table, 1);
}

void AccuracyPanel::refresh()
{
    if (m_shows == Shows::Accuracy) {
        Result<ForecastAccuracy> read = m_service.accuracy().accuracy(m_months->value());
        if (!read) {
            Q_EMIT errorOccurred(read.error());
            return;
        }
        m_accuracy = std::move(read.value());
        showAccuracy();
    } else {
        Result<SlippedDeals> read = m_service.accuracy().slipped();
        if (!read) {
            Q_EMIT errorOccurred(read.error());
            return;
        }
        m_slipped = std::move(read.value());
        showSlipped();
    }
}

void AccuracyPanel::showAccuracy()
{
    auto* table = static_cast<FigureTable*>(m_table);
    const QString& currency = m_accuracy.currency;
    table->setRowCount(int(m_accuracy.lines.size() * ForecastAccuracy::Horizons.size()));
    int row = 0;
    for (const AccuracyLine& line : m_accuracy.lines) {
        for (std::size_t h = 0; h < ForecastAccuracy::Horizons.size(); ++h) {
            const AccuracySaid& said = line.said[h];
            const bool seen = said.snapshotOn.isValid();
            const QString empirical = !seen ? QString()
                : said.empiricalMinor       ? Numbers::amount({*said.empiricalMinor, currency})
                                            : QStringLiteral("not enough history");
            table->setFigures(
                row++,
                {line.month, line.owner.isEmpty() ? QStringLiteral("Team") : line.owner,
                 QString::number(ForecastAccuracy::Horizons[h]),
                 seen ? said.snapshotOn.toString(Qt::ISODate) : QStringLiteral("no snapshot"),
                 seen ? Numbers::amount({said.claimedMinor, currency}) : QString(),
                 seen ? percentText(ForecastAccuracy::errorPercent(said.claimedMinor, line.wonMinor)) : QString(),
                 empirical,
                 seen && said.empiricalMinor
                     ? percentText(ForecastAccuracy::errorPercent(*said.empiricalMinor, line.wonMinor))
                     : QString(),
                 Numbers::amount({line.wonMinor, currency})},
                4, line.owner.isEmpty());
        }
    }
    table->fitColumns();
    const QString note = AccuracyFormat::ratesNote(m_accuracy);
    m_summary->setText(m_accuracy.verdict().join(QLatin1Char('\n'))
                       + (note.isEmpty() ? QString() : QStringLiteral("\nIn %1, %2.").arg(currency, note)));
}

void AccuracyPanel::showSlipped()
{
    auto* table = static_cast<FigureTable*>(m_table);
    table->setRowCount(int(m_slipped.deals.size()));
    int row = 0;
    std::set<QString> owners;
    int slips = 0;
    for (const SlippedDeal& deal : m_slipped.deals) {
        owners.insert(deal.owner);
        slips += deal.slips;
        QTableWidgetItem* first
            = table->setFigures(row++,
                                {deal.owner.isEmpty() ? QStringLiteral("(no owner)") : deal.owner, deal.title,
                                 stageName(deal.stage), Numbers::amount(deal.value),
                                 deal.firstClose.toString(Qt::ISODate), deal.expectedClose.toString(Qt::ISODate),
                                 QStringLiteral("%1 times").arg(deal.slips), Numbers::count(deal.daysLater)},
                                3);
        first->setData(Qt::UserRole, qint64(deal.id));
    }
    table->fitColumns();
    m_summary->setText(
        m_slipped.deals.empty()
            ? QStringLiteral("No open deal's close date moved later %1 times or more.").arg(SlippedDeals::MinimumSlips)
            : QStringLiteral("%1 open deals of %2 owners had their close date moved later %3 times "
                             "or more: %4 moves in all.")
                  .arg(Numbers::count(qint64(m_slipped.deals.size())))
                  .arg(owners.size())
                  .arg(SlippedDeals::MinimumSlips)
                  .arg(Numbers::count(slips)));
}

} // namespace dealboard::gui

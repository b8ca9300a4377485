// The weekly pipeline review: every figure it prints, read at one moment.
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/service/ReportService.h"

#include <QFileInfo>
#include <QUrl>
#include <algorithm>
#include <tuple>

namespace dealboard {

Result<PipelineReview> ReportService::review(const std::optional<QString>& owner)
{
    PipelineReview review;
    review.at = m_pipeline.now();
    review.owner = owner.value_or(QString());
    const QString path = m_pipeline.reads().path();
    review.pipeline = PipelineLocation::isAddress(path) ? QUrl(path).path().mid(1) // the server's database
                                                        : QFileInfo(path).completeBaseName();
    ReportFilter filter;
    filter.owner = review.owner;
    Result<PipelineReport> funnel = report(filter);
    if (!funnel) {
        return funnel.error();
    }
    review.funnel = std::move(funnel.value());
    // The forecast and the owners' month from one read of the deals and history.
    Result<Desk> desk = readDesk(std::nullopt);
    if (!desk) {
        return desk.error();
    }
    Result<OwnerMonth> month = monthOf(desk.value(), Forecast::monthBucket(m_pipeline.now().toLocalTime().date()));
    if (!month) {
        return month.error();
    }
    review.month = std::move(month.value());
    if (owner) {
        std::erase_if(review.month.rows, [&](const OwnerMonthRow& row) { return row.owner != *owner; });
        std::erase_if(desk.value().deals, [&](const ForecastDeal& deal) { return deal.owner != *owner; });
    }
    review.forecast = forecastOf(desk.value(), PipelineReview::ForecastMonths);
    Result<AttentionReport> attention = m_pipeline.activities().attentionReport();
    if (!attention) {
        return attention.error();
    }
    for (NeglectedDeal& deal : attention.value().neglected) {
        if (!owner || deal.owner == *owner) {
            review.neglected.push_back(std::move(deal));
        }
    }
    std::stable_sort(review.neglected.begin(), review.neglected.end(), &NeglectedDeal::moreUrgent);
    if (review.neglected.size() > std::size_t(PipelineReview::NeglectedShown)) {
        review.neglected.resize(PipelineReview::NeglectedShown);
    }
    Result<ForecastAccuracy> accuracy = m_pipeline.accuracy().accuracy(ForecastAccuracy::DefaultMonths, owner);
    if (!accuracy) {
        return accuracy.error();
    }
    review.accuracy = std::move(accuracy.value());
    if (!owner) {
        // On paper the team's lines; each owner's are in their own review.
        std::erase_if(review.accuracy.lines, [](const AccuracyLine& line) { return !line.owner.isEmpty(); });
    }
    Result<SlippedDeals> slipped = m_pipeline.accuracy().slipped(owner);
    if (!slipped) {
        return slipped.error();
    }
    review.slipped = std::move(slipped.value());
    std::vector<SlippedDeal>& shown = review.slipped.deals;
    review.slippedAll = shown.size();
    std::stable_sort(shown.begin(), shown.end(), [](const SlippedDeal& a, const SlippedDeal& b) {
        return std::tie(b.slips, b.daysLater) < std::tie(a.slips, a.daysLater);
    });
    if (shown.size() > std::size_t(PipelineReview::SlippedShown)) {
        shown.resize(PipelineReview::SlippedShown);
    }
    return review;
}

} // namespace dealboard

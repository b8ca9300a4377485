#include "dealboard/Deal.h"

#include <algorithm>

namespace dealboard {

int Deal::daysInStage(const QDateTime& now) const
{
    if (!stageEnteredAt.isValid() || now < stageEnteredAt) {
        return 0;
    }
    return static_cast<int>(stageEnteredAt.secsTo(now) / 86400);
}

bool Deal::isRotting(const QDateTime& now) const
{
    const int rottingDays = stageInfo(stage).rottingDays;
    return status == DealStatus::Open && rottingDays > 0 && daysInStage(now) > rottingDays;
}

bool Deal::isOverdue(const QDate& today) const
{
    return status == DealStatus::Open && expectedClose.isValid() && expectedClose < today;
}

std::int64_t Deal::weightedMinor(const StageProbabilities& probabilities) const
{
    return percentOf(value.minor, probabilities.forDeal(stage, probabilityPercent));
}

bool DealFields::isEmpty() const
{
    return !title && !company && !contactName && !email && !phone && !owner && !valueMinor && !currency
        && !expectedClose && !willing && !need && !budget && !probabilityPercent && !nextActivity && tickSteps.empty()
        && setFields.empty() && !fieldValues;
}

void DealFields::applyTo(Deal& deal) const
{
    if (title) {
        deal.title = title->trimmed();
    }
    if (company) {
        deal.company = company->trimmed();
    }
    if (contactName) {
        deal.contactName = contactName->trimmed();
    }
    if (email) {
        deal.email = email->trimmed();
    }
    if (phone) {
        deal.phone = phone->trimmed();
    }
    if (owner) {
        deal.owner = owner->trimmed();
    }
    if (nextActivity) {
        deal.nextActivity = nextActivity;
    }
    for (std::int64_t step : tickSteps) {
        if (!std::binary_search(deal.planTicks.begin(), deal.planTicks.end(), step)) {
            deal.planTicks.insert(std::upper_bound(deal.planTicks.begin(), deal.planTicks.end(), step), step);
        }
    }
    if (valueMinor) {
        deal.value.minor = *valueMinor;
    }
    if (currency) {
        deal.value.currency = *currency;
    }
    if (expectedClose) {
        deal.expectedClose = *expectedClose;
    }
    if (probabilityPercent) {
        deal.probabilityPercent = *probabilityPercent;
    }
    if (willing) {
        deal.qualification.willing = *willing;
    }
    if (need) {
        deal.qualification.need = *need;
    }
    if (budget) {
        deal.qualification.budget = *budget;
    }
}

} // namespace dealboard

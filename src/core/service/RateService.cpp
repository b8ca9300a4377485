#include "dealboard/service/RateService.h"

#include "dealboard/DealStore.h"
#include "dealboard/Money.h"
#include "dealboard/Pipeline.h"

namespace dealboard {

RateService::RateService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<QString> RateService::reportingCurrency()
{
    return Money::defaultCurrency();
}

Result<RateTable> RateService::rateTable()
{
    Result<QString> reporting = reportingCurrency();
    if (!reporting) {
        return reporting.error();
    }
    return RateTable(reporting.value(), {});
}

} // namespace dealboard

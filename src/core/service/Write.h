#pragma once

// One user action's write: BEGIN IMMEDIATE, `apply`, COMMIT; on the first
// error nothing is kept (the transaction rolls back). Returns what `apply`
// returned, or the error. The caller says what changed (the pipeline's
// signals) once it is committed.
#include "dealboard/DealStore.h"
#include "dealboard/Result.h"

#include <type_traits>

namespace dealboard::service {

template<typename Apply> auto write(DealStore& store, Apply&& apply) -> std::invoke_result_t<Apply&>
{
    using Outcome = std::invoke_result_t<Apply&>;
    Result<WriteTransaction> transaction = store.beginWrite();
    if (!transaction) {
        return Outcome(transaction.error());
    }
    Outcome outcome = apply();
    if (!outcome) {
        return outcome;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return Outcome(done.error());
    }
    return outcome;
}

} // namespace dealboard::service

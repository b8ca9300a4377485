#pragma once

// Options that several commands share, documented once.
#include "../Command.h"

namespace dealboard::cli {

inline OptionDocs changeOptionDocs()
{
    return {{QStringLiteral("actor"), QStringLiteral("NAME"), QStringLiteral("who made the change, for the history")},
            {QStringLiteral("expect-version"), QStringLiteral("N"),
             QStringLiteral("refused as stale when the deal changed since version N (one deal only)")},
            {QStringLiteral("each"), QString(),
             QStringLiteral("with several ids: do the allowed ones and name the refused (else one refusal changes "
                            "none)")}};
}

inline OptionDocs dealOptionDocs()
{
    OptionDocs docs = {
        {QStringLiteral("title"), QStringLiteral("T"), QStringLiteral("what is being sold")},
        {QStringLiteral("company"), QStringLiteral("C"), QStringLiteral("the buyer's organization")},
        {QStringLiteral("contact"), QStringLiteral("NAME"), QStringLiteral("the person buying")},
        {QStringLiteral("email"), QStringLiteral("E"), QStringLiteral("the contact's email")},
        {QStringLiteral("phone"), QStringLiteral("P"), QStringLiteral("the contact's phone")},
        {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("the rep who owns the deal")},
        {QStringLiteral("value"), QStringLiteral("1234.50"), QStringLiteral("the deal's value")},
        {QStringLiteral("currency"), QStringLiteral("EUR"), QStringLiteral("three-letter currency code")},
        {QStringLiteral("close-date"), QStringLiteral("YYYY-MM-DD"),
         QStringLiteral("expected close (empty clears it)")},
        {QStringLiteral("probability"), QStringLiteral("0.5|none"),
         QStringLiteral("the deal's own win probability (none: its stage's)")},
        {QStringLiteral("set"), QStringLiteral("KEY=VALUE"),
         QStringLiteral("a custom field's value (empty clears it; field list names them)"), true},
    };
    for (OptionDoc& doc : changeOptionDocs()) {
        docs.push_back(std::move(doc));
    }
    return docs;
}

inline OptionDocs listingOptionDocs(OptionDocs docs)
{
    docs.push_back({QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")});
    return docs;
}

} // namespace dealboard::cli

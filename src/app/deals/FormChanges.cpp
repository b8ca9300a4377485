#include "deals/FormChanges.h"

#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TextRules.h"

namespace dealboard::gui::FormChanges {

namespace {

struct Fact
{
    const char* name;
    const char* column; // in the change log
    QString (*read)(const Deal&);
    void (*forget)(DealFields&);
};

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

const Fact Facts[] = {
    {"Title", "title", [](const Deal& d) { return d.title; }, [](DealFields& f) { f.title.reset(); }},
    {"Organization", "organization_id", [](const Deal& d) { return d.company; },
     [](DealFields& f) { f.company.reset(); }},
    {"Contact", "person_id", [](const Deal& d) { return d.contactName; }, [](DealFields& f) { f.contactName.reset(); }},
    {"Email", "person_id", [](const Deal& d) { return d.email; }, [](DealFields& f) { f.email.reset(); }},
    {"Phone", "person_id", [](const Deal& d) { return d.phone; }, [](DealFields& f) { f.phone.reset(); }},
    {"Owner", "owner", [](const Deal& d) { return d.owner; }, [](DealFields& f) { f.owner.reset(); }},
    {"Value", "value_minor",
     [](const Deal& d) {
         return formatForPeople({d.value.minor, d.value.currency});
     },
     [](DealFields& f) { f.valueMinor.reset(); }},
    {"Currency", "currency", [](const Deal& d) { return d.value.currency; }, [](DealFields& f) { f.currency.reset(); }},
    {"Expected close", "expected_close", [](const Deal& d) { return toStoredDate(d.expectedClose); },
     [](DealFields& f) { f.expectedClose.reset(); }},
    {"Willing to buy", "willing", [](const Deal& d) { return yesNo(d.qualification.willing); },
     [](DealFields& f) { f.willing.reset(); }},
    {"Proven need", "need", [](const Deal& d) { return yesNo(d.qualification.need); },
     [](DealFields& f) { f.need.reset(); }},
    {"Budget", "budget", [](const Deal& d) { return yesNo(d.qualification.budget); },
     [](DealFields& f) { f.budget.reset(); }},
    {"Win probability", "probability_percent",
     [](const Deal& d) { return d.probabilityPercent ? QString::number(*d.probabilityPercent) : QString(); },
     [](DealFields& f) { f.probabilityPercent.reset(); }},
};

QString readable(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("empty") : TextRules::shown(text);
}

} // namespace

DealFields touched(const DealFields& entered, const Deal& loaded)
{
    Deal mine = loaded;
    entered.applyTo(mine);
    DealFields touched = entered;
    for (const Fact& fact : Facts) {
        if (fact.read(mine) == fact.read(loaded)) {
            fact.forget(touched);
        }
    }
    return touched;
}

Clashes differences(const Deal& seen, const Deal& now)
{
    Clashes found;
    for (const Fact& fact : Facts) {
        const QString was = fact.read(seen);
        const QString is = fact.read(now);
        if (was != is) {
            found.words << QStringLiteral("%1: now %2, was %3")
                               .arg(QString::fromLatin1(fact.name), readable(is), readable(was));
            if (found.firstColumn.isEmpty()) {
                found.firstColumn = QString::fromLatin1(fact.column);
            }
        }
    }
    return found;
}

Clashes clashes(const DealFields& touched, const Deal& seen, const Deal& now)
{
    Deal mine = seen;
    touched.applyTo(mine);
    Clashes found;
    for (const Fact& fact : Facts) {
        const QString yours = fact.read(mine);
        const QString theirs = fact.read(now);
        if (yours != fact.read(seen) && theirs != fact.read(seen) && theirs != yours) {
            found.words << QStringLiteral("%1: yours %2, now %3")
                               .arg(QString::fromLatin1(fact.name), readable(yours), readable(theirs));
            if (found.firstColumn.isEmpty()) {
                found.firstColumn = QString::fromLatin1(fact.column);
            }
        }
    }
    return found;
}

} // namespace dealboard::gui::FormChanges

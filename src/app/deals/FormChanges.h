#pragma once

#include "dealboard/Deal.h"

#include <QStringList>

namespace dealboard::gui {

// What a rep changed in the deal form, measured against the deal as the form
// loaded it, so that a save touches those facts only and the others keep
// whatever a teammate saved meanwhile.
namespace FormChanges {

// `entered` without the facts that still read as `loaded`.
DealFields touched(const DealFields& entered, const Deal& loaded);
// The facts the rep touched that someone else changed too since `seen`, in
// words ("Value: yours 5,000.00, now 111,111.00"), and the change log's
// column of the first of them.
struct Clashes
{
    QStringList words;
    QString firstColumn;
};
Clashes clashes(const DealFields& touched, const Deal& seen, const Deal& now);
// Every fact that reads differently now than in `seen`, in words ("Willing to
// buy: now no, was yes"), and the change log's column of the first of them.
Clashes differences(const Deal& seen, const Deal& now);

} // namespace FormChanges

} // namespace dealboard::gui

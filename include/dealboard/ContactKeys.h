#pragma once

#include <QString>

namespace dealboard {

// The one normalization that says two contacts are likely one (ContactKeys.cpp).
// An empty key matches nothing.
namespace ContactKeys {

// An organization's name without case, accents, spaces, punctuation and the
// legal form at its end: "ACME GmbH ", "Acme" and "A.C.M.E. & Co. KG" are all
// "acme". A name that is nothing but a legal form ("AG") keeps it.
QString organization(const QString& name);
// An email trimmed and lower-cased. Dots and "+tags" stay: another mailbox can
// be another person.
QString email(const QString& email);
// A phone's digits, with a leading + kept: "+49 (30) 123-456" is "+4930123456".
// National prefixes stay as written ("030 …" and "+49 30 …" differ); fewer
// than six digits (an extension, "n/a") match nothing.
QString phone(const QString& phone);

} // namespace ContactKeys

} // namespace dealboard

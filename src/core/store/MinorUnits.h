#pragma once

// Each currency with its own ISO 4217 minor units, in the store: the
// currencies table (file version 9, server version 11) and the upgrade that
// rescales amounts written when every currency had two decimals.
#include "dealboard/Result.h"

#include <QString>
#include <QStringList>

namespace dealboard {

class Database;

namespace MinorUnits {

// CREATE TABLE currencies and its rows: ISO 4217's list (iso = 1), and the
// codes deals and quotas already hold outside it, kept with two decimals
// (iso = 0) so that no pipeline breaks.
QStringList tableStatements(bool onServer);

// On a file, inside the migration's transaction (the file was backed up
// before): rescales deals' values and quotas. Refuses, changing nothing, when
// an amount would pass the bound; returns what was done, for the log
// (empty when nothing needed it).
Result<QString> rescaleFile(Database& database);

// On a server: the same in one DO block; the amounts as they were are kept
// in amounts_before_minor_units, the server's backup of the upgrade; deals'
// and quotas' currencies must then be in the currencies table.
QStringList rescaleOnServer();

// Everyone reads the currencies and the kept amounts; nobody writes them.
QStringList teamRights(const QString& database);

} // namespace MinorUnits

} // namespace dealboard

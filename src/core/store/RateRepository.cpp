// The exchange rates' SQL, the same on a file and a server (a date is
// ISO text in a file and a date on a server).
#include "dealboard/store/RateRepository.h"

#include "Database.h"
#include "KeyedRows.h"

#include <QSqlQuery>

namespace dealboard {

RateRepository::RateRepository(Database& database)
    : m_database(database)
{
}

Result<std::vector<ExchangeRate>> RateRepository::rates()
{
    QSqlQuery& query = m_database.prepared(QStringLiteral(
        "SELECT currency, base, date, numerator, denominator FROM exchange_rates ORDER BY currency, base, date"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the exchange rates"), query);
    }
    std::vector<ExchangeRate> rates;
    while (query.next()) {
        rates.push_back({query.value(0).toString(), query.value(1).toString(),
                         QDate::fromString(query.value(2).toString().left(10), Qt::ISODate),
                         query.value(3).toLongLong(), query.value(4).toLongLong()});
    }
    query.finish();
    return rates;
}

Result<void> RateRepository::save(const ExchangeRate& rate)
{
    // Updated in place, so that the change log says what the rate was before.
    QSqlQuery& insert = m_database.prepared(
        QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES (?, ?, ?, ?, "
                       "?) ON CONFLICT (currency, base, date) DO UPDATE SET numerator = excluded.numerator, "
                       "denominator = excluded.denominator"));
    insert.addBindValue(rate.currency);
    insert.addBindValue(rate.base);
    insert.addBindValue(rate.date.toString(Qt::ISODate));
    insert.addBindValue(qint64(rate.numerator));
    insert.addBindValue(qint64(rate.denominator));
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the exchange rate"), insert);
    }
    insert.finish();
    return {};
}

Result<bool> RateRepository::remove(const QString& currency, const QString& base, QDate date)
{
    const QString day = date.toString(Qt::ISODate);
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT 1 FROM exchange_rates WHERE currency = ? AND base = ? AND date = ?"));
    query.addBindValue(currency);
    query.addBindValue(base);
    query.addBindValue(day);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("remove the exchange rate"), query);
    }
    const bool found = query.next();
    query.finish();
    if (!found) {
        return false;
    }
    if (Result<void> done = removeKeyedRow(m_database, "exchange_rates",
                                           {QStringLiteral("currency"), QStringLiteral("base"), QStringLiteral("date")},
                                           {currency, base, day}, QStringLiteral("remove the exchange rate"));
        !done) {
        return done.error();
    }
    return true;
}

} // namespace dealboard

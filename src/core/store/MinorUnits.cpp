#include "MinorUnits.h"

#include "Database.h"
#include "SqlText.h"
#include "dealboard/Currency.h"
#include "dealboard/Money.h"

#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dealboard::MinorUnits {

namespace {

// The new value of an amount of `digits` decimals once written with two:
// divided (rounded half up: amounts are never negative) or multiplied.
QString rescaled(const QString& column, const QString& digits)
{
    return QStringLiteral("CASE %2 WHEN 0 THEN (%1 + 50) / 100 WHEN 1 THEN (%1 + 5) / 10 WHEN 3 THEN %1 * 10 "
                          "WHEN 4 THEN %1 * 100 ELSE %1 END")
        .arg(column, digits);
}

// Amounts that would pass MaxMoneyMinor once multiplied.
QString beyondBound(const QString& column, const QString& digits)
{
    return QStringLiteral("((%2 = 3 AND %1 > %3) OR (%2 = 4 AND %1 > %4))")
        .arg(column, digits)
        .arg(MaxMoneyMinor / 10)
        .arg(MaxMoneyMinor / 100);
}

// Amounts with a fraction their currency can't hold (¥1,500.50).
QString withFraction(const QString& column, const QString& digits)
{
    return QStringLiteral("((%2 = 0 AND %1 % 100 <> 0) OR (%2 = 1 AND %1 % 10 <> 0))").arg(column, digits);
}

struct Holder
{
    const char* table;
    const char* column;
    const char* key; // what names a row in a message
    const char* logKey; // the row's key and deal in the change log, as its triggers write them
    const char* logDeal;
};

const Holder Holders[] = {
    {"deals", "value_minor", "id", "CAST(id AS TEXT)", "id"},
    {"quotas", "amount_minor", "owner || ' ' || month",
     "CAST(owner AS TEXT) || '/' || CAST(month AS TEXT) || '/' || CAST(currency AS TEXT)", "NULL"},
};

QString digitsOf(const char* table)
{
    return QStringLiteral("(SELECT c.digits FROM currencies c WHERE c.code = %1.currency)").arg(QLatin1String(table));
}

} // namespace

QStringList tableStatements(bool onServer)
{
    const QString text = onServer ? QStringLiteral("text COLLATE \"C\"") : QStringLiteral("TEXT");
    QStringList rows;
    for (const CurrencyInfo& info : isoCurrencies()) {
        rows << QStringLiteral("(%1, %2, %3, 1)")
                    .arg(literal(QString::fromLatin1(info.code)))
                    .arg(info.digits)
                    .arg(literal(QString::fromUtf8(info.name)));
    }
    return {
        QStringLiteral("CREATE TABLE currencies ("
                       " code %1 PRIMARY KEY CHECK (length(code) = 3 AND upper(code) = code),"
                       " digits INTEGER NOT NULL CHECK (digits BETWEEN 0 AND 4),"
                       " name %1 NOT NULL,"
                       " iso INTEGER NOT NULL DEFAULT 1 CHECK (iso IN (0, 1)))")
            .arg(text),
        QStringLiteral("INSERT INTO currencies (code, digits, name, iso) VALUES ") + rows.join(QStringLiteral(", ")),
        // Codes written before they were checked: kept, with two decimals.
        QStringLiteral("INSERT INTO currencies (code, digits, name, iso) SELECT DISTINCT currency, 2, currency, 0 "
                       "FROM (SELECT currency FROM deals UNION SELECT currency FROM quotas) used "
                       "WHERE currency NOT IN (SELECT code FROM currencies)"),
    };
}

Result<QString> rescaleFile(Database& database)
{
    QStringList done;
    for (const Holder& holder : Holders) {
        const QString table = QLatin1String(holder.table);
        const QString column = QLatin1String(holder.column);
        const QString digits = digitsOf(holder.table);
        QSqlQuery query(database.connection());
        if (!query.exec(QStringLiteral("SELECT %1, currency, %2 FROM %3 WHERE %4 LIMIT 1")
                            .arg(QLatin1String(holder.key), column, table, beyondBound(column, digits)))) {
            return database.storageError(QStringLiteral("check the amounts of %1").arg(table), query);
        }
        if (query.next()) {
            const QString currency = query.value(1).toString();
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("The %1 %2 holds %3 %4, which in %4's %5 decimals would pass the largest amount, %6. "
                               "Nothing was changed: lower it with the DealBoard of before, then open the pipeline "
                               "again.")
                    .arg(table == u"deals" ? QStringLiteral("deal") : QStringLiteral("quota of"),
                         query.value(0).toString(), formatDecimal(query.value(2).toLongLong(), u"EUR"), currency)
                    .arg(minorDigits(currency))
                    .arg(formatForPeople({MaxMoneyMinor, currency})));
        }
        if (!query.exec(QStringLiteral("SELECT count(*), sum(CASE WHEN %1 THEN 1 ELSE 0 END) FROM %2 "
                                       "WHERE currency IN (SELECT code FROM currencies WHERE digits <> 2)")
                            .arg(withFraction(column, digits), table))
            || !query.next()) {
            return database.storageError(QStringLiteral("count the amounts of %1").arg(table), query);
        }
        const qint64 changed = query.value(0).toLongLong();
        const qint64 rounded = query.value(1).toLongLong();
        query.finish();
        if (changed == 0) {
            continue;
        }
        // Each rescaled amount is an update in the change log, as a server's
        // triggers write it: the old units, then the new.
        if (Result<void> logged = database.execute(
                QStringLiteral("INSERT INTO change_log (changed_at, actor, table_name, row_key, deal_id, action, "
                               "changes) SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'upgrade to schema 9', '%1', "
                               "%4, %5, 'update', json_object('%2', json_array(%2, %3)) FROM %1 WHERE currency IN "
                               "(SELECT code FROM currencies WHERE digits <> 2) AND %3 <> %2")
                    .arg(table, column, rescaled(column, digits), QLatin1String(holder.logKey),
                         QLatin1String(holder.logDeal)));
            !logged) {
            return logged.error();
        }
        if (Result<void> updated = database.execute(
                QStringLiteral(
                    "UPDATE %1 SET %2 = %3 WHERE currency IN (SELECT code FROM currencies WHERE digits <> 2)")
                    .arg(table, column, rescaled(column, digits)));
            !updated) {
            return updated.error();
        }
        done << QStringLiteral("%1 %2 rescaled to their currency's decimals (%3 rounded to a whole minor unit)")
                    .arg(changed)
                    .arg(table)
                    .arg(rounded);
    }
    QSqlQuery kept(database.connection());
    QStringList codes;
    if (kept.exec(QStringLiteral("SELECT code FROM currencies WHERE iso = 0 ORDER BY code"))) {
        while (kept.next()) {
            codes << kept.value(0).toString();
        }
    }
    if (!codes.isEmpty()) {
        done << QStringLiteral("kept with two decimals, not in ISO 4217: %1").arg(codes.join(QStringLiteral(", ")));
    }
    return done.join(QStringLiteral("; "));
}

QStringList rescaleOnServer()
{
    QStringList checks;
    QStringList updates;
    for (const Holder& holder : Holders) {
        const QString table = QLatin1String(holder.table);
        const QString column = QLatin1String(holder.column);
        const QString digits = digitsOf(holder.table);
        checks << QStringLiteral("  SELECT %1 AS name, currency, %2 AS amount INTO bad FROM %3 WHERE %4 LIMIT 1;\n"
                                 "  IF FOUND THEN\n"
                                 "    RAISE EXCEPTION 'The %3 row % holds % minor units of %, which would pass the "
                                 "largest amount, %5 minor units, in that currency''s decimals. Nothing was changed: "
                                 "lower it, then upgrade again.', bad.name, bad.amount, bad.currency USING ERRCODE = "
                                 "'DB002';\n"
                                 "  END IF;\n")
                      .arg(QLatin1String(holder.key), column, table, beyondBound(column, digits))
                      .arg(MaxMoneyMinor);
        updates << QStringLiteral(
                       "  INSERT INTO amounts_before_minor_units (table_name, row_key, currency, amount_minor, "
                       "rounded) SELECT %1, (%2)::text, currency, %3, %4 FROM %5 WHERE currency IN (SELECT "
                       "code FROM currencies WHERE digits <> 2);\n"
                       "  UPDATE %5 SET %3 = %6 WHERE currency IN (SELECT code FROM currencies WHERE "
                       "digits <> 2);\n")
                       .arg(literal(table), QLatin1String(holder.key), column, withFraction(column, digits), table,
                            rescaled(column, digits));
    }
    // A deleted deal's archive (the undo of its removal) is rescaled as a
    // deal: restored later, it comes back with its value, not a hundred
    // times it.
    const QString archived = QStringLiteral("(deal ->> 'value_minor')::bigint");
    const QString archivedDigits
        = QStringLiteral("(SELECT c.digits FROM currencies c WHERE c.code = deleted_deals.deal ->> 'currency')");
    const QString archivedScaled
        = QStringLiteral("deal ->> 'currency' IN (SELECT code FROM currencies WHERE digits <> 2) AND jsonb_typeof(deal "
                         "-> 'value_minor') = 'number'");
    updates << QStringLiteral("  INSERT INTO amounts_before_minor_units (table_name, row_key, currency, amount_minor, "
                              "rounded) SELECT 'deleted_deals', id::text, deal ->> 'currency', %1, %2 FROM "
                              "deleted_deals WHERE %3;\n"
                              "  UPDATE deleted_deals SET deal = jsonb_set(deal, '{value_minor}', to_jsonb(%4)) WHERE "
                              "%3;\n")
                   .arg(archived, withFraction(archived, archivedDigits), archivedScaled,
                        rescaled(archived, archivedDigits));
    return {
        QStringLiteral("CREATE TABLE amounts_before_minor_units (table_name text COLLATE \"C\" NOT NULL, row_key text "
                       "COLLATE \"C\" NOT NULL, currency text COLLATE \"C\" NOT NULL, amount_minor bigint NOT NULL, "
                       "rounded boolean NOT NULL, upgraded_at timestamptz NOT NULL DEFAULT now())"),
        QStringLiteral("DO $do$\nDECLARE bad record;\nBEGIN\n%1%2END\n$do$")
            .arg(checks.join(QString()), updates.join(QString())),
        QStringLiteral("ALTER TABLE deals ADD CONSTRAINT deals_currency_known FOREIGN KEY (currency) REFERENCES "
                       "currencies (code)"),
        QStringLiteral("ALTER TABLE quotas ADD CONSTRAINT quotas_currency_known FOREIGN KEY (currency) REFERENCES "
                       "currencies (code)"),
    };
}

QStringList teamRights(const QString& database)
{
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString members = identifier(database + QStringLiteral("_rep")) + QStringLiteral(", ")
        + identifier(database + QStringLiteral("_manager"));
    QStringList statements;
    for (const char* table : {"currencies", "amounts_before_minor_units"}) {
        statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(QLatin1String(table), owner)
                   << QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(QLatin1String(table))
                   << QStringLiteral("GRANT SELECT ON %1 TO %2").arg(QLatin1String(table), members);
    }
    return statements;
}

} // namespace dealboard::MinorUnits

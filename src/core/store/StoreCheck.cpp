// dataFaults: what SQLite's integrity_check cannot see, each fault
// naming its table and row.
#include "StoreCheck.h"

#include "RawQuery.h"
#include "dealboard/Currency.h"
#include "dealboard/CustomFields.h"
#include "dealboard/Money.h"
#include "dealboard/Stage.h"
#include "dealboard/StoredTime.h"
#include "dealboard/service/RateService.h"

#include <QDate>
#include <sqlite3.h>

namespace dealboard {

namespace {

// Every row of `sql`, each column as the bytes SQLite stores (NULL as nullopt).
template<typename Row> void eachRow(sqlite3* db, const char* sql, Row row)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        return;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
        row(statement);
    }
    sqlite3_finalize(statement);
}

QByteArray bytes(sqlite3_stmt* s, int column)
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(s, column));
    return QByteArray(data, sqlite3_column_bytes(s, column));
}

bool validUtf8(const QByteArray& raw)
{
    return QString::fromUtf8(raw).toUtf8() == raw;
}

QString shown(const QByteArray& raw)
{
    const QString text = QString::fromUtf8(raw);
    return text.size() > 40 ? text.left(39) + QChar(0x2026) : text;
}

bool isWholeNumberIn(sqlite3_stmt* s, int column, std::int64_t low, std::int64_t high)
{
    if (sqlite3_column_type(s, column) != SQLITE_INTEGER) {
        return false;
    }
    const std::int64_t value = sqlite3_column_int64(s, column);
    return value >= low && value <= high;
}

struct TextColumns
{
    const char* table;
    const char* sql; // rowid first, then the text columns
};

} // namespace

QStringList StoreCheck::dataFaults(sqlite3* db)
{
    QStringList faults;
    auto fault = [&faults](const QString& text) {
        if (faults.size() < 1000) {
            faults << text;
        }
    };

    eachRow(db, "PRAGMA foreign_key_check", [&](sqlite3_stmt* s) {
        fault(QStringLiteral("%1 row %2 points to a row of %3 that does not exist.")
                  .arg(QString::fromUtf8(bytes(s, 0)))
                  .arg(sqlite3_column_int64(s, 1))
                  .arg(QString::fromUtf8(bytes(s, 2))));
    });

    eachRow(
        db,
        "SELECT id, value_minor, currency, version, stage, status, expected_close, created_at, updated_at, "
        "stage_entered_at, origin_deal_id FROM deals ORDER BY id",
        [&](sqlite3_stmt* s) {
            const qint64 id = sqlite3_column_int64(s, 0);
            const QString who = QStringLiteral("Deal %1").arg(id);
            if (!isWholeNumberIn(s, 1, 0, MaxMoneyMinor)) {
                fault(QStringLiteral("%1: value '%2' is not a whole number of cents from 0 to %3.")
                          .arg(who, shown(bytes(s, 1)), QString::number(MaxMoneyMinor)));
            }
            if (!isValidCurrency(QString::fromUtf8(bytes(s, 2)))) {
                fault(QStringLiteral("%1: currency '%2' is not a three-letter code such as EUR.")
                          .arg(who, shown(bytes(s, 2))));
            }
            if (!isWholeNumberIn(s, 3, 1, std::numeric_limits<std::int32_t>::max())) {
                fault(QStringLiteral("%1: version '%2' is not a whole number from 1 to %3.")
                          .arg(who, shown(bytes(s, 3)))
                          .arg(std::numeric_limits<std::int32_t>::max()));
            }
            if (!stageFromSlug(QString::fromUtf8(bytes(s, 4)))) {
                fault(QStringLiteral("%1: stage '%2' is not one of the seven stages.").arg(who, shown(bytes(s, 4))));
            }
            const QString status = QString::fromUtf8(bytes(s, 5));
            if (status != u"open" && status != u"won" && status != u"lost") {
                fault(QStringLiteral("%1: status '%2' is not open, won or lost.").arg(who, shown(bytes(s, 5))));
            }
            if (sqlite3_column_type(s, 6) != SQLITE_NULL && !fromStoredDate(QString::fromUtf8(bytes(s, 6))).isValid()) {
                fault(
                    QStringLiteral("%1: expected close '%2' is not a date (YYYY-MM-DD).").arg(who, shown(bytes(s, 6))));
            }
            const char* const timeNames[] = {"created", "updated", "stage entered"};
            QDateTime times[3];
            for (int t = 0; t < 3; ++t) {
                times[t] = fromStoredTime(QString::fromUtf8(bytes(s, 7 + t)));
                if (!times[t].isValid()) {
                    fault(QStringLiteral("%1: %2 time '%3' is not a UTC time (YYYY-MM-DDTHH:MM:SS.mmmZ).")
                              .arg(who, QLatin1String(timeNames[t]), shown(bytes(s, 7 + t))));
                }
            }
            if (times[0].isValid() && times[2].isValid() && times[2] < times[0]) {
                fault(QStringLiteral("%1 entered its stage before it was created.").arg(who));
            }
            if (sqlite3_column_type(s, 10) != SQLITE_NULL && sqlite3_column_int64(s, 10) == id) {
                fault(QStringLiteral("%1 is recorded as a follow-up of itself.").arg(who));
            }
        });

    // Custom fields' values in their one stored form (the server's guard
    // holds it; a file written by another program may not).
    eachRow(db,
            "SELECT v.deal_id, f.key, f.name, f.type, f.choices, v.value FROM deal_fields v JOIN custom_fields f ON "
            "f.id = v.field_id WHERE v.value <> '' AND f.removed = 0 ORDER BY v.deal_id, f.position, f.id",
            [&](sqlite3_stmt* s) {
                CustomField field;
                field.key = QString::fromUtf8(bytes(s, 1));
                field.name = QString::fromUtf8(bytes(s, 2));
                field.type = fieldTypeFromSlug(QString::fromUtf8(bytes(s, 3))).value_or(FieldType::Text);
                field.choices = CustomFields::choicesFrom(QString::fromUtf8(bytes(s, 4)));
                const QString value = QString::fromUtf8(bytes(s, 5));
                const Result<QString> read = CustomFields::canonical(field, CustomFields::written(field, value));
                if (!read || read.value() != value) {
                    fault(QStringLiteral("Deal %1: %2 holds '%3', not a value of a %4 field; set it again with "
                                         "edit %1 --set %5=VALUE.")
                              .arg(sqlite3_column_int64(s, 0))
                              .arg(shown(bytes(s, 2)), shown(bytes(s, 5)), fieldTypeSlug(field.type), field.key));
                }
            });

    // The server ties them by foreign keys; a file is checked here.
    eachRow(db,
            "SELECT 'Deal ' || id, currency FROM deals WHERE currency NOT IN (SELECT code FROM currencies) UNION ALL "
            "SELECT 'The quota of ' || owner || ' for ' || month, currency FROM quotas WHERE currency NOT IN "
            "(SELECT code FROM currencies) ORDER BY 1",
            [&](sqlite3_stmt* s) {
                fault(QStringLiteral("%1: currency '%2' is not in the currencies table (ISO 4217, or kept by the "
                                     "upgrade); give it an ISO 4217 code.")
                          .arg(shown(bytes(s, 0)), shown(bytes(s, 1))));
            });

    eachRow(db, "SELECT id, kind, due_date, due_time, done_at, created_at FROM activities ORDER BY id",
            [&](sqlite3_stmt* s) {
                const QString who = QStringLiteral("Activity %1").arg(sqlite3_column_int64(s, 0));
                if (!fromStoredDate(QString::fromUtf8(bytes(s, 2))).isValid()) {
                    fault(QStringLiteral("%1: due date '%2' is not a date (YYYY-MM-DD).").arg(who, shown(bytes(s, 2))));
                }
                if (sqlite3_column_type(s, 3) != SQLITE_NULL
                    && !QTime::fromString(QString::fromUtf8(bytes(s, 3)), QStringLiteral("HH:mm")).isValid()) {
                    fault(QStringLiteral("%1: due time '%2' is not a time (HH:MM).").arg(who, shown(bytes(s, 3))));
                }
                if (sqlite3_column_type(s, 4) != SQLITE_NULL
                    && !fromStoredTime(QString::fromUtf8(bytes(s, 4))).isValid()) {
                    fault(QStringLiteral("%1: done time '%2' is not a UTC time.").arg(who, shown(bytes(s, 4))));
                }
                if (!fromStoredTime(QString::fromUtf8(bytes(s, 5))).isValid()) {
                    fault(QStringLiteral("%1: created time '%2' is not a UTC time.").arg(who, shown(bytes(s, 5))));
                }
            });

    eachRow(db, "SELECT id, created_at FROM notes ORDER BY id", [&](sqlite3_stmt* s) {
        if (!fromStoredTime(QString::fromUtf8(bytes(s, 1))).isValid()) {
            fault(QStringLiteral("Note %1: created time '%2' is not a UTC time.")
                      .arg(sqlite3_column_int64(s, 0))
                      .arg(shown(bytes(s, 1))));
        }
    });

    eachRow(db, "SELECT id, at FROM stage_history ORDER BY id", [&](sqlite3_stmt* s) {
        if (!fromStoredTime(QString::fromUtf8(bytes(s, 1))).isValid()) {
            fault(QStringLiteral("History row %1: time '%2' is not a UTC time.")
                      .arg(sqlite3_column_int64(s, 0))
                      .arg(shown(bytes(s, 1))));
        }
    });

    // Settings a rep could not have entered.
    eachRow(db, "SELECT tag, min_touch_days FROM segment_rules", [&](sqlite3_stmt* s) {
        if (!isWholeNumberIn(s, 1, 0, 365)) {
            fault(QStringLiteral("Segment '%1': minimum days between touches '%2' is not a whole number from 0 to 365.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 1))));
        }
    });
    eachRow(db, "SELECT key, value FROM settings", [&](sqlite3_stmt* s) {
        const QString key = QString::fromUtf8(bytes(s, 0));
        if (key == u"default_min_touch_days") {
            bool number = false;
            const int days = QString::fromUtf8(bytes(s, 1)).toInt(&number);
            if (!number || days < 0 || days > 365) {
                fault(QStringLiteral("Setting %1: '%2' is not a whole number from 0 to 365.")
                          .arg(key, shown(bytes(s, 1))));
            }
        } else if (key == ReportingCurrencyKey) {
            if (findCurrency(QString::fromUtf8(bytes(s, 1))) == nullptr) {
                fault(QStringLiteral("Setting %1: '%2' is not a currency of ISO 4217.").arg(key, shown(bytes(s, 1))));
            }
        } else {
            fault(QStringLiteral("Setting '%1' is not one DealBoard knows.").arg(shown(bytes(s, 0))));
        }
    });
    eachRow(db, "SELECT currency, base, date FROM exchange_rates", [&](sqlite3_stmt* s) {
        if (!QDate::fromString(QString::fromUtf8(bytes(s, 2)), Qt::ISODate).isValid()) {
            fault(QStringLiteral("Exchange rate of %1 in %2: '%3' is not a day.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 1)), shown(bytes(s, 2))));
        }
    });
    eachRow(db, "SELECT stage, target_conversion_bp, target_median_days FROM stage_goals", [&](sqlite3_stmt* s) {
        if (sqlite3_column_type(s, 1) != SQLITE_NULL && !isWholeNumberIn(s, 1, 0, 10000)) {
            fault(QStringLiteral("Goal of stage '%1': conversion '%2' is not a share from 0 to 100 %.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 1))));
        }
        if (sqlite3_column_type(s, 2) != SQLITE_NULL && !isWholeNumberIn(s, 2, 0, 3650)) {
            fault(QStringLiteral("Goal of stage '%1': median days '%2' is not a whole number from 0 to 3650.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 2))));
        }
    });

    eachRow(db, "SELECT stage, percent FROM stage_probabilities", [&](sqlite3_stmt* s) {
        if (!isWholeNumberIn(s, 1, 0, 100)) {
            fault(QStringLiteral("Win probability of stage '%1': '%2' is not a whole percent from 0 to 100.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 1))));
        }
    });
    eachRow(db, "SELECT id, probability_percent FROM deals WHERE probability_percent IS NOT NULL",
            [&](sqlite3_stmt* s) {
                if (!isWholeNumberIn(s, 1, 0, 100)) {
                    fault(QStringLiteral("Deal %1: its win probability '%2' is not a whole percent from 0 to 100.")
                              .arg(shown(bytes(s, 0)), shown(bytes(s, 1))));
                }
            });
    eachRow(db, "SELECT owner, month, currency, amount_minor FROM quotas", [&](sqlite3_stmt* s) {
        if (!isWholeNumberIn(s, 3, 0, MaxMoneyMinor)) {
            fault(QStringLiteral("Quota of %1 for %2 in %3: '%4' is not a whole amount.")
                      .arg(shown(bytes(s, 0)), shown(bytes(s, 1)), shown(bytes(s, 2)), shown(bytes(s, 3))));
        }
    });

    // Text that is not UTF-8 cannot be shown or exported as it is stored.
    const TextColumns texts[] = {
        {"deals", "SELECT id, title, owner, currency, lost_reason FROM deals"},
        {"organizations", "SELECT id, name, industry, size, region, website, notes FROM organizations"},
        {"people", "SELECT id, name, email, phone, role, notes FROM people"},
        {"activities", "SELECT id, subject, notes FROM activities"},
        {"notes", "SELECT id, author, body FROM notes"},
        {"stage_history", "SELECT id, actor FROM stage_history"},
        {"organization_tags", "SELECT organization_id, tag FROM organization_tags"},
        {"person_tags", "SELECT person_id, tag FROM person_tags"},
        {"quotas", "SELECT rowid, owner, month, currency FROM quotas"},
    };
    for (const TextColumns& table : texts) {
        eachRow(db, table.sql, [&](sqlite3_stmt* s) {
            for (int column = 1; column < sqlite3_column_count(s); ++column) {
                if (sqlite3_column_type(s, column) == SQLITE_NULL) {
                    continue;
                }
                if (!validUtf8(bytes(s, column))) {
                    fault(QStringLiteral("%1 row %2: %3 is not valid UTF-8 text.")
                              .arg(QLatin1String(table.table))
                              .arg(sqlite3_column_int64(s, 0))
                              .arg(QString::fromUtf8(sqlite3_column_name(s, column))));
                }
            }
        });
    }
    return faults;
}

int StoreCheck::dealsOutsideTheStages(sqlite3* db)
{
    int count = 0;
    eachRow(db,
            "SELECT count(*) FROM deals WHERE stage NOT IN ('prospecting', 'qualifying', 'contacting', "
            "'relationship', 'negotiation', 'closing', 'retention') OR status NOT IN ('open', 'won', 'lost')",
            [&](sqlite3_stmt* s) { count = sqlite3_column_int(s, 0); });
    return count;
}

} // namespace dealboard

// Custom fields on deals (CustomFields): each type's canonical form and its
// refusals, and on both backends the fields a manager defines, the values a
// rep sets, the stage that needs one, the change log, the export and import
// columns, the report by a choice, an older file's upgrade and the tables'
// own checks.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/CustomFields.h"
#include "dealboard/DealCsv.h"
#include "dealboard/TransitionEngine.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

bool has(const std::vector<Requirement>& unmet, Requirement requirement)
{
    return std::find(unmet.begin(), unmet.end(), requirement) != unmet.end();
}

CustomField fieldOf(const QString& key, const QString& name, FieldType type, QStringList choices = {})
{
    CustomField field;
    field.key = key;
    field.name = name;
    field.type = type;
    field.choices = std::move(choices);
    return field;
}

CustomField added(TestDatabase& db, const CustomField& field)
{
    ReportService& reports = db.service().reports();
    const CustomFields before = reports.customFields().value();
    Result<CustomFields> after = reports.setCustomFields(before.with(field), before);
    EXPECT_TRUE(after.ok()) << after.error().message.toStdString();
    return after.ok() ? *after.value().byKey(field.key) : CustomField {};
}

QString canonical(const CustomField& field, const QString& typed)
{
    Result<QString> value = CustomFields::canonical(field, typed);
    return value ? value.value() : QStringLiteral("refused: ") + value.error().message;
}

DealFields setting(const char* key, const char* value)
{
    DealFields fields;
    fields.setFields.emplace_back(QString::fromUtf8(key), QString::fromUtf8(value));
    return fields;
}

} // namespace

TEST(CustomFields, EachTypeHasOneStoredFormAndARefusalThatSaysHowToWriteIt)
{
    const CustomField seats = fieldOf(QStringLiteral("seats"), QStringLiteral("Seats"), FieldType::Number);
    EXPECT_EQ(canonical(seats, QStringLiteral(" 0012.500 ")), QStringLiteral("12.5"));
    EXPECT_EQ(canonical(seats, QStringLiteral("-0.0")), QStringLiteral("0"));
    EXPECT_EQ(canonical(seats, QStringLiteral("-3.25")), QStringLiteral("-3.25"));
    EXPECT_TRUE(canonical(seats, QStringLiteral("1,5")).contains(u"not a number for Seats"));
    EXPECT_TRUE(canonical(seats, QStringLiteral("1e5")).startsWith(u"refused"));
    EXPECT_TRUE(canonical(seats, QStringLiteral("1.23456")).contains(u"at most 4 decimals"));
    EXPECT_TRUE(canonical(seats, QStringLiteral("1234567890123456")).contains(u"at most 15 digits"));
    EXPECT_EQ(canonical(seats, QStringLiteral("   ")), QString()); // no value

    const CustomField budget = fieldOf(QStringLiteral("budget"), QStringLiteral("Budget"), FieldType::Money);
    EXPECT_EQ(canonical(budget, QStringLiteral("1250.50 EUR")), QStringLiteral("125050 EUR"));
    EXPECT_EQ(canonical(budget, QStringLiteral("usd 12,500")), QStringLiteral("1250000 USD"));
    EXPECT_EQ(canonical(budget, QStringLiteral("1500 JPY")), QStringLiteral("1500 JPY"));
    EXPECT_TRUE(canonical(budget, QStringLiteral("1500.5 JPY")).contains(u"JPY has no decimals"));
    EXPECT_TRUE(canonical(budget, QStringLiteral("12 EUO")).contains(u"EUR"));
    EXPECT_TRUE(canonical(budget, QStringLiteral("-5 EUR")).startsWith(u"refused"));
    EXPECT_TRUE(canonical(budget, QStringLiteral("1250")).contains(u"its currency")); // never guessed
    EXPECT_EQ(CustomFields::shown(budget, QStringLiteral("125050 EUR")), QStringLiteral("1,250.50 EUR"));
    EXPECT_EQ(CustomFields::written(budget, QStringLiteral("125050 EUR")), QStringLiteral("1250.50 EUR"));

    const CustomField renewal = fieldOf(QStringLiteral("renewal"), QStringLiteral("Renewal"), FieldType::Date);
    EXPECT_EQ(canonical(renewal, QStringLiteral("2026-03-31")), QStringLiteral("2026-03-31"));
    EXPECT_TRUE(canonical(renewal, QStringLiteral("2026-02-30")).contains(u"such as 2026-03-31"));
    EXPECT_TRUE(canonical(renewal, QStringLiteral("31/03/2026")).startsWith(u"refused"));
    EXPECT_TRUE(canonical(renewal, QStringLiteral("1899-12-31")).contains(u"between 1900-01-01 and 2999-12-31"));

    const CustomField source = fieldOf(QStringLiteral("source"), QStringLiteral("Lead source"), FieldType::Choice,
                                       {QStringLiteral("Web"), QStringLiteral("Referral")});
    EXPECT_EQ(canonical(source, QStringLiteral("web")), QStringLiteral("Web"));
    EXPECT_TRUE(canonical(source, QStringLiteral("Fair")).contains(u"choose one of: Web, Referral"));

    const CustomField partner = fieldOf(QStringLiteral("partner"), QStringLiteral("Partner"), FieldType::YesNo);
    EXPECT_EQ(canonical(partner, QStringLiteral("Y")), QStringLiteral("yes"));
    EXPECT_EQ(canonical(partner, QStringLiteral("false")), QStringLiteral("no"));
    EXPECT_TRUE(canonical(partner, QStringLiteral("maybe")).startsWith(u"refused"));

    const CustomField note = fieldOf(QStringLiteral("note"), QStringLiteral("Note"), FieldType::Text);
    EXPECT_EQ(canonical(note, QStringLiteral("  Met at the fair ")), QStringLiteral("Met at the fair"));
    EXPECT_TRUE(canonical(note, QStringLiteral("Turn\u202Eed")).contains(u"U+202E"));
    EXPECT_TRUE(canonical(note, QString(201, QLatin1Char('x'))).contains(u"longer than 200"));

    // A definition that can't be.
    EXPECT_FALSE(CustomFields::whyNotKey(QStringLiteral("Lead source")).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotKey(QStringLiteral("1st")).isEmpty());
    EXPECT_TRUE(CustomFields::whyNotKey(QStringLiteral("lead_source2")).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotChoices(FieldType::Choice, {}).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotChoices(FieldType::Choice, {QStringLiteral("a"), QStringLiteral("A")}).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotChoices(FieldType::Text, {QStringLiteral("a")}).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotChoices(FieldType::Choice, {QStringLiteral("(None)")}).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotNeeded(Stage::Retention, true).isEmpty());
    EXPECT_FALSE(CustomFields::whyNotNeeded(Stage::Prospecting, false).isEmpty()); // every new deal starts there
    EXPECT_TRUE(CustomFields::whyNotNeeded(Stage::Prospecting, true).isEmpty());
}

TEST(CustomFields, AFieldNeededToEnterAStageHoldsTheMoveAndTheRefusalNamesIt)
{
    CustomField source = fieldOf(QStringLiteral("source"), QStringLiteral("Lead source"), FieldType::Text);
    source.id = 7;
    source.neededFrom = Stage::Negotiation;
    CustomFields fields;
    fields.setFields({source});
    StageRules rules = StageRules::none();
    rules.setFields(fields);
    Deal deal;
    deal.title = QStringLiteral("Acme");
    deal.qualification = {true, true, true};
    deal.stage = Stage::Relationship;
    const TransitionVerdict verdict = TransitionEngine::check(deal, Stage::Negotiation, rules);
    ASSERT_TRUE(has(verdict.unmet, Requirement::Field));
    EXPECT_EQ(TransitionEngine::refusalMessage(deal, Stage::Negotiation, verdict.unmet, rules),
              QStringLiteral("Can't move 'Acme' to Negotiation: 'Lead source' not filled in."));
    EXPECT_TRUE(has(TransitionEngine::check(deal, Stage::Closing, rules).unmet, Requirement::Field));
    EXPECT_FALSE(has(TransitionEngine::check(deal, Stage::Contacting, rules).unmet, Requirement::Field));
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Negotiation, rules).contains(u"'Lead source' filled in"));
    setFieldValue(deal.fieldValues, 7, QStringLiteral("Web"));
    EXPECT_TRUE(TransitionEngine::check(deal, Stage::Negotiation, rules).allowed());
    // In the stage, clearing it is an edit the stage refuses; one that never
    // had it (in before the rule) may stay without.
    deal.stage = Stage::Negotiation;
    Deal cleared = deal;
    setFieldValue(cleared.fieldValues, 7, QString());
    EXPECT_TRUE(cleared.fieldValues.empty());
    EXPECT_TRUE(has(TransitionEngine::brokenByEdit(deal, cleared, rules), Requirement::Field));
    EXPECT_TRUE(TransitionEngine::brokenByEdit(cleared, cleared, rules).empty());
    // To leave: needed from the next stage on.
    fields.setFields({[&] {
        CustomField leave = source;
        leave.neededFrom = Stage::Contacting;
        leave.neededToLeave = true;
        return leave;
    }()});
    rules.setFields(fields);
    EXPECT_FALSE(rules.fields().fields().front().neededIn(Stage::Contacting));
    EXPECT_TRUE(rules.fields().fields().front().neededIn(Stage::Relationship));
}

TEST(CustomFields, AManagerDefinesFieldsARepFillsThemAndTheNeededOneHoldsTheMove)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    CustomField source = added(db,
                               fieldOf(QStringLiteral("source"), QStringLiteral("  Lead source "), FieldType::Choice,
                                       {QStringLiteral("Web"), QStringLiteral("Referral")}));
    const CustomField seats = added(db, fieldOf(QStringLiteral("seats"), QStringLiteral("Seats"), FieldType::Number));
    EXPECT_EQ(source.name, QStringLiteral("Lead source"));
    db.reopen(); // stored, not remembered
    ReportService& reports = db.service().reports();
    CustomFields stored = reports.customFields().value();
    ASSERT_EQ(stored.fields().size(), 2u);
    EXPECT_EQ(stored.fields().front().choices, (QStringList {QStringLiteral("Web"), QStringLiteral("Referral")}));

    // Refused as a whole: the same key twice, a changed type, a bad key.
    Result<CustomFields> twice = reports.setCustomFields(
        stored.with(fieldOf(QStringLiteral("seats"), QStringLiteral("Seats 2"), FieldType::Text)), stored);
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().message.contains(u"already a field with the key seats"));
    CustomField retyped = *stored.byKey(QStringLiteral("seats"));
    Result<CustomFields> sameName = reports.setCustomFields(
        stored.with(fieldOf(QStringLiteral("seats2"), QStringLiteral("SEATS"), FieldType::Text)), stored);
    ASSERT_FALSE(sameName.ok());
    EXPECT_TRUE(sameName.error().message.contains(u"already a field called")) << sameName.error().message.toStdString();
    retyped.type = FieldType::Text;
    EXPECT_FALSE(reports.setCustomFields(stored.with(retyped), stored).ok());
    EXPECT_FALSE(reports
                     .setCustomFields(
                         stored.with(fieldOf(QStringLiteral("Bad Key"), QStringLiteral("x"), FieldType::Text)), stored)
                     .ok());
    EXPECT_EQ(reports.customFields().value(), stored);

    // Needed to enter Negotiation.
    source = *stored.byKey(QStringLiteral("source"));
    source.neededFrom = Stage::Negotiation;
    stored = reports.setCustomFields(stored.with(source), stored).value();

    DealFields qualified = TestDatabase::qualified();
    qualified.valueMinor = 100000;
    const DealId id = db.create(QStringLiteral("Acme"), Stage::Relationship, qualified).id;
    Result<MoveOutcome> refused = db.service().deals().move(id, Stage::Negotiation);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(has(refused.error().unmet, Requirement::Field));
    EXPECT_TRUE(refused.error().message.contains(u"'Lead source' not filled in"))
        << refused.error().message.toStdString();
    // A value not among the choices is refused, naming them; nothing moves.
    Result<MoveOutcome> wrong = db.service().deals().move(id, Stage::Negotiation, {}, setting("source", "Fair"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_TRUE(wrong.error().message.contains(u"Web, Referral"));
    Result<MoveOutcome> unknown = db.service().deals().move(id, Stage::Negotiation, {}, setting("sauce", "Web"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(u"no custom field 'sauce'"));
    EXPECT_EQ(db.service().deals().get(id).value().stage, Stage::Relationship);
    // Save and move: the value and the move, one transaction.
    Result<MoveOutcome> moved = db.service().deals().move(id, Stage::Negotiation, {}, setting("source", "referral"));
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    Deal deal = db.service().deals().get(id).value();
    EXPECT_EQ(deal.stage, Stage::Negotiation);
    EXPECT_EQ(fieldValueOf(deal.fieldValues, source.id), QStringLiteral("Referral"));

    // An edit sets a value in its stored form and counts as a change.
    Result<Deal> edited = db.service().deals().edit(id, setting("seats", "0040.0"));
    ASSERT_TRUE(edited.ok()) << edited.error().message.toStdString();
    EXPECT_EQ(edited.value().version, deal.version + 1);
    EXPECT_EQ(fieldValueOf(db.service().deals().get(id).value().fieldValues, seats.id), QStringLiteral("40"));
    // In Negotiation the source can't be cleared; the seats can.
    Result<Deal> cleared = db.service().deals().edit(id, setting("source", ""));
    ASSERT_FALSE(cleared.ok());
    EXPECT_EQ(cleared.error().code, ErrorCode::RefusedByRules);
    EXPECT_TRUE(cleared.error().message.contains(u"'Lead source' not filled in"))
        << cleared.error().message.toStdString();
    ASSERT_TRUE(db.service().deals().edit(id, setting("seats", "")).ok());
    EXPECT_EQ(db.service().deals().get(id).value().fieldValues.size(), 1u);

    // A deal created in Negotiation needs it too; given, it is stored with it.
    DealFields created = qualified;
    created.title = QStringLiteral("Beta");
    EXPECT_FALSE(db.service().deals().create(created, Stage::Negotiation).ok());
    created.setFields.emplace_back(QStringLiteral("source"), QStringLiteral("Web"));
    Result<Deal> beta = db.service().deals().create(created, Stage::Negotiation);
    ASSERT_TRUE(beta.ok()) << beta.error().message.toStdString();
    EXPECT_EQ(fieldValueOf(db.service().deals().get(beta.value().id).value().fieldValues, source.id),
              QStringLiteral("Web"));
    // Deleted, it can be put back where it stood (its values go with the
    // deletion, as its ticks do).
    Result<DeletedDeal> deleted = db.service().deals().remove(beta.value().id);
    ASSERT_TRUE(deleted.ok()) << deleted.error().message.toStdString();
    Result<Deal> restored = db.service().deals().restore(deleted.value());
    ASSERT_TRUE(restored.ok()) << restored.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(beta.value().id).value().stage, Stage::Negotiation);

    // Removed: hidden with its values, which the change log keeps; the undo
    // brings both back; its key is free for a new field meanwhile.
    const CustomFields before = reports.customFields().value();
    ASSERT_TRUE(reports.setCustomFields(before.without(source.id), before).ok());
    EXPECT_TRUE(db.service().deals().get(id).value().fieldValues.empty());
    EXPECT_TRUE(db.service().deals().move(id, Stage::Closing).ok() == false); // close date still asked
    const CustomFields without = reports.customFields().value();
    ASSERT_TRUE(reports.setCustomFields(before, without).ok());
    EXPECT_EQ(fieldValueOf(db.service().deals().get(id).value().fieldValues, source.id), QStringLiteral("Referral"));
    ChangeQuery query;
    query.tables = {QStringLiteral("deal_fields")};
    // source on Acme, seats set and cleared, source on Beta (and its removal
    // with Beta's deletion).
    EXPECT_GE(db.service().reads().changes(query).value().size(), 4u);
    query.tables = {QStringLiteral("custom_fields")};
    EXPECT_EQ(db.service().reads().changes(query).value().size(), 5u); // 2 added, 1 set, removed, back
}

TEST(CustomFields, ExportAndImportCarryTheFieldsAsColumnsAndTheReportSplitsByAChoice)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    const CustomField source = added(db,
                                     fieldOf(QStringLiteral("source"), QStringLiteral("Lead source"), FieldType::Choice,
                                             {QStringLiteral("Web"), QStringLiteral("Referral")}));
    added(db, fieldOf(QStringLiteral("budget"), QStringLiteral("Budget"), FieldType::Money));
    DealFields fields = DealFields::withTitle(QStringLiteral("Acme"));
    fields.setFields = {{QStringLiteral("source"), QStringLiteral("Web")},
                        {QStringLiteral("budget"), QStringLiteral("1250.50 USD")}};
    ASSERT_TRUE(db.service().deals().create(fields).ok());
    db.create(QStringLiteral("Plain"));

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(DealCsv::stream(db.service().reads(), {}, &buffer, db.service().now(), false).ok());
    const QString csv = QString::fromUtf8(buffer.data());
    const QString header = csv.section(QLatin1Char('\n'), 0, 0).trimmed();
    EXPECT_TRUE(header.endsWith(u",field:source,field:budget")) << header.toStdString();
    EXPECT_TRUE(csv.contains(u",Web,1250.50 USD")) << csv.toStdString();

    // Read back into a fresh pipeline with the same fields.
    TestDatabase other;
    other.create(QStringLiteral("Seed"));
    const CustomField theirs = added(other,
                                     fieldOf(QStringLiteral("source"), QStringLiteral("Lead source"), FieldType::Choice,
                                             {QStringLiteral("Web"), QStringLiteral("Referral")}));
    added(other, fieldOf(QStringLiteral("budget"), QStringLiteral("Budget"), FieldType::Money));
    QByteArray bytes = buffer.data();
    QBuffer file(&bytes);
    file.open(QIODevice::ReadOnly);
    Result<ImportPlan> imported = other.service().deals().importCsv(&file, false);
    ASSERT_TRUE(imported.ok()) << imported.error().message.toStdString();
    EXPECT_TRUE(imported.value().ignoredColumns.isEmpty());
    std::vector<Deal> deals = other.service().deals().list().value();
    int withSource = 0;
    for (const Deal& deal : deals) {
        const Deal read = other.service().deals().get(deal.id).value();
        if (fieldValueOf(read.fieldValues, theirs.id) == u"Web") {
            ++withSource;
            EXPECT_EQ(read.fieldValues.size(), 2u);
        }
    }
    EXPECT_EQ(withSource, 1);

    // A spreadsheet's semicolons and decimal commas, as for the value.
    {
        QByteArray european("title;value;field:budget\nSemi;1200,50;1250,50 EUR\n");
        QBuffer semicolons(&european);
        semicolons.open(QIODevice::ReadOnly);
        Result<ImportPlan> read = other.service().deals().importCsv(&semicolons, false);
        ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
        const CustomField budget = *other.service().reports().customFields().value().byKey(QStringLiteral("budget"));
        bool found = false;
        const std::vector<Deal> all = other.service().deals().list().value();
        for (const Deal& deal : all) {
            if (deal.title == u"Semi") {
                found = true;
                EXPECT_EQ(fieldValueOf(other.service().deals().get(deal.id).value().fieldValues, budget.id),
                          QStringLiteral("125050 EUR"));
            }
        }
        EXPECT_TRUE(found);
    }
    deals = other.service().deals().list().value();
    // A column naming no field, or a value the field refuses: nothing imported.
    for (const char* bad : {"title,field:sauce\nX,Web\n", "title,field:source\nX,Fair\n"}) {
        QByteArray refusedBytes(bad);
        QBuffer refusedFile(&refusedBytes);
        refusedFile.open(QIODevice::ReadOnly);
        Result<ImportPlan> refused = other.service().deals().importCsv(&refusedFile, false);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_TRUE(refused.error().message.contains(u"sauce") || refused.error().message.contains(u"Web, Referral"))
            << refused.error().message.toStdString();
    }
    EXPECT_EQ(other.service().deals().list().value().size(), deals.size());

    // The report by the choice: Web, Referral, then the deals without one.
    Result<std::vector<ReportService::FieldSegment>> segments
        = db.service().reports().reportByField({}, QStringLiteral("source"));
    ASSERT_TRUE(segments.ok()) << segments.error().message.toStdString();
    ASSERT_EQ(segments.value().size(), 3u);
    EXPECT_EQ(segments.value()[0].value, QStringLiteral("Web"));
    EXPECT_EQ(segments.value()[0].report.deals, 1);
    EXPECT_EQ(segments.value()[1].report.deals, 0);
    EXPECT_EQ(segments.value()[2].report.deals, 2); // Seed and Plain
    EXPECT_FALSE(db.service().reports().reportByField({}, QStringLiteral("budget")).ok());
    EXPECT_EQ(source.type, FieldType::Choice);
}

TEST(CustomFields, AVersionFourteenFileGainsTheFieldsAndTheTablesRefuseWhatTheServiceRefuses)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"));
    db.close();
    runRawSql(db.path(), backBeforeCustomFields(false) << QStringLiteral("PRAGMA user_version = 14"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_TRUE(db.service().reports().customFields().value().isEmpty());
    const CustomField seats = added(db, fieldOf(QStringLiteral("seats"), QStringLiteral("Seats"), FieldType::Number));
    EXPECT_GT(seats.id, 0);
    const DealId kept = db.service().deals().list().value().front().id;
    ASSERT_TRUE(db.service()
                    .deals()
                    .edit(kept,
                          [] {
                              DealFields fields;
                              fields.setFields = {{QStringLiteral("seats"), QStringLiteral("12")}};
                              return fields;
                          }())
                    .ok());
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
    db.close();
    // A value another program wrote, not in its stored form: check names it.
    runRawSql(db.path(), {QStringLiteral("UPDATE deal_fields SET value = '012.50' WHERE deal_id = %1").arg(kept)});
    db.reopen();
    const QStringList faults = db.service().check().value().faults;
    ASSERT_EQ(faults.size(), 1);
    EXPECT_TRUE(faults.front().contains(u"Seats holds '012.50'")) << faults.front().toStdString();
    db.close();
    for (const char* impossible :
         {"('Bad', 'x', 'text', '', 1, 0, NULL, NULL, 0)", "('ok', 'x', 'float', '', 1, 0, NULL, NULL, 0)",
          "('ok2', 'x', 'text', '', 1, 0, 'retention', 'leave', 0)",
          "('ok3', 'x', 'text', '', 1, 0, 'closing', NULL, 0)", "('seats', 'again', 'text', '', 1, 0, NULL, NULL, 0)",
          "('ok4', 'x', 'text', '', 1, 0, 'prospecting', 'enter', 0)"}) {
        EXPECT_FALSE(runRawSqlOk(db.path(),
                                 {QStringLiteral("INSERT INTO custom_fields (key, name, type, choices, "
                                                 "position, on_card, stage, moment, removed) VALUES %1")
                                      .arg(QLatin1String(impossible))}))
            << impossible;
    }
}

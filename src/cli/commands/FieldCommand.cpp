// dealboard-cli field: the custom fields a manager adds to deals.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

QString noSuchField(const QString& key, const CustomFields& fields)
{
    if (fields.isEmpty()) {
        return QStringLiteral("There is no field '%1'; this pipeline has no custom fields yet. A manager adds one "
                              "with: field add source --name \"Lead source\" --type choice --choices web,referral")
            .arg(key);
    }
    QStringList keys;
    for (const CustomField& field : fields.fields()) {
        keys << field.key;
    }
    return QStringLiteral("There is no field '%1'; the fields are: %2. See: field list")
        .arg(key, keys.join(QStringLiteral(", ")));
}

class FieldCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("field"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("list [--format table|csv|json]"),
                 QStringLiteral("the custom fields of deals, with their keys, types and rules"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}},
                {QStringLiteral("add KEY --name NAME --type text|number|money|date|choice|yesno [--choices A,B] "
                                "[--on-card]"),
                 QStringLiteral("add a custom field to every deal (a manager's); set a deal's with edit ID --set "
                                "KEY=VALUE"),
                 {{QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("the name people read")},
                  {QStringLiteral("type"), QStringLiteral("TYPE"), QStringLiteral("what its values are")},
                  {QStringLiteral("choices"), QStringLiteral("A,B"), QStringLiteral("a choice field's list")},
                  {QStringLiteral("on-card"), QString(),
                   QStringLiteral("show it on the board's cards (at most two fields)")}}},
                {QStringLiteral("rename KEY NAME"), QStringLiteral("give a field another name (its key stays)"), {}},
                {QStringLiteral("card KEY on|off"), QStringLiteral("show a field on the board's cards, or not"), {}},
                {QStringLiteral("remove KEY"),
                 QStringLiteral("remove a custom field (a manager's); its values stay in the change log"),
                 {}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"list") {
            return listed(context, arguments.mid(1), {}, 0, list);
        }
        if (sub == u"add") {
            return parsed(context, arguments.mid(1),
                          {{QStringLiteral("name"), true},
                           {QStringLiteral("type"), true},
                           {QStringLiteral("choices"), true},
                           {QStringLiteral("on-card"), false}},
                          add);
        }
        if (sub == u"rename" || sub == u"card" || sub == u"remove") {
            return parsed(context, arguments.mid(1), {}, sub == u"rename" ? rename : (sub == u"card" ? card : remove));
        }
        return context.usage(QStringLiteral("field needs list, add, rename, card or remove, such as: field add "
                                            "source --name \"Lead source\" --type choice --choices web,referral"));
    }

private:
    static Prepared list(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<CustomFields> read = pipeline.reports().customFields();
            if (!read) {
                return context.fail(read.error());
            }
            Listing listing;
            listing.header = {QStringLiteral("KEY"),  QStringLiteral("NAME"),   QStringLiteral("TYPE"),
                              QStringLiteral("CARD"), QStringLiteral("NEEDED"), QStringLiteral("CHOICES")};
            QByteArray csv;
            QBuffer buffer(&csv);
            buffer.open(QIODevice::WriteOnly);
            CsvWriter writer(&buffer);
            for (const char* column : {"key", "name", "type", "on_card", "needed", "choices"}) {
                writer.plain(QString::fromLatin1(column));
            }
            writer.endRow();
            for (const CustomField& field : read.value().fields()) {
                const QString choices = field.choices.join(QStringLiteral(","));
                listing.rows.push_back({field.key, elide(field.name, 30), fieldTypeSlug(field.type),
                                        field.onCard ? QStringLiteral("yes") : QString(), field.neededText(),
                                        elide(choices, 40)});
                QJsonObject object;
                object[QStringLiteral("key")] = field.key;
                object[QStringLiteral("name")] = field.name;
                object[QStringLiteral("type")] = fieldTypeSlug(field.type);
                object[QStringLiteral("on_card")] = field.onCard;
                object[QStringLiteral("choices")] = QJsonArray::fromStringList(field.choices);
                if (field.neededFrom) {
                    QJsonObject needed;
                    needed[QStringLiteral("stage")] = stageSlug(*field.neededFrom);
                    needed[QStringLiteral("moment")]
                        = field.neededToLeave ? QStringLiteral("leave") : QStringLiteral("enter");
                    object[QStringLiteral("needed")] = needed;
                } else {
                    object[QStringLiteral("needed")] = QJsonValue::Null;
                }
                listing.json.append(object);
                writer.plain(field.key).text(field.name).plain(fieldTypeSlug(field.type));
                writer.plain(field.onCard ? QStringLiteral("yes") : QStringLiteral("no"));
                writer.plain(field.neededText()).text(choices).endRow();
            }
            listing.csv = [csv](QIODevice* device) { return device->write(csv) == csv.size(); };
            const std::size_t count = read.value().fields().size();
            listing.countLine
                = QStringLiteral("%1 custom field%2\n").arg(count).arg(count == 1 ? QString() : QStringLiteral("s"));
            return printListing(context, line, listing);
        };
    }

    static Prepared add(Context& context, const CommandLine& line)
    {
        const std::optional<QString> name = line.value(QStringLiteral("name"));
        const std::optional<QString> type = line.value(QStringLiteral("type"));
        if (line.positionals().size() != 1 || !name || !type) {
            return context.usage(QStringLiteral("field add needs a key, --name and --type, such as: field add source "
                                                "--name \"Lead source\" --type choice --choices web,referral"));
        }
        CustomField field;
        field.key = line.positionals().front();
        field.name = *name;
        const std::optional<FieldType> fieldType = fieldTypeFromSlug(*type);
        if (!fieldType) {
            return context.usage(QStringLiteral("'%1' is not a field type; use one of: %2.")
                                     .arg(*type, fieldTypeSlugs().join(QStringLiteral(", "))));
        }
        field.type = *fieldType;
        if (const std::optional<QString> choices = line.value(QStringLiteral("choices"))) {
            for (const QString& choice : choices->split(QLatin1Char(','))) {
                field.choices << choice.trimmed();
            }
        }
        field.onCard = line.flag(QStringLiteral("on-card"));
        return [=, &context](Pipeline& pipeline) -> int {
            Result<CustomFields> current = pipeline.reports().customFields();
            if (!current) {
                return context.fail(current.error());
            }
            if (Result<CustomFields> after
                = pipeline.reports().setCustomFields(current.value().with(field), current.value());
                !after) {
                return context.fail(after.error());
            }
            printOut(QStringLiteral("Added the field %1 (%2, %3)%4. Set it with: edit ID --set %1=VALUE\n")
                         .arg(field.key, field.name.trimmed(), fieldTypeSlug(field.type),
                              field.onCard ? QStringLiteral(", shown on cards") : QString()));
            return ExitDone;
        };
    }

    // Runs `change` on the field named by the first argument, as one action.
    static Prepared changed(Context& context, const CommandLine& line, int arguments, const QString& usage,
                            const std::function<Result<CustomFields>(const CustomFields&, const CustomField&)>& change,
                            const std::function<QString(const CustomField&)>& done)
    {
        if (line.positionals().size() != arguments) {
            return context.usage(usage);
        }
        const QString key = line.positionals().front();
        return [=, &context](Pipeline& pipeline) -> int {
            Result<CustomFields> current = pipeline.reports().customFields();
            if (!current) {
                return context.fail(current.error());
            }
            const std::optional<CustomField> field = current.value().byKey(key);
            if (!field) {
                return context.fail(makeError(ErrorCode::NotFound, noSuchField(key, current.value())));
            }
            Result<CustomFields> wanted = change(current.value(), *field);
            if (!wanted) {
                return context.usage(wanted.error().message);
            }
            if (Result<CustomFields> after = pipeline.reports().setCustomFields(wanted.value(), current.value());
                !after) {
                return context.fail(after.error());
            }
            printOut(done(*field));
            return ExitDone;
        };
    }

    static Prepared rename(Context& context, const CommandLine& line)
    {
        const QString name = line.positionals().value(1);
        return changed(
            context, line, 2,
            QStringLiteral("field rename needs a key and a name, such as: field rename source Origin"),
            [name](const CustomFields& fields, CustomField field) -> Result<CustomFields> {
                field.name = name;
                return fields.with(field);
            },
            [name](const CustomField& field) {
                return QStringLiteral("The field %1 is now called %2.\n").arg(field.key, name.trimmed());
            });
    }

    static Prepared card(Context& context, const CommandLine& line)
    {
        const QString state = line.positionals().value(1);
        return changed(
            context, line, 2, QStringLiteral("field card needs a key and on or off, such as: field card source on"),
            [state](const CustomFields& fields, CustomField field) -> Result<CustomFields> {
                if (state != u"on" && state != u"off") {
                    return makeError(ErrorCode::InvalidInput,
                                     QStringLiteral("field card takes on or off, not '%1'.").arg(state));
                }
                field.onCard = state == u"on";
                return fields.with(field);
            },
            [state](const CustomField& field) {
                return state == u"on" ? QStringLiteral("Cards show %1 now.\n").arg(field.name)
                                      : QStringLiteral("Cards no longer show %1.\n").arg(field.name);
            });
    }

    static Prepared remove(Context& context, const CommandLine& line)
    {
        return changed(
            context, line, 1, QStringLiteral("field remove needs a key, such as: field remove source"),
            [](const CustomFields& fields, const CustomField& field) -> Result<CustomFields> {
                return fields.without(field.id);
            },
            [](const CustomField& field) {
                return QStringLiteral("Removed the field %1 (%2); its values stay in the change log.%3\n")
                    .arg(field.key, field.name,
                         field.neededFrom
                             ? QStringLiteral(" It was needed %1; no stage needs it now.").arg(field.neededText())
                             : QString());
            });
    }
};

} // namespace

std::unique_ptr<Command> makeFieldCommand()
{
    return std::make_unique<FieldCommand>();
}

} // namespace dealboard::cli

// dealboard-cli note: add a free-text note to a deal, list a deal's notes.
#include "../Arguments.h"
#include "../Context.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/ContactCsv.h"
#include "dealboard/StoredTime.h"
#include "dealboard/SystemUser.h"

namespace dealboard::cli {

namespace {

OptionDocs addDocs()
{
    return {{QStringLiteral("text"), QStringLiteral("TEXT"), QStringLiteral("what to remember (line breaks kept)")},
            {QStringLiteral("actor"), QStringLiteral("NAME"), QStringLiteral("who wrote it (default: $USER)")}};
}

class NoteCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("note"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("add DEAL_ID --text TEXT [--actor NAME]"),
                 QStringLiteral("add a note to a deal; prints its id"), addDocs()},
                {QStringLiteral("list DEAL_ID [--format table|csv|json]"),
                 QStringLiteral("a deal's notes, newest first"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"add") {
            return parsed(context, arguments.mid(1), optionSpec(addDocs()), add);
        }
        if (sub == u"list") {
            return listed(context, arguments.mid(1), {}, 1, list);
        }
        return context.usage(
            QStringLiteral("note needs add or list, such as: note add 12 --text \"Call back Monday\""));
    }

private:
    static Prepared add(Context& context, const CommandLine& line)
    {
        const std::optional<DealId> deal = onlyId(line);
        if (!deal) {
            return context.usage(QStringLiteral("note add needs one deal id, such as: note add 12 --text \"…\""));
        }
        const std::optional<QString> text = line.value(QStringLiteral("text"));
        if (!text) {
            return context.usage(QStringLiteral("note add needs --text TEXT, the note itself"));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            const QString actor = line.value(QStringLiteral("actor")).value_or(systemUserName());
            Result<Note> added = pipeline.notes().add(*deal, *text, actor);
            if (!added) {
                return context.fail(added.error());
            }
            printOut(QStringLiteral("%1\n").arg(added.value().id));
            return ExitDone;
        };
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        const std::optional<DealId> deal = onlyId(line);
        if (!deal) {
            return context.usage(QStringLiteral("note list needs one deal id, such as: note list 12"));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<std::vector<Note>> notes = pipeline.notes().list(*deal);
            if (!notes) {
                return context.fail(notes.error());
            }
            const std::vector<Note>& list = notes.value();
            Listing listing;
            for (const Note& n : list) {
                QString oneLine = n.text;
                oneLine.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
                listing.rows.push_back({QString::number(n.id),
                                        n.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                        elide(n.author, 16), elide(oneLine, 60)});
            }
            listing.csv = [&list](QIODevice* device) { return ContactCsv::writeNotes(device, list, false); };
            listing.json = jsonArray(list, noteJson);
            listing.header
                = {QStringLiteral("ID"), QStringLiteral("WHEN"), QStringLiteral("AUTHOR"), QStringLiteral("NOTE")};
            listing.rightAligned = {0};
            listing.countLine = QStringLiteral("%1 note%2\n")
                                    .arg(list.size())
                                    .arg(list.size() == 1 ? QString() : QStringLiteral("s"));
            return printListing(context, line, listing);
        };
    }
};

} // namespace

std::unique_ptr<Command> makeNoteCommand()
{
    return std::make_unique<NoteCommand>();
}

} // namespace dealboard::cli

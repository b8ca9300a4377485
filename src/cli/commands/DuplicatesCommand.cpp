// dealboard-cli duplicates list: the likely duplicate organizations and
// people one may read, each pair with why.
#include "../Context.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"

namespace dealboard::cli {

namespace {

QJsonObject pairJson(const DuplicatePair& pair)
{
    QJsonObject object;
    object[QStringLiteral("type")] = contactTypeSlug(pair.type);
    object[QStringLiteral("first")] = qint64(pair.first);
    object[QStringLiteral("first_name")] = pair.firstName;
    object[QStringLiteral("second")] = qint64(pair.second);
    object[QStringLiteral("second_name")] = pair.secondName;
    object[QStringLiteral("why")] = pair.why;
    return object;
}

class DuplicatesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("duplicates"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("list [--format table|csv|json]"),
                 QStringLiteral("likely duplicate organizations and people, with why"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        if (arguments.value(0) != u"list") {
            return context.usage(QStringLiteral("duplicates needs list: duplicates list [--format table|csv|json]"));
        }
        return listed(context, arguments.mid(1), {}, 0, [](Context& c, const CommandLine& line) -> Prepared {
            return [&c, line](Pipeline& pipeline) { return list(c, line, pipeline); };
        });
    }

private:
    static int list(Context& context, const CommandLine& line, Pipeline& pipeline)
    {
        Result<std::vector<DuplicatePair>> found = pipeline.contacts().duplicates();
        if (!found) {
            return context.fail(found.error());
        }
        if (found.value().empty()
            && line.value(QStringLiteral("format")).value_or(QStringLiteral("table")) == u"table") {
            printOut(QStringLiteral("No likely duplicates.\n"));
            return ExitDone;
        }
        auto pairs = std::make_shared<std::vector<DuplicatePair>>(std::move(found.value()));
        Listing listing;
        for (const DuplicatePair& pair : *pairs) {
            listing.rows.push_back({contactTypeSlug(pair.type), QString::number(pair.first), elide(pair.firstName, 28),
                                    QString::number(pair.second), elide(pair.secondName, 28), oneLine(pair.why)});
        }
        listing.json = jsonArray(*pairs, pairJson);
        listing.csv = [pairs](QIODevice* device) {
            CsvWriter csv(device);
            csv.plain(QStringLiteral("type")).plain(QStringLiteral("first")).plain(QStringLiteral("first_name"));
            csv.plain(QStringLiteral("second")).plain(QStringLiteral("second_name")).plain(QStringLiteral("why"));
            bool ok = csv.endRow();
            for (const DuplicatePair& pair : *pairs) {
                csv.plain(contactTypeSlug(pair.type)).plain(QString::number(pair.first)).text(pair.firstName);
                csv.plain(QString::number(pair.second)).text(pair.secondName).text(pair.why);
                ok = csv.endRow() && ok;
            }
            return ok;
        };
        listing.header = {QStringLiteral("TYPE"),  QStringLiteral("KEEP"), QStringLiteral("NAME"),
                          QStringLiteral("OTHER"), QStringLiteral("NAME"), QStringLiteral("WHY")};
        listing.rightAligned = {1, 3};
        listing.countLine
            = QStringLiteral("%1 likely duplicate pair(s); `dealboard-cli merge organization|person KEEP OTHER` "
                             "merges one.\n")
                  .arg(pairs->size());
        return printListing(context, line, listing);
    }
};

} // namespace

std::unique_ptr<Command> makeDuplicatesCommand()
{
    return std::make_unique<DuplicatesCommand>();
}

} // namespace dealboard::cli

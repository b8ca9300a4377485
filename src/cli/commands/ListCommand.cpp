// dealboard-cli list: the deals, filtered, as a table, CSV or JSON.
#include "../Arguments.h"
#include "../Context.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"
#include "dealboard/DealCsv.h"
#include "dealboard/StoredTime.h"

#include <QJsonDocument>

namespace dealboard::cli {

namespace {

OptionDocs dealFilterDocs()
{
    return {
        {QStringLiteral("stage"), QStringLiteral("S"), QStringLiteral("only the deals in this stage")},
        {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("only this rep's deals")},
        {QStringLiteral("status"), QStringLiteral("open|won|lost|all"), QStringLiteral("only these (default all)")}};
}

class ListCommand final : public Command
{
public:
    ListCommand()
        : Command(Reading::Listing)
    {
    }
    QString name() const override { return QStringLiteral("list"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--stage S] [--owner O] [--status open|won|lost|all] [--format table|csv|json]"),
                 QString(), listingOptionDocs(dealFilterDocs())}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        const auto filter = dealFilter(context, line);
        if (!filter) {
            return ExitUsage;
        }
        return [&context, filter = *filter, format](Pipeline& pipeline) {
            return list(context, pipeline, filter, format);
        };
    }

private:
    static int list(Context& context, Pipeline& pipeline, const DealFilter& filter, const QString& format)
    {
        Result<std::vector<Deal>> deals = pipeline.deals().list(filter);
        if (!deals) {
            return context.fail(deals.error());
        }
        const QDateTime now = pipeline.now();
        if (format == u"csv") {
            return context.writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
                return DealCsv::write(device, deals.value(), now, false);
            });
        }
        if (format == u"json") {
            QJsonArray array;
            for (const Deal& deal : deals.value()) {
                array.append(dealJson(deal, now));
            }
            printJson(QJsonDocument(array));
            return ExitDone;
        }
        std::vector<QStringList> rows;
        rows.reserve(deals.value().size());
        for (const Deal& deal : deals.value()) {
            rows.push_back({QString::number(deal.id), elide(deal.title, 44), elide(deal.company, 24), deal.owner,
                            stageSlug(deal.stage), statusSlug(deal.status), formatForPeople(deal.value),
                            toStoredDate(deal.expectedClose)});
        }
        printOut(
            table({QStringLiteral("ID"), QStringLiteral("TITLE"), QStringLiteral("COMPANY"), QStringLiteral("OWNER"),
                   QStringLiteral("STAGE"), QStringLiteral("STATUS"), QStringLiteral("VALUE"), QStringLiteral("CLOSE")},
                  rows, {0, 6}));
        printOut(QStringLiteral("%1 deal(s)\n").arg(deals.value().size()));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeListCommand()
{
    return std::make_unique<ListCommand>();
}

} // namespace dealboard::cli

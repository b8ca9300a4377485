// dealboard-cli servers: the servers whose TLS certificates this user trusts.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/KnownServers.h"

namespace dealboard::cli {

namespace {

class ServersCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("servers"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("list"),
                 QStringLiteral("the servers you trust and the SHA-256 fingerprints of their TLS certificates"),
                 {}},
                {QStringLiteral("forget HOST:PORT"),
                 QStringLiteral("trust a server no more (after its certificate really changed); the next connection "
                                "shows its new fingerprint"),
                 {}}};
    }

protected:
    // Works on this user's list of trusted servers, not on a pipeline.
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        KnownServers known;
        if (sub == u"list" && arguments.size() == 1) {
            for (const auto& [server, fingerprint] : known.all()) {
                printOut(QStringLiteral("%1  SHA-256 %2\n").arg(server, fingerprint));
            }
            return ExitDone;
        }
        if (sub == u"forget" && arguments.size() == 2) {
            Result<bool> forgotten = known.forget(arguments[1]);
            if (!forgotten) {
                return context.fail(forgotten.error());
            }
            if (!forgotten.value()) {
                return context.fail(makeError(ErrorCode::NotFound,
                                              QStringLiteral("%1 is not among the servers you trust; `dealboard-cli "
                                                             "servers list` shows them as HOST:PORT.")
                                                  .arg(arguments[1])));
            }
            printOut(QStringLiteral("Forgot %1; the next connection shows its certificate's fingerprint.\n")
                         .arg(arguments[1]));
            return ExitDone;
        }
        return context.usage(QStringLiteral("servers needs list, or forget HOST:PORT"));
    }
};

} // namespace

std::unique_ptr<Command> makeServersCommand()
{
    return std::make_unique<ServersCommand>();
}

} // namespace dealboard::cli

// A writer process for the reliability tests: it makes real changes through
// the service and acknowledges each one on stdout only after it committed.
//   pipeline_writer DB forever   create, move and edit deals until killed
//   pipeline_writer DB count N   create N deals, then exit (0, or 2 on any error)
//   pipeline_writer DB full      with file writes capped just above the current
//                                size (a full disk), try to add 5,000 deals
#include "dealboard/Pipeline.h"
#include "dealboard/service/PipelineOpener.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <csignal>
#include <cstdio>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace dealboard;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::off);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: pipeline_writer DB forever|count N\n");
        return 1;
    }
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(args[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.toUtf8().constData());
        return 2;
    }
    Pipeline service(std::move(store.value()), std::make_shared<SystemClock>());
    if (args[2] == u"full") {
        // A full disk, as far as this process can tell: writes past the cap fail.
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit cap {static_cast<rlim_t>(QFileInfo(args[1]).size() + 8192),
                          static_cast<rlim_t>(QFileInfo(args[1]).size() + 8192)};
        ::setrlimit(RLIMIT_FSIZE, &cap);
        Result<int> seeded = service.deals().seedSample(5000, 3);
        if (seeded) {
            std::printf("seeded %d\n", seeded.value());
            return 0;
        }
        std::fprintf(stderr, "%s\n", seeded.error().message.toUtf8().constData());
        return 2;
    }
    const QString tag = QString::number(::getpid());
    const bool endless = args[2] == u"forever";
    const int count = endless ? -1 : args.value(3).toInt();
    for (int i = 1; endless || i <= count; ++i) {
        DealFields fields = DealFields::withTitle(QStringLiteral("w-%1-%2").arg(tag).arg(i));
        fields.willing = fields.need = fields.budget = true;
        Result<Deal> created = service.deals().create(fields);
        if (!created) {
            std::fprintf(stderr, "create failed: %s\n", created.error().message.toUtf8().constData());
            return 2;
        }
        std::printf("created %lld %s\n", static_cast<long long>(created.value().id),
                    created.value().title.toUtf8().constData());
        std::fflush(stdout);
        if (!endless) {
            continue;
        }
        if (Result<MoveOutcome> moved = service.deals().move(created.value().id, Stage::Contacting); !moved) {
            std::fprintf(stderr, "move failed: %s\n", moved.error().message.toUtf8().constData());
            return 2;
        }
        std::printf("moved %lld contacting\n", static_cast<long long>(created.value().id));
        std::fflush(stdout);
        DealFields edit;
        edit.company = QStringLiteral("c-%1").arg(i);
        if (Result<Deal> edited = service.deals().edit(created.value().id, edit); !edited) {
            std::fprintf(stderr, "edit failed: %s\n", edited.error().message.toUtf8().constData());
            return 2;
        }
        std::printf("edited %lld c-%d\n", static_cast<long long>(created.value().id), i);
        std::fflush(stdout);
    }
    return 0;
}

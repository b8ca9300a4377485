#include "CliApp.h"
#include "dealboard/Allocator.h"
#include "dealboard/AppPaths.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace {

// A closed standard descriptor would be handed to the next file opened (the
// log, an export), and what the command prints would land there. Fill it with
// /dev/null opened read-only: reading finds nothing, and writing fails, so
// the command reports that its output went nowhere.
void holdStandardDescriptors()
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1) {
            const int opened = ::open("/dev/null", O_RDONLY);
            if (opened >= 0 && opened != fd) {
                ::dup2(opened, fd);
                ::close(opened);
            }
        }
    }
}

} // namespace

int main(int argc, char* argv[])
{
    holdStandardDescriptors();
    dealboard::tuneAllocator();
    // Printing the review needs Qt's GUI layer for its fonts: on the offscreen
    // platform, so that it needs no display. Every other command stays on
    // the core alone, and starts as fast as it did.
    bool printing = false;
    for (int i = 1; i + 1 < argc; ++i) {
        printing = printing || (qstrcmp(argv[i], "export") == 0 && qstrcmp(argv[i + 1], "review") == 0);
    }
    std::unique_ptr<QCoreApplication> app;
    if (printing) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    dealboard::AppPaths::setApplicationIdentity();
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    dealboard::cli::CliApp cli;
    return cli.run(arguments);
}

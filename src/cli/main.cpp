#include "CliApp.h"
#include "dealboard/Allocator.h"
#include "dealboard/AppPaths.h"

#include <QCoreApplication>
#include <fcntl.h>
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
    QCoreApplication app(argc, argv);
    dealboard::AppPaths::setApplicationIdentity();
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    dealboard::cli::CliApp cli;
    return cli.run(arguments);
}

#include "ServerBoardLaunch.h"

#include <QProcess>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace dealboard::gui {

qint64 ServerBoardLaunch::start(const QString& program, const QString& server, const QString& password)
{
    // The whole password fits in the pipe's buffer: written and closed before
    // the board starts, it is read once, at its start, and then gone.
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
        spdlog::error("Couldn't make a pipe for the password of a new board");
        return 0;
    }
    const QByteArray line = password.toUtf8() + '\n';
    const bool written = ::write(ends[1], line.constData(), line.size()) == line.size();
    ::close(ends[1]);
    if (!written) {
        ::close(ends[0]);
        spdlog::error("Couldn't hand the password to a new board");
        return 0;
    }
    QProcess board;
    board.setProgram(program);
    board.setArguments({QStringLiteral("--password-stdin"), server});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("PGPASSWORD"));
    board.setProcessEnvironment(environment);
    // Opened by QProcess as the board's standard input: the pipe itself.
    board.setStandardInputFile(QStringLiteral("/proc/self/fd/%1").arg(ends[0]));
    qint64 pid = 0;
    const bool started = board.startDetached(&pid);
    ::close(ends[0]);
    return started ? pid : 0;
}

} // namespace dealboard::gui

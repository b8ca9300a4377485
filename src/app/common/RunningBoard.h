#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QLocalServer;

namespace dealboard::gui {

// One board per pipeline and user. The board that opened a pipeline listens
// on a local socket named after the pipeline's path; starting DealBoard again
// for the same pipeline (a second double-click) asks that board to come
// forward instead of opening the file twice.
class RunningBoard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunningBoard)

public:
    // The socket's name for a pipeline: the user's id and a hash of the
    // pipeline's canonical path.
    static QString socketName(const QString& pipelinePath);
    // True when a running board has this pipeline open and came forward.
    static bool raiseExisting(const QString& pipelinePath, int timeoutMs = 2000);

    // Listens for later starts on the same pipeline; `raise` brings the
    // window forward.
    RunningBoard(const QString& pipelinePath, std::function<void()> raise, QObject* parent = nullptr);
    bool listening() const;

private:
    QLocalServer* m_server;
    std::function<void()> m_raise;
};

} // namespace dealboard::gui

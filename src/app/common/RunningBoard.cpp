#include "common/RunningBoard.h"

#include "dealboard/PipelineFiles.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace dealboard::gui {

namespace {

const QByteArray RaiseRequest = QByteArrayLiteral("raise\n");
const QByteArray RaiseAnswer = QByteArrayLiteral("raised\n");

QString canonical(const QString& path)
{
    return PipelineFiles::identity(path);
}

} // namespace

QString RunningBoard::socketName(const QString& pipelinePath)
{
    const QByteArray hash
        = QCryptographicHash::hash(canonical(pipelinePath).toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    return QStringLiteral("dealboard-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

bool RunningBoard::raiseExisting(const QString& pipelinePath, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketName(pipelinePath));
    if (!socket.waitForConnected(timeoutMs)) {
        return false;
    }
    socket.write(RaiseRequest);
    if (!socket.waitForBytesWritten(timeoutMs)) {
        return false;
    }
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs)) {
            return false;
        }
    }
    return socket.readLine() == RaiseAnswer;
}

RunningBoard::RunningBoard(const QString& pipelinePath, std::function<void()> raise, QObject* parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
    , m_raise(std::move(raise))
{
    const QString name = socketName(pipelinePath);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // Nobody answered on it (raiseExisting came first): a socket left there
    // by a board that crashed.
    QLocalServer::removeServer(name);
    if (!m_server->listen(name)) {
        spdlog::warn("Another start for {} will open a second board: {}", pipelinePath.toStdString(),
                     m_server->errorString().toStdString());
        return;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine()) {
                    return;
                }
                if (socket->readLine() == RaiseRequest) {
                    spdlog::info("DealBoard was started again for this pipeline; bringing the board forward");
                    m_raise();
                    socket->write(RaiseAnswer);
                    socket->flush();
                }
                socket->disconnectFromServer();
            });
        }
    });
}

bool RunningBoard::listening() const
{
    return m_server->isListening();
}

} // namespace dealboard::gui

#pragma once

// A TCP relay between a client and the test server that can cut the wire at
// the worst moment, as a flaky network does: right after the client's COMMIT
// reached the server (the reply is never relayed), or just before it (the
// COMMIT never arrives). It runs in a thread of its own, since the client
// waits for the server's reply in the test's thread.
#include <QByteArray>
#include <QHostAddress>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <memory>

namespace dealboard::test {

class CuttingProxy final
{
public:
    enum class Cut { None, AfterCommit, BeforeCommit };

    CuttingProxy(const QString& host, int port)
    {
        m_thread.start();
        m_relay = new Relay(host, port, &m_cut);
        m_relay->moveToThread(&m_thread);
        QMetaObject::invokeMethod(m_relay, &Relay::listen, Qt::BlockingQueuedConnection);
    }
    ~CuttingProxy()
    {
        // Deleted in its own thread, with its sockets, before the thread ends.
        Relay* relay = m_relay;
        QMetaObject::invokeMethod(
            relay, [relay] { delete relay; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    CuttingProxy(const CuttingProxy&) = delete;
    CuttingProxy& operator=(const CuttingProxy&) = delete;

    int port() const { return m_relay->port(); }
    // The next COMMIT any client sends is cut as said; then the wire is whole again.
    void cutNextCommit(Cut cut) { m_cut = cut; }
    bool cutDone() const { return m_cut == Cut::None; }

private:
    class Relay final : public QObject
    {
    public:
        Relay(QString host, int port, std::atomic<Cut>* cut)
            : m_host(std::move(host))
            , m_targetPort(port)
            , m_cut(cut)
        {
        }
        void listen()
        {
            m_server = new QTcpServer(this);
            m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, this, [this] {
                while (QTcpSocket* client = m_server->nextPendingConnection()) {
                    relay(client);
                }
            });
        }
        int port() const { return m_port; }

    private:
        void relay(QTcpSocket* client)
        {
            auto* upstream = new QTcpSocket(this);
            client->setParent(this);
            auto cutOff = std::make_shared<bool>(false);
            upstream->connectToHost(m_host, static_cast<quint16>(m_targetPort));
            const auto close = [client, upstream] {
                client->abort();
                upstream->abort();
                client->deleteLater();
                upstream->deleteLater();
            };
            QObject::connect(client, &QTcpSocket::readyRead, this, [=, this] {
                const QByteArray bytes = client->readAll();
                const Cut cut = m_cut->load();
                // A simple query message: 'Q', its length, "COMMIT", NUL.
                if (cut != Cut::None && bytes.contains(QByteArrayLiteral("COMMIT\0"))) {
                    m_cut->store(Cut::None);
                    *cutOff = true;
                    if (cut == Cut::AfterCommit) {
                        upstream->write(bytes);
                        upstream->flush();
                        // Long enough for the server to commit; its reply is dropped.
                        QTimer::singleShot(500, this, close);
                    } else {
                        close();
                    }
                    return;
                }
                upstream->write(bytes);
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, this, [=] {
                const QByteArray bytes = upstream->readAll();
                if (!*cutOff) {
                    client->write(bytes);
                }
            });
            QObject::connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
            QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        }

        QString m_host;
        int m_targetPort;
        std::atomic<Cut>* m_cut;
        QTcpServer* m_server = nullptr;
        std::atomic<int> m_port {0};
    };

    QThread m_thread;
    Relay* m_relay = nullptr;
    std::atomic<Cut> m_cut {Cut::None};
};

} // namespace dealboard::test

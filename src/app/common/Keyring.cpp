#include "Keyring.h"

#include "dealboard/ServerAddress.h"

#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

const QString Service = QStringLiteral("DealBoard");
// A keyring that does not answer in this time is taken for none.
constexpr int AnswerMs = 5000;

// Runs `job` to its end, or gives up after AnswerMs; true when it finished.
bool finish(QKeychain::Job& job)
{
    QEventLoop loop;
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    limit.start(AnswerMs);
    loop.exec();
    return limit.isActive();
}

} // namespace

QString Keyring::keyOf(const QString& url)
{
    Result<ServerAddress> address = ServerAddress::parse(url);
    return address ? address.value().shown() : url;
}

bool Keyring::available()
{
    static const bool answered = [] {
        // Without a session bus there is no Secret Service nor KWallet to ask.
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            spdlog::info("No keyring: there is no session bus");
            return false;
        }
        QKeychain::ReadPasswordJob probe(Service);
        probe.setKey(QStringLiteral("dealboard-keyring-probe"));
        if (!finish(probe)) {
            spdlog::info("No keyring: it did not answer");
            return false;
        }
        const bool works = probe.error() == QKeychain::NoError || probe.error() == QKeychain::EntryNotFound;
        if (!works) {
            spdlog::info("No keyring: {}", probe.errorString().toStdString());
        }
        return works;
    }();
    return answered;
}

std::optional<QString> Keyring::password(const QString& server)
{
    if (!available()) {
        return std::nullopt;
    }
    QKeychain::ReadPasswordJob read(Service);
    read.setKey(keyOf(server));
    if (!finish(read) || read.error() != QKeychain::NoError) {
        return std::nullopt;
    }
    return read.textData();
}

bool Keyring::keep(const QString& server, const QString& password)
{
    if (!available()) {
        return false;
    }
    QKeychain::WritePasswordJob write(Service);
    write.setKey(keyOf(server));
    write.setTextData(password);
    if (!finish(write) || write.error() != QKeychain::NoError) {
        spdlog::warn("The keyring did not keep the password of {}: {}", server.toStdString(),
                     write.errorString().toStdString());
        return false;
    }
    spdlog::info("Kept the password of {} in the keyring", server.toStdString());
    return true;
}

void Keyring::forget(const QString& server)
{
    if (!available()) {
        return;
    }
    QKeychain::DeletePasswordJob remove(Service);
    remove.setKey(keyOf(server));
    finish(remove);
}

} // namespace dealboard::gui

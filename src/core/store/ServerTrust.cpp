#include "dealboard/ServerTrust.h"

#include "dealboard/KnownServers.h"
#include "dealboard/PipelineLocation.h"

#include <QMutex>
#include <QStringList>
#include <QtEndian>
#include <cerrno>
#include <cstring>
#include <memory>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dealboard {

namespace {

QMutex firstUseMutex;
ServerTrust::FirstUse firstUse;

// PostgreSQL's SSLRequest: its length, then the code 1234.5679.
constexpr quint32 SslRequestCode = 80877103;

struct Socket
{
    int fd = -1;
    ~Socket()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

Error unreachable(const ServerAddress& server, const QString& why)
{
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Can't read the TLS certificate of %1: %2. Check the address and that the server "
                                    "runs.")
                         .arg(ServerTrust::nameOf(server), why));
}

// A TCP connection to the server, given up after its connect timeout.
Result<void> connectSocket(const ServerAddress& server, Socket& socket)
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const QByteArray host = server.host.toUtf8();
    const QByteArray port = QByteArray::number(server.port);
    if (const int failed = getaddrinfo(host.constData(), port.constData(), &hints, &found); failed != 0) {
        return unreachable(server, QString::fromUtf8(gai_strerror(failed)));
    }
    const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
    QString why = QStringLiteral("no address");
    for (addrinfo* at = found; at != nullptr; at = at->ai_next) {
        Socket attempt;
        attempt.fd = ::socket(at->ai_family, at->ai_socktype | SOCK_CLOEXEC, at->ai_protocol);
        if (attempt.fd < 0) {
            why = QString::fromUtf8(std::strerror(errno));
            continue;
        }
        timeval timeout {server.connectTimeoutSeconds, 0};
        setsockopt(attempt.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(attempt.fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        if (::connect(attempt.fd, at->ai_addr, at->ai_addrlen) == 0) {
            std::swap(socket.fd, attempt.fd);
            return {};
        }
        why = errno == EINPROGRESS || errno == EAGAIN
            ? QStringLiteral("no answer in %1 seconds").arg(server.connectTimeoutSeconds)
            : QString::fromUtf8(std::strerror(errno));
    }
    return unreachable(server, why);
}

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    if (code == 0) {
        return QStringLiteral("the TLS handshake failed");
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return QStringLiteral("the TLS handshake failed (%1)").arg(QString::fromUtf8(text));
}

QString hexPairs(const unsigned char* bytes, unsigned int size)
{
    QStringList pairs;
    for (unsigned int i = 0; i < size; ++i) {
        pairs << QStringLiteral("%1").arg(bytes[i], 2, 16, QLatin1Char('0')).toUpper();
    }
    return pairs.join(QLatin1Char(':'));
}

} // namespace

void ServerTrust::setFirstUse(FirstUse decide)
{
    const QMutexLocker lock(&firstUseMutex);
    firstUse = std::move(decide);
}

QString ServerTrust::nameOf(const ServerAddress& server)
{
    const QString host = server.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + server.host + QLatin1Char(']')
                                                                : server.host.toLower();
    return host + QLatin1Char(':') + QString::number(server.port);
}

Result<QString> ServerTrust::fingerprintOf(const ServerAddress& server)
{
    if (server.host.isEmpty() || server.host.startsWith(QLatin1Char('/'))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("sslmode=pin needs a server's network address, not a socket on this machine."));
    }
    Socket socket;
    if (Result<void> connected = connectSocket(server, socket); !connected) {
        return connected.error();
    }
    unsigned char request[8];
    qToBigEndian<quint32>(8, request);
    qToBigEndian<quint32>(SslRequestCode, request + 4);
    char answer = 0;
    if (::send(socket.fd, request, sizeof request, MSG_NOSIGNAL) != sizeof request
        || ::recv(socket.fd, &answer, 1, 0) != 1) {
        return unreachable(server, QString::fromUtf8(std::strerror(errno)));
    }
    if (answer != 'S') {
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("%1 does not offer TLS, so DealBoard sends it no password. Turn ssl on in "
                                        "the server's postgresql.conf, or, on a network you trust completely, add "
                                        "?sslmode=disable to the address.")
                             .arg(nameOf(server)));
    }
    const std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
    if (!context) {
        return unreachable(server, openSslError());
    }
    // Nothing is trusted here by a CA: the fingerprint is what is checked.
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
    const std::unique_ptr<SSL, decltype(&SSL_free)> tls(SSL_new(context.get()), &SSL_free);
    if (!tls || SSL_set_fd(tls.get(), socket.fd) != 1) {
        return unreachable(server, openSslError());
    }
    const QByteArray host = server.host.toUtf8();
    if (!server.isLoopback()) {
        // The name the server is known by, as libpq sends it (sslsni).
        SSL_set_tlsext_host_name(tls.get(), host.constData());
    }
    if (SSL_connect(tls.get()) != 1) {
        return unreachable(server, openSslError());
    }
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(tls.get()), &X509_free);
    if (!certificate) {
        SSL_shutdown(tls.get());
        return unreachable(server, QStringLiteral("it showed no certificate"));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (X509_digest(certificate.get(), EVP_sha256(), digest, &size) != 1) {
        return unreachable(server, openSslError());
    }
    SSL_shutdown(tls.get());
    return hexPairs(digest, size);
}

Result<void> ServerTrust::check(const ServerAddress& server)
{
    if (!server.isPinned()) {
        return {};
    }
    Result<QString> seen = fingerprintOf(server);
    if (!seen) {
        return seen.error();
    }
    const QString name = nameOf(server);
    KnownServers known;
    const std::optional<QString> kept = known.fingerprintOf(name);
    if (kept && *kept == seen.value()) {
        return {};
    }
    if (kept) {
        spdlog::error("The certificate of {} changed: kept SHA-256 {}, shown SHA-256 {}; no password was sent",
                      name.toStdString(), kept->toStdString(), seen.value().toStdString());
        Error refused = makeError(
            ErrorCode::RefusedByRules,
            QStringLiteral("The TLS certificate of %1 is not the one it showed before, so DealBoard sent it no "
                           "password: someone may be posing as the server. Kept: SHA-256 %2. Shown now: SHA-256 %3. "
                           "If the server's certificate really changed (ask its admin for the new fingerprint), "
                           "run `dealboard-cli servers forget %1` and connect again.")
                .arg(name, *kept, seen.value()));
        refused.missing = QStringLiteral("certificate");
        return refused;
    }
    FirstUse decide;
    {
        const QMutexLocker lock(&firstUseMutex);
        decide = firstUse;
    }
    if (!decide || !decide(server, seen.value())) {
        Error refused = makeError(ErrorCode::RefusedByRules,
                                  QStringLiteral("%1 is not among the servers you trust yet (its TLS certificate's "
                                                 "SHA-256 fingerprint is %2), so DealBoard sent it no password. "
                                                 "Compare the fingerprint with the server's admin, then connect "
                                                 "with the board's Connect dialog or with dealboard-cli.")
                                      .arg(name, seen.value()));
        refused.missing = QStringLiteral("certificate");
        return refused;
    }
    if (Result<void> remembered = known.remember(name, seen.value()); !remembered) {
        return remembered;
    }
    spdlog::info("Trusted {} from now on: its certificate's SHA-256 fingerprint is {}", name.toStdString(),
                 seen.value().toStdString());
    return {};
}

Result<void> ServerTrust::check(const QString& url)
{
    if (!PipelineLocation::isAddress(url)) {
        return {};
    }
    const Result<ServerAddress> server = ServerAddress::parse(url);
    return server ? check(server.value()) : Result<void>();
}

} // namespace dealboard

#pragma once

// Whether a server is the one this user trusted: to a pinned address
// (sslmode=pin, the default beyond this machine) DealBoard sends no password
// before a TLS handshake of its own has read the server's certificate and
// found the SHA-256 fingerprint kept the first time (KnownServers). A server
// seen for the first time is trusted only when the front end says so: the CLI
// tells its fingerprint and trusts it, the board asks.
#include "dealboard/Result.h"
#include "dealboard/ServerAddress.h"

#include <functional>

namespace dealboard {

class ServerTrust final
{
public:
    // Decides about a server seen for the first time, shown its certificate's
    // fingerprint; true trusts it from now on.
    using FirstUse = std::function<bool(const ServerAddress& server, const QString& fingerprint)>;
    // Without one, a new server is refused, saying how to trust it.
    static void setFirstUse(FirstUse decide);

    // "host:port", as the known servers name one.
    static QString nameOf(const ServerAddress& server);
    // The SHA-256 fingerprint ("AB:CD:…", as `openssl x509 -fingerprint
    // -sha256` prints it) of the certificate the server shows in answer to
    // PostgreSQL's SSLRequest; no password or user name is sent.
    static Result<QString> fingerprintOf(const ServerAddress& server);
    // Nothing unless `server` is pinned; then its certificate is the known
    // one, or a new server is trusted (FirstUse); why not otherwise, naming
    // both fingerprints when the certificate changed.
    static Result<void> check(const ServerAddress& server);
    // The same for a URL; a file or an address that does not parse passes
    // (opening it says what is wrong).
    static Result<void> check(const QString& url);
};

} // namespace dealboard

#pragma once

#include <QString>
#include <optional>

namespace dealboard::gui {

// Server passwords in the system's keyring (the Secret Service, KWallet,
// macOS's Keychain, Windows' Credential Store) through QtKeychain: never in
// a settings file. Where the system has no keyring, nothing is offered and
// nothing is kept elsewhere instead.
class Keyring final
{
public:
    // Whether a keyring answers (asked once per process, a few seconds at
    // most).
    static bool available();
    // The password kept for `server` (a server's URL as shown, without
    // anything secret), if any.
    static std::optional<QString> password(const QString& server);
    // Keeps it; false (and logged) when the keyring refused.
    static bool keep(const QString& server, const QString& password);
    static void forget(const QString& server);
    // The name a server's password is kept under: its URL as shown (user,
    // host, port, database), so that every way of naming it finds it.
    static QString keyOf(const QString& url);
};

} // namespace dealboard::gui

#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace dealboard {
struct ServerAddress;
}

namespace dealboard::gui {

// File > Connect to server…: host, port, database, user, password and how
// TLS is used, with the servers opened before to pick from (never their
// passwords). Connect tries the server before the dialog closes, so a wrong
// password or address is said here, with the fields kept. "Remember
// password" is offered only where the system has a keyring. A server
// other than this machine, seen for the first time, shows its certificate's
// fingerprint before any password goes to it; Connect again trusts it.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // `server`: a server's URL to fill the fields from (a recent one, or the
    // one that refused the password), or empty.
    explicit ConnectDialog(const QString& server = {}, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // The server's URL (nothing secret in it) and the password typed.
    QString url() const;
    QString password() const;
    bool rememberPassword() const;
    // What went wrong with the last try, shown under the fields.
    void showProblem(const QString& problem);

    void accept() override;

private:
    void fillFrom(const QString& server);
    void updateConnectButton();
    // Whether `server` may be sent the password: pinned servers only once
    // their certificate is known, or was shown here and confirmed.
    bool trusted(const ServerAddress& server);

    QComboBox* m_recent = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QComboBox* m_tls = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_fingerprint = nullptr;
    QPushButton* m_connect = nullptr;
    // The server and fingerprint shown, waiting for a second Connect.
    QString m_shownServer;
    QString m_shownFingerprint;
};

} // namespace dealboard::gui

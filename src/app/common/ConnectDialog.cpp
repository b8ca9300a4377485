#include "ConnectDialog.h"

#include "Keyring.h"
#include "RecentPipelines.h"
#include "dealboard/DealStore.h"
#include "dealboard/KnownServers.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/ServerTrust.h"
#include "dealboard/service/PipelineOpener.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

// libpq's sslmode values and DealBoard's "pin"; empty: DealBoard's default
// (pinned to any host but this machine).
const std::pair<const char*, const char*> TlsModes[] = {
    {"", "Required, certificate trusted on first use, except on this machine (default)"},
    {"pin", "Required, certificate trusted on first use"},
    {"require", "Required"},
    {"verify-ca", "Required, and the server's certificate checked"},
    {"verify-full", "Required, the certificate and the host name checked"},
    {"prefer", "When the server offers it"},
    {"disable", "Never"},
};

} // namespace

ConnectDialog::ConnectDialog(const QString& server, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(QStringLiteral("Connect to server"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("Open the team's pipeline on a PostgreSQL server."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_recent = new QComboBox;
    m_recent->setObjectName(QStringLiteral("connectRecent"));
    m_recent->addItem(QStringLiteral("(a new server)"));
    for (const QString& recent : RecentPipelines::list()) {
        if (PipelineLocation::isAddress(recent)) {
            m_recent->addItem(recent, recent);
        }
    }
    form->addRow(QStringLiteral("&Recent:"), m_recent);
    m_host = new QLineEdit;
    m_host->setObjectName(QStringLiteral("connectHost"));
    m_host->setPlaceholderText(QStringLiteral("db.example.com"));
    form->addRow(QStringLiteral("&Host:"), m_host);
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("connectPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    form->addRow(QStringLiteral("&Port:"), m_port);
    m_database = new QLineEdit;
    m_database->setObjectName(QStringLiteral("connectDatabase"));
    m_database->setPlaceholderText(QStringLiteral("sales"));
    form->addRow(QStringLiteral("&Database:"), m_database);
    m_user = new QLineEdit;
    m_user->setObjectName(QStringLiteral("connectUser"));
    form->addRow(QStringLiteral("&User:"), m_user);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("connectPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(QStringLiteral("Pass&word:"), m_password);
    m_tls = new QComboBox;
    m_tls->setObjectName(QStringLiteral("connectTls"));
    for (const auto& [mode, label] : TlsModes) {
        m_tls->addItem(QString::fromUtf8(label), QString::fromLatin1(mode));
    }
    form->addRow(QStringLiteral("&TLS:"), m_tls);
    layout->addLayout(form);

    m_remember = new QCheckBox(QStringLiteral("Re&member password in the system's keyring"));
    m_remember->setObjectName(QStringLiteral("connectRemember"));
    // Nowhere else: without a keyring the option is not there.
    m_remember->setVisible(Keyring::available());
    layout->addWidget(m_remember);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("connectProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_fingerprint = new QLabel;
    m_fingerprint->setObjectName(QStringLiteral("connectFingerprint"));
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->hide();
    layout->addWidget(m_fingerprint);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_connect = buttons->button(QDialogButtonBox::Ok);
    m_connect->setText(QStringLiteral("&Connect"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_recent, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index > 0) {
            fillFrom(m_recent->itemData(index).toString());
        }
    });
    for (QLineEdit* field : {m_host, m_database}) {
        connect(field, &QLineEdit::textChanged, this, &ConnectDialog::updateConnectButton);
    }
    // Typed over, the fields no longer name the recent server picked.
    const auto typedOver = [this] {
        const QSignalBlocker quiet(m_recent);
        m_recent->setCurrentIndex(0);
    };
    for (QLineEdit* field : {m_host, m_database, m_user}) {
        connect(field, &QLineEdit::textEdited, this, typedOver);
    }
    connect(m_port, &QSpinBox::valueChanged, this, [this, typedOver] {
        if (m_port->hasFocus()) {
            typedOver();
        }
    });
    if (!server.isEmpty()) {
        fillFrom(server);
    }
    updateConnectButton();
    setMinimumWidth(460);
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::fillFrom(const QString& server)
{
    const QUrl url(server);
    m_host->setText(url.host());
    m_port->setValue(url.port(5432));
    m_database->setText(url.path().mid(1));
    m_user->setText(url.userName());
    const int tls = m_tls->findData(QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")));
    m_tls->setCurrentIndex(std::max(tls, 0));
    if (const std::optional<QString> kept = Keyring::password(url.toString()); kept) {
        m_password->setText(*kept);
        m_remember->setChecked(true);
    } else {
        m_password->clear();
    }
    (m_password->text().isEmpty() ? m_password : m_host)->setFocus();
}

void ConnectDialog::updateConnectButton()
{
    m_shownServer.clear();
    m_fingerprint->hide();
    m_connect->setText(QStringLiteral("&Connect"));
    m_connect->setEnabled(!m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty());
}

QString ConnectDialog::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(QLatin1Char('/') + m_database->text().trimmed());
    if (const QString user = m_user->text().trimmed(); !user.isEmpty()) {
        url.setUserName(user);
    }
    if (const QString mode = m_tls->currentData().toString(); !mode.isEmpty()) {
        url.setQuery(QStringLiteral("sslmode=") + mode);
    }
    return url.toString();
}

QString ConnectDialog::password() const
{
    return m_password->text();
}

bool ConnectDialog::rememberPassword() const
{
    return m_remember->isVisible() && m_remember->isChecked();
}

void ConnectDialog::showProblem(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    // Room for the sentence, the fields keeping theirs.
    adjustSize();
}

bool ConnectDialog::trusted(const ServerAddress& server)
{
    if (!server.isPinned()) {
        return true;
    }
    const QString name = ServerTrust::nameOf(server);
    const KnownServers known;
    if (known.fingerprintOf(name)) {
        // Known: ServerTrust compares, and refuses a changed certificate.
        return true;
    }
    Result<QString> seen = ServerTrust::fingerprintOf(server);
    if (!seen) {
        showProblem(seen.error().message);
        return false;
    }
    if (name == m_shownServer && seen.value() == m_shownFingerprint) {
        if (Result<void> kept = KnownServers().remember(name, seen.value()); !kept) {
            showProblem(kept.error().message);
            return false;
        }
        return true;
    }
    // As SSH says it: the fingerprint first, the password only once the rep
    // has compared it and connects again.
    m_shownServer = name;
    m_shownFingerprint = seen.value();
    m_fingerprint->setText(
        QStringLiteral("The authenticity of %1 can't be established: DealBoard has not connected to it before. The "
                       "SHA-256 fingerprint of its TLS certificate is\n%2\nCompare it with the one the server's "
                       "admin gives you; if they are the same, press Trust and connect.")
            .arg(name, seen.value()));
    m_fingerprint->show();
    m_connect->setText(QStringLiteral("&Trust and connect"));
    adjustSize();
    return false;
}

void ConnectDialog::accept()
{
    const QString server = url();
    Result<ServerAddress> parsed = ServerAddress::parse(server);
    if (!parsed) {
        showProblem(parsed.error().message);
        return;
    }
    // Tried here, so that a wrong password or address is said with the
    // fields kept.
    showProblem(QString());
    QApplication::setOverrideCursor(Qt::WaitCursor);
    if (!trusted(parsed.value())) {
        QApplication::restoreOverrideCursor();
        return;
    }
    m_shownServer.clear();
    m_fingerprint->hide();
    setServerPassword(password());
    Result<std::unique_ptr<DealStore>> tried = PipelineOpener::openStore(server);
    setServerPassword(QString());
    QApplication::restoreOverrideCursor();
    if (!tried) {
        spdlog::info("Connecting to {} from the dialog failed", server.toStdString());
        showProblem(tried.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace dealboard::gui

#include "OtherPipelines.h"

#include "StatusLine.h"
#include "common/ConnectDialog.h"
#include "common/Keyring.h"
#include "common/RecentPipelines.h"
#include "common/ServerBoardLaunch.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QProcess>

namespace dealboard::gui {

OtherPipelines::OtherPipelines(QWidget& window, Pipeline& service, StatusLine& status)
    : m_window(window)
    , m_service(service)
    , m_status(status)
{
}

void OtherPipelines::fillRecent(QMenu* recent)
{
    recent->clear();
    const QString current = PipelineFiles::identity(m_service.reads().path());
    for (const QString& path : RecentPipelines::list()) {
        QAction* action = recent->addAction(QDir::toNativeSeparators(path), &m_window, [this, path] { open(path); });
        action->setEnabled(PipelineFiles::identity(path) != current);
    }
}

void OtherPipelines::open(const QString& path)
{
    if (!PipelineLocation::isAddress(path) && !QFileInfo::exists(path)) {
        m_status.report(makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("'%1' no longer exists.").arg(QDir::toNativeSeparators(path))));
        return;
    }
    if (PipelineFiles::identity(path) == PipelineFiles::identity(m_service.reads().path())) {
        return;
    }
    // A board of its own (or the running one for that pipeline, brought forward).
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), {path})) {
        m_status.report(makeError(ErrorCode::Storage, QStringLiteral("Couldn't start DealBoard for '%1'.").arg(path)));
        return;
    }
    RecentPipelines::add(path);
}

void OtherPipelines::connectToServer()
{
    ConnectDialog dialog(QString(), &m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString server = dialog.url();
    if (dialog.rememberPassword()) {
        Keyring::keep(server, dialog.password());
    } else {
        Keyring::forget(server);
    }
    if (ServerBoardLaunch::start(QCoreApplication::applicationFilePath(), server, dialog.password()) == 0) {
        m_status.report(makeError(ErrorCode::Storage, QStringLiteral("Couldn't start DealBoard for %1.").arg(server)));
        return;
    }
    RecentPipelines::add(server);
    m_status.notify(QStringLiteral("Opening %1 in a board of its own…").arg(server));
}

} // namespace dealboard::gui

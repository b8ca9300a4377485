#include "dealboard/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace dealboard {

void AppPaths::setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DealBoard"));
    QCoreApplication::setApplicationName(QStringLiteral("DealBoard"));
}

QString AppPaths::dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir dir(folder);
    if (!dir.exists()) {
        dir.mkpath(QStringLiteral("."));
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return folder;
}

QString AppPaths::defaultDatabase()
{
    return QDir(dataFolder()).filePath(QStringLiteral("pipeline.dealboard"));
}

QString AppPaths::logFile()
{
    return QDir(dataFolder()).filePath(QStringLiteral("dealboard.log"));
}

QString AppPaths::knownServersFile()
{
    return QDir(dataFolder()).filePath(QStringLiteral("known-servers"));
}

} // namespace dealboard

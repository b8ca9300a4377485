#pragma once

// What "untouched" means for a pipeline's folder: every file in it with the
// digest of its bytes (a link as "link"), compared before and after.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace dealboard::test {

inline QByteArray digest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return "missing";
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

inline QMap<QString, QByteArray> folderState(const QString& folder)
{
    QMap<QString, QByteArray> state;
    const QFileInfoList entries
        = QDir(folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& info : entries) {
        // Pipes, devices and sockets are named, never opened.
        state.insert(info.fileName(),
                     info.isSymLink()    ? QByteArray("link")
                         : info.isFile() ? digest(info.absoluteFilePath())
                                         : QByteArray("special"));
    }
    return state;
}

} // namespace dealboard::test

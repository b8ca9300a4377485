#include "common/RecentPipelines.h"

#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <QFileInfo>
#include <QSettings>

namespace dealboard::gui {

namespace {

const QString Key = QStringLiteral("recent/pipelines");

} // namespace

QStringList RecentPipelines::list()
{
    return QSettings().value(Key).toStringList();
}

void RecentPipelines::add(const QString& path)
{
    const QString absolute
        = PipelineLocation::isAddress(path) ? PipelineFiles::identity(path) : QFileInfo(path).absoluteFilePath();
    QStringList recent = list();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > Kept) {
        recent.removeLast();
    }
    QSettings().setValue(Key, recent);
}

} // namespace dealboard::gui

#include "reports/TableExport.h"

#include "common/FileDialogs.h"
#include "dealboard/PipelineFiles.h"

namespace dealboard::gui {

Result<QString> exportTable(QWidget* parent, Pipeline& service, const QString& view, const QString& fileName,
                            const std::function<bool(QIODevice*, bool)>& write)
{
    const std::optional<FileDialogs::ExportTarget> target
        = FileDialogs::askExportFile(parent, QStringLiteral("Export the %1 table").arg(view), fileName);
    if (!target) {
        return QString();
    }
    const Result<void> saved = PipelineFiles::saveAtomically(
        target->path, service.reads().path(), [&](QIODevice* device) { return write(device, target->byteOrderMark); });
    if (!saved) {
        return saved.error();
    }
    return QStringLiteral("Exported the %1 table to %2.").arg(view, target->path);
}

} // namespace dealboard::gui

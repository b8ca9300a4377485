#include "deals/DealFiles.h"

#include "ReviewDocument.h"
#include "common/FileDialogs.h"
#include "common/WorkProgress.h"
#include "dealboard/DealCsv.h"
#include "dealboard/PipelineFiles.h"
#include "deals/DealActions.h"
#include "deals/ImportDealsDialog.h"

#include <QFile>
#include <QFileInfo>
#include <QMessageBox>

namespace dealboard::gui {

namespace {

// From here an import or export shows its progress, with Cancel: a few
// thousand deals.
constexpr qint64 LargeFileBytes = 512 * 1024;
constexpr int LargeExport = 3000;

} // namespace

DealFiles::DealFiles(Pipeline& service, QWidget* parent, QString actor, const DealActionHooks& hooks)
    : m_service(service)
    , m_parent(parent)
    , m_actor(std::move(actor))
    , m_hooks(hooks)
{
}

void DealFiles::askAndImport()
{
    const QString path = FileDialogs::askImportFile(m_parent, QStringLiteral("Import deals"));
    ImportOptions options;
    if (!path.isEmpty() && preview(path, options)) {
        importFile(path, options);
    }
}

bool DealFiles::open(const QString& path, QFile& file)
{
    // Never open the pipeline's own files here: closing them would drop SQLite's locks.
    if (Result<void> readable = PipelineFiles::checkInput(path, m_service.reads().path()); !readable) {
        m_hooks.report(readable.error());
        return false;
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_hooks.report(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
        return false;
    }
    return true;
}

bool DealFiles::preview(const QString& path, ImportOptions& options)
{
    QFile file;
    if (!open(path, file)) {
        return false;
    }
    ImportDealsDialog dialog(&file, QFileInfo(path).fileName(), m_service.now(), m_parent);
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    options = dialog.options();
    return true;
}

void DealFiles::importFile(const QString& path, const ImportOptions& options)
{
    QFile file;
    if (!open(path, file)) {
        return;
    }
    Result<ImportPlan> imported = [&] {
        WorkProgress progress(m_parent, QStringLiteral("Importing the deals of %1…").arg(QFileInfo(path).fileName()),
                              file.size() >= LargeFileBytes);
        return m_service.deals().importDeals(&file, options, false, m_actor, progress.callback());
    }();
    if (!imported && imported.error().code == ErrorCode::Cancelled) {
        m_hooks.notify(QStringLiteral("Import stopped: nothing of %1 was imported.").arg(path));
        return;
    }
    if (!imported) {
        QMessageBox refusal(QMessageBox::Warning, QStringLiteral("Import deals"),
                            imported.error().message.section(QLatin1Char('\n'), 0, 0), QMessageBox::Ok, m_parent);
        refusal.setObjectName(QStringLiteral("importRefused"));
        refusal.setTextFormat(Qt::PlainText);
        refusal.setDetailedText(imported.error().message.section(QLatin1Char('\n'), 1));
        refusal.setInformativeText(QStringLiteral("Fix the lines named under Show Details and import the file again."));
        refusal.exec();
        return;
    }
    QString message = QStringLiteral("Imported %1 deals from %2.").arg(imported.value().count).arg(path);
    if (imported.value().qualifiedByImport > 0) {
        message += QStringLiteral(" %1 marked willing, with a need and a budget, as their stage lies past Qualifying.")
                       .arg(imported.value().qualifiedByImport);
    }
    if (!imported.value().ignoredColumns.isEmpty()) {
        message
            += QStringLiteral(" Ignored columns: %1.").arg(imported.value().ignoredColumns.join(QStringLiteral(", ")));
    }
    m_hooks.notify(message);
}

void DealFiles::askAndExport()
{
    const std::optional<FileDialogs::ExportTarget> target
        = FileDialogs::askExportFile(m_parent, QStringLiteral("Export deals"), QStringLiteral("deals.csv"));
    if (!target) {
        return;
    }
    int rows = 0;
    QString failure;
    bool stopped = false;
    qint64 deals = 0;
    if (Result<std::vector<StageAggregate>> aggregates = m_service.reads().stageAggregates()) {
        for (const StageAggregate& aggregate : aggregates.value()) {
            deals += aggregate.deals;
        }
    }
    WorkProgress progress(m_parent, QStringLiteral("Exporting the deals…"), deals >= LargeExport);
    const Result<void> saved
        = PipelineFiles::saveAtomically(target->path, m_service.reads().path(), [&](QIODevice* device) {
              Result<int> written = DealCsv::stream(m_service.reads(), {}, device, m_service.now(),
                                                    target->byteOrderMark, progress.callback());
              if (!written) {
                  stopped = written.error().code == ErrorCode::Cancelled;
                  failure = written.error().message;
                  return false;
              }
              rows = written.value();
              return true;
          });
    if (stopped) {
        m_hooks.notify(QStringLiteral("Export stopped: no file was written."));
        return;
    }
    if (!saved) {
        m_hooks.report(failure.isEmpty() ? saved.error() : makeError(ErrorCode::Storage, failure));
        return;
    }
    m_hooks.notify(QStringLiteral("Exported %1 deals to %2.").arg(rows).arg(target->path));
}

void DealFiles::askAndExportReview(const QString& owner)
{
    const QString suggested
        = QStringLiteral("pipeline-review-%1.pdf").arg(m_service.now().toLocalTime().date().toString(Qt::ISODate));
    const QString path = FileDialogs::askPdfFile(m_parent, QStringLiteral("Export pipeline review"), suggested);
    if (!path.isEmpty()) {
        exportReview(path, owner);
    }
}

void DealFiles::exportReview(const QString& path, const QString& owner)
{
    Result<PipelineReview> review
        = m_service.reports().review(owner.isEmpty() ? std::nullopt : std::optional<QString>(owner));
    if (!review) {
        m_hooks.report(review.error());
        return;
    }
    if (Result<void> saved = ReviewDocument::save(review.value(), path, m_service.reads().path()); !saved) {
        m_hooks.report(saved.error());
        return;
    }
    m_hooks.notify(QStringLiteral("Wrote the pipeline review of %1 to %2.")
                       .arg(owner.isEmpty() ? QStringLiteral("the team") : owner, path));
}

} // namespace dealboard::gui

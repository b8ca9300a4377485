#pragma once

#include "dealboard/ImportPresets.h"
#include "dealboard/Pipeline.h"

#include <QString>

class QFile;
class QWidget;

namespace dealboard::gui {

struct DealActionHooks;

// Deals from and to CSV files: an import (of DealBoard's CSV or a Pipedrive
// or HubSpot export, previewed first) is all or nothing and lists each fault
// when refused; an export is written whole or not at all. The pipeline review
// goes to a PDF the same way.
class DealFiles final
{
public:
    DealFiles(Pipeline& service, QWidget* parent, QString actor, const DealActionHooks& hooks);

    // Asks for a file, previews it (ImportDealsDialog) and imports it.
    void askAndImport();
    // Previews `path`; true when the rep chose Import, with `options` set.
    bool preview(const QString& path, ImportOptions& options);
    void importFile(const QString& path, const ImportOptions& options = {});
    void askAndExport();
    // The weekly pipeline review as a PDF: the team's, or `owner`'s when set.
    void askAndExportReview(const QString& owner);
    void exportReview(const QString& path, const QString& owner);

private:
    // Opens `path` to read, after saying why not when it can't.
    bool open(const QString& path, QFile& file);

    Pipeline& m_service;
    QWidget* m_parent;
    QString m_actor;
    const DealActionHooks& m_hooks;
};

} // namespace dealboard::gui

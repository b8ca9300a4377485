#pragma once

#include "dealboard/Pipeline.h"

#include <QString>

class QWidget;

namespace dealboard::gui {

struct DealActionHooks;

// Deals from and to CSV files: an import is all or nothing and lists each
// fault when refused; an export is written whole or not at all. The
// pipeline review goes to a PDF the same way.
class DealFiles final
{
public:
    DealFiles(Pipeline& service, QWidget* parent, QString actor, const DealActionHooks& hooks);

    void askAndImport();
    void importFile(const QString& path);
    void askAndExport();
    // The weekly pipeline review as a PDF: the team's, or `owner`'s when set.
    void askAndExportReview(const QString& owner);
    void exportReview(const QString& path, const QString& owner);

private:
    Pipeline& m_service;
    QWidget* m_parent;
    QString m_actor;
    const DealActionHooks& m_hooks;
};

} // namespace dealboard::gui

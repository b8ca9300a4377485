#pragma once

#include "dealboard/Result.h"

#include <QString>
#include <memory>

class QProgressDialog;
class QWidget;

namespace dealboard::gui {

// A progress dialog with Cancel over long work (an import or export of
// thousands of deals), and the callback the core's long work takes: Cancel
// stops it, and the core then keeps nothing. Small work shows nothing.
class WorkProgress final
{
public:
    // `large`: whether the work is big enough to show the dialog at all.
    WorkProgress(QWidget* parent, const QString& label, bool large);
    ~WorkProgress();
    WorkProgress(const WorkProgress&) = delete;
    WorkProgress& operator=(const WorkProgress&) = delete;

    Progress callback();

private:
    std::unique_ptr<QProgressDialog> m_dialog;
};

} // namespace dealboard::gui

#include "common/WorkProgress.h"

#include <QProgressDialog>

namespace dealboard::gui {

WorkProgress::WorkProgress(QWidget* parent, const QString& label, bool large)
{
    if (!large) {
        return;
    }
    m_dialog = std::make_unique<QProgressDialog>(label, QStringLiteral("Cancel"), 0, 1000, parent);
    m_dialog->setObjectName(QStringLiteral("workProgress"));
    m_dialog->setWindowTitle(QStringLiteral("DealBoard"));
    m_dialog->setWindowModality(Qt::WindowModal); // the board waits; nothing else writes meanwhile
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setValue(0);
}

WorkProgress::~WorkProgress() = default;

Progress WorkProgress::callback()
{
    if (!m_dialog) {
        return {};
    }
    return [this](qint64 done, qint64 total) {
        // Per mille: a bar of a thousand steps whatever the work's size.
        m_dialog->setValue(total > 0 ? static_cast<int>(std::min<qint64>(done * 1000 / total, 999)) : 0);
        return !m_dialog->wasCanceled(); // setValue let the Cancel click in
    };
}

} // namespace dealboard::gui

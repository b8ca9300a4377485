#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace dealboard::gui {

// Help > About: version, licence, the Qt and SQLite in use, and the open pipeline.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    AboutDialog(const QString& pipelinePath, QWidget* parent = nullptr);
};

} // namespace dealboard::gui

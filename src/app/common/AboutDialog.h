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
    // `engine`: what keeps the pipeline ("SQLite 3.40.1", "PostgreSQL 15.18").
    AboutDialog(const QString& pipelinePath, const QString& engine, QWidget* parent = nullptr);
};

} // namespace dealboard::gui

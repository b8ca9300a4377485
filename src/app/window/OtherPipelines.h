#pragma once

#include "dealboard/Pipeline.h"

#include <QString>

class QMenu;
class QWidget;

namespace dealboard::gui {

class StatusLine;

// File › Open pipeline, Open recent and Connect to server: another pipeline
// opens in a board of its own (or the running one for it comes forward),
// never in this window.
class OtherPipelines final
{
public:
    OtherPipelines(QWidget& window, Pipeline& service, StatusLine& status);

    void open(const QString& path);
    // The dialog, then the server's pipeline in a board of its own.
    void connectToServer();
    // Open recent's pipelines; this window's own is there, disabled.
    void fillRecent(QMenu* recent);

private:
    QWidget& m_window;
    Pipeline& m_service;
    StatusLine& m_status;
};

} // namespace dealboard::gui

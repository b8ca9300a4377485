#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace dealboard {
class Pipeline;
}

namespace dealboard::gui {

// The strip above the tabs that says a server's connection is lost (the
// board then keeps what it last read and refuses changes) and, for a few
// seconds, that it is back. Hidden on a file and while all is well. While
// lost, "Reconnect now" tries at once rather than after the back-off.
class ConnectionBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBanner)

public:
    explicit ConnectionBanner(Pipeline& pipeline, QWidget* parent = nullptr);
    ~ConnectionBanner() override;

private:
    void showLost(const QString& why);
    void showRestored();
    void reconnectNow();

    Pipeline& m_pipeline;
    QLabel* m_text = nullptr;
    QPushButton* m_reconnect = nullptr;
    QTimer* m_hide = nullptr;
};

} // namespace dealboard::gui

// The window's views (View › Board … Quotas) and its place on the screen: the
// window, frame and all, fits a 1024×768 screen on every tab.
#include "MainWindow.h"
#include "reports/ForecastPanel.h"
#include "reports/QuotaPanel.h"
#include "reports/ReportsView.h"

#include <QAction>
#include <QGuiApplication>
#include <QMenu>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>

namespace dealboard::gui {

namespace {

// What a first start leaves below the window for a panel that reserves no
// room on the screen.
constexpr int PanelAllowance = 28;

// The offscreen platform's pretend screen says nothing about the user's.
bool realScreen()
{
    return QGuiApplication::platformName() != QLatin1String("offscreen");
}

} // namespace

void MainWindow::addViewActions(QMenu* view)
{
    // The tabs in the order they stand, Ctrl+1 to Ctrl+7; the forecast and
    // the quotas are views of their own.
    QAction* boardTab = view->addAction(QStringLiteral("&Board"), this, [this] { showReports(false); });
    boardTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    int tabKey = Qt::Key_2;
    for (const QString& name :
         {QStringLiteral("&Organizations"), QStringLiteral("&People"), QStringLiteral("&Attention")}) {
        const int index = tabKey - Qt::Key_2 + 1;
        QAction* action = view->addAction(name, this, [this, index] { m_tabs->setCurrentIndex(index); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(tabKey++)));
    }
    QAction* reportsTab = view->addAction(QStringLiteral("&Reports"), this, [this] {
        showReports(true);
        m_reports->openFigures();
    });
    reportsTab->setObjectName(QStringLiteral("showReportsAction"));
    reportsTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    QAction* forecast
        = view->addAction(QStringLiteral("&Forecast"), this, [this] { m_tabs->setCurrentWidget(m_forecast); });
    forecast->setObjectName(QStringLiteral("showForecastAction"));
    forecast->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    forecast->setToolTip(QStringLiteral("The forecast by close month, weighted and empirical"));
    QAction* quotas = view->addAction(QStringLiteral("&Quotas"), this, [this] { m_tabs->setCurrentWidget(m_quotas); });
    quotas->setObjectName(QStringLiteral("showQuotasAction"));
    quotas->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    quotas->setToolTip(QStringLiteral("Each owner's month against quota"));
}

QSize MainWindow::firstSize() const
{
    QSize size(1400, 850);
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (screen && realScreen()) {
        // The frame is not known before the window is shown: a title bar and
        // borders are allowed for, and keepOnScreen() corrects the guess.
        size = size.boundedTo(screen->availableSize() - QSize(8, 32 + PanelAllowance));
    }
    return size;
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!realScreen()) {
        return;
    }
    // Once the window manager has framed the window, and once more for one
    // that takes its time.
    QTimer::singleShot(0, this, &MainWindow::keepOnScreen);
    QTimer::singleShot(400, this, &MainWindow::keepOnScreen);
}

void MainWindow::keepOnScreen()
{
    const QScreen* shownOn = screen();
    if (shownOn == nullptr || isMaximized() || isFullScreen()) {
        return;
    }
    const QRect fitted = fittedGeometry(frameGeometry(), geometry(), shownOn->availableGeometry(), minimumSize());
    if (fitted.size() != geometry().size()) {
        resize(fitted.size());
    }
    const QPoint frameAt = fitted.topLeft() - (geometry().topLeft() - frameGeometry().topLeft());
    if (frameAt != frameGeometry().topLeft()) {
        move(frameAt);
    }
}

QRect MainWindow::fittedGeometry(const QRect& frame, const QRect& contents, const QRect& available,
                                 const QSize& minimum)
{
    const QSize border = frame.size() - contents.size();
    const QSize size = contents.size().boundedTo(available.size() - border).expandedTo(minimum);
    const QSize outer = size + border;
    const QPoint offset = contents.topLeft() - frame.topLeft();
    // The frame's top left inside the available area, the title bar first.
    const int x = std::max(available.left(), std::min(frame.left(), available.right() + 1 - outer.width()));
    const int y = std::max(available.top(), std::min(frame.top(), available.bottom() + 1 - outer.height()));
    return QRect(QPoint(x, y) + offset, size);
}

} // namespace dealboard::gui

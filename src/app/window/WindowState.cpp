#include "WindowState.h"

#include "BoardFilters.h"
#include "MainWindow.h"
#include "board/BoardMemory.h"
#include "board/BoardModel.h"
#include "board/StageColumn.h"
#include "common/ColumnMemory.h"
#include "reports/ReportsView.h"

#include <QAction>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <algorithm>

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

WindowState::WindowState(MainWindow& window, Pipeline& service, QSplitter* splitter, QAction* showDetails,
                         BoardFilters& filters)
    : m_window(window)
    , m_service(service)
    , m_splitter(splitter)
    , m_showDetails(showDetails)
    , m_filters(filters)
{
}

void WindowState::restore()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !m_window.restoreGeometry(geometry)) {
        // First start: wide enough for all seven columns, within the screen
        // with the window's frame.
        m_window.resize(firstSize());
    }
    m_window.restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_showDetails->setChecked(settings.value(QStringLiteral("view/details"), false).toBool());
    restoreBoardView(); // this pipeline's filters, sorts and columns
    QTabWidget* tabs = m_window.tabs();
    tabs->setCurrentIndex(std::clamp(settings.value(QStringLiteral("view/tab"), 0).toInt(), 0, tabs->count() - 1));
    for (QTableView* table : m_window.findChildren<QTableView*>()) {
        ColumnMemory::restore(table);
    }
}

void WindowState::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_window.saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_window.saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("view/details"), m_showDetails->isChecked());
    saveBoardView();
    settings.setValue(QStringLiteral("view/tab"), m_window.tabs()->currentIndex());
    for (const QTableView* table : m_window.findChildren<QTableView*>()) {
        ColumnMemory::save(table);
    }
    m_window.reports()->saveFilters();
}

void WindowState::restoreBoardView()
{
    const BoardView view = BoardMemory::read(m_service.reads().path());
    m_filters.restore(view);
    for (Stage stage : AllStages) {
        m_window.board().setSort(stage, view.sorts[stageIndex(stage)]);
        m_window.column(stage)->setCollapsed(view.collapsed[stageIndex(stage)]);
    }
}

void WindowState::saveBoardView() const
{
    BoardView view;
    m_filters.save(view);
    for (Stage stage : AllStages) {
        view.sorts[stageIndex(stage)] = m_window.board().sort(stage);
        view.collapsed[stageIndex(stage)] = m_window.column(stage)->isCollapsed();
    }
    BoardMemory::write(m_service.reads().path(), view);
}

QSize WindowState::firstSize() const
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

void WindowState::keepOnScreenWhenFramed()
{
    if (!realScreen()) {
        return;
    }
    // Once the window manager has framed the window, and once more for one
    // that takes its time.
    QTimer::singleShot(0, &m_window, [this] { keepOnScreen(); });
    QTimer::singleShot(400, &m_window, [this] { keepOnScreen(); });
}

void WindowState::keepOnScreen()
{
    const QScreen* shownOn = m_window.screen();
    if (shownOn == nullptr || m_window.isMaximized() || m_window.isFullScreen()) {
        return;
    }
    const QRect fitted = fittedGeometry(m_window.frameGeometry(), m_window.geometry(), shownOn->availableGeometry(),
                                        m_window.minimumSize());
    if (fitted.size() != m_window.geometry().size()) {
        m_window.resize(fitted.size());
    }
    const QPoint frameAt = fitted.topLeft() - (m_window.geometry().topLeft() - m_window.frameGeometry().topLeft());
    if (frameAt != m_window.frameGeometry().topLeft()) {
        m_window.move(frameAt);
    }
}

QRect WindowState::fittedGeometry(const QRect& frame, const QRect& contents, const QRect& available,
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

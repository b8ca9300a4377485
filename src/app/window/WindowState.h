#pragma once

#include "dealboard/Pipeline.h"

#include <QRect>
#include <QSize>

class QAction;
class QSplitter;

namespace dealboard::gui {

class BoardFilters;
class MainWindow;

// What the board window keeps between sessions and where it stands: its
// size and place (fitted to the screen, frame and all, whatever tab is
// shown), the splitter, the details pane, the tab, the tables' columns, and
// per pipeline the filters, sorts and collapsed columns.
class WindowState final
{
public:
    WindowState(MainWindow& window, Pipeline& service, QSplitter* splitter, QAction* showDetails,
                BoardFilters& filters);

    void restore();
    void save() const;
    // Once the window manager has framed the shown window: kept on its screen.
    void keepOnScreenWhenFramed();
    // Where a window whose frame stands at `frame` around its contents at
    // `contents` goes so that its frame fits `available`: smaller (never
    // below `minimum`), then moved in.
    static QRect fittedGeometry(const QRect& frame, const QRect& contents, const QRect& available,
                                const QSize& minimum);

private:
    // The size of a first start.
    QSize firstSize() const;
    void keepOnScreen();
    void restoreBoardView();
    void saveBoardView() const;

    MainWindow& m_window;
    Pipeline& m_service;
    QSplitter* m_splitter;
    QAction* m_showDetails;
    BoardFilters& m_filters;
};

} // namespace dealboard::gui

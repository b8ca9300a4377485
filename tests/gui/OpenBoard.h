#pragma once

#include "MainWindow.h"

#include <QTest>
#include <gtest/gtest.h>
#include <memory>

namespace dealboard::test {

// The board's window on `service` in `window`: loaded, shown and exposed.
inline void openBoard(std::unique_ptr<gui::MainWindow>& window, Pipeline& service)
{
    window = std::make_unique<gui::MainWindow>(service);
    ASSERT_TRUE(window->load().ok());
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
}

} // namespace dealboard::test

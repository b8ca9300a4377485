// GoogleTest entry for the GUI suites: a real QApplication, offscreen.
#include <QApplication>
#include <QLocale>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings and logs go to a folder of the test run, never the user's.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv);
    // The figures the tests read are written as an English desk writes them,
    // whatever the machine's language (NumbersTest tries others on purpose).
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setOrganizationName(QStringLiteral("DealBoardTests"));
    QApplication::setApplicationName(QStringLiteral("DealBoardTests"));
    spdlog::set_level(spdlog::level::off);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// GoogleTest entry for suites that need a QCoreApplication (Qt SQL's plugins).
#include "TestServer.h"

#include <QCoreApplication>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::off);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new dealboard::test::TestServerEnvironment);
    return RUN_ALL_TESTS();
}

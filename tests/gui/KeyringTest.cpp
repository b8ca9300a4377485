// Server passwords in the system's keyring: kept, found under every
// spelling of the server's address, forgotten; the Connect dialog fills the
// password in from it and offers Remember checked. Needs a keyring that
// answers: scripts/test.sh runs this under a session bus with an unlocked
// GNOME Keyring (DEALBOARD_KEYRING_REQUIRED=1, where a missing keyring is a
// failure); elsewhere it is skipped, saying so.
#include "common/Keyring.h"

#include "GuiTestSupport.h"
#include "common/ConnectDialog.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QUuid>
#include <gtest/gtest.h>

using namespace dealboard::gui;

TEST(Keyring, KeepsFindsAndForgetsAServersPasswordAndTheConnectDialogUsesIt)
{
    if (!Keyring::available()) {
        if (qEnvironmentVariable("DEALBOARD_KEYRING_REQUIRED") == u"1") {
            FAIL() << "no keyring answered, though scripts/test.sh started one";
        }
        GTEST_SKIP() << "no keyring answers here";
    }
    const QString database = QStringLiteral("sales_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString server = QStringLiteral("postgresql://anna@db.example.com/%1").arg(database);
    EXPECT_FALSE(Keyring::password(server).has_value());
    ASSERT_TRUE(Keyring::keep(server, QStringLiteral("first-password")));
    EXPECT_EQ(Keyring::password(server), std::optional<QString>(QStringLiteral("first-password")));
    // The same server however its address is written.
    EXPECT_EQ(
        Keyring::password(QStringLiteral("postgresql://anna@db.example.com:5432/%1?sslmode=require").arg(database)),
        std::optional<QString>(QStringLiteral("first-password")));
    EXPECT_FALSE(Keyring::password(QStringLiteral("postgresql://ben@db.example.com/%1").arg(database)).has_value());
    ASSERT_TRUE(Keyring::keep(server, QStringLiteral("second-password")));

    ConnectDialog dialog(server);
    EXPECT_EQ(dialog.findChild<QLineEdit*>(QStringLiteral("connectPassword"))->text(),
              QStringLiteral("second-password"));
    auto* remember = dialog.findChild<QCheckBox*>(QStringLiteral("connectRemember"));
    EXPECT_FALSE(remember->isHidden());
    EXPECT_TRUE(remember->isChecked());

    Keyring::forget(server);
    EXPECT_FALSE(Keyring::password(server).has_value());
}

#pragma once

#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <gtest/gtest.h>

namespace dealboard::test {

// Waits for the event loop to make `condition` true, up to `timeoutMs`.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QTest::qWait(10);
    }
    return true;
}

// Answers the next modal dialog once it is shown: `answer` gets the dialog.
// The dialog's own widgets are driven, found by objectName; with `name`, only
// the dialog of that objectName is answered.
inline void answerNextDialog(std::function<void(QWidget*)> answer, const QString& name = QString())
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, name, answer = std::move(answer)] {
        if (QWidget* dialog = QApplication::activeModalWidget();
            dialog != nullptr && (name.isEmpty() || dialog->objectName() == name)) {
            poll->stop();
            poll->deleteLater();
            QPointer<QWidget> guard(dialog);
            answer(dialog);
            // A failed expectation must not leave a modal dialog hanging the test run.
            QTimer::singleShot(3000, [guard] {
                if (auto* open = qobject_cast<QDialog*>(guard.data()); open && open->isVisible()) {
                    ADD_FAILURE() << "the dialog was left open";
                    open->reject();
                }
            });
        }
    });
    poll->start();
}

// Says Yes to the question an action on several deals asks first, naming
// them; `named` gets its text; `then` answers the dialog that follows, if any.
inline void confirmSeveral(QString* named = nullptr, std::function<void(QWidget*)> then = {})
{
    answerNextDialog(
        [named, then = std::move(then)](QWidget* dialog) {
            auto* box = qobject_cast<QMessageBox*>(dialog);
            ASSERT_NE(box, nullptr);
            if (named != nullptr) {
                *named = box->text();
            }
            if (then) {
                answerNextDialog(then);
            }
            box->button(QMessageBox::Yes)->click();
        },
        QStringLiteral("confirmSeveral"));
}

} // namespace dealboard::test

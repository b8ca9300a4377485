#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;

namespace dealboard::gui {

// What a person sets once: the currency and the owner a new deal starts
// with. Kept in QSettings; the preferences dialog edits them.
class Preferences final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Preferences)

public:
    static QString newDealCurrency(); // the pipeline's currency unless set
    static QString newDealOwner(); // empty unless set

    explicit Preferences(QWidget* parent = nullptr);
    void accept() override;

private:
    QLineEdit* m_currency;
    QLineEdit* m_owner;
    QLabel* m_problem;
};

} // namespace dealboard::gui

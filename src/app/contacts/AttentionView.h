#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace dealboard::gui {

// Who needs attention: people contacted more often than their segments allow,
// and open deals nobody has touched for longer than their stage's rotting days.
class AttentionView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttentionView)

public:
    explicit AttentionView(Pipeline& service, QWidget* parent = nullptr);
    QTableWidget* overContacted() const { return m_overContacted; }
    QTableWidget* neglected() const { return m_neglected; }
    void reload();
    void invalidate();

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void dealActivated(dealboard::DealId id);

protected:
    void showEvent(QShowEvent* event) override;

private:
    Pipeline& m_service;
    QLabel* m_overTitle;
    QLabel* m_neglectedTitle;
    QTableWidget* m_overContacted;
    QTableWidget* m_neglected;
    bool m_stale = true;
};

} // namespace dealboard::gui

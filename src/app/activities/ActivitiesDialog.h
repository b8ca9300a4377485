#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimeEdit;

namespace dealboard::gui {

// A deal's activities, open ones first: plan another, or mark one done.
class ActivitiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivitiesDialog)

public:
    ActivitiesDialog(Pipeline& service, const Deal& deal, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }
    void reload();

private:
    Pipeline& m_service;
    Deal m_deal;
    QTableWidget* m_table;
    std::vector<Activity> m_activities;
};

} // namespace dealboard::gui

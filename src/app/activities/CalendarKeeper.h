#pragma once

#include "dealboard/Pipeline.h"
#include "dealboard/service/ActivityCalendar.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace dealboard::gui {

class StatusLine;

// The calendar file a rep keeps for a calendar application to subscribe to:
// which file and whose activities, remembered per pipeline; written again
// (atomically) shortly after every change of activities, deals or contacts,
// this board's or another process's.
class CalendarKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarKeeper)

public:
    struct Setting
    {
        QString path;
        QString owner; // empty: every activity the pipeline shows
    };

    CalendarKeeper(Pipeline& service, StatusLine& status, QObject* parent = nullptr);
    ~CalendarKeeper() override;

    const std::optional<Setting>& setting() const { return m_setting; }
    // Keeps the file from now on (and on the next start); writes it at once.
    // How many activities it holds, or why it can't be written (nothing kept then).
    Result<int> keep(const Setting& setting);
    // Stops keeping the file (it stays as it is).
    void stop();

Q_SIGNALS:
    void written(int activities); // the file was written again

private:
    void write();
    QString settingsGroup() const;

    Pipeline& m_service;
    StatusLine& m_status;
    std::optional<Setting> m_setting;
    std::unique_ptr<ActivityCalendar> m_calendar;
    QTimer m_soon; // a burst of changes is one write
    QString m_lastFailure; // said once, until the file is written again
};

} // namespace dealboard::gui

#include "activities/CalendarKeeper.h"

#include "dealboard/PipelineFiles.h"
#include "window/StatusLine.h"

#include <QCryptographicHash>
#include <QSettings>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

constexpr int WriteDelayMs = 300;

} // namespace

CalendarKeeper::CalendarKeeper(Pipeline& service, StatusLine& status, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_status(status)
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(WriteDelayMs);
    connect(&m_soon, &QTimer::timeout, this, &CalendarKeeper::write);
    const auto soon = [this] {
        if (m_setting) {
            m_soon.start();
        }
    };
    connect(&m_service, &Pipeline::activitiesChanged, this, soon);
    connect(&m_service, &Pipeline::dealChanged, this, soon);
    connect(&m_service, &Pipeline::dealRemoved, this, soon);
    connect(&m_service, &Pipeline::dealsReset, this, soon);
    connect(&m_service, &Pipeline::contactsChanged, this, soon);
    connect(&m_service, &Pipeline::externalChange, this, soon);

    QSettings settings;
    settings.beginGroup(settingsGroup());
    const QString path = settings.value(QStringLiteral("path")).toString();
    if (!path.isEmpty()) {
        m_setting = Setting {path, settings.value(QStringLiteral("owner")).toString()};
        m_calendar = std::make_unique<ActivityCalendar>(m_service, m_setting->owner);
        m_soon.start();
    }
}

CalendarKeeper::~CalendarKeeper() = default;

QString CalendarKeeper::settingsGroup() const
{
    // One setting per pipeline: another pipeline never overwrites this one's file.
    const QByteArray identity = PipelineFiles::identity(m_service.reads().path()).toUtf8();
    return QStringLiteral("calendarFiles/")
        + QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16));
}

Result<int> CalendarKeeper::keep(const Setting& setting)
{
    auto calendar = std::make_unique<ActivityCalendar>(m_service, setting.owner);
    Result<int> saved = calendar->save(setting.path);
    if (!saved) {
        return saved;
    }
    m_setting = setting;
    m_calendar = std::move(calendar);
    m_lastFailure.clear();
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.setValue(QStringLiteral("path"), setting.path);
    settings.setValue(QStringLiteral("owner"), setting.owner);
    Q_EMIT written(saved.value());
    return saved;
}

void CalendarKeeper::stop()
{
    m_soon.stop();
    m_setting.reset();
    m_calendar.reset();
    QSettings().remove(settingsGroup());
}

void CalendarKeeper::write()
{
    if (!m_setting || !m_calendar) {
        return;
    }
    // Every change is in the change log, this board's too: nothing the calendar shows, nothing to write.
    // (A write that failed is tried again whatever the news.)
    if (const Result<bool> news = m_calendar->hasNews(); news && !news.value() && m_lastFailure.isEmpty()) {
        return;
    }
    Result<int> saved = m_calendar->save(m_setting->path);
    if (!saved) {
        const QString why
            = QStringLiteral("Couldn't write the calendar file %1: %2").arg(m_setting->path, saved.error().message);
        if (why != m_lastFailure) {
            spdlog::warn("{}", why.toStdString());
            m_status.report(makeError(saved.error().code, why));
            m_lastFailure = why;
        }
        return;
    }
    m_lastFailure.clear();
    Q_EMIT written(saved.value());
}

} // namespace dealboard::gui

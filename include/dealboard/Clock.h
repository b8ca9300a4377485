#pragma once

#include <QDateTime>

namespace dealboard {

// Where the service gets "now" from, so that tests and scripts are reproducible.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

// The real time.
class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

// A time fixed by the caller (tests, DEALBOARD_NOW); advance() moves it on.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime now)
        : m_now(now.toUTC())
    {
    }
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime& now) { m_now = now.toUTC(); }
    void advanceSeconds(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace dealboard

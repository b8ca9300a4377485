#pragma once

#include "dealboard/Contacts.h"
#include "dealboard/Result.h"

#include <optional>

namespace dealboard {

class Database;

// The pipeline's settings (key and value) and the segments' rules.
class SettingsRepository final
{
public:
    explicit SettingsRepository(Database& database);

    Result<std::optional<QString>> value(const QString& key);
    Result<void> save(const QString& key, const QString& value);
    // Every tag in use, and the segments' minimum days between touches.
    Result<std::vector<Segment>> segments();
    Result<void> saveSegmentRule(const QString& tag, std::optional<int> minTouchDays);

private:
    Database& m_database;
};

} // namespace dealboard

#pragma once

#include <QStringList>

namespace dealboard::gui {

// File > Open Recent: the pipelines this user opened last, newest first, in
// QSettings.
class RecentPipelines final
{
public:
    static constexpr int Kept = 8;

    static QStringList list();
    // Puts `path` first (by its absolute path), keeping at most Kept.
    static void add(const QString& path);
};

} // namespace dealboard::gui

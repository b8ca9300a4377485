#pragma once

// Where a pipeline lives, told apart once by its text: a file's path, or a
// team server's address (postgresql://… or postgres://…, see
// ServerAddress.h). The front ends ask it, never what the store runs on.
#include <QString>
#include <utility>

namespace dealboard {

class PipelineLocation final
{
public:
    PipelineLocation() = default;
    explicit PipelineLocation(QString text)
        : m_text(std::move(text))
    {
    }

    // Whether `text` is a server's address rather than a file's path.
    static bool isAddress(const QString& text)
    {
        return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
            || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
    }

    const QString& text() const { return m_text; }
    bool isFile() const { return !isAddress(m_text); }
    bool isAddress() const { return isAddress(m_text); }

private:
    QString m_text;
};

} // namespace dealboard

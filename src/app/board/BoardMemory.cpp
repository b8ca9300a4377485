#include "board/BoardMemory.h"

#include "dealboard/PipelineFiles.h"

#include <QCryptographicHash>
#include <QSettings>

namespace dealboard::gui {

namespace {

// "board/3f2a…/": the pipeline's identity (its canonical path or server
// address) hashed, since a path is no settings key.
QString prefix(const QString& pipeline)
{
    const QByteArray identity = PipelineFiles::identity(pipeline).toUtf8();
    return QStringLiteral("board/%1/")
        .arg(QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(16)));
}

} // namespace

BoardView BoardMemory::read(const QString& pipeline)
{
    QSettings settings;
    const QString key = prefix(pipeline);
    BoardView view;
    view.search = settings.value(key + QStringLiteral("search")).toString();
    view.owner = settings.value(key + QStringLiteral("owner")).toString();
    view.segment = settings.value(key + QStringLiteral("segment")).toString();
    view.activity = settings.value(key + QStringLiteral("activity"), 0).toInt();
    view.showLost = settings.value(key + QStringLiteral("showLost"), false).toBool();
    for (Stage stage : AllStages) {
        const QString column = key + QStringLiteral("columns/") + stageSlug(stage);
        view.sorts[stageIndex(stage)] = columnSortFromKey(settings.value(column + QStringLiteral("/sort")).toString());
        view.collapsed[stageIndex(stage)] = settings.value(column + QStringLiteral("/collapsed"), false).toBool();
    }
    return view;
}

void BoardMemory::write(const QString& pipeline, const BoardView& view)
{
    QSettings settings;
    const QString key = prefix(pipeline);
    settings.setValue(key + QStringLiteral("search"), view.search);
    settings.setValue(key + QStringLiteral("owner"), view.owner);
    settings.setValue(key + QStringLiteral("segment"), view.segment);
    settings.setValue(key + QStringLiteral("activity"), view.activity);
    settings.setValue(key + QStringLiteral("showLost"), view.showLost);
    for (Stage stage : AllStages) {
        const QString column = key + QStringLiteral("columns/") + stageSlug(stage);
        settings.setValue(column + QStringLiteral("/sort"), columnSortKey(view.sorts[stageIndex(stage)]));
        settings.setValue(column + QStringLiteral("/collapsed"), view.collapsed[stageIndex(stage)]);
    }
}

} // namespace dealboard::gui

#pragma once

#include "dealboard/Pipeline.h"

#include <QObject>
#include <QPoint>
#include <QTemporaryDir>

class QMimeData;
class QTableView;
class QWidget;

namespace dealboard::gui {

// People as vCard on the People view: .vcf files dropped on the list are
// imported once the rep confirms how many are new and known, selected people
// dragged out are a .vcf, and the view's buttons import and export files.
class PeopleVCards final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeopleVCards)

public:
    PeopleVCards(Pipeline& service, QTableView* view, QWidget* parent);

    // Imports every file, each all or nothing, after checking them all and
    // asking the rep; false when nothing was imported.
    bool importFiles(const QStringList& paths);
    // Asks where, and writes every person there.
    void exportAll();
    // What dragging these people out carries: the cards as text/vcard, and
    // the URL of a .vcf file holding them for file managers and mail.
    QMimeData* mimeData(const std::vector<PersonId>& ids);

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // (what the rep knows the cards as, the cards) for each source.
    bool importCards(const std::vector<std::pair<QString, QByteArray>>& sources);
    void startDrag();

    Pipeline& m_service;
    QTableView* m_view;
    QWidget* m_parent;
    QPoint m_pressedAt;
    QTemporaryDir m_dragged; // the dragged-out files, kept while the board runs
};

} // namespace dealboard::gui

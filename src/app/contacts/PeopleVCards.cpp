#include "contacts/PeopleVCards.h"

#include "common/FileDialogs.h"
#include "common/ShownText.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/VCard.h"

#include <QApplication>
#include <QBuffer>
#include <QDrag>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QTableView>
#include <QUrl>

namespace dealboard::gui {

namespace {

const QString VCardType = QStringLiteral("text/vcard");

bool isVCardFile(const QUrl& url)
{
    const QString suffix = QFileInfo(url.toLocalFile()).suffix().toLower();
    return url.isLocalFile() && (suffix == u"vcf" || suffix == u"vcard");
}

bool carriesCards(const QMimeData* data)
{
    if (data->hasFormat(VCardType) || data->hasFormat(QStringLiteral("text/x-vcard"))) {
        return true;
    }
    const QList<QUrl> urls = data->urls();
    return !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), isVCardFile);
}

QByteArray cards(const std::vector<Person>& people, const QString& pipeline)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    VCard::write(&buffer, people, pipeline);
    return bytes;
}

void warn(QWidget* parent, const QString& objectName, const QString& text)
{
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Import people from vCard"), text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.setObjectName(objectName);
    box.exec();
}

} // namespace

PeopleVCards::PeopleVCards(Pipeline& service, QTableView* view, QWidget* parent)
    : QObject(parent)
    , m_service(service)
    , m_view(view)
    , m_parent(parent)
{
    m_view->setAcceptDrops(true);
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_view->setToolTip(QStringLiteral("Drop .vcf files here to import people; drag people out as a .vcf."));
}

bool PeopleVCards::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDropEvent*>(event);
        // People dragged from this list are here already.
        if (drag->source() != m_view && carriesCards(drag->mimeData())) {
            drag->acceptProposedAction();
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        if (drop->source() == m_view || !carriesCards(drop->mimeData())) {
            drop->ignore();
            return true;
        }
        drop->acceptProposedAction();
        const QMimeData* data = drop->mimeData();
        if (data->hasUrls()) {
            QStringList paths;
            for (const QUrl& url : data->urls()) {
                paths << url.toLocalFile();
            }
            importFiles(paths);
        } else {
            const QByteArray bytes
                = data->hasFormat(VCardType) ? data->data(VCardType) : data->data(QStringLiteral("text/x-vcard"));
            importCards({{QStringLiteral("the dropped cards"), bytes}});
        }
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto* press = static_cast<QMouseEvent*>(event);
        if (press->button() == Qt::LeftButton) {
            m_pressedAt = press->position().toPoint();
        }
        break;
    }
    case QEvent::MouseMove: {
        auto* move = static_cast<QMouseEvent*>(event);
        if ((move->buttons() & Qt::LeftButton) != 0 && m_view->selectionModel()->hasSelection()
            && (move->position().toPoint() - m_pressedAt).manhattanLength() >= QApplication::startDragDistance()) {
            startDrag();
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool PeopleVCards::importFiles(const QStringList& paths)
{
    std::vector<std::pair<QString, QByteArray>> sources;
    for (const QString& path : paths) {
        const QString name = QFileInfo(path).fileName();
        if (Result<void> readable = PipelineFiles::checkInput(path, m_service.reads().path()); !readable) {
            warn(m_parent, QStringLiteral("vcardRefused"), readable.error().message);
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            warn(m_parent, QStringLiteral("vcardRefused"),
                 QStringLiteral("Can't read '%1': %2.").arg(name, file.errorString()));
            return false;
        }
        sources.emplace_back(name, file.readAll());
    }
    return importCards(sources);
}

bool PeopleVCards::importCards(const std::vector<std::pair<QString, QByteArray>>& sources)
{
    // Every file is checked before any is imported, and the rep sees what it will do.
    PeopleImport total;
    for (const auto& [name, bytes] : sources) {
        Result<PeopleImport> planned = m_service.contacts().importVCards(bytes, true);
        if (!planned) {
            warn(m_parent, QStringLiteral("vcardRefused"),
                 QStringLiteral("%1: %2").arg(shownText(name), shownText(planned.error().message, true)));
            return false;
        }
        total.created += planned.value().created;
        total.updated += planned.value().updated;
        total.unchanged += planned.value().unchanged;
    }
    const QString from
        = sources.size() == 1 ? shownText(sources.front().first) : QStringLiteral("%1 files").arg(sources.size());
    if (total.created + total.updated == 0) {
        Q_EMIT message(QStringLiteral("Everyone in %1 is here already, as in the file.").arg(from));
        return false;
    }
    QMessageBox confirm(
        QMessageBox::Question, QStringLiteral("Import people from vCard"),
        QStringLiteral("Import %1 new and %2 known person(s) from %3?").arg(total.created).arg(total.updated).arg(from),
        QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    confirm.setObjectName(QStringLiteral("confirmVCardImport"));
    confirm.setInformativeText(
        QStringLiteral("A known person (the same email, or a card exported from this pipeline) takes the card's "
                       "facts.%1")
            .arg(total.unchanged > 0 ? QStringLiteral(" %1 are here already as in the file.").arg(total.unchanged)
                                     : QString()));
    confirm.setTextFormat(Qt::PlainText);
    if (confirm.exec() != QMessageBox::Yes) {
        return false;
    }
    PeopleImport done;
    for (const auto& [name, bytes] : sources) {
        Result<PeopleImport> imported = m_service.contacts().importVCards(bytes, false);
        if (!imported) {
            Q_EMIT errorOccurred(imported.error());
            return done.created + done.updated > 0;
        }
        done.created += imported.value().created;
        done.updated += imported.value().updated;
    }
    Q_EMIT message(QStringLiteral("Imported %1 new and %2 known person(s) from %3.")
                       .arg(done.created)
                       .arg(done.updated)
                       .arg(from));
    return true;
}

void PeopleVCards::exportAll()
{
    Result<std::vector<Person>> people = m_service.contacts().people();
    if (!people) {
        Q_EMIT errorOccurred(people.error());
        return;
    }
    const QString path = FileDialogs::askVCardSaveFile(m_parent, QStringLiteral("people.vcf"));
    if (path.isEmpty()) {
        return;
    }
    const QString pipeline = m_service.reads().path();
    const Result<void> saved = PipelineFiles::saveAtomically(
        path, pipeline, [&](QIODevice* device) { return VCard::write(device, people.value(), pipeline); });
    if (!saved) {
        Q_EMIT errorOccurred(saved.error());
        return;
    }
    Q_EMIT message(QStringLiteral("Exported %1 person(s) to %2.").arg(people.value().size()).arg(path));
}

QMimeData* PeopleVCards::mimeData(const std::vector<PersonId>& ids)
{
    std::vector<Person> people;
    for (const PersonId id : ids) {
        Result<Person> person = m_service.contacts().person(id);
        if (!person) {
            Q_EMIT errorOccurred(person.error());
            return nullptr;
        }
        people.push_back(person.value());
    }
    if (people.empty()) {
        return nullptr;
    }
    const QByteArray bytes = cards(people, m_service.reads().path());
    auto* data = new QMimeData;
    data->setData(VCardType, bytes);
    // A file too, named after the person, for a file manager or a mail.
    QString name = people.size() == 1 ? people.front().name : QStringLiteral("%1 people").arg(people.size());
    name.replace(QRegularExpression(QStringLiteral("[^\\w .,'-]")), QStringLiteral("_"));
    const QString path = m_dragged.filePath(name.left(80) + QStringLiteral(".vcf"));
    QFile file(path);
    if (m_dragged.isValid() && file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size()) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        data->setUrls({QUrl::fromLocalFile(path)});
    }
    return data;
}

void PeopleVCards::startDrag()
{
    std::vector<PersonId> ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        ids.push_back(index.data(Qt::UserRole).toLongLong());
    }
    QMimeData* data = mimeData(ids);
    if (data == nullptr) {
        return;
    }
    auto* drag = new QDrag(m_view);
    drag->setMimeData(data);
    drag->exec(Qt::CopyAction);
}

} // namespace dealboard::gui

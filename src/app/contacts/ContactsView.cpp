#include "contacts/ContactsView.h"

#include "common/FileDialogs.h"
#include "common/ShownText.h"
#include "common/Tables.h"
#include "contacts/ContactForm.h"
#include "contacts/PeopleVCards.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

// One line of the contact form: its label, what it shows of a stored record,
// and where what the rep typed goes.
template<typename Record, typename Fields> struct FormField
{
    QString label;
    QString (*read)(const Record&);
    void (*write)(Fields&, const QString&);
};

// What the form shows and saves for one kind of contact.
template<typename Record, typename Fields> struct ContactFormSpec
{
    QString noun; // "organization"
    std::vector<FormField<Record, Fields>> fields;
    std::function<Result<Record>(std::int64_t id)> load;
    std::function<Result<Record>(std::int64_t id, const Fields& fields)> save; // id 0: a new one
};

ContactFormSpec<Organization, OrganizationFields> organizationForm(Pipeline& service)
{
    using F = OrganizationFields;
    using R = Organization;
    return {
        QStringLiteral("organization"),
        {{QStringLiteral("&Name:"), [](const R& r) { return r.name; }, [](F& f, const QString& v) { f.name = v; }},
         {QStringLiteral("&Industry:"), [](const R& r) { return r.industry; },
          [](F& f, const QString& v) { f.industry = v; }},
         {QStringLiteral("&Size:"), [](const R& r) { return r.size; }, [](F& f, const QString& v) { f.size = v; }},
         {QStringLiteral("&Region:"), [](const R& r) { return r.region; },
          [](F& f, const QString& v) { f.region = v; }},
         {QStringLiteral("&Website:"), [](const R& r) { return r.website; },
          [](F& f, const QString& v) { f.website = v; }},
         {QStringLiteral("&Tags:"), [](const R& r) { return r.tags.join(QStringLiteral(", ")); },
          [](F& f, const QString& v) { f.tags = parseTags(v); }},
         {QStringLiteral("N&otes:"), [](const R& r) { return r.notes; }, [](F& f, const QString& v) { f.notes = v; }}},
        [&service](std::int64_t id) { return service.contacts().organization(id); },
        [&service](std::int64_t id, const F& fields) {
            return id > 0 ? service.contacts().editOrganization(id, fields)
                          : service.contacts().createOrganization(fields);
        }};
}

ContactFormSpec<Person, PersonFields> personForm(Pipeline& service)
{
    using F = PersonFields;
    using R = Person;
    return {
        QStringLiteral("person"),
        {{QStringLiteral("&Name:"), [](const R& r) { return r.name; }, [](F& f, const QString& v) { f.name = v; }},
         {QStringLiteral("&Email:"), [](const R& r) { return r.email; }, [](F& f, const QString& v) { f.email = v; }},
         {QStringLiteral("&Phone:"), [](const R& r) { return r.phone; }, [](F& f, const QString& v) { f.phone = v; }},
         {QStringLiteral("&Role:"), [](const R& r) { return r.role; }, [](F& f, const QString& v) { f.role = v; }},
         {QStringLiteral("&Organization:"), [](const R& r) { return r.organizationName; },
          [](F& f, const QString& v) { f.organization = v; }},
         {QStringLiteral("&Tags:"), [](const R& r) { return r.tags.join(QStringLiteral(", ")); },
          [](F& f, const QString& v) { f.tags = parseTags(v); }},
         {QStringLiteral("N&otes:"), [](const R& r) { return r.notes; }, [](F& f, const QString& v) { f.notes = v; }}},
        [&service](std::int64_t id) { return service.contacts().person(id); },
        [&service](std::int64_t id, const F& fields) {
            return id > 0 ? service.contacts().editPerson(id, fields) : service.contacts().createPerson(fields);
        }};
}

// What became of a form: the name saved, or the existing contact the rep
// chose to use instead of a likely duplicate.
struct FormOutcome
{
    QString saved;
    std::int64_t useExisting = 0;
};

// Shows the form for record `id` (0: a new one) until the service accepts
// it or the rep cancels (nothing) or uses a contact it looks like.
template<typename Record, typename Fields>
std::optional<FormOutcome> runForm(QWidget* parent, std::int64_t id, const ContactFormSpec<Record, Fields>& spec,
                                   const std::function<void(const Error&)>& report)
{
    QStringList labels;
    QStringList values;
    std::optional<Record> stored;
    if (id > 0) {
        Result<Record> loaded = spec.load(id);
        if (!loaded) {
            report(loaded.error());
            return std::nullopt;
        }
        stored = loaded.value();
    }
    for (const FormField<Record, Fields>& field : spec.fields) {
        labels << field.label;
        if (stored) {
            values << field.read(*stored);
        }
    }
    const QString title = (id > 0 ? QStringLiteral("Edit %1") : QStringLiteral("New %1")).arg(spec.noun);
    ContactForm form(title, labels, values, parent);
    // The form stays open until the service accepts it or the rep cancels.
    while (form.exec() == QDialog::Accepted) {
        const QStringList typed = form.values();
        Fields fields;
        for (qsizetype i = 0; i < typed.size(); ++i) {
            spec.fields[static_cast<std::size_t>(i)].write(fields, typed[i]);
        }
        Result<Record> saved = spec.save(id, fields);
        if (!saved && saved.error().code == ErrorCode::LikelyDuplicate) {
            // "Acme GmbH (id 3) looks like the same organization": use it, or save this one anyway.
            QMessageBox offer(QMessageBox::Question, title, shownText(saved.error().message), QMessageBox::NoButton,
                              parent);
            offer.setTextFormat(Qt::PlainText);
            offer.setObjectName(QStringLiteral("likelyDuplicate"));
            QPushButton* use = offer.addButton(QStringLiteral("&Use it"), QMessageBox::AcceptRole);
            use->setObjectName(QStringLiteral("useExisting"));
            QPushButton* another
                = offer.addButton(id > 0 ? QStringLiteral("&Save anyway") : QStringLiteral("&Create another"),
                                  QMessageBox::DestructiveRole);
            another->setObjectName(QStringLiteral("createAnother"));
            offer.addButton(QStringLiteral("&Back to the form"), QMessageBox::RejectRole)
                ->setObjectName(QStringLiteral("backToForm"));
            offer.setDefaultButton(use);
            offer.exec();
            if (offer.clickedButton() == use) {
                return FormOutcome {QString(), saved.error().subject.toLongLong()};
            }
            if (offer.clickedButton() != another) {
                continue;
            }
            fields.another = true;
            saved = spec.save(id, fields);
        }
        if (saved) {
            return FormOutcome {typed.value(0).trimmed(), 0};
        }
        QMessageBox refused(QMessageBox::Warning, title, shownText(saved.error().message, true), QMessageBox::Ok,
                            parent);
        refused.setTextFormat(Qt::PlainText);
        refused.setObjectName(QStringLiteral("contactRefused"));
        refused.exec();
    }
    return std::nullopt;
}

} // namespace

ContactsView::ContactsView(Pipeline& service, Kind kind, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_kind(kind)
{
    const bool organizations = kind == Kind::Organizations;
    setObjectName(organizations ? QStringLiteral("organizationsView") : QStringLiteral("peopleView"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    auto* add = new QPushButton(organizations ? QStringLiteral("New organization…") : QStringLiteral("New person…"));
    add->setObjectName(QStringLiteral("newContact"));
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("contactSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(organizations ? QStringLiteral("Search name, industry or region")
                                               : QStringLiteral("Search name, email, role or organization"));
    // Narrow at 800 pixels with every button beside it; wider when there is room.
    m_search->setMinimumWidth(160);
    m_search->setMaximumWidth(400);
    m_tag = new QComboBox;
    m_tag->setObjectName(QStringLiteral("contactTag"));
    m_tag->setMinimumWidth(120);
    m_tag->setToolTip(QStringLiteral("Show one segment"));
    m_count = new QLabel;
    auto* duplicates = new QPushButton(QStringLiteral("Duplicates…"));
    duplicates->setObjectName(QStringLiteral("findDuplicates"));
    duplicates->setToolTip(organizations ? QStringLiteral("Organizations that look like one, to merge")
                                         : QStringLiteral("People who look like one, to merge"));
    bar->addWidget(add);
    bar->addWidget(duplicates);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_tag);
    bar->addStretch(1);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels(
        organizations ? QStringList {QStringLiteral("Name"), QStringLiteral("Industry"), QStringLiteral("Size"),
                                     QStringLiteral("Region"), QStringLiteral("Website"), QStringLiteral("Tags")}
                      : QStringList {QStringLiteral("Name"), QStringLiteral("Email"), QStringLiteral("Phone"),
                                     QStringLiteral("Role"), QStringLiteral("Organization"), QStringLiteral("Tags")});
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("contactTable"));
    m_view->setModel(sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view);
    if (!organizations) {
        m_vcards = new PeopleVCards(service, m_view, this);
        auto* importCards = new QPushButton(QStringLiteral("Import vCard…"));
        importCards->setObjectName(QStringLiteral("importVCard"));
        auto* exportCards = new QPushButton(QStringLiteral("Export vCard…"));
        exportCards->setObjectName(QStringLiteral("exportVCard"));
        bar->insertWidget(bar->count() - 1, importCards);
        bar->insertWidget(bar->count() - 1, exportCards);
        connect(importCards, &QPushButton::clicked, m_vcards,
                [this] { m_vcards->importFiles(FileDialogs::askVCardFiles(this)); });
        connect(exportCards, &QPushButton::clicked, m_vcards, &PeopleVCards::exportAll);
        connect(m_vcards, &PeopleVCards::errorOccurred, this, &ContactsView::errorOccurred);
        connect(m_vcards, &PeopleVCards::message, this, &ContactsView::message);
    }

    auto* delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(delay, &QTimer::timeout, this, &ContactsView::reload);
    connect(m_tag, &QComboBox::activated, this, &ContactsView::reload);
    connect(add, &QPushButton::clicked, this, [this] { openForm(0); });
    connect(duplicates, &QPushButton::clicked, this, &ContactsView::openDuplicates);
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex& index) { openForm(index.data(Qt::UserRole).toLongLong()); });
    connect(&m_service, &Pipeline::contactsChanged, this, &ContactsView::invalidate);
    connect(&m_service, &Pipeline::dealsReset, this, &ContactsView::invalidate);
    connect(&m_service, &Pipeline::externalChange, this, &ContactsView::invalidate);
}

int ContactsView::rowCount() const
{
    return m_model->rowCount();
}

void ContactsView::invalidate()
{
    m_stale = true;
    if (isVisible()) {
        reload();
    }
}

void ContactsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        reload();
    }
}

void ContactsView::reloadTags()
{
    const QString current = m_tag->currentData().toString();
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    m_tag->clear();
    m_tag->addItem(QStringLiteral("All segments"), QString());
    if (segments) {
        for (const Segment& segment : segments.value()) {
            const int count = m_kind == Kind::Organizations ? segment.organizations : segment.people;
            if (count > 0) {
                m_tag->addItem(QStringLiteral("%1 (%2)").arg(shownText(segment.tag)).arg(count), segment.tag);
            }
        }
    }
    m_tag->setCurrentIndex(std::max(0, m_tag->findData(current)));
}

void ContactsView::reload()
{
    m_stale = false;
    reloadTags();
    const ContactFilter filter {m_search->text(), m_tag->currentData().toString()};
    auto row = [](const QStringList& cells, std::int64_t id) {
        QList<QStandardItem*> items;
        for (const QString& cell : cells) {
            auto* item = new QStandardItem(shownText(cell));
            item->setData(qint64(id), Qt::UserRole);
            items << item;
        }
        return items;
    };
    m_model->removeRows(0, m_model->rowCount());
    if (m_kind == Kind::Organizations) {
        Result<std::vector<Organization>> list = m_service.contacts().organizations(filter);
        if (!list) {
            Q_EMIT errorOccurred(list.error());
            return;
        }
        for (const Organization& o : list.value()) {
            m_model->appendRow(
                row({o.name, o.industry, o.size, o.region, o.website, o.tags.join(QStringLiteral(", "))}, o.id));
        }
    } else {
        Result<std::vector<Person>> list = m_service.contacts().people(filter);
        if (!list) {
            Q_EMIT errorOccurred(list.error());
            return;
        }
        for (const Person& p : list.value()) {
            m_model->appendRow(
                row({p.name, p.email, p.phone, p.role, p.organizationName, p.tags.join(QStringLiteral(", "))}, p.id));
        }
    }
    m_view->resizeColumnsToContents();
    m_count->setText(
        QStringLiteral("%1 %2")
            .arg(m_model->rowCount())
            .arg(m_kind == Kind::Organizations ? QStringLiteral("organization(s)") : QStringLiteral("person(s)")));
}

void ContactsView::openForm(std::int64_t id)
{
    const auto report = [this](const Error& error) { Q_EMIT errorOccurred(error); };
    const std::optional<FormOutcome> outcome = m_kind == Kind::Organizations
        ? runForm(this, id, organizationForm(m_service), report)
        : runForm(this, id, personForm(m_service), report);
    if (!outcome) {
        return;
    }
    if (outcome->useExisting > 0) {
        select(outcome->useExisting);
        return;
    }
    Q_EMIT message(QStringLiteral("Saved '%1'.").arg(outcome->saved));
    reload();
}

void ContactsView::select(std::int64_t id)
{
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_tag->setCurrentIndex(0);
    reload();
    const QAbstractItemModel* shown = m_view->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, 0);
        if (index.data(Qt::UserRole).toLongLong() == id) {
            m_view->setCurrentIndex(index);
            m_view->selectRow(row);
            m_view->scrollTo(index);
            Q_EMIT message(QStringLiteral("Using '%1' (id %2).").arg(index.data().toString()).arg(id));
            return;
        }
    }
}

void ContactsView::openDuplicates()
{
    DuplicatesDialog dialog(m_service, m_kind == Kind::Organizations ? ContactType::Organization : ContactType::Person,
                            m_merge, this);
    dialog.exec();
}

} // namespace dealboard::gui

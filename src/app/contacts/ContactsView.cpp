#include "contacts/ContactsView.h"

#include "common/Tables.h"
#include "contacts/ContactForm.h"

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

const QStringList OrganizationLabels
    = {QStringLiteral("&Name:"),    QStringLiteral("&Industry:"), QStringLiteral("&Size:"), QStringLiteral("&Region:"),
       QStringLiteral("&Website:"), QStringLiteral("&Tags:"),     QStringLiteral("N&otes:")};
const QStringList PersonLabels
    = {QStringLiteral("&Name:"),         QStringLiteral("&Email:"), QStringLiteral("&Phone:"), QStringLiteral("&Role:"),
       QStringLiteral("&Organization:"), QStringLiteral("&Tags:"),  QStringLiteral("N&otes:")};

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
    m_search->setMinimumWidth(320);
    m_tag = new QComboBox;
    m_tag->setObjectName(QStringLiteral("contactTag"));
    m_tag->setMinimumWidth(180);
    m_tag->setToolTip(QStringLiteral("Show one segment"));
    m_count = new QLabel;
    bar->addWidget(add);
    bar->addWidget(m_search);
    bar->addWidget(m_tag);
    bar->addStretch();
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

    auto* delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(delay, &QTimer::timeout, this, &ContactsView::reload);
    connect(m_tag, &QComboBox::activated, this, &ContactsView::reload);
    connect(add, &QPushButton::clicked, this, [this] { openForm(0); });
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
                m_tag->addItem(QStringLiteral("%1 (%2)").arg(segment.tag).arg(count), segment.tag);
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
            auto* item = new QStandardItem(cell);
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
    const bool organizations = m_kind == Kind::Organizations;
    QStringList values;
    if (id > 0) {
        if (organizations) {
            Result<Organization> o = m_service.contacts().organization(id);
            if (!o) {
                Q_EMIT errorOccurred(o.error());
                return;
            }
            values = {o.value().name,   o.value().industry, o.value().size,
                      o.value().region, o.value().website,  o.value().tags.join(QStringLiteral(", ")),
                      o.value().notes};
        } else {
            Result<Person> p = m_service.contacts().person(id);
            if (!p) {
                Q_EMIT errorOccurred(p.error());
                return;
            }
            values = {p.value().name,
                      p.value().email,
                      p.value().phone,
                      p.value().role,
                      p.value().organizationName,
                      p.value().tags.join(QStringLiteral(", ")),
                      p.value().notes};
        }
    }
    const QString title = organizations
        ? (id > 0 ? QStringLiteral("Edit organization") : QStringLiteral("New organization"))
        : (id > 0 ? QStringLiteral("Edit person") : QStringLiteral("New person"));
    ContactForm form(title, organizations ? OrganizationLabels : PersonLabels, values, this);
    // The form stays open until the service accepts it or the rep cancels.
    while (form.exec() == QDialog::Accepted) {
        const QStringList v = form.values();
        Error error;
        bool saved = false;
        if (organizations) {
            OrganizationFields fields;
            fields.name = v[0];
            fields.industry = v[1];
            fields.size = v[2];
            fields.region = v[3];
            fields.website = v[4];
            fields.tags = parseTags(v[5]);
            fields.notes = v[6];
            Result<Organization> done = id > 0 ? m_service.contacts().editOrganization(id, fields)
                                               : m_service.contacts().createOrganization(fields);
            saved = done.ok();
            if (!saved) {
                error = done.error();
            }
        } else {
            PersonFields fields;
            fields.name = v[0];
            fields.email = v[1];
            fields.phone = v[2];
            fields.role = v[3];
            fields.organization = v[4];
            fields.tags = parseTags(v[5]);
            fields.notes = v[6];
            Result<Person> done
                = id > 0 ? m_service.contacts().editPerson(id, fields) : m_service.contacts().createPerson(fields);
            saved = done.ok();
            if (!saved) {
                error = done.error();
            }
        }
        if (saved) {
            Q_EMIT message(QStringLiteral("Saved '%1'.").arg(v[0].trimmed()));
            reload();
            return;
        }
        QMessageBox refused(QMessageBox::Warning, title, error.message, QMessageBox::Ok, this);
        refused.setTextFormat(Qt::PlainText);
        refused.setObjectName(QStringLiteral("contactRefused"));
        refused.exec();
    }
}

} // namespace dealboard::gui

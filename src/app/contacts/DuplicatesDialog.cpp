#include "contacts/DuplicatesDialog.h"

#include "common/ShownText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

QString named(const QString& name, std::int64_t id)
{
    return QStringLiteral("%1 (id %2)").arg(shownText(name)).arg(id);
}

} // namespace

DuplicatesDialog::DuplicatesDialog(Pipeline& service, ContactType type, MergeContacts merge, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_type(type)
    , m_merge(std::move(merge))
{
    const bool organizations = type == ContactType::Organization;
    setObjectName(QStringLiteral("duplicatesDialog"));
    setWindowTitle(organizations ? QStringLiteral("Duplicate organizations") : QStringLiteral("Duplicate people"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        organizations ? QStringLiteral("Organizations that look like one, and why. Choose the one to keep and merge: "
                                       "the other's deals, activities, notes and people move onto it, and what it "
                                       "said differently is kept as a note. Edit → Undo puts it back.")
                      : QStringLiteral("People who look like one, and why. Choose the one to keep and merge: the "
                                       "other's deals, activities and notes move onto them, and what was different "
                                       "is kept as a note. Edit → Undo puts them back."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_pairs = new QTableWidget(0, 3);
    m_pairs->setObjectName(QStringLiteral("duplicatePairs"));
    m_pairs->setHorizontalHeaderLabels({QStringLiteral("Older"), QStringLiteral("Newer"), QStringLiteral("Why")});
    m_pairs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pairs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pairs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pairs->setAlternatingRowColors(true);
    m_pairs->verticalHeader()->hide();
    m_pairs->horizontalHeader()->setStretchLastSection(true);
    m_pairs->setMinimumSize(760, 280);
    layout->addWidget(m_pairs);

    auto* row = new QHBoxLayout;
    m_keep = new QComboBox;
    m_keep->setObjectName(QStringLiteral("duplicateKeep"));
    m_keep->setMinimumWidth(280);
    m_mergeButton = new QPushButton(QStringLiteral("&Merge"));
    m_mergeButton->setObjectName(QStringLiteral("duplicateMerge"));
    auto* keepLabel = new QLabel(QStringLiteral("&Keep:"));
    keepLabel->setBuddy(m_keep);
    row->addWidget(keepLabel);
    row->addWidget(m_keep);
    row->addWidget(m_mergeButton);
    row->addStretch();
    layout->addLayout(row);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("duplicatesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_pairs, &QTableWidget::itemSelectionChanged, this, &DuplicatesDialog::choose);
    connect(m_mergeButton, &QPushButton::clicked, this, &DuplicatesDialog::mergeChosen);
    reload();
}

void DuplicatesDialog::reload()
{
    Result<std::vector<DuplicatePair>> found = m_service.contacts().duplicates();
    m_found.clear();
    if (!found) {
        m_status->setText(found.error().message);
    } else {
        for (const DuplicatePair& pair : found.value()) {
            if (pair.type == m_type) {
                m_found.push_back(pair);
            }
        }
    }
    m_pairs->setRowCount(int(m_found.size()));
    for (int i = 0; i < int(m_found.size()); ++i) {
        const DuplicatePair& pair = m_found[std::size_t(i)];
        m_pairs->setItem(i, 0, new QTableWidgetItem(named(pair.firstName, pair.first)));
        m_pairs->setItem(i, 1, new QTableWidgetItem(named(pair.secondName, pair.second)));
        m_pairs->setItem(i, 2, new QTableWidgetItem(shownText(pair.why)));
    }
    // The names take what they need; why wraps in the rest.
    m_pairs->resizeColumnToContents(0);
    m_pairs->resizeColumnToContents(1);
    m_pairs->resizeRowsToContents();
    if (!m_found.empty()) {
        m_pairs->selectRow(0);
    } else if (found) {
        m_status->setText(m_status->text().isEmpty()
                              ? QStringLiteral("No likely duplicates.")
                              : m_status->text() + QStringLiteral(" No more likely duplicates."));
    }
    choose();
}

void DuplicatesDialog::choose()
{
    const int row = m_pairs->currentRow();
    m_keep->clear();
    const bool chosen = row >= 0 && row < int(m_found.size()) && m_pairs->selectionModel()->hasSelection();
    if (chosen) {
        const DuplicatePair& pair = m_found[std::size_t(row)];
        m_keep->addItem(named(pair.firstName, pair.first), qint64(pair.first));
        m_keep->addItem(named(pair.secondName, pair.second), qint64(pair.second));
    }
    m_keep->setEnabled(chosen);
    m_mergeButton->setEnabled(chosen && m_merge != nullptr);
}

void DuplicatesDialog::mergeChosen()
{
    const int row = m_pairs->currentRow();
    if (row < 0 || row >= int(m_found.size()) || !m_merge) {
        return;
    }
    const DuplicatePair pair = m_found[std::size_t(row)];
    const std::int64_t keep = m_keep->currentData().toLongLong();
    const std::int64_t other = keep == pair.first ? pair.second : pair.first;
    Result<ContactMerge> merged = m_merge(m_type, keep, other);
    if (!merged) {
        m_status->setText(merged.error().message);
        return;
    }
    const ContactMerge& done = merged.value();
    m_status->setText(
        QStringLiteral("Merged %1 into %2: %3 deal(s), %4 activity(ies), %5 note(s)%6 moved.")
            .arg(named(done.otherName, done.other), named(done.keepName, done.keep))
            .arg(done.deals)
            .arg(done.activities)
            .arg(done.notes)
            .arg(m_type == ContactType::Organization ? QStringLiteral(", %1 person(s)").arg(done.people) : QString()));
    reload();
}

} // namespace dealboard::gui

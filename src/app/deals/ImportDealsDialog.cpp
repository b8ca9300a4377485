#include "deals/ImportDealsDialog.h"

#include "common/ShownText.h"
#include "dealboard/Money.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

constexpr std::array Formats = {ImportFormat::Csv, ImportFormat::Pipedrive, ImportFormat::Hubspot};

// The targets a stage of theirs may land on, in the order the box lists them.
std::vector<StageTarget> targets()
{
    std::vector<StageTarget> all;
    for (Stage stage : AllStages) {
        if (stage != Stage::Retention) {
            all.push_back({stage, DealStatus::Open});
        }
    }
    all.push_back({Stage::Retention, DealStatus::Won});
    all.push_back({Stage::Prospecting, DealStatus::Lost});
    return all;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

ImportDealsDialog::ImportDealsDialog(QIODevice* file, const QString& name, const QDateTime& now, QWidget* parent)
    : QDialog(parent)
    , m_file(file)
    , m_now(now)
    , m_format(new QComboBox)
    , m_summary(new QLabel)
    , m_stages(new QTableWidget(0, 3))
    , m_preview(new QTableWidget(0, 6))
    , m_faults(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("importDealsDialog"));
    setWindowTitle(QStringLiteral("Import deals from %1").arg(shownText(name)));
    if (Result<QStringList> header = DealImport::header(m_file)) {
        m_options.format = ImportPresets::detect(header.value());
    }
    m_format->setObjectName(QStringLiteral("importFormat"));
    for (ImportFormat format : Formats) {
        m_format->addItem(format == ImportFormat::Csv ? QStringLiteral("DealBoard CSV (title, company, stage…)")
                                                      : QStringLiteral("%1 deal export").arg(formatName(format)));
    }
    m_format->setCurrentIndex(
        static_cast<int>(std::find(Formats.begin(), Formats.end(), m_options.format) - Formats.begin()));
    m_format->setToolTip(QStringLiteral("Detected from the file's header row; change it if the guess is wrong"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);

    m_stages->setObjectName(QStringLiteral("importStages"));
    m_stages->setHorizontalHeaderLabels(
        {QStringLiteral("Their stage"), QStringLiteral("Lands here in"), QStringLiteral("Deals")});
    m_stages->verticalHeader()->hide();
    m_stages->verticalHeader()->setDefaultSectionSize(m_stages->fontMetrics().height() + 12);
    m_stages->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_stages->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_stages->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setHorizontalHeaderLabels({QStringLiteral("Line"), QStringLiteral("Title"),
                                          QStringLiteral("Organization"), QStringLiteral("Stage"),
                                          QStringLiteral("Value"), QStringLiteral("Problem")});
    m_preview->verticalHeader()->hide();
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 8);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_preview->horizontalHeader()->setStretchLastSection(true);

    m_faults->setObjectName(QStringLiteral("importFaults"));
    m_faults->setReadOnly(true);
    m_faults->setMaximumHeight(110);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_import = buttons->addButton(QStringLiteral("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importDeals"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDealsDialog::setFormat);

    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("&Format:"), m_format);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(QStringLiteral("Their stages onto ours:")));
    layout->addWidget(m_stages, 2);
    layout->addWidget(new QLabel(QStringLiteral("The first rows as they will be imported:")));
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_faults);
    layout->addWidget(buttons);
    resize(860, 660);
    inspect();
}

void ImportDealsDialog::setFormat(int index)
{
    if (index < 0 || index >= static_cast<int>(Formats.size())) {
        return;
    }
    m_options.format = Formats[static_cast<std::size_t>(index)];
    m_options.stageMap.clear(); // their stage names are another CRM's now
    inspect();
}

void ImportDealsDialog::mapStage(const QString& theirs, int choice)
{
    const std::vector<StageTarget> all = targets();
    if (choice < 0 || choice >= static_cast<int>(all.size())) {
        return;
    }
    m_options.stageMap.emplace_back(theirs, all[static_cast<std::size_t>(choice)]);
    inspect();
}

void ImportDealsDialog::inspect()
{
    if (!m_file->seek(0)) {
        m_plan = {};
        m_summary->setText(QStringLiteral("Couldn't read the file again: %1.").arg(m_file->errorString()));
        m_import->setEnabled(false);
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor); // a big file takes a moment to read whole
    Result<ImportPlan> read = DealImport::inspect(m_file, m_options, m_now);
    QApplication::restoreOverrideCursor();
    m_plan = read ? std::move(read.value()) : ImportPlan {};
    m_plan.format = m_options.format;
    QString summary;
    if (!read) {
        summary = read.error().message;
        m_faults->clear();
    } else {
        QStringList perStage;
        for (Stage stage : AllStages) {
            if (const int deals = m_plan.perStage[stageIndex(stage)]; deals > 0) {
                perStage << QStringLiteral("%1 in %2").arg(deals).arg(stageName(stage));
            }
        }
        summary = m_plan.faultCount == 0
            ? QStringLiteral("%1 deal(s) will be imported%2.")
                  .arg(m_plan.count)
                  .arg(perStage.isEmpty() ? QString() : QStringLiteral(": ") + perStage.join(QStringLiteral(", ")))
            : QStringLiteral("%1 fault(s) found: nothing can be imported until they are fixed in the file or "
                             "their stages are mapped below.")
                  .arg(m_plan.faultCount);
        if (m_plan.qualifiedByImport > 0) {
            summary += QStringLiteral(" %1 deal(s) will be marked willing, with a need and a budget: their stage "
                                      "lies past Qualifying.")
                           .arg(m_plan.qualifiedByImport);
        }
        if (!m_plan.ignoredColumns.isEmpty()) {
            summary += QStringLiteral(" Columns not read: %1.")
                           .arg(shownText(m_plan.ignoredColumns.join(QStringLiteral(", "))));
        }
        m_faults->setPlainText(shownText(m_plan.faults.join(QLatin1Char('\n')), true));
    }
    m_summary->setText(summary);
    m_faults->setVisible(!m_faults->toPlainText().isEmpty());
    m_import->setEnabled(read && m_plan.faultCount == 0 && m_plan.count > 0);
    showStages();
    showPreview();
}

void ImportDealsDialog::showStages()
{
    const std::vector<StageTarget> all = targets();
    m_stages->setRowCount(static_cast<int>(m_plan.stages.size()));
    for (int row = 0; row < static_cast<int>(m_plan.stages.size()); ++row) {
        const StageUse& use = m_plan.stages[static_cast<std::size_t>(row)];
        m_stages->setItem(row, 0, cell(shownText(use.theirs)));
        auto* box = new QComboBox;
        box->setObjectName(QStringLiteral("stageTarget"));
        for (const StageTarget& target : all) {
            box->addItem(targetName(target));
        }
        const auto at = use.target ? std::find(all.begin(), all.end(), *use.target) : all.end();
        if (at == all.end()) {
            box->insertItem(0, QStringLiteral("no match: choose one"));
            box->setCurrentIndex(0);
        } else {
            box->setCurrentIndex(static_cast<int>(at - all.begin()));
        }
        const bool unmatched = at == all.end();
        connect(box, &QComboBox::activated, this,
                [this, theirs = use.theirs, unmatched](int index) { mapStage(theirs, index - (unmatched ? 1 : 0)); });
        m_stages->setCellWidget(row, 1, box);
        m_stages->setItem(row, 2, cell(QString::number(use.deals)));
    }
    m_stages->setVisible(!m_plan.stages.empty());
}

void ImportDealsDialog::showPreview()
{
    m_preview->setRowCount(static_cast<int>(m_plan.preview.size()));
    const bool theirs = m_options.format != ImportFormat::Csv;
    for (int row = 0; row < static_cast<int>(m_plan.preview.size()); ++row) {
        const ImportPreviewRow& shown = m_plan.preview[static_cast<std::size_t>(row)];
        const Deal& deal = shown.deal;
        QString stage = shown.fault.isEmpty() ? stageName(deal.stage) : QString();
        if (shown.fault.isEmpty() && deal.status != DealStatus::Open) {
            stage += QStringLiteral(", %1").arg(statusSlug(deal.status));
        }
        if (theirs && !shown.theirStage.isEmpty()) {
            stage = stage.isEmpty() ? shownText(shown.theirStage)
                                    : QStringLiteral("%1 → %2").arg(shownText(shown.theirStage), stage);
        }
        m_preview->setItem(row, 0, cell(QString::number(shown.line)));
        m_preview->setItem(row, 1, cell(shownText(deal.title)));
        m_preview->setItem(row, 2, cell(shownText(deal.company)));
        m_preview->setItem(row, 3, cell(stage));
        m_preview->setItem(row, 4, cell(deal.value.minor > 0 ? formatForPeople(deal.value) : QString()));
        QTableWidgetItem* problem = cell(shownText(shown.fault.section(QStringLiteral(": "), 1, -1)));
        problem->setToolTip(shownText(shown.fault));
        m_preview->setItem(row, 5, problem);
    }
}

} // namespace dealboard::gui

#include "reports/RatesDialog.h"

#include "common/ShownText.h"
#include "dealboard/Currency.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>
#include <set>

namespace dealboard::gui {

namespace {

// The code a currency box holds: "USD — US dollar" or what was typed.
QString codeOf(const QString& text)
{
    return text.section(QStringLiteral(" — "), 0, 0).trimmed();
}

} // namespace

RatesDialog::RatesDialog(Pipeline& service, QUndoStack& undo, ReportError afterClosed, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_undo(undo)
    , m_afterClosed(std::move(afterClosed))
    , m_currency(new QComboBox(this))
    , m_setCurrency(new QPushButton(QStringLiteral("Set"), this))
    , m_filter(new QComboBox(this))
    , m_table(new QTableWidget(this))
    , m_shown(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_date(new QDateEdit(this))
    , m_rate(new QLineEdit(this))
    , m_base(new QLabel(this))
    , m_setRate(new QPushButton(QStringLiteral("Set rate"), this))
    , m_remove(new QPushButton(QStringLiteral("Remove"), this))
    , m_import(new QPushButton(QStringLiteral("Import ECB file…"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("ratesDialog"));
    setWindowTitle(QStringLiteral("Currency and exchange rates"));
    m_currency->setObjectName(QStringLiteral("reportingCurrency"));
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    for (const CurrencyInfo& info : isoCurrencies()) {
        m_currency->addItem(QStringLiteral("%1 — %2").arg(QLatin1String(info.code), QLatin1String(info.name)));
    }
    m_setCurrency->setObjectName(QStringLiteral("setCurrencyButton"));
    m_filter->setObjectName(QStringLiteral("rateFilter"));
    m_table->setObjectName(QStringLiteral("ratesTable"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels(
        {QStringLiteral("From"), QStringLiteral("Currency"), QStringLiteral("Rate"), QStringLiteral("In")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_shown->setObjectName(QStringLiteral("ratesShown"));
    m_code->setObjectName(QStringLiteral("rateCurrency"));
    m_code->setPlaceholderText(QStringLiteral("USD"));
    m_code->setMaxLength(40);
    m_code->setFixedWidth(fontMetrics().horizontalAdvance(QStringLiteral("MMMMMM")));
    m_date->setObjectName(QStringLiteral("rateDate"));
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setCalendarPopup(true);
    m_date->setDate(m_service.now().toLocalTime().date());
    m_rate->setObjectName(QStringLiteral("rateValue"));
    m_rate->setPlaceholderText(QStringLiteral("0.9412"));
    m_rate->setMaxLength(40);
    m_setRate->setObjectName(QStringLiteral("setRateButton"));
    m_remove->setObjectName(QStringLiteral("removeRateButton"));
    m_import->setObjectName(QStringLiteral("importRatesButton"));
    m_message->setObjectName(QStringLiteral("ratesMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    auto* currencyRow = new QHBoxLayout;
    currencyRow->addWidget(new QLabel(QStringLiteral("Totals are converted into"), this));
    currencyRow->addWidget(m_currency, 1);
    currencyRow->addWidget(m_setCurrency);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(QStringLiteral("Show"), this));
    filterRow->addWidget(m_filter);
    filterRow->addWidget(m_shown, 1);
    auto* editRow = new QHBoxLayout;
    editRow->addWidget(new QLabel(QStringLiteral("1"), this));
    editRow->addWidget(m_code);
    editRow->addWidget(new QLabel(QStringLiteral("="), this));
    editRow->addWidget(m_rate, 1);
    editRow->addWidget(m_base);
    editRow->addWidget(new QLabel(QStringLiteral("from"), this));
    editRow->addWidget(m_date);
    editRow->addWidget(m_setRate);
    editRow->addWidget(m_remove);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(currencyRow);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(editRow);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 480);

    // A rep reads; a manager sets.
    const QString notManager
        = m_service.reads().team().whyNotManage(QStringLiteral("the reporting currency and the exchange rates"));
    for (QWidget* widget : std::initializer_list<QWidget*> {m_currency, m_setCurrency, m_code, m_date, m_rate,
                                                            m_setRate, m_remove, m_import}) {
        widget->setEnabled(notManager.isEmpty());
        widget->setToolTip(notManager);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_setCurrency, &QPushButton::clicked, this, &RatesDialog::setCurrency);
    connect(m_setRate, &QPushButton::clicked, this, &RatesDialog::setRate);
    connect(m_rate, &QLineEdit::returnPressed, this, &RatesDialog::setRate);
    connect(m_remove, &QPushButton::clicked, this, &RatesDialog::removeRate);
    connect(m_import, &QPushButton::clicked, this, &RatesDialog::importFile);
    connect(m_filter, &QComboBox::activated, this, &RatesDialog::reload);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { pick(row); });
    // Another manager's change, this board's own and an undo all show at once.
    connect(&m_service, &Pipeline::ratesChanged, this, &RatesDialog::reload);
    reload();
}

void RatesDialog::reload()
{
    Result<QString> reporting = m_service.rates().reportingCurrency();
    Result<std::vector<ExchangeRate>> rates = m_service.rates().rates();
    if (!reporting || !rates) {
        say((!reporting ? reporting.error() : rates.error()).message, true);
        return;
    }
    m_reporting = reporting.value();
    const CurrencyInfo* info = findCurrency(m_reporting);
    m_currency->setEditText(info ? QStringLiteral("%1 — %2").arg(m_reporting, QLatin1String(info->name)) : m_reporting);
    m_base->setText(m_reporting);
    const QString chosen = m_filter->currentData().toString();
    std::set<QString> codes;
    for (const ExchangeRate& rate : rates.value()) {
        codes.insert(rate.currency);
        codes.insert(rate.base);
    }
    m_filter->clear();
    m_filter->addItem(QStringLiteral("every currency"), QString());
    for (const QString& code : codes) {
        m_filter->addItem(code, code);
    }
    m_filter->setCurrentIndex(std::max(0, m_filter->findData(chosen)));
    fillTable(rates.value());
}

void RatesDialog::fillTable(const std::vector<ExchangeRate>& rates)
{
    const QString only = m_filter->currentData().toString();
    std::vector<const ExchangeRate*> rows;
    for (const ExchangeRate& rate : rates) {
        if (only.isEmpty() || rate.currency == only || rate.base == only) {
            rows.push_back(&rate);
        }
    }
    const bool newestOnly = only.isEmpty() && rows.size() > size_t(MaxRowsShown);
    if (newestOnly) {
        // By currency, base and date: the last of each pair is its newest.
        std::vector<const ExchangeRate*> newest;
        for (size_t i = 0; i < rows.size(); ++i) {
            if (i + 1 == rows.size() || rows[i + 1]->currency != rows[i]->currency
                || rows[i + 1]->base != rows[i]->base) {
                newest.push_back(rows[i]);
            }
        }
        rows = std::move(newest);
    }
    // The newest first.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const ExchangeRate* a, const ExchangeRate* b) { return a->date > b->date; });
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < int(rows.size()); ++row) {
        const ExchangeRate& rate = *rows[size_t(row)];
        const QStringList cells
            = {rate.date.toString(Qt::ISODate), rate.currency, formatRate(rate.numerator, rate.denominator), rate.base};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setData(Qt::UserRole, column == 0 ? QVariant(rate.date) : QVariant(cells[column]));
            if (column == 2) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnToContents(0);
    m_shown->setText(
        rates.empty() ? QStringLiteral("No rates yet: totals convert nothing but %1.").arg(m_reporting)
            : newestOnly
            ? QStringLiteral("the newest rate of each of %1 pairs; choose a currency for all").arg(rows.size())
            : QStringLiteral("%1 rate(s)").arg(rows.size()));
    m_remove->setEnabled(m_setRate->isEnabled() && !rows.empty());
}

void RatesDialog::pick(int row)
{
    if (row < 0 || m_table->item(row, 0) == nullptr) {
        return;
    }
    m_date->setDate(m_table->item(row, 0)->data(Qt::UserRole).toDate());
    m_code->setText(m_table->item(row, 1)->text());
    m_rate->setText(m_table->item(row, 2)->text());
    m_base->setText(m_table->item(row, 3)->text());
}

void RatesDialog::save(const QString& text, std::function<Result<RatesCommand::Done>()> action, const QString& said)
{
    // The step outlives the dialog on the window's stack: an undo after the
    // dialog closed is said where the window says its refusals.
    auto report = [self = QPointer<RatesDialog>(this), afterClosed = m_afterClosed](const Error& error) {
        if (self) {
            self->say(error.message, true);
        } else if (afterClosed) {
            afterClosed(error);
        }
    };
    const Result<RateService::RatesChange> outcome
        = DealCommand::push(m_undo, std::make_unique<RatesCommand>(m_service, report, text, std::move(action)));
    if (!outcome) {
        say(outcome.error().message, true);
        return;
    }
    say(outcome.value().empty() ? QStringLiteral("Nothing changed: that is what is stored.") : said);
}

void RatesDialog::setCurrency()
{
    const QString code = codeOf(m_currency->currentText());
    save(
        QStringLiteral("Set the reporting currency to %1").arg(shownText(code).left(40)),
        [this, code]() -> Result<RatesCommand::Done> {
            RateService::RatesChange change;
            change.reportingCurrency = code;
            Result<RateService::RatesChange> undo = m_service.rates().apply(change);
            if (!undo) {
                return undo.error();
            }
            if (undo.value().empty()) {
                return RatesCommand::Done {}; // the same as before: nothing to undo
            }
            Result<QString> now = m_service.rates().reportingCurrency();
            change.reportingCurrency = now ? now.value() : code.toUpper();
            return RatesCommand::Done {change, undo.value()};
        },
        QStringLiteral("Totals are now converted into %1.").arg(code.toUpper()));
}

void RatesDialog::setRate()
{
    const QString code = m_code->text().trimmed();
    const QDate date = m_date->date();
    Result<RateFraction> rate = parseRate(m_rate->text().trimmed());
    if (!rate) {
        say(rate.error().message, true);
        return;
    }
    const QString base = m_base->text();
    save(
        QStringLiteral("Set the rate of %1 of %2").arg(shownText(code).left(40), date.toString(Qt::ISODate)),
        [this, code, date, base, rate]() -> Result<RatesCommand::Done> {
            RateService::RatesChange change;
            change.rates.push_back({code, base, date, rate.value()});
            Result<RateService::RatesChange> undo = m_service.rates().apply(change);
            if (!undo) {
                return undo.error();
            }
            if (undo.value().empty()) {
                return RatesCommand::Done {};
            }
            change.rates.front().currency = undo.value().rates.front().currency;
            change.rates.front().base = undo.value().rates.front().base;
            return RatesCommand::Done {change, undo.value()};
        },
        QStringLiteral("From %1: 1 %2 = %3 %4.")
            .arg(date.toString(Qt::ISODate), code.toUpper(),
                 formatRate(rate.value().numerator, rate.value().denominator), base));
}

void RatesDialog::removeRate()
{
    const int row = m_table->currentRow();
    if (row < 0) {
        say(QStringLiteral("Choose the rate to remove in the table."), true);
        return;
    }
    const QDate date = m_table->item(row, 0)->data(Qt::UserRole).toDate();
    const QString code = m_table->item(row, 1)->text();
    const QString base = m_table->item(row, 3)->text();
    save(
        QStringLiteral("Remove the rate of %1 of %2").arg(code, date.toString(Qt::ISODate)),
        [this, code, base, date]() -> Result<RatesCommand::Done> {
            RateService::RatesChange change;
            change.rates.push_back({code, base, date, std::nullopt});
            Result<RateService::RatesChange> undo = m_service.rates().apply(change);
            if (!undo) {
                return undo.error();
            }
            return undo.value().empty() ? RatesCommand::Done {} : RatesCommand::Done {change, undo.value()};
        },
        QStringLiteral("The rate of %1 in %2 of %3 was removed.").arg(code, base, date.toString(Qt::ISODate)));
}

void RatesDialog::importFile()
{
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Import the ECB's exchange rates"),
                                                      QString(), QStringLiteral("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    auto counts = std::make_shared<RateService::RateImport>();
    save(
        QStringLiteral("Import the rates of %1").arg(shownText(QFileInfo(path).fileName()).left(60)),
        [this, path, counts]() -> Result<RatesCommand::Done> {
            Result<RateService::RateImport> done = m_service.rates().importRates(path);
            if (!done) {
                return done.error();
            }
            *counts = done.value();
            return RatesCommand::Done {done.value().applied, done.value().undo};
        },
        QString());
    if (m_message->property("refused").toBool()) {
        return;
    }
    QString said
        = QStringLiteral("Imported %1 rate(s), %2 of them new or changed.").arg(counts->read).arg(counts->changed);
    if (!counts->skipped.isEmpty()) {
        said += QStringLiteral(" Skipped: %1.").arg(counts->skipped.join(QStringLiteral(", ")));
    }
    say(said);
}

void RatesDialog::say(const QString& text, bool refused)
{
    m_message->setProperty("refused", refused);
    m_message->setStyleSheet(refused ? QStringLiteral("color: #b02a2a") : QString());
    m_message->setText(text);
}

} // namespace dealboard::gui

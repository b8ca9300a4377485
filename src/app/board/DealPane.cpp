#include "board/DealPane.h"

#include "board/EditConflict.h"
#include "common/Numbers.h"
#include "dealboard/Currency.h"
#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TextRules.h"

#include <QCheckBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

QString closeText(const QDate& date)
{
    return date.isValid() ? toStoredDate(date) : QString();
}

QString valueText(const Money& value)
{
    return value.minor > 0 ? Numbers::amountOnly(value.minor, value.currency) : QString();
}

} // namespace

DealPane::DealPane(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel)
    , m_title(new QLineEdit)
    , m_company(new QLineEdit)
    , m_contact(new QLineEdit)
    , m_email(new QLineEdit)
    , m_phone(new QLineEdit)
    , m_owner(new QLineEdit)
    , m_value(new QLineEdit)
    , m_currency(new QLineEdit)
    , m_close(new QLineEdit)
    , m_willing(new QCheckBox(QStringLiteral("Willing")))
    , m_need(new QCheckBox(QStringLiteral("Need")))
    , m_budget(new QCheckBox(QStringLiteral("Budget")))
    , m_problem(new QLabel)
    , m_conflict(new EditConflict)
    , m_note(new QPlainTextEdit)
    , m_addNote(new QPushButton(QStringLiteral("Add note")))
    , m_timeline(new QTextBrowser)
    , m_facts(new QWidget)
{
    setObjectName(QStringLiteral("dealDetails"));
    m_summary->setObjectName(QStringLiteral("detailsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_summary, &QLabel::linkActivated, this,
            [this](const QString& target) { Q_EMIT linkActivated(QUrl(target)); });

    const std::pair<QLineEdit*, const char*> names[] = {
        {m_title, "detailsTitle"}, {m_company, "detailsCompany"},   {m_contact, "detailsContact"},
        {m_email, "detailsEmail"}, {m_phone, "detailsPhone"},       {m_owner, "detailsOwner"},
        {m_value, "detailsValue"}, {m_currency, "detailsCurrency"}, {m_close, "detailsClose"},
    };
    for (const auto& [field, name] : names) {
        field->setObjectName(QString::fromLatin1(name));
        connect(field, &QLineEdit::editingFinished, this, [this, field = field] { commit(field); });
        // Esc in a field puts back what is stored, then a second Esc leaves.
        field->installEventFilter(this);
    }
    m_value->setPlaceholderText(QStringLiteral("0.00"));
    m_currency->setMaxLength(3);
    m_currency->setMaximumWidth(56);
    m_close->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_owner->setCompleter(new QCompleter(new QStringListModel(this), this));
    // Each box asks for its own fact only: a teammate's change of another stays.
    connect(m_willing, &QCheckBox::clicked, this,
            [this](bool checked) { commitQualification(&DealFields::willing, checked); });
    connect(m_need, &QCheckBox::clicked, this,
            [this](bool checked) { commitQualification(&DealFields::need, checked); });
    connect(m_budget, &QCheckBox::clicked, this,
            [this](bool checked) { commitQualification(&DealFields::budget, checked); });
    connect(m_conflict, &EditConflict::keepMine, this, [this] { resolveConflict(true); });
    connect(m_conflict, &EditConflict::takeTheirs, this, [this] { resolveConflict(false); });
    m_willing->setObjectName(QStringLiteral("detailsWilling"));
    m_need->setObjectName(QStringLiteral("detailsNeed"));
    m_budget->setObjectName(QStringLiteral("detailsBudget"));

    auto* form = new QFormLayout(m_facts);
    form->setContentsMargins(0, 0, 0, 0);
    form->setVerticalSpacing(3);
    form->addRow(QStringLiteral("Title"), m_title);
    form->addRow(QStringLiteral("Organization"), m_company);
    form->addRow(QStringLiteral("Contact"), m_contact);
    form->addRow(QStringLiteral("Email"), m_email);
    form->addRow(QStringLiteral("Phone"), m_phone);
    form->addRow(QStringLiteral("Owner"), m_owner);
    auto* money = new QHBoxLayout;
    money->addWidget(m_value, 1);
    money->addWidget(m_currency);
    form->addRow(QStringLiteral("Value"), money);
    form->addRow(QStringLiteral("Expected close"), m_close);
    auto* qualified = new QHBoxLayout;
    qualified->addWidget(m_willing);
    qualified->addWidget(m_need);
    qualified->addWidget(m_budget);
    qualified->addStretch();
    form->addRow(QStringLiteral("Qualified"), qualified);

    m_problem->setObjectName(QStringLiteral("detailsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse); // what was not saved, to be copied
    m_problem->hide();

    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(QStringLiteral("Write a note… (Ctrl+Enter adds it)"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 12);
    m_note->installEventFilter(this);
    m_addNote->setObjectName(QStringLiteral("addNoteButton"));
    m_addNote->setEnabled(false);
    connect(m_note, &QPlainTextEdit::textChanged, this,
            [this] { m_addNote->setEnabled(m_dealId > 0 && !m_note->toPlainText().trimmed().isEmpty()); });
    connect(m_addNote, &QPushButton::clicked, this, &DealPane::addNote);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_addNote, 0, Qt::AlignBottom);

    m_timeline->setObjectName(QStringLiteral("detailsTimeline"));
    m_timeline->setOpenLinks(false);
    connect(m_timeline, &QTextBrowser::anchorClicked, this, &DealPane::linkActivated);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_facts);
    layout->addWidget(m_conflict);
    layout->addWidget(m_problem);
    layout->addLayout(noteRow);
    layout->addWidget(m_timeline, 1);
    setMinimumWidth(280);
    showStory({}, {}, {}, {});
}

void DealPane::showStory(const DealStory& story, const QDateTime& now, const QStringList& owners, const QString& whyNot)
{
    // No deal after no deal is the same too: what was said about the last one stays.
    const bool sameDeal = (story.deal != nullptr ? story.deal->id : 0) == m_dealId;
    QString unsaved;
    if (!sameDeal) {
        unsaved = unsavedInput();
        m_gone.clear();
        m_problem->hide();
        m_conflict->hide();
        m_conflictField = nullptr;
        m_sentField = nullptr;
        m_sentFact = nullptr;
        m_note->clear();
    }
    m_dealId = story.deal ? story.deal->id : 0;
    m_summary->setText(dealSummaryHtml(story, now));
    m_facts->setVisible(story.deal != nullptr);
    if (story.deal != nullptr) {
        m_shown = *story.deal;
        m_changes = story.changes;
        for (QLineEdit* field :
             {m_title, m_company, m_contact, m_email, m_phone, m_owner, m_value, m_currency, m_close}) {
            // What the rep typed stays; it is compared with what changed when saved.
            if (!sameDeal || !field->isModified()) {
                const QString stored = storedText(field);
                field->setText(stored);
                field->setModified(false);
                field->setCursorPosition(0);
                m_startedFrom.insert(field, stored);
            }
        }
        if (m_conflictField != nullptr) {
            showConflict(m_conflictField); // theirs as it is now
        }
        m_willing->setChecked(m_shown.qualification.willing);
        m_need->setChecked(m_shown.qualification.need);
        m_budget->setChecked(m_shown.qualification.budget);
        if (auto* model = qobject_cast<QStringListModel*>(m_owner->completer()->model())) {
            model->setStringList(owners);
        }
    }
    const bool mayChange = story.deal != nullptr && whyNot.isEmpty();
    for (QWidget* field : m_facts->findChildren<QWidget*>()) {
        if (auto* edit = qobject_cast<QLineEdit*>(field)) {
            edit->setReadOnly(!mayChange);
        } else if (auto* box = qobject_cast<QCheckBox*>(field)) {
            box->setEnabled(mayChange);
        }
    }
    m_facts->setToolTip(mayChange ? QString() : whyNot);
    m_note->setEnabled(mayChange);
    m_note->setPlaceholderText(mayChange || story.deal == nullptr ? QStringLiteral("Write a note… (Ctrl+Enter adds it)")
                                                                  : whyNot);
    m_addNote->setEnabled(mayChange && !m_note->toPlainText().trimmed().isEmpty());
    m_timeline->setHtml(dealTimelineHtml(story, now, mayChange));
    if (!unsaved.isEmpty()) {
        showProblem(unsaved);
    }
}

QString DealPane::factName(const QLineEdit* field) const
{
    const std::pair<const QLineEdit*, const char*> names[] = {
        {m_title, "Title"}, {m_company, "Organization"}, {m_contact, "Contact"},
        {m_email, "Email"}, {m_phone, "Phone"},          {m_owner, "Owner"},
        {m_value, "Value"}, {m_currency, "Currency"},    {m_close, "Expected close"},
    };
    for (const auto& [shown, name] : names) {
        if (shown == field) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

QString DealPane::columnOf(const QLineEdit* field) const
{
    const std::pair<const QLineEdit*, const char*> columns[] = {
        {m_title, "title"},       {m_company, "organization_id"}, {m_contact, "person_id"},
        {m_email, "person_id"},   {m_phone, "person_id"},         {m_owner, "owner"},
        {m_value, "value_minor"}, {m_currency, "currency"},       {m_close, "expected_close"},
    };
    for (const auto& [shown, column] : columns) {
        if (shown == field) {
            return QString::fromLatin1(column);
        }
    }
    return {};
}

const QString* DealPane::storedFact(const QLineEdit* field) const
{
    const std::pair<const QLineEdit*, const QString*> texts[] = {
        {m_title, &m_shown.title}, {m_company, &m_shown.company}, {m_contact, &m_shown.contactName},
        {m_email, &m_shown.email}, {m_phone, &m_shown.phone},     {m_owner, &m_shown.owner},
    };
    for (const auto& [shown, text] : texts) {
        if (shown == field) {
            return text;
        }
    }
    return nullptr;
}

QString DealPane::meant(const QLineEdit* field) const
{
    const QString* stored = storedFact(field);
    return stored != nullptr ? TextRules::unshown(*stored, field->text()) : field->text();
}

QString DealPane::storedText(const QLineEdit* field) const
{
    if (field == m_value) {
        return valueText(m_shown.value);
    }
    if (field == m_currency) {
        return m_shown.value.currency;
    }
    if (field == m_close) {
        return closeText(m_shown.expectedClose);
    }
    const QString* stored = storedFact(field);
    return stored != nullptr ? TextRules::shown(*stored) : QString();
}

void DealPane::showProblem(const QString& text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void DealPane::focusFirstField()
{
    if (m_dealId == 0) {
        return;
    }
    if (m_title->isReadOnly()) {
        m_timeline->setFocus(Qt::OtherFocusReason);
    } else {
        m_title->setFocus(Qt::OtherFocusReason);
        m_title->selectAll();
    }
}

void DealPane::commit(QLineEdit* field)
{
    if (m_dealId == 0 || field->isReadOnly() || !field->isModified()) {
        return;
    }
    field->setModified(false);
    if (field->text() == storedText(field) && !changedMeanwhile(field)) {
        showProblem({}); // typed back to what is stored: nothing to save
        return;
    }
    const QString text = meant(field).trimmed();
    DealFields fields;
    QString problem;
    const std::optional<qsizetype> hidden
        = storedFact(field) != nullptr ? TextRules::forbiddenAt(text, false) : std::nullopt;
    if (hidden) {
        // A written-out character kept in an edit stands for the character
        // itself, which can't be saved: never its letters in its place.
        const QString code = TextRules::codePointAt(text, *hidden);
        problem = QStringLiteral("%1 still holds the invisible character %2 (shown as <%2>), which can't be saved. "
                                 "Delete <%2> to save your change, or press Esc to keep what is stored.")
                      .arg(factName(field), code);
    } else if (field == m_title) {
        if (text.isEmpty()) {
            problem = QStringLiteral("Every deal needs a title; the old one is kept.");
        } else if (text != m_shown.title) {
            fields.title = text;
        }
    } else if (field == m_company && text != m_shown.company) {
        fields.company = text;
    } else if (field == m_contact && text != m_shown.contactName) {
        fields.contactName = text;
    } else if (field == m_email && text != m_shown.email) {
        if (!text.isEmpty() && !text.contains(QLatin1Char('@'))) {
            problem = QStringLiteral("'%1' is not an email address (it has no '@'); the old one is kept.").arg(text);
        } else {
            fields.email = text;
        }
    } else if (field == m_phone && text != m_shown.phone) {
        fields.phone = text;
    } else if (field == m_owner && text != m_shown.owner) {
        fields.owner = text;
    } else if (field == m_value) {
        if (text.isEmpty()) {
            fields.valueMinor = 0;
        } else if (const Result<std::int64_t> parsed = Numbers::parseAmount(text, m_shown.value.currency)) {
            fields.valueMinor = parsed.value();
        } else {
            problem = parsed.error().message;
        }
        if (fields.valueMinor == m_shown.value.minor) {
            fields.valueMinor.reset();
        }
    } else if (field == m_currency) {
        const Result<QString> code = checkCurrency(text);
        if (!code && text.trimmed().toUpper() != m_shown.value.currency) {
            problem = code.error().message;
        } else if (code && code.value() != m_shown.value.currency) {
            fields.currency = code.value(); // the service keeps the amount: 1,500 EUR becomes 1,500 JPY
        }
    } else if (field == m_close) {
        const QDate date = text.isEmpty() ? QDate() : fromStoredDate(text);
        if (!text.isEmpty() && !date.isValid()) {
            problem = QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD, or leave it empty.").arg(text);
        } else if (date != m_shown.expectedClose) {
            fields.expectedClose = date;
        }
    }
    showProblem(problem);
    if (!problem.isEmpty()) {
        // Said, and kept to be mended (Esc puts back what is stored). Left
        // with Tab or a click, the keyboard goes where the rep sent it: never
        // pulled back, so it can't land in another deal's field.
        field->setModified(true);
        if (field->hasFocus()) {
            field->selectAll();
        }
        return;
    }
    if (fields.isEmpty()) {
        return;
    }
    if (changedMeanwhile(field)) {
        field->setModified(true); // nothing saved until the rep chooses
        showConflict(field);
        return;
    }
    if (m_conflictField == field) {
        m_conflictField = nullptr;
        m_conflict->hide();
    }
    m_sentField = field;
    m_sentText = field->text();
    m_sentFact = nullptr;
    Q_EMIT editRequested(m_dealId, fields, m_shown.version);
}

void DealPane::commitQualification(std::optional<bool> DealFields::*fact, bool checked)
{
    if (m_dealId == 0) {
        return;
    }
    DealFields fields;
    fields.*fact = checked;
    showProblem({});
    m_sentField = nullptr;
    m_sentFact = fact;
    m_sentChecked = checked;
    Q_EMIT editRequested(m_dealId, fields, m_shown.version);
}

void DealPane::addNote()
{
    const QString text = m_note->toPlainText();
    if (m_dealId == 0 || text.trimmed().isEmpty()) {
        return;
    }
    showProblem({});
    Q_EMIT noteRequested(m_dealId, text);
}

void DealPane::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT backToBoard();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool DealPane::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_note && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
        && (key->modifiers() & Qt::ControlModifier)) {
        addNote();
        return true;
    }
    if (key->key() == Qt::Key_Escape) {
        if (auto* field = qobject_cast<QLineEdit*>(watched); field && field->isModified()) {
            // Put back what is stored; nothing is asked of the service.
            field->setModified(false);
            field->setText(storedText(field));
            m_startedFrom.insert(field, field->text());
            showProblem({});
            if (m_conflictField == field) {
                m_conflictField = nullptr; // theirs taken: the pane may go on to the deal selected meanwhile
                m_conflict->hide();
                Q_EMIT choiceMade();
            }
            return true;
        }
        Q_EMIT backToBoard();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace dealboard::gui

#include "CliApp.h"

#include "CliSupport.h"
#include "dealboard/AppPaths.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/DealCsv.h"
#include "dealboard/Logging.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TransitionEngine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <spdlog/spdlog.h>

namespace dealboard::cli {

namespace {

const char* const HelpText = R"(Usage: dealboard-cli [--db PATH] [--verbose] COMMAND [ARGS...]

DealBoard's pipeline, headless. Without --db the pipeline in your data folder is used
(the same file the board opens).

Commands:
  init                                  create (or migrate) the database
  add --title T [deal options] [--stage SLUG]
                                        add a deal; prints its id
  edit ID [deal options]                change a deal's facts
  qualify ID [--willing yes|no] [--need yes|no] [--budget yes|no]
  move ID STAGE [--actor NAME]          move a deal to another stage
  win ID                                close a deal in Closing as won
  lose ID --reason TEXT                 mark a deal lost, with the reason
  reopen ID                             reopen a lost deal in its stage
  delete ID                             delete a deal and its history
  list [--stage S] [--owner O] [--status open|won|lost|all] [--format table|csv|json]
  show ID [--format text|json]
  export deals --out FILE|- [--bom] [--stage S] [--owner O] [--status ...]
  import deals FILE [--dry-run]         import deals from CSV, all or nothing
  report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--owner O] [--mode reached|strict]
         [--format table|csv|json]     conversion funnel, time in stage, losses, goals
  export report --out FILE|- [report filters] [--bom]
  goal STAGE [--conversion 0.25|none] [--median-days 14|none]
                                        set or clear a stage's goal
  followup ID [--title T] [--value V]   a cross-sell/up-sell deal for a won deal's
                                        organization and person; prints its id
  org add --name N [org options]        add an organization; prints its id
  org edit ID [org options] | org list [--search S] [--tag T] [--format ...] | org show ID
  person add --name N [person options]  add a person; prints their id
  person edit ID [person options] | person list [--search S] [--tag T] [--format ...] | person show ID
  activity add --deal ID --subject S [--type call|email|meeting|task] [--due YYYY-MM-DD]
         [--time HH:MM] [--person ID] [--notes T] [--done] [--anyway]
                                        plan (or, with --done, log) an activity; prints its id
  activity done ID [--next-subject S --next-type T --next-due D --next-time HH:MM] [--anyway]
                                        mark it done and plan the next one
  activity list [--deal ID] [--person ID] [--open] [--overdue] [--format table|csv|json]
  segment list | segment set TAG --min-days N|none | segment default --min-days N
                                        minimum days between touches of one person
  attention [--format table|json]       over-contacted people and neglected open deals
  export organizations|people|activities --out FILE|- [--bom]
  import people FILE [--dry-run]        import people from CSV, all or nothing
  seed --deals N [--seed S]             add a deterministic sample pipeline
  check                                 integrity check and pipeline invariants
  backup --out FILE                     a consistent copy (a new file), while others work on
  restore FILE                          put a backup in place of the pipeline, all or nothing;
                                        the pipeline must be closed everywhere, and what it
                                        held is kept beside it first

Deal options: --title T --company C --contact NAME --email E --phone P --owner O
  --value 1234.50 --currency EUR --close-date YYYY-MM-DD (empty clears it)
  --willing --need --budget (add only; use qualify to change them)
Every command that changes a deal accepts --actor NAME (for the history) and
--expect-version N (refused as stale when the deal changed since version N).

Org options: --name --industry --size --region --website --notes --tags "a, b"
Person options: --name --email --phone --role --org NAME --notes --tags "a, b"
A call, email or meeting too soon after another touch of the same person is
refused (exit 3) with when the last touch was; --anyway saves it all the same.

Stages: prospecting qualifying contacting relationship negotiation closing retention

Exit codes: 0 done; 1 wrong usage; 2 bad input or data (unknown deal, stale
version, unreadable file); 3 refused by the pipeline's rules (each unmet rule
is named on stderr; a touch too soon is refused the same way).
Environment: DEALBOARD_NOW=2026-01-31T12:00:00Z fixes the clock (for scripts and tests).
)";

} // namespace

QString visible(const QString& text)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = (u < 0x20 && u != u'\n') || (u >= 0x7f && u <= 0x9f);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        if (control || bidi) {
            // JSON's own escape form, so JSON output stays valid JSON.
            shown += QStringLiteral("\\u%1").arg(static_cast<int>(u), 4, 16, QLatin1Char('0'));
        } else {
            shown += c;
        }
    }
    return shown;
}

void printOut(const QString& text)
{
    const QByteArray bytes = visible(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void printErr(const QString& text)
{
    const QByteArray bytes = visible(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
}

namespace {

const OptionSpec DealOptions = {
    {QStringLiteral("title"), true}, {QStringLiteral("company"), true},        {QStringLiteral("contact"), true},
    {QStringLiteral("email"), true}, {QStringLiteral("phone"), true},          {QStringLiteral("owner"), true},
    {QStringLiteral("value"), true}, {QStringLiteral("currency"), true},       {QStringLiteral("close-date"), true},
    {QStringLiteral("actor"), true}, {QStringLiteral("expect-version"), true},
};

} // namespace

OptionSpec withGlobals(OptionSpec spec)
{
    spec.insert(QStringLiteral("db"), true);
    spec.insert(QStringLiteral("verbose"), false);
    return spec;
}

namespace {

OptionSpec changeOptions()
{
    return {{QStringLiteral("actor"), true}, {QStringLiteral("expect-version"), true}};
}

} // namespace

std::optional<bool> parseYesNo(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == u"yes" || lower == u"y" || lower == u"true" || lower == u"1") {
        return true;
    }
    if (lower == u"no" || lower == u"n" || lower == u"false" || lower == u"0") {
        return false;
    }
    return std::nullopt;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

namespace {

QJsonObject dealJson(const Deal& deal, const QDateTime& now)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(deal.id);
    object[QStringLiteral("title")] = deal.title;
    object[QStringLiteral("company")] = deal.company;
    object[QStringLiteral("contact")] = deal.contactName;
    object[QStringLiteral("email")] = deal.email;
    object[QStringLiteral("phone")] = deal.phone;
    object[QStringLiteral("owner")] = deal.owner;
    object[QStringLiteral("stage")] = stageSlug(deal.stage);
    object[QStringLiteral("status")] = statusSlug(deal.status);
    object[QStringLiteral("value")] = formatDecimal(deal.value.minor);
    object[QStringLiteral("value_minor")] = qint64(deal.value.minor);
    object[QStringLiteral("currency")] = deal.value.currency;
    object[QStringLiteral("expected_close")]
        = deal.expectedClose.isValid() ? QJsonValue(toStoredDate(deal.expectedClose)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("willing")] = deal.qualification.willing;
    object[QStringLiteral("need")] = deal.qualification.need;
    object[QStringLiteral("budget")] = deal.qualification.budget;
    object[QStringLiteral("lost_reason")] = deal.lostReason;
    object[QStringLiteral("created_at")] = toStoredTime(deal.createdAt);
    object[QStringLiteral("updated_at")] = toStoredTime(deal.updatedAt);
    object[QStringLiteral("stage_entered_at")] = toStoredTime(deal.stageEnteredAt);
    object[QStringLiteral("days_in_stage")] = deal.daysInStage(now);
    object[QStringLiteral("version")] = qint64(deal.version);
    auto link = [](std::int64_t id) { return id > 0 ? QJsonValue(qint64(id)) : QJsonValue(QJsonValue::Null); };
    object[QStringLiteral("organization_id")] = link(deal.organizationId);
    object[QStringLiteral("person_id")] = link(deal.personId);
    object[QStringLiteral("origin_deal_id")] = link(deal.originDealId);
    if (deal.nextActivity) {
        QJsonObject next;
        next[QStringLiteral("id")] = qint64(deal.nextActivity->id);
        next[QStringLiteral("type")] = activityKindSlug(deal.nextActivity->kind);
        next[QStringLiteral("subject")] = deal.nextActivity->subject;
        next[QStringLiteral("due_date")] = toStoredDate(deal.nextActivity->dueDate);
        next[QStringLiteral("due_time")] = deal.nextActivity->dueTime.isValid()
            ? QJsonValue(deal.nextActivity->dueTime.toString(QStringLiteral("HH:mm")))
            : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("next_activity")] = next;
    } else {
        object[QStringLiteral("next_activity")] = QJsonValue(QJsonValue::Null);
    }
    return object;
}

} // namespace

QString elide(const QString& text, qsizetype width)
{
    return text.size() <= width ? text : text.left(width - 1) + QChar(0x2026);
}

QString table(const QStringList& header, const std::vector<QStringList>& rawRows, const QSet<int>& rightAligned)
{
    // Escaped first, so the columns line up with what the terminal shows.
    std::vector<QStringList> rows;
    rows.reserve(rawRows.size());
    for (const QStringList& raw : rawRows) {
        QStringList& row = rows.emplace_back();
        for (const QString& cell : raw) {
            row << visible(cell);
        }
    }
    std::vector<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c) {
        widths[c] = header[c].size();
    }
    for (const QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const int width = static_cast<int>(widths[c]);
            text += rightAligned.contains(static_cast<int>(c)) ? cells[c].rightJustified(width)
                                                               : cells[c].leftJustified(width);
            text += c + 1 < cells.size() ? QStringLiteral("  ") : QString();
        }
        return text.trimmed().isEmpty() ? text : text.remove(QRegularExpression(QStringLiteral("\\s+$")));
    };
    QString text = line(header) + QLatin1Char('\n');
    for (const QStringList& row : rows) {
        text += line(row) + QLatin1Char('\n');
    }
    return text;
}

int CliApp::usage(const QString& fault) const
{
    printErr(QStringLiteral("dealboard-cli: %1\nRun 'dealboard-cli --help' for the commands and their options.\n")
                 .arg(fault));
    return ExitUsage;
}

int CliApp::fail(const Error& error) const
{
    printErr(QStringLiteral("dealboard-cli: %1\n").arg(error.message));
    if (error.code == ErrorCode::RefusedByRules) {
        for (Requirement requirement : error.unmet) {
            printErr(
                QStringLiteral("  unmet: %1 (%2)\n").arg(requirementCode(requirement), requirementText(requirement)));
        }
        return ExitRefused;
    }
    if (error.code == ErrorCode::TooFrequent) {
        return ExitRefused;
    }
    return ExitBadInput;
}

int CliApp::run(const QStringList& arguments)
{
    const int code = runCommand(arguments);
    // Buffered output may fail only now (a full disk, a closed descriptor):
    // a script must never read success when nothing reached it.
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (!flushed || std::ferror(stdout) != 0) {
        const int why = errno;
        spdlog::error("Writing to standard output failed: {}", std::strerror(why));
        printErr(QStringLiteral("dealboard-cli: couldn't write to standard output (%1); the output is incomplete.\n")
                     .arg(QString::fromLocal8Bit(std::strerror(why != 0 ? why : EIO))));
        return code == ExitDone ? ExitBadInput : code;
    }
    return code;
}

int CliApp::runCommand(const QStringList& arguments)
{
    // Global options stand before the command; commands accept them too.
    QStringList rest = arguments;
    bool verbose = false;
    while (!rest.isEmpty() && rest.front().startsWith(QLatin1String("-"))) {
        const QString option = rest.takeFirst();
        if (option == u"--help" || option == u"-h") {
            printOut(QString::fromUtf8(HelpText));
            return ExitDone;
        }
        if (option == u"--version") {
            printOut(QStringLiteral("dealboard-cli %1\n").arg(QStringLiteral(DEALBOARD_VERSION)));
            return ExitDone;
        }
        if (option == u"--verbose") {
            verbose = true;
        } else if (option == u"--db") {
            if (rest.isEmpty()) {
                return usage(QStringLiteral("--db needs a path"));
            }
            m_databasePath = rest.takeFirst();
            m_databaseNamed = true;
        } else if (option.startsWith(QLatin1String("--db="))) {
            m_databasePath = option.mid(5);
            m_databaseNamed = true;
        } else {
            return usage(QStringLiteral("unknown option %1").arg(option));
        }
    }
    if (rest.isEmpty()) {
        return usage(QStringLiteral("no command given"));
    }
    const QString command = rest.takeFirst();
    // Late global options: pull --db and --verbose out of the command's own arguments.
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == u"--verbose") {
            verbose = true;
            rest.removeAt(i--);
        } else if (rest[i] == u"--db" && i + 1 < rest.size()) {
            m_databasePath = rest[i + 1];
            m_databaseNamed = true;
            rest.remove(i, 2);
            --i;
        } else if (rest[i] == u"--") {
            break;
        }
    }

    initLogging(QStringLiteral("dealboard-cli"), verbose, AppPaths::logFile());

    const QByteArray fixedNow = qgetenv("DEALBOARD_NOW");
    if (!fixedNow.isEmpty()) {
        const QDateTime now = parseIsoTime(QString::fromUtf8(fixedNow));
        if (!now.isValid()) {
            printErr(QStringLiteral("dealboard-cli: DEALBOARD_NOW='%1' is not an ISO-8601 time such as "
                                    "2026-01-31T12:00:00Z.\n")
                         .arg(QString::fromUtf8(fixedNow)));
            return ExitBadInput;
        }
        m_clock = std::make_shared<FixedClock>(now);
    } else {
        m_clock = std::make_shared<SystemClock>();
    }
    if (m_databaseNamed && m_databasePath.isEmpty()) {
        // An unset variable in a script must not write to the user's own pipeline.
        return usage(QStringLiteral("--db was given an empty path. Name the pipeline file, or leave --db out "
                                    "for the pipeline in your data folder"));
    }
    if (m_databasePath.isEmpty()) {
        m_databasePath = AppPaths::defaultDatabase();
    }

    using Handler = int (CliApp::*)(const QStringList&);
    const QHash<QString, Handler> handlers = {
        {QStringLiteral("init"), &CliApp::cmdInit},
        {QStringLiteral("add"), &CliApp::cmdAdd},
        {QStringLiteral("edit"), &CliApp::cmdEdit},
        {QStringLiteral("qualify"), &CliApp::cmdQualify},
        {QStringLiteral("move"), &CliApp::cmdMove},
        {QStringLiteral("delete"), &CliApp::cmdDelete},
        {QStringLiteral("list"), &CliApp::cmdList},
        {QStringLiteral("show"), &CliApp::cmdShow},
        {QStringLiteral("export"), &CliApp::cmdExport},
        {QStringLiteral("seed"), &CliApp::cmdSeed},
        {QStringLiteral("check"), &CliApp::cmdCheck},
        {QStringLiteral("backup"), &CliApp::cmdBackup},
        {QStringLiteral("restore"), &CliApp::cmdRestore},
        {QStringLiteral("report"), &CliApp::cmdReport},
        {QStringLiteral("import"), &CliApp::cmdImport},
        {QStringLiteral("goal"), &CliApp::cmdGoal},
        {QStringLiteral("org"), &CliApp::cmdOrg},
        {QStringLiteral("person"), &CliApp::cmdPerson},
        {QStringLiteral("activity"), &CliApp::cmdActivity},
        {QStringLiteral("segment"), &CliApp::cmdSegment},
        {QStringLiteral("attention"), &CliApp::cmdAttention},
        {QStringLiteral("followup"), &CliApp::cmdFollowup},
    };
    if (command == u"win" || command == u"lose" || command == u"reopen") {
        return cmdStatusChange(command, rest);
    }
    const auto handler = handlers.constFind(command);
    if (handler == handlers.constEnd()) {
        return usage(QStringLiteral("unknown command '%1'").arg(command));
    }
    spdlog::debug("Running '{}' on {}", command.toStdString(), m_databasePath.toStdString());
    return (this->*handler.value())(rest);
}

bool CliApp::openService()
{
    Result<std::unique_ptr<DealStore>> store = DealStore::open(m_databasePath);
    if (!store) {
        fail(store.error());
        return false;
    }
    const QString shown = QDir::toNativeSeparators(store.value()->path());
    store.value()->setWaitObserver([shown] {
        printErr(
            QStringLiteral("dealboard-cli: waiting for another DealBoard to finish writing to '%1'…\n").arg(shown));
    });
    m_service = std::make_unique<PipelineService>(std::move(store.value()), m_clock);
    return true;
}

int CliApp::writeOutput(const QString& out, const std::function<bool(QIODevice*)>& write)
{
    if (out == u"-") {
        if (PipelineFiles::standardOutputIsOwnFile(m_databasePath)) {
            return fail(makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("Standard output is the open pipeline's own file; writing there "
                                                 "would destroy it. Redirect the output to another file.")));
        }
        QFile stream;
        if (!stream.open(stdout, QIODevice::WriteOnly) || !write(&stream)) {
            return fail(makeError(ErrorCode::Storage, QStringLiteral("Couldn't write to standard output.")));
        }
        return ExitDone;
    }
    if (Result<void> saved = PipelineFiles::saveAtomically(out, m_databasePath, write); !saved) {
        return fail(saved.error());
    }
    return ExitDone;
}

std::optional<CommandLine> CliApp::parseTable(const QStringList& args, const OptionSpec& spec, int& code)
{
    QString fault;
    std::optional<CommandLine> line = CommandLine::parse(args, withGlobals(spec), fault);
    if (!line) {
        code = usage(fault);
        return std::nullopt;
    }
    if (!line->positionals().isEmpty()) {
        code = usage(QStringLiteral("unexpected argument '%1'").arg(line->positionals().front()));
        return std::nullopt;
    }
    const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    if (format != u"table" && format != u"csv" && format != u"json") {
        code = usage(QStringLiteral("unknown format '%1' (use table, csv or json)").arg(format));
        return std::nullopt;
    }
    return line;
}

std::optional<CliApp::DealAction> CliApp::parseDealAction(const QStringList& args, const OptionSpec& spec,
                                                          qsizetype positionals, const QString& shape, int& code)
{
    QString fault;
    std::optional<CommandLine> line = CommandLine::parse(args, withGlobals(spec), fault);
    if (!line) {
        code = usage(fault);
        return std::nullopt;
    }
    if (line->positionals().size() != positionals) {
        code = usage(shape);
        return std::nullopt;
    }
    const std::optional<DealId> id = parseId(line->positionals().front());
    if (!id) {
        code = usage(QStringLiteral("'%1' is not a deal id").arg(line->positionals().front()));
        return std::nullopt;
    }
    const std::optional<ActionOptions> options = actionOptions(*line);
    if (!options) {
        code = usage(QStringLiteral("--expect-version needs a whole number"));
        return std::nullopt;
    }
    return DealAction {std::move(*line), *id, *options};
}

std::optional<DealId> CliApp::parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        return std::nullopt;
    }
    return id;
}

std::optional<ActionOptions> CliApp::actionOptions(const CommandLine& line)
{
    ActionOptions options;
    options.actor = line.value(QStringLiteral("actor")).value_or(QString::fromLocal8Bit(qgetenv("USER")));
    if (const auto version = line.value(QStringLiteral("expect-version"))) {
        bool ok = false;
        options.expectedVersion = version->toLongLong(&ok);
        if (!ok) {
            return std::nullopt;
        }
    }
    return options;
}

std::optional<DealFields> CliApp::dealFields(const CommandLine& line, int& exitCode)
{
    DealFields fields;
    const std::pair<const char*, std::optional<QString> DealFields::*> texts[] = {
        {"title", &DealFields::title}, {"company", &DealFields::company}, {"contact", &DealFields::contactName},
        {"email", &DealFields::email}, {"phone", &DealFields::phone},     {"owner", &DealFields::owner},
    };
    for (const auto& [name, member] : texts) {
        if (auto value = line.value(QString::fromLatin1(name))) {
            fields.*member = *value;
        }
    }
    if (auto value = line.value(QStringLiteral("value"))) {
        Result<std::int64_t> minor = parseDecimal(value->trimmed());
        if (!minor) {
            exitCode = fail(minor.error());
            return std::nullopt;
        }
        fields.valueMinor = minor.value();
    }
    if (auto currency = line.value(QStringLiteral("currency"))) {
        fields.currency = currency->trimmed().toUpper();
    }
    if (auto date = line.value(QStringLiteral("close-date"))) {
        if (date->trimmed().isEmpty()) {
            fields.expectedClose = QDate();
        } else {
            const QDate parsed = fromStoredDate(date->trimmed());
            if (!parsed.isValid()) {
                exitCode = fail(makeError(ErrorCode::InvalidInput,
                                          QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD.").arg(*date)));
                return std::nullopt;
            }
            fields.expectedClose = parsed;
        }
    }
    for (const char* name : {"willing", "need", "budget"}) {
        if (line.flag(QString::fromLatin1(name))) {
            const QString key = QString::fromLatin1(name);
            (key == u"willing" ? fields.willing : key == u"need" ? fields.need : fields.budget) = true;
        }
    }
    return fields;
}

std::optional<DealFilter> CliApp::dealFilter(const CommandLine& line, bool allowStage)
{
    DealFilter filter;
    if (allowStage) {
        if (auto stage = line.value(QStringLiteral("stage"))) {
            filter.stage = stageFromSlug(stage->trimmed().toLower());
            if (!filter.stage) {
                usage(QStringLiteral("unknown stage '%1'").arg(*stage));
                return std::nullopt;
            }
        }
    }
    filter.owner = line.value(QStringLiteral("owner")).value_or(QString());
    const QString status = line.value(QStringLiteral("status")).value_or(QStringLiteral("all")).trimmed().toLower();
    if (status != u"all") {
        const std::optional<DealStatus> parsed = statusFromSlug(status);
        if (!parsed) {
            usage(QStringLiteral("unknown status '%1' (use open, won, lost or all)").arg(status));
            return std::nullopt;
        }
        filter.statuses = {*parsed};
    }
    return filter;
}

int CliApp::cmdInit(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals({}), fault);
    if (!line) {
        return usage(fault);
    }
    if (!line->positionals().isEmpty()) {
        return usage(QStringLiteral("init takes no arguments"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    printOut(QStringLiteral("Pipeline database ready: %1\n").arg(m_service->store().path()));
    return ExitDone;
}

int CliApp::cmdAdd(const QStringList& args)
{
    OptionSpec spec = DealOptions;
    spec.insert(QStringLiteral("stage"), true);
    for (const char* name : {"willing", "need", "budget"}) {
        spec.insert(QString::fromLatin1(name), false);
    }
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals(spec), fault);
    if (!line) {
        return usage(fault);
    }
    if (!line->positionals().isEmpty()) {
        return usage(QStringLiteral("unexpected argument '%1'").arg(line->positionals().front()));
    }
    if (!line->has(QStringLiteral("title"))) {
        return usage(QStringLiteral("add needs --title"));
    }
    Stage stage = Stage::Prospecting;
    if (auto slug = line->value(QStringLiteral("stage"))) {
        const auto parsed = stageFromSlug(slug->trimmed().toLower());
        if (!parsed) {
            return usage(QStringLiteral("unknown stage '%1'").arg(*slug));
        }
        stage = *parsed;
    }
    int exitCode = ExitDone;
    const auto fields = dealFields(*line, exitCode);
    if (!fields) {
        return exitCode;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<Deal> created = m_service->createDeal(
        *fields, stage, line->value(QStringLiteral("actor")).value_or(QString::fromLocal8Bit(qgetenv("USER"))));
    if (!created) {
        return fail(created.error());
    }
    printOut(QStringLiteral("%1\n").arg(created.value().id));
    return ExitDone;
}

int CliApp::cmdEdit(const QStringList& args)
{
    int code = ExitDone;
    const auto action = parseDealAction(args, DealOptions, 1, QStringLiteral("edit needs exactly one deal id"), code);
    if (!action) {
        return code;
    }
    int exitCode = ExitDone;
    const auto fields = dealFields(action->line, exitCode);
    if (!fields) {
        return exitCode;
    }
    if (fields->isEmpty()) {
        return usage(QStringLiteral("edit needs at least one field to change, such as --value 1200"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<Deal> edited = m_service->editDeal(action->id, *fields, action->options);
    if (!edited) {
        return fail(edited.error());
    }
    printOut(QStringLiteral("Saved '%1' (version %2).\n").arg(edited.value().title).arg(edited.value().version));
    return ExitDone;
}

int CliApp::cmdQualify(const QStringList& args)
{
    OptionSpec spec = changeOptions();
    for (const char* name : {"willing", "need", "budget"}) {
        spec.insert(QString::fromLatin1(name), true);
    }
    int code = ExitDone;
    const auto action = parseDealAction(args, spec, 1, QStringLiteral("qualify needs exactly one deal id"), code);
    if (!action) {
        return code;
    }
    DealFields fields;
    for (const char* name : {"willing", "need", "budget"}) {
        const QString key = QString::fromLatin1(name);
        if (auto value = action->line.value(key)) {
            const auto parsed = parseYesNo(*value);
            if (!parsed) {
                return usage(QStringLiteral("--%1 takes yes or no, not '%2'").arg(key, *value));
            }
            (key == u"willing" ? fields.willing : key == u"need" ? fields.need : fields.budget) = *parsed;
        }
    }
    if (fields.isEmpty()) {
        return usage(QStringLiteral("qualify needs at least one of --willing, --need, --budget (yes or no)"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<Deal> edited = m_service->editDeal(action->id, fields, action->options);
    if (!edited) {
        return fail(edited.error());
    }
    const Qualification& q = edited.value().qualification;
    printOut(QStringLiteral("'%1': willing %2, need %3, budget %4.\n")
                 .arg(edited.value().title, yesNo(q.willing), yesNo(q.need), yesNo(q.budget)));
    return ExitDone;
}

int CliApp::cmdMove(const QStringList& args)
{
    int code = ExitDone;
    const auto action
        = parseDealAction(args, changeOptions(), 2,
                          QStringLiteral("move needs a deal id and a stage, such as: move 12 contacting"), code);
    if (!action) {
        return code;
    }
    const auto stage = stageFromSlug(action->line.positionals().at(1).trimmed().toLower());
    if (!stage) {
        return usage(QStringLiteral("unknown stage '%1'").arg(action->line.positionals().at(1)));
    }
    const auto options = actionOptions(action->line);
    if (!options) {
        return usage(QStringLiteral("--expect-version needs a whole number"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<MoveOutcome> moved = m_service->moveDeal(action->id, *stage, action->options);
    if (!moved) {
        return fail(moved.error());
    }
    const Deal& deal = moved.value().deal;
    if (!moved.value().changed) {
        printOut(QStringLiteral("'%1' is already in %2.\n").arg(deal.title, stageName(deal.stage)));
    } else if (deal.status == DealStatus::Won) {
        printOut(QStringLiteral("Moved '%1' to %2: the deal is won.\n").arg(deal.title, stageName(deal.stage)));
    } else {
        printOut(QStringLiteral("Moved '%1' to %2.\n").arg(deal.title, stageName(deal.stage)));
    }
    return ExitDone;
}

int CliApp::cmdStatusChange(const QString& command, const QStringList& args)
{
    OptionSpec spec = changeOptions();
    if (command == u"lose") {
        spec.insert(QStringLiteral("reason"), true);
    }
    int code = ExitDone;
    const auto action
        = parseDealAction(args, spec, 1, QStringLiteral("%1 needs exactly one deal id").arg(command), code);
    if (!action) {
        return code;
    }
    if (command == u"lose" && !action->line.has(QStringLiteral("reason"))) {
        return usage(QStringLiteral("lose needs --reason, such as --reason \"chose a competitor\""));
    }
    const auto options = actionOptions(action->line);
    if (!options) {
        return usage(QStringLiteral("--expect-version needs a whole number"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<MoveOutcome> outcome = command == u"win" ? m_service->winDeal(action->id, action->options)
        : command == u"lose"
        ? m_service->loseDeal(action->id, *action->line.value(QStringLiteral("reason")), action->options)
        : m_service->reopenDeal(action->id, action->options);
    if (!outcome) {
        return fail(outcome.error());
    }
    const Deal& deal = outcome.value().deal;
    if (!outcome.value().changed) {
        printOut(QStringLiteral("'%1' is already %2; nothing changed.\n").arg(deal.title, statusSlug(deal.status)));
    } else {
        printOut(
            QStringLiteral("'%1' is now %2 in %3.\n").arg(deal.title, statusSlug(deal.status), stageName(deal.stage)));
    }
    return ExitDone;
}

int CliApp::cmdDelete(const QStringList& args)
{
    int code = ExitDone;
    const auto action
        = parseDealAction(args, changeOptions(), 1, QStringLiteral("delete needs exactly one deal id"), code);
    if (!action) {
        return code;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<DeletedDeal> deleted = m_service->deleteDeal(action->id, action->options);
    if (!deleted) {
        return fail(deleted.error());
    }
    printOut(QStringLiteral("Deleted '%1'.\n").arg(deleted.value().deal.title));
    return ExitDone;
}

int CliApp::cmdList(const QStringList& args)
{
    const OptionSpec spec = {{QStringLiteral("stage"), true},
                             {QStringLiteral("owner"), true},
                             {QStringLiteral("status"), true},
                             {QStringLiteral("format"), true}};
    int code = ExitDone;
    const auto line = parseTable(args, spec, code);
    if (!line) {
        return code;
    }
    const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    const auto filter = dealFilter(*line, true);
    if (!filter) {
        return ExitUsage;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<std::vector<Deal>> deals = m_service->deals(*filter);
    if (!deals) {
        return fail(deals.error());
    }
    const QDateTime now = m_service->now();
    if (format == u"csv") {
        return writeOutput(QStringLiteral("-"),
                           [&](QIODevice* device) { return DealCsv::write(device, deals.value(), now, false); });
    }
    if (format == u"json") {
        QJsonArray array;
        for (const Deal& deal : deals.value()) {
            array.append(dealJson(deal, now));
        }
        printOut(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitDone;
    }
    std::vector<QStringList> rows;
    rows.reserve(deals.value().size());
    for (const Deal& deal : deals.value()) {
        rows.push_back({QString::number(deal.id), elide(deal.title, 44), elide(deal.company, 24), deal.owner,
                        stageSlug(deal.stage), statusSlug(deal.status), formatForPeople(deal.value),
                        toStoredDate(deal.expectedClose)});
    }
    printOut(
        table({QStringLiteral("ID"), QStringLiteral("TITLE"), QStringLiteral("COMPANY"), QStringLiteral("OWNER"),
               QStringLiteral("STAGE"), QStringLiteral("STATUS"), QStringLiteral("VALUE"), QStringLiteral("CLOSE")},
              rows, {0, 6}));
    printOut(QStringLiteral("%1 deal(s)\n").arg(deals.value().size()));
    return ExitDone;
}

int CliApp::cmdShow(const QStringList& args)
{
    int code = ExitDone;
    const auto action = parseDealAction(args, {{QStringLiteral("format"), true}}, 1,
                                        QStringLiteral("show needs exactly one deal id"), code);
    if (!action) {
        return code;
    }
    const QString format = action->line.value(QStringLiteral("format")).value_or(QStringLiteral("text"));
    if (format != u"text" && format != u"json") {
        return usage(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<Deal> deal = m_service->deal(action->id);
    if (!deal) {
        return fail(deal.error());
    }
    Result<std::vector<HistoryEntry>> history = m_service->history(action->id);
    if (!history) {
        return fail(history.error());
    }
    const QDateTime now = m_service->now();
    if (format == u"json") {
        QJsonObject object = dealJson(deal.value(), now);
        QJsonArray rows;
        for (const HistoryEntry& entry : history.value()) {
            QJsonObject row;
            row[QStringLiteral("from")] = entry.fromStage ? QJsonValue(stageSlug(*entry.fromStage)) : QJsonValue::Null;
            row[QStringLiteral("to")] = stageSlug(entry.toStage);
            row[QStringLiteral("from_status")]
                = entry.fromStatus ? QJsonValue(statusSlug(*entry.fromStatus)) : QJsonValue::Null;
            row[QStringLiteral("to_status")] = statusSlug(entry.toStatus);
            row[QStringLiteral("at")] = toStoredTime(entry.at);
            row[QStringLiteral("actor")] = entry.actor;
            rows.append(row);
        }
        object[QStringLiteral("history")] = rows;
        printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return ExitDone;
    }
    const Deal& d = deal.value();
    QString text;
    text += QStringLiteral("Deal %1: %2\n").arg(d.id).arg(d.title);
    auto field = [&text](const char* name, const QString& value) {
        text += QStringLiteral("  %1 %2\n")
                    .arg(QString::fromLatin1(name).leftJustified(15), value.isEmpty() ? QStringLiteral("-") : value);
    };
    field("Company:", d.company);
    field("Contact:", d.contactName);
    field("Email:", d.email);
    field("Phone:", d.phone);
    field("Owner:", d.owner);
    field("Stage:", QStringLiteral("%1 (%2 days)").arg(stageName(d.stage)).arg(d.daysInStage(now)));
    field("Status:", statusSlug(d.status) + (d.lostReason.isEmpty() ? QString() : QStringLiteral(": ") + d.lostReason));
    field("Value:", formatForPeople(d.value));
    field("Expected close:", toStoredDate(d.expectedClose));
    field("Qualification:",
          QStringLiteral("willing %1, need %2, budget %3")
              .arg(yesNo(d.qualification.willing), yesNo(d.qualification.need), yesNo(d.qualification.budget)));
    if (d.originDealId > 0) {
        field("Follow-up of:", QStringLiteral("deal %1").arg(d.originDealId));
    }
    field("Next activity:",
          d.nextActivity ? QStringLiteral("%1 %2 \"%3\"")
                               .arg(toStoredDate(d.nextActivity->dueDate), activityKindSlug(d.nextActivity->kind),
                                    d.nextActivity->subject)
                         : QStringLiteral("none planned"));
    field("Version:", QString::number(d.version));
    text += QStringLiteral("History:\n");
    for (const HistoryEntry& entry : history.value()) {
        QString change;
        if (!entry.fromStage) {
            change = QStringLiteral("created in %1").arg(stageName(entry.toStage));
        } else if (entry.fromStage != entry.toStage) {
            change = QStringLiteral("%1 -> %2").arg(stageName(*entry.fromStage), stageName(entry.toStage));
        } else {
            change = QStringLiteral("%1 -> %2 in %3")
                         .arg(statusSlug(entry.fromStatus.value_or(DealStatus::Open)), statusSlug(entry.toStatus),
                              stageName(entry.toStage));
        }
        if (entry.fromStage && entry.fromStage != entry.toStage && entry.toStatus != entry.fromStatus) {
            change += QStringLiteral(" (%1)").arg(statusSlug(entry.toStatus));
        }
        text += QStringLiteral("  %1  %2%3\n")
                    .arg(toStoredTime(entry.at), change,
                         entry.actor.isEmpty() ? QString() : QStringLiteral("  by %1").arg(entry.actor));
    }
    printOut(text);
    return ExitDone;
}

int CliApp::cmdExport(const QStringList& args)
{
    if (!args.isEmpty() && args.front() == u"report") {
        const OptionSpec spec
            = {{QStringLiteral("out"), true}, {QStringLiteral("bom"), false},  {QStringLiteral("from"), true},
               {QStringLiteral("to"), true},  {QStringLiteral("owner"), true}, {QStringLiteral("mode"), true}};
        QString fault;
        const auto line = CommandLine::parse(args.mid(1), withGlobals(spec), fault);
        if (!line) {
            return usage(fault);
        }
        if (!line->positionals().isEmpty()) {
            return usage(QStringLiteral("unexpected argument '%1'").arg(line->positionals().front()));
        }
        return exportReport(*line);
    }
    const OptionSpec spec = {{QStringLiteral("out"), true},
                             {QStringLiteral("bom"), false},
                             {QStringLiteral("stage"), true},
                             {QStringLiteral("owner"), true},
                             {QStringLiteral("status"), true}};
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals(spec), fault);
    if (!line) {
        return usage(fault);
    }
    const QString what = line->positionals().value(0);
    if (line->positionals().size() == 1 && (what == u"organizations" || what == u"people" || what == u"activities")) {
        return exportContacts(what, *line);
    }
    if (line->positionals() != QStringList {QStringLiteral("deals")}) {
        return usage(QStringLiteral("export needs what to export: deals, report, organizations, people or "
                                    "activities, then --out FILE"));
    }
    const auto out = line->value(QStringLiteral("out"));
    if (!out || out->isEmpty()) {
        return usage(QStringLiteral("export needs --out FILE (or --out - for standard output)"));
    }
    const auto filter = dealFilter(*line, true);
    if (!filter) {
        return ExitUsage;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    const bool bom = line->flag(QStringLiteral("bom"));
    const QDateTime now = m_service->now();
    // Streamed from the database: a whole pipeline is never held in memory.
    std::optional<Error> failure;
    int exported = 0;
    const int code = writeOutput(*out, [&](QIODevice* device) {
        Result<int> written = DealCsv::stream(m_service->store(), *filter, device, now, bom);
        if (!written) {
            failure = written.error();
            return false;
        }
        exported = written.value();
        return true;
    });
    if (failure && failure->code != ErrorCode::Storage) {
        return fail(*failure);
    }
    if (code != ExitDone || *out == u"-") {
        return code;
    }
    spdlog::info("Exported {} deals to {}", exported, out->toStdString());
    printErr(QStringLiteral("Exported %1 deal(s) to %2\n").arg(exported).arg(*out));
    return ExitDone;
}

int CliApp::cmdImport(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(
        args, withGlobals({{QStringLiteral("dry-run"), false}, {QStringLiteral("actor"), true}}), fault);
    if (!line) {
        return usage(fault);
    }
    if (line->positionals().size() == 2 && line->positionals().front() == u"people") {
        return importPeople(*line);
    }
    if (line->positionals().size() != 2 || line->positionals().front() != u"deals") {
        return usage(QStringLiteral("import needs what and from where: import deals FILE, or import people FILE"));
    }
    const QString path = line->positionals().at(1);
    if (Result<void> readable = PipelineFiles::checkInput(path, m_databasePath); !readable) {
        return fail(readable.error());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    const bool dryRun = line->flag(QStringLiteral("dry-run"));
    Result<ImportPlan> plan = m_service->importDeals(
        &file, dryRun, line->value(QStringLiteral("actor")).value_or(QString::fromLocal8Bit(qgetenv("USER"))));
    if (!plan) {
        return fail(plan.error());
    }
    QStringList perStage;
    for (Stage stage : AllStages) {
        if (plan.value().perStage[stageIndex(stage)] > 0) {
            perStage << QStringLiteral("%1 %2").arg(plan.value().perStage[stageIndex(stage)]).arg(stageSlug(stage));
        }
    }
    printOut(QStringLiteral("%1 %2 deal(s)%3\n")
                 .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                 .arg(plan.value().count)
                 .arg(perStage.isEmpty() ? QString() : QStringLiteral(": ") + perStage.join(QStringLiteral(", "))));
    if (!plan.value().ignoredColumns.isEmpty()) {
        printOut(QStringLiteral("Ignored unknown column(s): %1\n")
                     .arg(plan.value().ignoredColumns.join(QStringLiteral(", "))));
    }
    return ExitDone;
}

std::optional<ReportFilter> CliApp::reportFilter(const CommandLine& line)
{
    ReportFilter filter;
    for (const char* name : {"from", "to"}) {
        if (const auto text = line.value(QString::fromLatin1(name))) {
            const QDate date = fromStoredDate(text->trimmed());
            if (!date.isValid()) {
                usage(QStringLiteral("--%1 needs a date as YYYY-MM-DD, not '%2'").arg(QLatin1String(name), *text));
                return std::nullopt;
            }
            (std::strcmp(name, "from") == 0 ? filter.from : filter.to) = date;
        }
    }
    filter.owner = line.value(QStringLiteral("owner")).value_or(QString());
    if (const auto mode = line.value(QStringLiteral("mode"))) {
        const auto parsed = countingModeFromSlug(mode->trimmed().toLower());
        if (!parsed) {
            usage(QStringLiteral("unknown mode '%1' (use reached or strict)").arg(*mode));
            return std::nullopt;
        }
        filter.mode = *parsed;
    }
    return filter;
}

int CliApp::cmdReport(const QStringList& args)
{
    const OptionSpec spec = {{QStringLiteral("from"), true},
                             {QStringLiteral("to"), true},
                             {QStringLiteral("owner"), true},
                             {QStringLiteral("mode"), true},
                             {QStringLiteral("format"), true}};
    int code = ExitDone;
    const auto line = parseTable(args, spec, code);
    if (!line) {
        return code;
    }
    const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    const auto filter = reportFilter(*line);
    if (!filter) {
        return ExitUsage;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<PipelineReport> report = m_service->report(*filter);
    if (!report) {
        return fail(report.error());
    }
    if (format == u"json") {
        printOut(QString::fromUtf8(PipelineReportFormat::json(report.value())));
    } else if (format == u"csv") {
        return writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
            return PipelineReportFormat::writeCsv(device, report.value(), false);
        });
    } else {
        printOut(PipelineReportFormat::table(report.value()));
    }
    return ExitDone;
}

int CliApp::exportReport(const CommandLine& line)
{
    const auto out = line.value(QStringLiteral("out"));
    if (!out || out->isEmpty()) {
        return usage(QStringLiteral("export report needs --out FILE (or --out - for standard output)"));
    }
    const auto filter = reportFilter(line);
    if (!filter) {
        return ExitUsage;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<PipelineReport> report = m_service->report(*filter);
    if (!report) {
        return fail(report.error());
    }
    const bool bom = line.flag(QStringLiteral("bom"));
    if (const int code = writeOutput(
            *out, [&](QIODevice* device) { return PipelineReportFormat::writeCsv(device, report.value(), bom); });
        code != ExitDone || *out == u"-") {
        return code;
    }
    spdlog::info("Exported the report to {}", out->toStdString());
    printErr(QStringLiteral("Exported the report (%1 deals) to %2\n").arg(report.value().deals).arg(*out));
    return ExitDone;
}

int CliApp::cmdGoal(const QStringList& args)
{
    const OptionSpec spec = {{QStringLiteral("conversion"), true}, {QStringLiteral("median-days"), true}};
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals(spec), fault);
    if (!line) {
        return usage(fault);
    }
    if (line->positionals().size() != 1) {
        return usage(QStringLiteral("goal needs a stage, such as: goal qualifying --conversion 0.4 --median-days 10"));
    }
    const auto stage = stageFromSlug(line->positionals().front().trimmed().toLower());
    if (!stage) {
        return usage(QStringLiteral("unknown stage '%1'").arg(line->positionals().front()));
    }
    if (!line->has(QStringLiteral("conversion")) && !line->has(QStringLiteral("median-days"))) {
        return usage(QStringLiteral("goal needs --conversion and/or --median-days (a number, or none to clear)"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<StageGoals> goals = m_service->stageGoals();
    if (!goals) {
        return fail(goals.error());
    }
    StageGoal goal = goals.value()[stageIndex(*stage)];
    if (const auto text = line->value(QStringLiteral("conversion"))) {
        if (text->trimmed() == u"none") {
            goal.targetConversion.reset();
        } else {
            bool ok = false;
            const double value = text->trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(value)) {
                return fail(makeError(ErrorCode::InvalidInput,
                                      QStringLiteral("'%1' is not a share; write 0.25 for 25 %, or none.").arg(*text)));
            }
            goal.targetConversion = value;
        }
    }
    if (const auto text = line->value(QStringLiteral("median-days"))) {
        if (text->trimmed() == u"none") {
            goal.targetMedianDays.reset();
        } else {
            bool ok = false;
            const int value = text->trimmed().toInt(&ok);
            if (!ok) {
                return fail(makeError(ErrorCode::InvalidInput,
                                      QStringLiteral("'%1' is not a whole number of days, or none.").arg(*text)));
            }
            goal.targetMedianDays = value;
        }
    }
    if (Result<void> saved = m_service->setStageGoal(*stage, goal); !saved) {
        return fail(saved.error());
    }
    printOut(
        QStringLiteral("Goal for %1: conversion to next %2, median days %3.\n")
            .arg(stageName(*stage),
                 goal.targetConversion ? PipelineReportFormat::rate(goal.targetConversion) : QStringLiteral("none"),
                 goal.targetMedianDays ? QString::number(*goal.targetMedianDays) : QStringLiteral("none")));
    return ExitDone;
}

int CliApp::cmdSeed(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(
        args, withGlobals({{QStringLiteral("deals"), true}, {QStringLiteral("seed"), true}}), fault);
    if (!line) {
        return usage(fault);
    }
    if (!line->positionals().isEmpty()) {
        return usage(QStringLiteral("unexpected argument '%1'").arg(line->positionals().front()));
    }
    bool ok = false;
    const int count = line->value(QStringLiteral("deals")).value_or(QString()).toInt(&ok);
    if (!ok) {
        return usage(QStringLiteral("seed needs --deals N, a whole number"));
    }
    quint64 seed = 1;
    if (auto text = line->value(QStringLiteral("seed"))) {
        seed = text->toULongLong(&ok);
        if (!ok) {
            return usage(QStringLiteral("--seed needs a whole number"));
        }
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<int> seeded = m_service->seedSample(count, seed);
    if (!seeded) {
        return fail(seeded.error());
    }
    printOut(QStringLiteral("Added %1 sample deal(s) to %2\n").arg(seeded.value()).arg(m_service->store().path()));
    return ExitDone;
}

int CliApp::cmdCheck(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals({}), fault);
    if (!line) {
        return usage(fault);
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<CheckReport> report = m_service->check();
    if (!report) {
        return fail(report.error());
    }
    if (!report.value().faults.isEmpty()) {
        for (const QString& faultLine : report.value().faults) {
            printErr(faultLine + QLatin1Char('\n'));
        }
        printErr(QStringLiteral("%1 fault(s) in %2 deal(s).\n")
                     .arg(report.value().faults.size())
                     .arg(report.value().dealsChecked));
        return ExitBadInput;
    }
    printOut(QStringLiteral("OK: %1 deal(s) checked, no faults.\n").arg(report.value().dealsChecked));
    return ExitDone;
}

} // namespace dealboard::cli

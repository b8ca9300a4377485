#include "dealboard/DealImport.h"

#include "ImportReading.h"
#include "dealboard/CsvReader.h"
#include "dealboard/TextRules.h"

#include <QBuffer>
#include <QCryptographicHash>

namespace dealboard {

qsizetype DealImport::characterCount(const QString& text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate())) {
            ++count;
        }
    }
    return count;
}

QString DealImport::forbiddenIn(const QString& cell, bool lines)
{
    const std::optional<qsizetype> at = TextRules::forbiddenAt(cell, lines);
    if (!at) {
        return {};
    }
    const char16_t c = cell.at(*at).unicode();
    const QString what = c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029
        ? QStringLiteral("a line break; the field is one line, so remove it")
        : QStringLiteral("an invisible or control character; remove it");
    return QStringLiteral("%1 at character %2, %3").arg(TextRules::codePointAt(cell, *at)).arg(*at + 1).arg(what);
}

QString DealImport::unguard(const QString& cell)
{
    // Exactly one leading ' comes off, whatever follows: the exporter adds one
    // before =, +, -, @, tab, CR and ' itself.
    return cell.startsWith(u'\'') ? cell.mid(1) : cell;
}

namespace {

// Reads the whole device; the plan lists the faults found.
Result<ImportPlan> readAll(QIODevice* device, const ImportOptions& options, const QDateTime& now, const QString& actor,
                           const std::function<Result<void>(ImportedDeal&)>& take)
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    CsvStream stream(device, &digest);
    ImportReading reading(options, now, actor);
    QStringList row;
    int line = 0;
    Result<bool> first = stream.next(row, line);
    if (!first) {
        return first.error();
    }
    if (!first.value()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The file is empty; it needs at least a header row."));
    }
    for (QString& name : row) {
        name = name.trimmed();
    }
    if (std::optional<Error> refused = reading.header(row, stream.delimiter())) {
        return *refused;
    }
    for (;;) {
        Result<bool> read = stream.next(row, line);
        if (!read) {
            return read.error();
        }
        if (!read.value()) {
            break;
        }
        std::optional<ImportedDeal> imported = reading.row(row, line);
        // Only while the file is sound so far: a refused file hands over nothing more.
        if (imported && reading.plan.faultCount == 0 && take) {
            if (Result<void> taken = take(*imported); !taken) {
                return taken.error();
            }
        }
    }
    reading.plan.digest = digest.result();
    return std::move(reading.plan);
}

} // namespace

Result<ImportPlan> DealImport::plan(const QByteArray& bytes, const QDateTime& now, const QString& actor,
                                    const ImportOptions& options)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    std::vector<ImportedDeal> deals;
    Result<ImportPlan> planned = scan(&buffer, options, now, actor, [&deals](ImportedDeal& imported) -> Result<void> {
        deals.push_back(std::move(imported));
        return {};
    });
    if (planned) {
        planned.value().deals = std::move(deals);
    }
    return planned;
}

namespace {

// A stage map naming a stage the file never uses is likely misspelt: refused,
// with the stages the file does use, rather than quietly left out.
Result<ImportPlan> unusedMapping(ImportPlan& plan, const ImportOptions& options)
{
    QStringList unused;
    for (const auto& [theirs, target] : options.stageMap) {
        const QString key = ImportPresets::stageKey(theirs);
        const bool met = std::any_of(plan.stages.begin(), plan.stages.end(), [&key](const StageUse& use) {
            return ImportPresets::stageKey(use.theirs) == key;
        });
        if (!met && !unused.contains(theirs)) {
            unused << QStringLiteral("'%1'").arg(theirs);
        }
    }
    if (unused.isEmpty()) {
        return std::move(plan);
    }
    QStringList used;
    for (const StageUse& use : plan.stages) {
        used << QStringLiteral("'%1'").arg(use.theirs);
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("The file was not imported; nothing was changed. --stage-map names %1, a stage "
                                    "the file never uses; check the spelling. Its stages are: %2.")
                         .arg(unused.join(QStringLiteral(", ")),
                              used.isEmpty() ? QStringLiteral("none") : used.join(QStringLiteral(", "))));
}

} // namespace

Result<ImportPlan> DealImport::scan(QIODevice* device, const ImportOptions& options, const QDateTime& now,
                                    const QString& actor, const std::function<Result<void>(ImportedDeal&)>& take)
{
    Result<ImportPlan> read = readAll(device, options, now, actor, take);
    if (!read) {
        return read;
    }
    if (read.value().faultCount == 0) {
        return unusedMapping(read.value(), options);
    }
    const ImportPlan& plan = read.value();
    QString message = QStringLiteral("The file was not imported; nothing was changed. %1 fault(s)%2:\n")
                          .arg(plan.faultCount)
                          .arg(plan.faultCount > MaxFaultsListed ? QStringLiteral(", the first %1").arg(MaxFaultsListed)
                                                                 : QString());
    message += plan.faults.join(QLatin1Char('\n'));
    QStringList unmatched;
    int more = 0;
    for (const StageUse& use : plan.stages) {
        if (use.target) {
            continue;
        }
        if (unmatched.size() < MaxFaultsListed) {
            unmatched << QStringLiteral("'%1' (%2 deal(s))").arg(use.theirs).arg(use.deals);
        } else {
            ++more;
        }
    }
    if (!unmatched.isEmpty()) {
        message += QStringLiteral("\nTheir stages with no match here: %1%2.")
                       .arg(unmatched.join(QStringLiteral(", ")),
                            more > 0 ? QStringLiteral(" and %1 more").arg(more) : QString());
    }
    return makeError(ErrorCode::InvalidInput, message);
}

Result<ImportPlan> DealImport::inspect(QIODevice* device, const ImportOptions& options, const QDateTime& now)
{
    return readAll(device, options, now, QString(), {});
}

Result<QStringList> DealImport::header(QIODevice* device)
{
    if (!device->seek(0)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Couldn't read the file: %1.").arg(device->errorString()));
    }
    CsvStream stream(device);
    QStringList names;
    int line = 0;
    Result<bool> first = stream.next(names, line);
    device->seek(0);
    if (!first) {
        return first.error();
    }
    return names;
}

} // namespace dealboard

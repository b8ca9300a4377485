// dealboard-cli person import FILE.vcf and person export --format vcard.
#include "PersonVCard.h"

#include "../CommandLine.h"
#include "../Context.h"
#include "../Output.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/VCard.h"

#include <QFile>
#include <spdlog/spdlog.h>

namespace dealboard::cli {

namespace {

// An address book beyond this is no address book; it is refused before it is read.
constexpr qint64 MaxVCardBytes = 256LL * 1024 * 1024;

} // namespace

CommandForm personImportForm()
{
    return {QStringLiteral("import FILE.vcf [--dry-run]"),
            QStringLiteral("import people from vCard (2.1, 3.0, 4.0), all or nothing"),
            {{QStringLiteral("dry-run"), QString(), QStringLiteral("check the whole file and say what would change")}}};
}

CommandForm personExportForm()
{
    return {QStringLiteral("export --format vcard --out FILE|-"),
            QStringLiteral("write every person as a vCard 4.0"),
            {{QStringLiteral("format"), QStringLiteral("vcard"), QStringLiteral("the file's format")},
             {QStringLiteral("out"), QStringLiteral("FILE|-"),
              QStringLiteral("the .vcf file, or - for standard "
                             "output")}}};
}

Prepared importPeopleFromVCard(Context& context, const CommandLine& line)
{
    if (line.positionals().size() != 1) {
        return context.usage(QStringLiteral("person import needs one file: person import FILE.vcf"));
    }
    const QString path = line.positionals().front();
    if (Result<void> readable = PipelineFiles::checkInput(path, context.databasePath()); !readable) {
        return context.fail(readable.error());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return context.fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
    }
    if (file.size() > MaxVCardBytes) {
        return context.fail(makeError(ErrorCode::InvalidInput,
                                      QStringLiteral("'%1' is larger than 256 MB; split the address book into "
                                                     "smaller files.")
                                          .arg(path)));
    }
    const QByteArray bytes = file.readAll();
    const bool dryRun = line.flag(QStringLiteral("dry-run"));
    return [&context, path, bytes, dryRun](Pipeline& pipeline) -> int {
        Result<PeopleImport> imported = pipeline.contacts().importVCards(bytes, dryRun);
        if (!imported) {
            return context.fail(imported.error());
        }
        printOut(QStringLiteral("%1 %2 new and %3 known person(s) from %4%5\n")
                     .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                     .arg(imported.value().created)
                     .arg(imported.value().updated)
                     .arg(path)
                     .arg(imported.value().unchanged > 0
                              ? QStringLiteral("; %1 already as in the file").arg(imported.value().unchanged)
                              : QString()));
        printLinkedContacts(imported.value().linked, dryRun);
        return ExitDone;
    };
}

Prepared exportPeopleAsVCard(Context& context, const CommandLine& line)
{
    if (!line.positionals().isEmpty()) {
        return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
    }
    if (line.value(QStringLiteral("format")) != QStringLiteral("vcard")) {
        return context.usage(QStringLiteral("person export needs --format vcard (lists go through person list "
                                            "--format csv|json)"));
    }
    const auto out = line.value(QStringLiteral("out"));
    if (!out || out->isEmpty()) {
        return context.usage(QStringLiteral("person export needs --out FILE.vcf (or --out - for standard output)"));
    }
    return [&context, out = *out](Pipeline& pipeline) -> int {
        Result<std::vector<Person>> people = pipeline.contacts().people();
        if (!people) {
            return context.fail(people.error());
        }
        const QString source = pipeline.reads().path();
        if (const int code
            = context.writeOutput(out, [&](QIODevice* device) { return VCard::write(device, people.value(), source); });
            code != ExitDone || out == u"-") {
            return code;
        }
        spdlog::info("Exported {} people as vCard to {}", people.value().size(), out.toStdString());
        printErr(QStringLiteral("Exported %1 person(s) to %2\n").arg(people.value().size()).arg(out));
        return ExitDone;
    };
}

} // namespace dealboard::cli

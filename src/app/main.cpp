#include "MainWindow.h"
#include "board/BoardModel.h"
#include "common/ConnectDialog.h"
#include "common/ErrorHints.h"
#include "common/Keyring.h"
#include "common/RunningBoard.h"
#include "dealboard/Allocator.h"
#include "dealboard/AppPaths.h"
#include "dealboard/Logging.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/ServerTrust.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/PipelineOpener.h"
#include "deals/MissingFactsDialog.h"
#include "reports/ReportsView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMessageBox>
#include <QPainter>
#include <QTabWidget>
#include <QTextStream>
#include <cstdio>
#include <cstring>
#include <spdlog/spdlog.h>

using namespace dealboard;

namespace {

// The most memory this process has held so far (VmHWM), in MB; 0 where the
// system does not say.
long peakMemoryMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
        }
    }
    return 0;
}

bool wantsOffscreen(int argc, char* argv[])
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")) {
        return false;
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--screenshot", 12) == 0 || std::strcmp(argv[i], "--quit-after-load") == 0) {
            return true;
        }
        // Telling the version or the options shows no window: no display needed.
        for (const char* text : {"--version", "-v", "--help", "-h", "--help-all", "-?"}) {
            if (std::strcmp(argv[i], text) == 0) {
                return true;
            }
        }
    }
    return false;
}

void fail(const QString& message, bool interactive)
{
    std::fprintf(stderr, "dealboard: %s\n", message.toUtf8().constData());
    if (interactive) {
        QMessageBox box(QMessageBox::Critical, QStringLiteral("DealBoard"), message, QMessageBox::Ok);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

// Renders the missing-facts form for a refused move over the board, for docs/.
bool saveRefusalPicture(gui::MainWindow& window, Pipeline& service, const QString& spec, const QString& file)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    const bool known = parts.size() == 2 && stageFromSlug(parts[1]).has_value();
    const Stage target = known ? stageFromSlug(parts[1]).value_or(Stage::Prospecting) : Stage::Prospecting;
    Result<Deal> deal = service.deals().get(parts.value(0).toLongLong());
    if (!known || !deal) {
        fail(QStringLiteral("--screenshot-refusal needs DEAL_ID:STAGE of an existing deal, such as 12:contacting"),
             false);
        return false;
    }
    Result<StageRules> rules = service.reports().stageRules();
    const TransitionVerdict verdict
        = TransitionEngine::check(deal.value(), target, rules ? rules.value() : StageRules::builtIn());
    if (verdict.allowed()) {
        fail(QStringLiteral("That move is allowed; pick one the rules refuse."), false);
        return false;
    }
    window.selectDeal(deal.value().id);
    gui::MissingFactsDialog dialog(deal.value(), target, verdict.unmet, service.now().date(), &window);
    dialog.show();
    dialog.adjustSize();
    QApplication::processEvents();
    QPixmap picture = window.grab();
    {
        QPainter painter(&picture);
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 60));
        const QPixmap form = dialog.grab();
        const QPoint at((picture.width() - form.width()) / 2, (picture.height() - form.height()) / 3);
        painter.fillRect(QRect(at, form.size()).adjusted(-1, -1, 1, 1), QColor(0x80, 0x80, 0x80));
        painter.drawPixmap(at, form);
    }
    return picture.save(file);
}

// Opens the pipeline at `path`. A server's password comes from standard input
// when `passwordFromInput` (a board started by another board's Connect
// dialog, through a pipe), else from PGPASSWORD (cleared at once so that no
// later process inherits it), else from the keyring, else libpq's ~/.pgpass;
// when the server still refuses, the Connect dialog asks, naming why, until it
// lets the rep in or they cancel. `path` then names the server the dialog
// connected to.
Result<std::unique_ptr<Pipeline>> openPipeline(QString& path, bool interactive, bool passwordFromInput)
{
    const auto clock = std::make_shared<SystemClock>();
    if (PipelineLocation(path).isFile()) {
        return PipelineOpener::open(PipelineLocation(path), clock);
    }
    if (passwordFromInput) {
        // One line, read once, as the CLI's --password-stdin.
        QTextStream input(stdin);
        setServerPassword(input.readLine());
    } else if (const QByteArray given = qgetenv("PGPASSWORD"); !given.isEmpty()) {
        setServerPassword(QString::fromUtf8(given));
        qunsetenv("PGPASSWORD");
    } else if (interactive) {
        if (const std::optional<QString> kept = gui::Keyring::password(path)) {
            setServerPassword(*kept);
        }
    }
    if (interactive) {
        // A server other than this machine, seen for the first time: its
        // certificate's fingerprint is shown before any password goes to it.
        ServerTrust::setFirstUse([](const ServerAddress& server, const QString& fingerprint) {
            return QMessageBox::question(
                       nullptr, QStringLiteral("A server not seen before"),
                       QStringLiteral("DealBoard has not connected to %1 before, so it can't tell that it is the "
                                      "server you mean.\n\nThe SHA-256 fingerprint of its TLS certificate is\n%2\n\n"
                                      "Compare it with the one the server's admin gives you. Trust this server?")
                           .arg(ServerTrust::nameOf(server), fingerprint))
                == QMessageBox::Yes;
        });
    }
    Result<std::unique_ptr<Pipeline>> store = PipelineOpener::open(PipelineLocation(path), clock);
    while (!store && interactive) {
        gui::ConnectDialog dialog(path);
        dialog.showProblem(gui::withHint(store.error()));
        if (dialog.exec() != QDialog::Accepted) {
            return store;
        }
        path = dialog.url();
        if (dialog.rememberPassword()) {
            gui::Keyring::keep(path, dialog.password());
        }
        setServerPassword(dialog.password());
        store = PipelineOpener::open(PipelineLocation(path), clock);
    }
    return store;
}

} // namespace

int main(int argc, char* argv[])
{
    dealboard::tuneAllocator();
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (wantsOffscreen(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    AppPaths::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("DealBoard"));
    QApplication::setDesktopFileName(QStringLiteral("org.dealboard.DealBoard"));
    QApplication::setApplicationVersion(QStringLiteral(DEALBOARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("DealBoard: your sales pipeline on a kanban board."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The pipeline to open (as --db does)."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The pipeline database to open."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a picture of the loaded board, then quit."),
                                              QStringLiteral("FILE.png"));
    const QCommandLineOption refusalOption(
        QStringLiteral("screenshot-refusal"),
        QStringLiteral("With --screenshot: show the missing-facts form for moving DEAL_ID to STAGE."),
        QStringLiteral("DEAL_ID:STAGE"));
    const QCommandLineOption detailsOption(
        QStringLiteral("screenshot-details"),
        QStringLiteral("With --screenshot: select DEAL_ID and show its details pane."), QStringLiteral("DEAL_ID"));
    const QCommandLineOption quitOption(
        QStringLiteral("quit-after-load"),
        QStringLiteral("Print the milliseconds from start to a painted board, then quit."));
    const QCommandLineOption viewOption(QStringLiteral("view"), QStringLiteral("Open on one tab."),
                                        QStringLiteral("board|organizations|people|attention|reports|forecast|quotas"),
                                        QStringLiteral("board"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), QStringLiteral("Log debug messages."));
    const QCommandLineOption passwordOption(
        QStringLiteral("password-stdin"),
        QStringLiteral("Read the server's password from the first line of standard input."));
    parser.addOptions({dbOption, screenshotOption, refusalOption, detailsOption, quitOption, viewOption, verboseOption,
                       passwordOption});
    parser.process(app);

    initLogging(QStringLiteral("dealboard"), parser.isSet(verboseOption), AppPaths::logFile());
    const bool interactive = !parser.isSet(screenshotOption) && !parser.isSet(quitOption);
    // A file named on the command line (a double-click on a pipeline, the
    // desktop entry's %f) or --db; not both, and at most one.
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1 || (files.size() == 1 && parser.isSet(dbOption))) {
        fail(QStringLiteral("Name one pipeline: either FILE or --db PATH."), interactive);
        return 1;
    }
    QString path = !files.isEmpty() ? files.front()
        : parser.isSet(dbOption)    ? parser.value(dbOption)
                                    : AppPaths::defaultDatabase();

    // A board already open on this pipeline comes forward instead.
    if (interactive && gui::RunningBoard::raiseExisting(path)) {
        std::printf("DealBoard: '%s' is already open; its board was brought forward.\n", path.toUtf8().constData());
        return 0;
    }

    Result<std::unique_ptr<Pipeline>> opened = openPipeline(path, interactive, parser.isSet(passwordOption));
    if (!opened) {
        fail(gui::withHint(opened.error()), interactive);
        return 2;
    }
    Pipeline& service = *opened.value();
    gui::MainWindow window(service);
    if (Result<void> loaded = window.load(true); !loaded) {
        fail(loaded.error().message, interactive);
        return 2;
    }
    if (const TeamSession& team = service.reads().team(); team.isTeam) {
        // The team's pipeline names the server and who is signed in.
        window.setWindowTitle(
            QStringLiteral("%1 · %2 (%3) — DealBoard").arg(service.reads().path(), team.user, team.roleName()));
    } else {
        window.setWindowFilePath(path);
    }
    const QStringList views = {QStringLiteral("board"),     QStringLiteral("organizations"), QStringLiteral("people"),
                               QStringLiteral("attention"), QStringLiteral("reports"),       QStringLiteral("forecast"),
                               QStringLiteral("quotas")};
    // The tab the rep left open, unless --view names one (pictures and timings
    // always start from the one --view names, the board by default).
    if (parser.isSet(viewOption) || !interactive) {
        window.tabs()->setCurrentIndex(std::max(0, static_cast<int>(views.indexOf(parser.value(viewOption)))));
    }
    window.show();
    spdlog::info("Opened {} with {} deals", path.toStdString(), window.board().dealCount());

    if (parser.isSet(quitOption) || parser.isSet(screenshotOption)) {
        QApplication::processEvents();
        window.repaint();
        const qint64 painted = sinceStart.elapsed();
        const long paintedPeak = peakMemoryMb();
        if (parser.isSet(screenshotOption)) {
            const QString file = parser.value(screenshotOption);
            if (parser.isSet(detailsOption)) {
                const DealId id = parser.value(detailsOption).toLongLong();
                if (!window.board().deal(id).has_value()) {
                    fail(QStringLiteral("--screenshot-details needs the id of a deal on the board"), false);
                    return 2;
                }
                window.openDetails(id);
                QApplication::processEvents();
            }
            if (Result<void> writable = PipelineFiles::checkOutput(file, path); !writable) {
                fail(writable.error().message, false);
                return 2;
            }
            const bool saved = parser.isSet(refusalOption)
                ? saveRefusalPicture(window, service, parser.value(refusalOption), file)
                : window.grab().save(file);
            if (!saved) {
                fail(QStringLiteral("Couldn't save the picture to '%1'.").arg(file), false);
                return 2;
            }
        }
        if (parser.isSet(quitOption)) {
            // Then wait for the rest of the pipeline, as a rep's search would.
            if (window.board().isLoading()) {
                QEventLoop wait;
                QObject::connect(&window.board(), &gui::BoardModel::loadFinished, &wait, &QEventLoop::quit);
                wait.exec();
            }
            const qint64 allRead = sinceStart.elapsed();
            std::printf("Board painted in %lld ms with %d deals (peak memory %ld MB); all of them read in %lld ms "
                        "(peak memory %ld MB)\n",
                        static_cast<long long>(painted), window.board().totalDeals(), paintedPeak,
                        static_cast<long long>(allRead), peakMemoryMb());
        }
        return 0;
    }
    gui::RunningBoard runningBoard(path, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });
    return QApplication::exec();
}

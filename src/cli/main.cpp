#include "CliApp.h"
#include "dealboard/Allocator.h"
#include "dealboard/AppPaths.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    dealboard::tuneAllocator();
    QCoreApplication app(argc, argv);
    dealboard::AppPaths::setApplicationIdentity();
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    dealboard::cli::CliApp cli;
    return cli.run(arguments);
}

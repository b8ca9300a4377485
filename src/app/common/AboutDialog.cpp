#include "common/AboutDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

AboutDialog::AboutDialog(const QString& pipelinePath, const QString& engine, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(QStringLiteral("About DealBoard"));
    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::PlainText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setText(QStringLiteral("DealBoard %1\nYour sales pipeline on a kanban board.\n\n"
                                 "MIT licence.\nQt %2 · %3\n\nPipeline: %4")
                      .arg(QStringLiteral(DEALBOARD_VERSION), QString::fromLatin1(qVersion()), engine,
                           QDir::toNativeSeparators(pipelinePath)));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}

} // namespace dealboard::gui

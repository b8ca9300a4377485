#include "ConnectionBanner.h"

#include "dealboard/Pipeline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTime>
#include <QTimer>

namespace dealboard::gui {

namespace {

constexpr int RestoredShownMs = 5000;

} // namespace

ConnectionBanner::ConnectionBanner(Pipeline& pipeline, QWidget* parent)
    : QFrame(parent)
    , m_pipeline(pipeline)
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("connectionBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    layout->addWidget(m_text, 1);
    m_reconnect = new QPushButton(QStringLiteral("Reconnect now"));
    m_reconnect->setObjectName(QStringLiteral("reconnectNowButton"));
    m_reconnect->hide();
    connect(m_reconnect, &QPushButton::clicked, this, &ConnectionBanner::reconnectNow);
    layout->addWidget(m_reconnect, 0, Qt::AlignVCenter);
    m_hide = new QTimer(this);
    m_hide->setSingleShot(true);
    m_hide->setInterval(RestoredShownMs);
    connect(m_hide, &QTimer::timeout, this, &QWidget::hide);
    connect(&m_pipeline, &Pipeline::connectionLost, this, &ConnectionBanner::showLost);
    connect(&m_pipeline, &Pipeline::connectionRestored, this, &ConnectionBanner::showRestored);
    hide();
}

ConnectionBanner::~ConnectionBanner() = default;

void ConnectionBanner::showLost(const QString& why)
{
    m_hide->stop();
    setStyleSheet(QStringLiteral("#connectionBanner { background: #fdecea; border-bottom: 1px solid #e0a39d; } "
                                 "#connectionBannerText { color: #8a1c13; }"));
    m_text->setText(QStringLiteral("Not connected to %1. The board shows what it last read, and changes are "
                                   "refused until the connection is back; DealBoard keeps trying by itself.\n%2")
                        .arg(m_pipeline.reads().path(), why));
    m_reconnect->show();
    show();
}

void ConnectionBanner::reconnectNow()
{
    m_reconnect->setEnabled(false);
    m_reconnect->setText(QStringLiteral("Connecting…"));
    m_reconnect->repaint();
    const Result<void> tried = m_pipeline.reconnectNow();
    m_reconnect->setText(QStringLiteral("Reconnect now"));
    m_reconnect->setEnabled(true);
    if (!tried) {
        m_text->setText(QStringLiteral("Still not connected to %1 (tried at %2). The board shows what it last read, "
                                       "and changes are refused until the connection is back.\n%3")
                            .arg(m_pipeline.reads().path(), QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                 tried.error().message));
    }
}

void ConnectionBanner::showRestored()
{
    setStyleSheet(QStringLiteral("#connectionBanner { background: #e8f5e9; border-bottom: 1px solid #a5d6a7; } "
                                 "#connectionBannerText { color: #1b5e20; }"));
    m_text->setText(
        QStringLiteral("Connected to %1 again; the board has read everything anew.").arg(m_pipeline.reads().path()));
    m_reconnect->hide();
    show();
    m_hide->start();
}

} // namespace dealboard::gui

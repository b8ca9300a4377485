#include "dealboard/Probability.h"

#include <QRegularExpression>

namespace dealboard::Probability {

Result<int> parse(const QString& text)
{
    const QString given = text.trimmed();
    auto refuse = [&] {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a win probability: give a share between 0 and 1 in whole "
                                        "percents (0.35), or a percent (35%).")
                             .arg(text));
    };
    // Digits only, read as text: no floating point between the rep and the figure.
    static const QRegularExpression percentForm(QStringLiteral("^(\\d{1,3})\\s*%$"));
    static const QRegularExpression shareForm(QStringLiteral("^(0|1)?(?:\\.(\\d{1,2})0*)?$"));
    if (const QRegularExpressionMatch match = percentForm.match(given); match.hasMatch()) {
        const int percent = match.captured(1).toInt();
        if (percent > 100) {
            return refuse();
        }
        return percent;
    }
    const QRegularExpressionMatch match = shareForm.match(given);
    if (given.isEmpty() || !match.hasMatch() || (match.captured(1).isEmpty() && match.captured(2).isEmpty())) {
        return refuse();
    }
    const int whole = match.captured(1).toInt();
    QString hundredths = match.captured(2);
    hundredths = hundredths.leftJustified(2, QLatin1Char('0'));
    const int percent = whole * 100 + hundredths.toInt();
    if (percent > 100) {
        return refuse();
    }
    return percent;
}

QString share(int percent)
{
    if (percent >= 100) {
        return QStringLiteral("1.00");
    }
    return QStringLiteral("0.%1").arg(percent, 2, 10, QLatin1Char('0'));
}

QString claimed(const StageProbabilities& probabilities, Stage stage)
{
    return QStringLiteral("%1 %%2")
        .arg(probabilities.percent(stage))
        .arg(probabilities.isSet(stage) ? QString() : QStringLiteral(" (default)"));
}

QString permilleText(std::int64_t permille)
{
    return QStringLiteral("%1.%2 %").arg(permille / 10).arg(permille % 10);
}

} // namespace dealboard::Probability

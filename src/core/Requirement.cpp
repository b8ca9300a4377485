#include "dealboard/Requirement.h"

namespace dealboard {

QString requirementCode(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Title:
        return QStringLiteral("title");
    case Requirement::Willing:
        return QStringLiteral("willing");
    case Requirement::Need:
        return QStringLiteral("need");
    case Requirement::Budget:
        return QStringLiteral("budget");
    case Requirement::Value:
        return QStringLiteral("value");
    case Requirement::CloseDate:
        return QStringLiteral("close_date");
    case Requirement::FromClosing:
        return QStringLiteral("from_closing");
    case Requirement::NotLost:
        return QStringLiteral("not_lost");
    case Requirement::LostReason:
        return QStringLiteral("lost_reason");
    case Requirement::NotWon:
        return QStringLiteral("not_won");
    case Requirement::Contact:
        return QStringLiteral("contact");
    case Requirement::Activity:
        return QStringLiteral("activity");
    case Requirement::Plan:
        return QStringLiteral("plan");
    case Requirement::Field:
        return QStringLiteral("field");
    }
    return {};
}

QString requirementText(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Title:
        return QStringLiteral("the deal has no title");
    case Requirement::Willing:
        return QStringLiteral("willingness to buy not confirmed");
    case Requirement::Need:
        return QStringLiteral("need not proven");
    case Requirement::Budget:
        return QStringLiteral("budget not confirmed");
    case Requirement::Value:
        return QStringLiteral("no deal value above zero");
    case Requirement::CloseDate:
        return QStringLiteral("no expected close date");
    case Requirement::FromClosing:
        return QStringLiteral("only a deal in Closing can enter Customer Retention (no skipping the close)");
    case Requirement::NotLost:
        return QStringLiteral("the deal is lost; reopen it first");
    case Requirement::LostReason:
        return QStringLiteral("a reason is required to mark a deal lost");
    case Requirement::NotWon:
        return QStringLiteral("the deal is already won; move it back out of Customer Retention first");
    case Requirement::Contact:
        return QStringLiteral("no organization or person");
    case Requirement::Activity:
        return QStringLiteral("no next activity planned");
    case Requirement::Plan:
        return QStringLiteral("a required step of the stage plan not ticked");
    case Requirement::Field:
        return QStringLiteral("a required custom field not filled in");
    }
    return {};
}

std::optional<Requirement> requirementFromCode(QStringView code)
{
    for (int value = int(Requirement::Title); value <= int(LastRequirement); ++value) {
        if (requirementCode(static_cast<Requirement>(value)) == code) {
            return static_cast<Requirement>(value);
        }
    }
    return std::nullopt;
}

bool isSuppliableFact(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Title:
    case Requirement::Willing:
    case Requirement::Need:
    case Requirement::Budget:
    case Requirement::Value:
    case Requirement::CloseDate:
    case Requirement::Contact:
    case Requirement::Activity:
    case Requirement::Plan:
    case Requirement::Field:
        return true;
    default:
        return false;
    }
}

} // namespace dealboard

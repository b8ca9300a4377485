#include "dealboard/SamplePipeline.h"

#include <algorithm>
#include <array>
#include <random>

namespace dealboard {

namespace {

constexpr std::array Owners = {"Alice Martin", "Bruno Keller", "Chloé Dubois", "Dmitri Ivanov",
                               "Elena García", "Farid Haddad", "Grace Kim",    "Hugo Nilsson"};
constexpr std::array CompanyNames = {"Acme",   "Northwind", "Globex",   "Initech", "Umbrella",   "Stark", "Wayne",
                                     "Tyrell", "Cyberdyne", "Soylent",  "Hooli",   "Vandelay",   "Wonka", "Gringotts",
                                     "Oscorp", "Aperture",  "Blue Sun", "Monarch", "Pied Piper", "Dunder"};
constexpr std::array CompanyKinds
    = {"Logistics", "Foods", "Health", "Energy", "Retail", "Labs", "Insurance", "Systems", "Publishing", "Hotels"};
constexpr std::array Products = {"CRM rollout",      "fleet tracking",   "support contract",   "data platform",
                                 "license renewal",  "security audit",   "cloud migration",    "training package",
                                 "analytics add-on", "hardware refresh", "onboarding project", "API integration"};
constexpr std::array FirstNames = {"Anna", "Ben",   "Carla", "David", "Emma", "Felix", "Gina", "Hannah",
                                   "Ivan", "Julia", "Karl",  "Lena",  "Marc", "Nora",  "Omar", "Paula"};
constexpr std::array LastNames = {"Schmidt", "Rossi",  "Novak", "Jensen", "Moreau", "Silva",
                                  "Fischer", "Larsen", "Costa", "Weber",  "Brown",  "Okafor"};
constexpr std::array LostReasons = {"Chose a competitor", "No budget this year", "Went silent",
                                    "Price too high",     "Project cancelled",   "Timing: revisit next quarter"};
constexpr std::array TouchSubjects
    = {"Intro call",     "Send the proposal", "Follow up on the proposal", "Demo", "Check budget", "Pricing questions",
       "Reference call", "Contract review",   "Quarterly check-in"};
constexpr std::array Regions = {"DACH", "Nordics", "Benelux", "France", "Iberia", "UK and Ireland"};
// Where deals end up, in per mille: a funnel.
constexpr std::array<int, StageCount> FinalStageShare = {280, 200, 140, 110, 90, 70, 110};
// When an open deal is expected to close, in days from now, by its stage: the
// later the stage, the sooner (Closing's may have just slipped past).
constexpr std::array<std::pair<int, int>, StageCount> CloseWithin
    = {{{45, 180}, {30, 150}, {20, 120}, {10, 100}, {0, 75}, {-12, 40}, {0, 1}}};

class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {
    }
    // Uniform in [0, bound); the engine's sequence is fixed by the standard.
    quint64 below(quint64 bound) { return m_engine() % bound; }
    bool chance(int perMille) { return below(1000) < static_cast<quint64>(perMille); }
    template<typename Array> auto pick(const Array& array) { return array[below(array.size())]; }

private:
    std::mt19937_64 m_engine;
};

Stage pickFinalStage(Random& random)
{
    int roll = static_cast<int>(random.below(1000));
    for (Stage stage : AllStages) {
        roll -= FinalStageShare[stageIndex(stage)];
        if (roll < 0) {
            return stage;
        }
    }
    return Stage::Prospecting;
}

QString emailDomain(const QString& company)
{
    QString domain;
    for (const QChar c : company.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            domain += c;
        }
    }
    return domain + QStringLiteral(".example");
}

// FNV-1a over the name's UTF-16 code units: the same in every process (qHash
// mixes in a seed chosen per process, so two seeds of one pipeline differed).
quint64 stableHash(const QString& text)
{
    quint64 hash = 14695981039346656037ull;
    for (const QChar character : text) {
        hash ^= character.unicode();
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace

Organization SamplePipeline::organizationProfile(const QString& name)
{
    Organization organization;
    organization.name = name;
    Random random(stableHash(name));
    organization.industry = name.section(QLatin1Char(' '), -1);
    const int size = static_cast<int>(random.below(10));
    organization.size = size < 2 ? QStringLiteral("1000+")
        : size < 5               ? QStringLiteral("100-999")
                                 : QStringLiteral("10-99");
    organization.region = QString::fromUtf8(random.pick(Regions));
    organization.website = QStringLiteral("https://www.") + emailDomain(name);
    organization.tags = normalizedTags({size < 2       ? QStringLiteral("enterprise")
                                            : size < 5 ? QStringLiteral("mid-market")
                                                       : QStringLiteral("smb"),
                                        organization.industry, organization.region});
    return organization;
}

std::vector<QDate> SamplePipeline::earlierCloseDates(const Deal& deal, int ordinal, quint64 seed)
{
    // A generator of its own, so that the deals stay as they were.
    Random random(seed * 1000003ull + static_cast<quint64>(ordinal));
    std::vector<QDate> earlier;
    if (deal.status != DealStatus::Open || !deal.expectedClose.isValid() || !random.chance(250)) {
        return earlier;
    }
    const int moves = 1 + static_cast<int>(random.below(4));
    QDate close = deal.expectedClose;
    for (int m = 0; m < moves; ++m) {
        close = close.addDays(-7 - static_cast<qint64>(random.below(43)));
        earlier.insert(earlier.begin(), close);
    }
    return earlier;
}

std::vector<std::pair<QString, int>> SamplePipeline::segmentRules()
{
    return {{QStringLiteral("enterprise"), 7}, {QStringLiteral("mid-market"), 5}, {QStringLiteral("smb"), 3}};
}

void SamplePipeline::generate(int count, quint64 seed, const QDateTime& now, const Sink& sink)
{
    Random random(seed);
    std::vector<HistoryEntry> history;
    std::vector<Activity> activities;
    // Won deals so far: a later deal may be a follow-up of one of them.
    struct WonDeal
    {
        int ordinal;
        QString company, contactName, email, phone, owner;
        QDateTime wonAt;
    };
    std::vector<WonDeal> won;
    for (int i = 0; i < count; ++i) {
        Deal deal;
        const WonDeal* origin = nullptr;
        if (!won.empty() && random.chance(60)) {
            origin = &won[random.below(won.size())];
            if (origin->wonAt.secsTo(now) < 2 * 86400) {
                origin = nullptr;
            }
        }
        if (origin != nullptr) {
            deal.company = origin->company;
            deal.contactName = origin->contactName;
            deal.email = origin->email;
            deal.phone = origin->phone;
            deal.owner = origin->owner;
            deal.originDealId = origin->ordinal;
            deal.title
                = QStringLiteral("%1 %2: %3")
                      .arg(deal.company, random.chance(500) ? QStringLiteral("up-sell") : QStringLiteral("cross-sell"),
                           QString::fromUtf8(random.pick(Products)));
        } else {
            deal.company = QStringLiteral("%1 %2").arg(QString::fromUtf8(random.pick(CompanyNames)),
                                                       QString::fromUtf8(random.pick(CompanyKinds)));
            deal.title = QStringLiteral("%1 %2").arg(deal.company, QString::fromUtf8(random.pick(Products)));
            const QString first = QString::fromUtf8(random.pick(FirstNames));
            const QString last = QString::fromUtf8(random.pick(LastNames));
            deal.contactName = first + QLatin1Char(' ') + last;
            deal.email = QStringLiteral("%1.%2@%3").arg(first.toLower(), last.toLower(), emailDomain(deal.company));
            deal.phone = QStringLiteral("+49 30 %1").arg(1000000 + random.below(9000000));
            deal.owner = QString::fromUtf8(random.pick(Owners));
        }
        deal.value.currency = random.chance(30) ? QStringLiteral("USD") : Money::defaultCurrency();

        const Stage finalStage = pickFinalStage(random);
        const bool lost = finalStage != Stage::Retention && random.chance(finalStage <= Stage::Qualifying ? 120 : 200);

        // Values in steps of 50, from 500 to 250,000.
        deal.value.minor = static_cast<std::int64_t>(10 + random.below(4990)) * 5000;
        if (finalStage < Stage::Negotiation && random.chance(250)) {
            deal.value.minor = 0;
        }
        const bool qualified = finalStage >= Stage::Contacting;
        deal.qualification.willing = qualified || random.chance(500);
        deal.qualification.need = qualified || random.chance(400);
        deal.qualification.budget = qualified || random.chance(300);

        // The deal's path: created in Prospecting (sometimes straight in
        // Qualifying), then forward stage by stage, now and then skipping
        // Relationship Building or stepping back once from Negotiation.
        std::vector<Stage> path;
        path.push_back(finalStage >= Stage::Qualifying && random.chance(100) ? Stage::Qualifying : Stage::Prospecting);
        for (int s = static_cast<int>(path.front()) + 1; s <= static_cast<int>(finalStage); ++s) {
            const Stage stage = static_cast<Stage>(s);
            if (stage == Stage::Relationship && finalStage > Stage::Relationship && random.chance(80)) {
                continue;
            }
            path.push_back(stage);
            if (stage == Stage::Negotiation && finalStage > Stage::Negotiation && random.chance(40)) {
                path.push_back(Stage::Relationship);
                path.push_back(Stage::Negotiation);
            }
        }

        // Spread the steps between creation and now (a follow-up: after its origin was won).
        const qint64 maxAge = origin != nullptr ? origin->wonAt.secsTo(now) - 3600 : 450 * 86400;
        const qint64 ageSeconds = static_cast<qint64>(random.below(static_cast<quint64>(maxAge))) + 3600;
        deal.createdAt = now.addSecs(-ageSeconds);
        // A deal that was won went through its stages in two weeks to five
        // months, as a team's closed deals do; an open one is still moving.
        const qint64 activeSeconds = finalStage == Stage::Retention
            ? std::min(ageSeconds, static_cast<qint64>(14 + random.below(140)) * 86400)
            : ageSeconds;
        std::vector<qint64> weights;
        qint64 totalWeight = 0;
        for (std::size_t step = 0; step < path.size() + 1; ++step) {
            weights.push_back(1 + static_cast<qint64>(random.below(100)));
            totalWeight += weights.back();
        }
        // The last weight is the time after the final step, until now.
        history.clear();
        QDateTime at = deal.createdAt;
        const QString actor = deal.owner;
        history.push_back({0, 0, std::nullopt, path.front(), std::nullopt, DealStatus::Open, at, actor});
        for (std::size_t step = 1; step < path.size(); ++step) {
            at = at.addSecs(activeSeconds * weights[step] / totalWeight);
            const Stage from = path[step - 1];
            const Stage to = path[step];
            const DealStatus toStatus = to == Stage::Retention ? DealStatus::Won : DealStatus::Open;
            history.push_back({0, 0, from, to, DealStatus::Open, toStatus, at, actor});
        }
        deal.stage = path.back();
        deal.status = deal.stage == Stage::Retention ? DealStatus::Won : DealStatus::Open;
        deal.stageEnteredAt = at;
        if (!lost && deal.status == DealStatus::Open) {
            // Most open deals carry a close date ahead, as a rep keeps them
            // (in Closing the rules ask for one).
            if (random.chance(880) || deal.stage >= Stage::Closing) {
                const auto [from, to] = CloseWithin[stageIndex(deal.stage)];
                deal.expectedClose = now.date().addDays(from + static_cast<qint64>(random.below(to - from)));
            }
        } else if (finalStage >= Stage::Closing || random.chance(400)) {
            deal.expectedClose = at.date().addDays(static_cast<qint64>(random.below(90)) - 20);
        }
        if (lost) {
            at = at.addSecs(ageSeconds * weights.back() / totalWeight / 2);
            deal.status = DealStatus::Lost;
            deal.lostReason = QString::fromUtf8(random.pick(LostReasons));
            history.push_back({0, 0, deal.stage, deal.stage, DealStatus::Open, DealStatus::Lost, at, actor});
        }
        deal.updatedAt = at;

        // Touches since the deal entered its stage, and for most live deals a
        // next activity: some overdue, some today, most ahead.
        activities.clear();
        if (!lost) {
            const qint64 stageSeconds = std::max<qint64>(deal.stageEnteredAt.secsTo(now), 3600);
            // A rep keeps in touch: most open deals were touched lately, well
            // inside their stage's rotting limit; a few are neglected. Earlier
            // touches keep a week or more from the latest, as reps space them.
            const bool attended = deal.status == DealStatus::Open && random.chance(880);
            const qint64 limit = qint64(std::max(2, stageInfo(deal.stage).rottingDays)) * 86'400 * 2 / 3;
            const qint64 recent = std::max<qint64>(std::min(stageSeconds, limit), 3600);
            const qint64 latestAgo = attended ? static_cast<qint64>(random.below(static_cast<quint64>(recent))) : 0;
            const qint64 earlierSpan = attended ? stageSeconds - latestAgo - 8 * 86'400 : stageSeconds;
            const int touches = earlierSpan > 0 ? static_cast<int>(random.below(3)) : 0;
            for (int t = 0; t < touches; ++t) {
                Activity touch;
                touch.kind = static_cast<ActivityKind>(random.below(3));
                touch.subject = QString::fromUtf8(random.pick(TouchSubjects));
                touch.done = true;
                touch.doneAt = deal.stageEnteredAt.addSecs(static_cast<qint64>(random.below(earlierSpan)));
                touch.dueDate = touch.doneAt.date();
                touch.createdAt = touch.doneAt;
                activities.push_back(touch);
            }
            if (attended) {
                Activity touch;
                touch.kind = static_cast<ActivityKind>(random.below(3));
                touch.subject = QString::fromUtf8(random.pick(TouchSubjects));
                touch.done = true;
                touch.doneAt = now.addSecs(-latestAgo);
                touch.dueDate = touch.doneAt.date();
                touch.createdAt = touch.doneAt;
                activities.push_back(touch);
            }
            const bool retained = deal.status == DealStatus::Won;
            if (random.chance(retained ? 400 : 850)) {
                Activity next;
                next.kind = static_cast<ActivityKind>(random.below(4));
                next.subject = QString::fromUtf8(retained ? "Quarterly check-in" : random.pick(TouchSubjects));
                next.dueDate = now.date().addDays(retained ? 1 + static_cast<qint64>(random.below(60))
                                                           : static_cast<qint64>(random.below(21)) - 6);
                if (random.chance(300)) {
                    next.dueTime = QTime(9 + static_cast<int>(random.below(9)), random.chance(500) ? 0 : 30);
                }
                next.createdAt = deal.stageEnteredAt;
                activities.push_back(next);
            }
        }
        if (deal.status == DealStatus::Won) {
            won.push_back({i + 1, deal.company, deal.contactName, deal.email, deal.phone, deal.owner, at});
        }
        if (!sink(deal, history, activities)) {
            return;
        }
    }
}

} // namespace dealboard

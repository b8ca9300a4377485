#include "dealboard/Currency.h"

#include <QStringList>
#include <algorithm>
#include <array>
#include <iterator>

namespace dealboard {

namespace {

// ISO 4217's list of active codes with their minor units, by code.
constexpr CurrencyInfo Currencies[] = {
    {"AED", 2, "UAE dirham"},
    {"AFN", 2, "Afghan afghani"},
    {"ALL", 2, "Albanian lek"},
    {"AMD", 2, "Armenian dram"},
    {"ANG", 2, "Netherlands Antillean guilder"},
    {"AOA", 2, "Angolan kwanza"},
    {"ARS", 2, "Argentine peso"},
    {"AUD", 2, "Australian dollar"},
    {"AWG", 2, "Aruban florin"},
    {"AZN", 2, "Azerbaijani manat"},
    {"BAM", 2, "Bosnia and Herzegovina convertible mark"},
    {"BBD", 2, "Barbados dollar"},
    {"BDT", 2, "Bangladeshi taka"},
    {"BGN", 2, "Bulgarian lev"},
    {"BHD", 3, "Bahraini dinar"},
    {"BIF", 0, "Burundian franc"},
    {"BMD", 2, "Bermudian dollar"},
    {"BND", 2, "Brunei dollar"},
    {"BOB", 2, "Boliviano"},
    {"BOV", 2, "Bolivian Mvdol"},
    {"BRL", 2, "Brazilian real"},
    {"BSD", 2, "Bahamian dollar"},
    {"BTN", 2, "Bhutanese ngultrum"},
    {"BWP", 2, "Botswana pula"},
    {"BYN", 2, "Belarusian ruble"},
    {"BZD", 2, "Belize dollar"},
    {"CAD", 2, "Canadian dollar"},
    {"CDF", 2, "Congolese franc"},
    {"CHE", 2, "WIR euro"},
    {"CHF", 2, "Swiss franc"},
    {"CHW", 2, "WIR franc"},
    {"CLF", 4, "Chilean unit of account (UF)"},
    {"CLP", 0, "Chilean peso"},
    {"CNY", 2, "Chinese yuan renminbi"},
    {"COP", 2, "Colombian peso"},
    {"COU", 2, "Colombian unidad de valor real"},
    {"CRC", 2, "Costa Rican colon"},
    {"CUP", 2, "Cuban peso"},
    {"CVE", 2, "Cape Verdean escudo"},
    {"CZK", 2, "Czech koruna"},
    {"DJF", 0, "Djiboutian franc"},
    {"DKK", 2, "Danish krone"},
    {"DOP", 2, "Dominican peso"},
    {"DZD", 2, "Algerian dinar"},
    {"EGP", 2, "Egyptian pound"},
    {"ERN", 2, "Eritrean nakfa"},
    {"ETB", 2, "Ethiopian birr"},
    {"EUR", 2, "Euro"},
    {"FJD", 2, "Fiji dollar"},
    {"FKP", 2, "Falkland Islands pound"},
    {"GBP", 2, "Pound sterling"},
    {"GEL", 2, "Georgian lari"},
    {"GHS", 2, "Ghanaian cedi"},
    {"GIP", 2, "Gibraltar pound"},
    {"GMD", 2, "Gambian dalasi"},
    {"GNF", 0, "Guinean franc"},
    {"GTQ", 2, "Guatemalan quetzal"},
    {"GYD", 2, "Guyanese dollar"},
    {"HKD", 2, "Hong Kong dollar"},
    {"HNL", 2, "Honduran lempira"},
    {"HTG", 2, "Haitian gourde"},
    {"HUF", 2, "Hungarian forint"},
    {"IDR", 2, "Indonesian rupiah"},
    {"ILS", 2, "Israeli new shekel"},
    {"INR", 2, "Indian rupee"},
    {"IQD", 3, "Iraqi dinar"},
    {"IRR", 2, "Iranian rial"},
    {"ISK", 0, "Icelandic krona"},
    {"JMD", 2, "Jamaican dollar"},
    {"JOD", 3, "Jordanian dinar"},
    {"JPY", 0, "Japanese yen"},
    {"KES", 2, "Kenyan shilling"},
    {"KGS", 2, "Kyrgyzstani som"},
    {"KHR", 2, "Cambodian riel"},
    {"KMF", 0, "Comoro franc"},
    {"KPW", 2, "North Korean won"},
    {"KRW", 0, "South Korean won"},
    {"KWD", 3, "Kuwaiti dinar"},
    {"KYD", 2, "Cayman Islands dollar"},
    {"KZT", 2, "Kazakhstani tenge"},
    {"LAK", 2, "Lao kip"},
    {"LBP", 2, "Lebanese pound"},
    {"LKR", 2, "Sri Lankan rupee"},
    {"LRD", 2, "Liberian dollar"},
    {"LSL", 2, "Lesotho loti"},
    {"LYD", 3, "Libyan dinar"},
    {"MAD", 2, "Moroccan dirham"},
    {"MDL", 2, "Moldovan leu"},
    {"MGA", 2, "Malagasy ariary"},
    {"MKD", 2, "Macedonian denar"},
    {"MMK", 2, "Myanmar kyat"},
    {"MNT", 2, "Mongolian togrog"},
    {"MOP", 2, "Macanese pataca"},
    {"MRU", 2, "Mauritanian ouguiya"},
    {"MUR", 2, "Mauritian rupee"},
    {"MVR", 2, "Maldivian rufiyaa"},
    {"MWK", 2, "Malawian kwacha"},
    {"MXN", 2, "Mexican peso"},
    {"MXV", 2, "Mexican unidad de inversion"},
    {"MYR", 2, "Malaysian ringgit"},
    {"MZN", 2, "Mozambican metical"},
    {"NAD", 2, "Namibian dollar"},
    {"NGN", 2, "Nigerian naira"},
    {"NIO", 2, "Nicaraguan cordoba"},
    {"NOK", 2, "Norwegian krone"},
    {"NPR", 2, "Nepalese rupee"},
    {"NZD", 2, "New Zealand dollar"},
    {"OMR", 3, "Omani rial"},
    {"PAB", 2, "Panamanian balboa"},
    {"PEN", 2, "Peruvian sol"},
    {"PGK", 2, "Papua New Guinean kina"},
    {"PHP", 2, "Philippine peso"},
    {"PKR", 2, "Pakistani rupee"},
    {"PLN", 2, "Polish zloty"},
    {"PYG", 0, "Paraguayan guarani"},
    {"QAR", 2, "Qatari riyal"},
    {"RON", 2, "Romanian leu"},
    {"RSD", 2, "Serbian dinar"},
    {"RUB", 2, "Russian ruble"},
    {"RWF", 0, "Rwandan franc"},
    {"SAR", 2, "Saudi riyal"},
    {"SBD", 2, "Solomon Islands dollar"},
    {"SCR", 2, "Seychelles rupee"},
    {"SDG", 2, "Sudanese pound"},
    {"SEK", 2, "Swedish krona"},
    {"SGD", 2, "Singapore dollar"},
    {"SHP", 2, "Saint Helena pound"},
    {"SLE", 2, "Sierra Leonean leone"},
    {"SOS", 2, "Somali shilling"},
    {"SRD", 2, "Surinamese dollar"},
    {"SSP", 2, "South Sudanese pound"},
    {"STN", 2, "Sao Tome and Principe dobra"},
    {"SVC", 2, "Salvadoran colon"},
    {"SYP", 2, "Syrian pound"},
    {"SZL", 2, "Swazi lilangeni"},
    {"THB", 2, "Thai baht"},
    {"TJS", 2, "Tajikistani somoni"},
    {"TMT", 2, "Turkmenistan manat"},
    {"TND", 3, "Tunisian dinar"},
    {"TOP", 2, "Tongan pa'anga"},
    {"TRY", 2, "Turkish lira"},
    {"TTD", 2, "Trinidad and Tobago dollar"},
    {"TWD", 2, "New Taiwan dollar"},
    {"TZS", 2, "Tanzanian shilling"},
    {"UAH", 2, "Ukrainian hryvnia"},
    {"UGX", 0, "Ugandan shilling"},
    {"USD", 2, "US dollar"},
    {"USN", 2, "US dollar (next day)"},
    {"UYI", 0, "Uruguay peso en unidades indexadas"},
    {"UYU", 2, "Uruguayan peso"},
    {"UYW", 4, "Unidad previsional"},
    {"UZS", 2, "Uzbekistan sum"},
    {"VED", 2, "Venezuelan digital bolivar"},
    {"VES", 2, "Venezuelan sovereign bolivar"},
    {"VND", 0, "Vietnamese dong"},
    {"VUV", 0, "Vanuatu vatu"},
    {"WST", 2, "Samoan tala"},
    {"XAF", 0, "CFA franc BEAC"},
    {"XCD", 2, "East Caribbean dollar"},
    {"XCG", 2, "Caribbean guilder"},
    {"XOF", 0, "CFA franc BCEAO"},
    {"XPF", 0, "CFP franc"},
    {"YER", 2, "Yemeni rial"},
    {"ZAR", 2, "South African rand"},
    {"ZMW", 2, "Zambian kwacha"},
    {"ZWG", 2, "Zimbabwe gold"},
};

// The currencies a tie between equally close codes goes to, most traded first.
constexpr std::array CommonCodes {"USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD",
                                  "SEK", "KRW", "NOK", "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK"};

int commonRank(const char* code)
{
    const auto found = std::find_if(CommonCodes.begin(), CommonCodes.end(),
                                    [code](const char* common) { return qstrcmp(common, code) == 0; });
    return static_cast<int>(std::distance(CommonCodes.begin(), found));
}

// Letters to change, add or remove to turn `a` into `b` (case-blind).
int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j) {
        row[j] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int cost = a.at(i - 1).toCaseFolded() == b.at(j - 1).toCaseFolded() ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::span<const CurrencyInfo> isoCurrencies()
{
    return Currencies;
}

const CurrencyInfo* findCurrency(QStringView code)
{
    if (code.size() != 3) {
        return nullptr;
    }
    const QByteArray latin = code.toLatin1();
    const auto found = std::lower_bound(
        std::begin(Currencies), std::end(Currencies), latin,
        [](const CurrencyInfo& info, const QByteArray& wanted) { return qstrcmp(info.code, wanted.constData()) < 0; });
    return found != std::end(Currencies) && latin == found->code ? found : nullptr;
}

int minorDigits(QStringView code)
{
    const CurrencyInfo* info = findCurrency(code);
    return info ? info->digits : 2;
}

std::int64_t minorPerMajor(QStringView code)
{
    std::int64_t factor = 1;
    for (int i = minorDigits(code); i > 0; --i) {
        factor *= 10;
    }
    return factor;
}

QString nearestCurrency(QStringView text)
{
    const QString wanted = text.trimmed().toString();
    if (wanted.isEmpty()) {
        return {};
    }
    const CurrencyInfo* best = nullptr;
    int bestDistance = 0;
    for (const CurrencyInfo& info : Currencies) {
        // A name ("yen", "Swiss franc") is matched by its words.
        const QString name = QString::fromUtf8(info.name);
        int distance = editDistance(wanted, QString::fromLatin1(info.code));
        // A whole word of the name ("yen", "rand") is the currency itself.
        const bool word = name.split(QLatin1Char(' ')).contains(wanted, Qt::CaseInsensitive);
        if (word || (wanted.size() > 3 && name.contains(wanted, Qt::CaseInsensitive))) {
            distance = 0;
        } else if (wanted.size() > 3) {
            const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const QString& word : words) {
                if (word.size() > 3) {
                    distance = std::min(distance, editDistance(wanted, word));
                }
            }
        }
        const bool closer = !best || distance < bestDistance
            || (distance == bestDistance && commonRank(info.code) < commonRank(best->code));
        if (closer) {
            best = &info;
            bestDistance = distance;
        }
    }
    // More than a third of the letters wrong is a guess, not a match.
    return best && bestDistance * 3 <= std::max<qsizetype>(wanted.size(), 3) ? QString::fromLatin1(best->code)
                                                                             : QString();
}

Result<QString> checkCurrency(QStringView text)
{
    const QString code = text.trimmed().toString().toUpper();
    if (findCurrency(code)) {
        return code;
    }
    const QString shown = text.trimmed().toString();
    if (shown.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The currency is empty: give an ISO 4217 code such as EUR, USD or JPY."));
    }
    const QString nearest = nearestCurrency(shown);
    if (!nearest.isEmpty()) {
        const CurrencyInfo* info = findCurrency(nearest);
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not an ISO 4217 currency code; did you mean %2 (%3)?")
                             .arg(shown, nearest, QString::fromUtf8(info->name)));
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1' is not an ISO 4217 currency code: give three letters such as EUR, "
                                    "USD or JPY.")
                         .arg(shown));
}

std::optional<Error> currencyRefusal(QStringView code)
{
    if (findCurrency(code)) {
        return std::nullopt;
    }
    Result<QString> checked = checkCurrency(code);
    if (!checked) {
        return checked.error();
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1' is not a currency code; write it as %2.").arg(code, checked.value()));
}

} // namespace dealboard

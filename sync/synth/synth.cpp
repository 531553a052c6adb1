// Synthetic kiosk submissions (see synth.hpp). Texts are composed from phrase pools per language and
// category; every name, street, e-mail address and phone number is invented.
#include "kiosk/sync/synth.hpp"

#include "kiosk/sync/channel_descriptor.hpp"

#include <array>
#include <map>
#include <cstdio>
#include <string_view>

#include "kiosk/sync/time.hpp"

namespace kiosk {
namespace {

using Pool = std::vector<std::string_view>;

// ---- Random helpers with our own arithmetic (portable across standard libraries) ----------------
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) { return n ? rng() % n : 0; }
bool chance(std::mt19937_64& rng, double p) { return static_cast<double>(rng() >> 11) * 0x1.0p-53 < p; }
template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[below(rng, v.size())];
}

// Picks from a phrase pool, honouring SynthOptions::phrase_half.
thread_local int g_half = -1;
std::string_view phrase(std::mt19937_64& rng, const Pool& pool) {
  if (g_half < 0 || pool.size() < 2) return pool[below(rng, pool.size())];
  std::size_t n = (pool.size() + (g_half == 0 ? 1 : 0)) / 2;
  return pool[2 * below(rng, n) + static_cast<std::size_t>(g_half)];
}

// Replaces every {key} in tmpl.
std::string fill(std::string_view tmpl, std::string_view key, std::string_view value) {
  std::string out(tmpl);
  std::string k = "{" + std::string(key) + "}";
  for (auto pos = out.find(k); pos != std::string::npos; pos = out.find(k, pos + value.size()))
    out.replace(pos, k.size(), value);
  return out;
}

// Phrase and name pools, packed as written (not reformatted):
// clang-format off
// ---- Invented places (a fictional town, "Voorbeeldstad") ----------------------------------------
const Pool kStreets = {
    "Lindelaan", "Kerkstraat", "Molenweg", "Esdoornstraat", "Schoolstraat", "Dorpsstraat", "Havenkade",
    "Beatrixlaan", "Julianastraat", "Vondelstraat", "Rozenhof", "Merelstraat", "Spoorlaan", "Brugstraat",
    "Wilgenlaan", "Kastanjelaan", "Populierenweg", "Zuiderpark", "Noorderweg", "Oude Gracht", "Nieuwe Markt",
    "Berkenrode", "Vlierstraat", "Klaverweide", "Tulpstraat", "Sportlaan", "Parkweg", "Stationsweg",
    "Pastoor van Eijkstraat", "Burgemeester de Wittlaan", "Jan Steenstraat", "Van Goghplein", "Heidebloem",
    "Boterbloemstraat", "Meidoornhof", "IJsvogelstraat", "Zwanenwater", "De Akkers", "Hoge Weg", "Lage Dijk"};
const Pool kLandmarks = {
    "de bibliotheek", "het gemeentehuis", "basisschool De Regenboog", "sporthal De Wissel", "het station",
    "speeltuin De Vlinder", "het winkelcentrum", "de Albert Heijn", "de kerk", "het zwembad",
    "de korenmolen", "het gezondheidscentrum", "de bushalte", "het park", "de begraafplaats", "de markt"};
const Pool kFirst = {"jan", "anna", "mohammed", "fatma", "piotr", "olena", "sanne", "kees", "emre", "agnieszka",
                     "lotte", "youssef", "bram", "ilse", "dmytro", "meryem", "henk", "sophie", "tom", "noor",
                     "kevin", "fleur", "ali", "hatice", "marta", "andriy", "khadija", "daan", "julia", "omar"};
const Pool kLast = {"jansen", "de-vries", "bakker", "visser", "smit", "meijer", "de-boer", "mulder", "yilmaz",
                    "kowalski", "bosman", "van-dijk", "hendriks", "kaya", "nowak", "shevchenko", "peters", "dekker",
                    "vandenberg", "celik", "wojcik", "melnyk", "benali", "schouten", "vermeulen", "dogan"};
const Pool kDomains = {"example.nl", "example.org", "example.com", "voorbeeld.example", "mail.example"};

struct Main {
  std::string_view slug;
  Pool subs;
};
// Slugs of assets/categories/default.json (synth_test checks they match).
const std::vector<Main> kCategories = {
    {"afval", {"container-is-vol", "container-is-kapot", "bijplaatsing", "grofvuil", "prullenbak-is-vol", "huisafval"}},
    {"wegen-verkeer-straatmeubilair", {"bestrating", "gat-in-de-weg", "verkeersbord", "straatmeubilair", "gladheid", "verstopte-put"}},
    {"straatverlichting-klokken", {"lantaarnpaal", "lantaarnpaal-beschadigd", "klok", "verkeerslicht"}},
    {"groen-en-water", {"boom", "maaien-snoeien", "onkruid", "speelplaats", "drijfvuil", "oever-kade-steiger"}},
    {"overlast-in-de-openbare-ruimte", {"fout-geparkeerde-auto", "fietswrak", "autowrak", "hondenpoep", "overlast-door-personen"}},
    {"overlast-bedrijven-en-horeca", {"geluidsoverlast-muziek", "geluidsoverlast-installaties", "stankoverlast", "overlast-terras", "bouw-sloop"}},
    {"schoon", {"graffiti", "zwerfafval", "olie-op-straat", "bladeren", "glas-op-straat"}},
    {"overig", {"dode-dieren", "ongedierte", "overig"}},
};
const Pool kTopics = {"afval-ophalen", "paspoort-en-id-kaart", "parkeren", "belastingen",
                      "zorg-en-ondersteuning", "wonen", "werk-en-inkomen", "overig"};
// What the kiosk stores as a question's topic: the topic's name in the screen language (core/session.cpp),
// in the order of kTopics; the names of assets/categories/default.json (synth_test checks them).
const std::map<std::string_view, Pool> kTopicNames = {
    {"nl", {"Afval ophalen", "Paspoort en ID-kaart", "Parkeren", "Belastingen", "Zorg en ondersteuning", "Wonen", "Werk en inkomen", "Iets anders"}},
    {"en", {"Waste collection", "Passport and ID card", "Parking", "Taxes", "Care and support", "Housing", "Work and income", "Something else"}},
    {"tr", {"Çöp toplama", "Pasaport ve kimlik kartı", "Park etme", "Vergiler", "Bakım ve destek", "Konut", "İş ve gelir", "Başka bir konu"}},
    {"pl", {"Odbiór odpadów", "Paszport i dowód osobisty", "Parkowanie", "Podatki", "Opieka i wsparcie", "Mieszkanie", "Praca i dochód", "Inny temat"}},
    {"uk", {"Вивезення сміття", "Паспорт та ID-картка", "Паркування", "Податки", "Догляд і підтримка", "Житло", "Робота і дохід", "Інше питання"}},
    {"ar", {"جمع النفايات", "جواز السفر وبطاقة الهوية", "ركن السيارات", "الضرائب", "الرعاية والدعم", "السكن", "العمل والدخل", "موضوع آخر"}},
};
// Polls as a municipality configures them ([[polls]]: id and answer ids).
struct PollDef {
  std::string_view id;
  Pool answers;
};
const std::vector<PollDef> kPolls = {
    {"speeltuin-2026", {"schommels", "bankjes", "natuur"}},
    {"bankjes-park-2026", {"ja", "nee", "weet-niet"}},
    {"openingstijden-bibliotheek", {"zaterdag", "avond", "zondag"}},
    {"weekmarkt-2027", {"woensdag", "zaterdag", "beide"}},
};
// Places a kiosk is configured with ([[places]]): name and point. The first is the kiosk's own spot.
struct PlaceDef {
  std::string_view name;
  double lat, lon;
};
const std::vector<PlaceDef> kPlaces = {
    {"Bibliotheek, ingang Marktplein", 52.09101, 5.12063}, {"Marktplein", 52.09068, 5.12155},
    {"Lindelaan", 52.09214, 5.11893}, {"Stationsplein Voorbeeldstad", 52.08931, 5.11018},
    {"Molenweg, bij de korenmolen De Hoop", 52.09482, 5.12604}, {"Speeltuin De Vlinder, Esdoornstraat", 52.08752, 5.12877},
    {"Sporthal De Wissel", 52.09597, 5.11502}, {"Gezondheidscentrum Zuid", 52.08544, 5.11890},
};

struct Lang {
  std::string_view code;
  std::array<Pool, 8> what;       // per main category, same order as kCategories
  Pool where, since, impact, request;
  std::array<Pool, 8> questions;  // per topic, same order as kTopics
  Pool question_extra, ideas, idea_extra;
};

const Lang kDutch = {
    "nl",
    {{
        {"De container voor glas is helemaal vol.", "De papiercontainer zit vol en er staan dozen naast.",
         "Er staat een kapotte kliko op de stoep.", "Naast de ondergrondse container ligt een hoop vuilniszakken.",
         "Iemand heeft een oude bank en een matras bij de container gezet.", "De prullenbak is vol en het afval waait over straat.",
         "De klep van de restafvalcontainer gaat niet meer open.", "Het grofvuil is niet opgehaald op de afgesproken dag.",
         "Er liggen kapotte vuilniszakken vol met etensresten.", "De plasticcontainer is al een week niet geleegd."},
        {"Er ligt een losse stoeptegel.", "Er zit een groot gat in de weg.", "Het verkeersbord is omgereden en ligt op de grond.",
         "Een paal op de stoep staat scheef en valt bijna om.", "De stoep is verzakt en er staat steeds water.",
         "Het fietspad is erg glad door bevroren plassen.", "De put is verstopt en de straat loopt onder als het regent.",
         "Een bankje is kapot: er ontbreekt een plank.", "De klinkers liggen los en steken omhoog.",
         "Het bord met de straatnaam is weg.", "Er ligt een hoge drempel die niet meer goed is aangegeven."},
        {"De lantaarnpaal doet het niet meer.", "De straatlantaarn knippert de hele avond.",
         "Een lantaarnpaal is aangereden en staat scheef.", "Er hangen losse draden uit een lantaarnpaal.",
         "De klok op het plein staat al dagen stil.", "Het verkeerslicht voor fietsers springt niet op groen.",
         "Drie lampen op rij zijn uit, het is erg donker op straat."},
        {"Er is een grote tak van een boom afgebroken.", "Het gras in het park is erg hoog.",
         "Tussen de tegels groeit veel onkruid.", "Een boom hangt gevaarlijk over het fietspad.",
         "Het klimrek in de speeltuin is kapot.", "Er drijft veel plastic en afval in de sloot.",
         "De steiger bij het water heeft losse planken.", "De struiken groeien over de stoep, je kunt er niet langs met een rolstoel.",
         "De schommel in de speeltuin hangt aan één ketting.", "Er ligt een omgewaaide boom over het pad."},
        {"Er staat al weken een auto zonder kenteken.", "Er staat een auto op de stoep, ik kan er niet langs met mijn rollator.",
         "Bij het fietsenrek staan veel kapotte fietsen zonder wiel.", "Er ligt veel hondenpoep op het grasveld waar kinderen spelen.",
         "Een groep jongeren maakt 's avonds veel lawaai.", "Er staat een busje dwars over de invalidenparkeerplaats.",
         "Er staat een oude caravan die niemand gebruikt.", "Er wordt steeds geparkeerd voor de uitrit van de garage."},
        {"Het café draait tot laat harde muziek.", "Een installatie op het dak zoemt de hele nacht.",
         "Er komt een vieze lucht uit de afvoer van het restaurant.", "Het terras staat tot over de stoep.",
         "De bouwplaats maakt al om zes uur 's ochtends lawaai.", "Bij de sloop van het oude gebouw komt veel stof vrij.",
         "Een koelwagen laat de motor de hele nacht draaien."},
        {"Er staat graffiti op de muur van de school.", "Er ligt veel zwerfafval langs de weg.",
         "Er ligt een olievlek op straat, het is glad.", "De bladeren liggen hoog op de stoep en het is glibberig.",
         "Er ligt gebroken glas op het fietspad.", "Op het bushokje zijn bekladdingen aangebracht.",
         "Na de markt is de straat niet schoongemaakt."},
        {"Er ligt een dode kat op straat.", "Ik zie veel ratten bij de containers.", "Er ligt een dode vogel bij de ingang.",
         "Er zit een wespennest in de paal van het bord.", "Er zijn veel duiven die alles vies maken.",
         "Ik weet niet goed onder welke categorie dit valt, maar het moet worden opgelost."},
    }},
    {"Het is bij {landmark}.", "Het gaat om de {street} ter hoogte van nummer {nr}.", "Op de hoek van de {street} en de {street2}.",
     "Vlak voor de ingang van {landmark}.", "Het is in de {street}, tegenover {landmark}.", "Achter {landmark}, bij het fietspad.",
     "In de {street}, naast het bushokje.", "Bij de oversteekplaats in de {street}.", "Halverwege de {street}.",
     "Op het pleintje achter de {street}.", "Tussen {landmark} en de {street}.", "Aan het einde van de {street}, bij het water."},
    {"Dit is al zo sinds vorige week.", "Ik zag het vanochtend.", "Het is al meer dan een maand zo.", "Sinds het weekend.",
     "Het probleem is er al een paar dagen.", "Het is gisteravond gebeurd.", "Ik heb het eerder gemeld, maar er is niets gebeurd.",
     "Het wordt elke dag erger.", "Sinds de storm van afgelopen nacht.", "Het is er al sinds de zomer."},
    {"Oudere mensen kunnen er makkelijk vallen.", "Kinderen spelen daar vaak, het is gevaarlijk.",
     "Met een rolstoel of rollator kom je er niet langs.", "Het trekt ratten en meeuwen aan.", "Het is 's avonds erg donker en onveilig.",
     "Fietsers moeten uitwijken naar de weg.", "Het stinkt en het ziet er rommelig uit.", "Ik ben er zelf bijna gevallen.",
     "Veel mensen lopen hier naar de bushalte.", "De buren ergeren zich er ook aan."},
    {"Kunt u dit snel laten maken?", "Wilt u er iemand naar laten kijken?", "Graag zo snel mogelijk oplossen.",
     "Kan de gemeente dit opruimen?", "Wilt u laten weten wanneer het gemaakt wordt?", "Alvast bedankt.",
     "Ik hoop dat het voor het weekend klaar is.", "Misschien kan er een bord bij geplaatst worden."},
    {{
        {"Wanneer wordt het grofvuil in mijn straat opgehaald?", "Hoe kan ik een nieuwe kliko aanvragen?",
         "Mijn container is niet geleegd. Wat moet ik doen?", "Waar kan ik oude verf en batterijen inleveren?",
         "Hoe laat moet de container aan de straat staan?"},
        {"Hoe vraag ik een nieuw paspoort aan?", "Mijn identiteitskaart is verlopen. Moet ik een afspraak maken?",
         "Hoe lang duurt het voordat mijn paspoort klaar is?", "Wat kost een identiteitskaart voor mijn kind?",
         "Ik ben mijn rijbewijs kwijt. Wat moet ik doen?"},
        {"Hoe krijg ik een parkeervergunning voor bewoners?", "Mag mijn bezoek gratis parkeren in onze wijk?",
         "Ik heb een boete gekregen, maar de automaat was kapot.", "Kan ik een gehandicaptenparkeerkaart aanvragen?"},
        {"Ik kan de aanslag voor de gemeentelijke belastingen niet in één keer betalen.", "Kan ik kwijtschelding krijgen van de afvalstoffenheffing?",
         "Waarom is mijn WOZ-waarde zo hoog?", "Ik heb twee keer een aanslag gekregen voor hetzelfde jaar."},
        {"Ik heb hulp nodig in het huishouden. Waar moet ik zijn?", "Hoe vraag ik een scootmobiel aan via de Wmo?",
         "Mijn moeder woont alleen en kan niet meer goed koken. Wie kan helpen?", "Is er een plek waar ik hulp krijg met formulieren?"},
        {"Ik wil een dakkapel bouwen. Heb ik een vergunning nodig?", "Hoe kom ik op de wachtlijst voor een huurwoning?",
         "Mijn buren bouwen een schuur tegen mijn schutting. Mag dat?", "Hoe geef ik mijn verhuizing door aan de gemeente?"},
        {"Ik heb mijn baan verloren. Kan ik een uitkering aanvragen?", "Waar kan ik hulp krijgen bij het vinden van werk?",
         "Hoe vraag ik bijzondere bijstand aan voor een nieuwe wasmachine?", "Ik heb schulden. Helpt de gemeente daarbij?"},
        {"Wat zijn de openingstijden van het gemeentehuis?", "Hoe kan ik een klacht indienen over een medewerker?",
         "Waar kan ik een evenement aanmelden?", "Kan ik trouwen in het gemeentehuis op een zaterdag?"},
    }},
    {"Ik heb geen computer thuis.", "Ik heb het op de website gezocht, maar ik kan het niet vinden.",
     "Het gaat om de {street}.", "Ik woon sinds {nr} maanden in Voorbeeldstad.", "Het gaat om mijn moeder in de {street}.",
     "Ik heb al {nr} dagen gewacht op een antwoord.", "Mijn buurvrouw bij {landmark} heeft dezelfde vraag.",
     "Kunt u mij een brief sturen?", "Ik ben slecht ter been, dus ik kom liever niet naar het loket.",
     "De bibliothecaris helpt mij met deze vraag.", "Ik woon hier pas sinds een paar maanden.", "Graag een antwoord in eenvoudige taal."},
    {"Zet meer bankjes in het park, zodat ouderen kunnen uitrusten.", "Maak een veilige oversteekplaats bij de school.",
     "Plant meer bomen in de {street}, het is daar erg warm in de zomer.", "Organiseer een buurtfeest op het plein.",
     "Zet een watertappunt bij de speeltuin.", "Maak de bibliotheek ook op zondag open.", "Meer fietsenrekken bij het station graag.",
     "Een moestuin voor de buurt op het lege veld.", "Laat de bus ook 's avonds rijden.", "Zet een openbaar toilet in het centrum.",
     "Maak een hondenuitlaatplaats, dan blijft het speelveld schoon.", "Geef cursussen over de computer in het buurthuis."},
    {"Dan wordt de buurt gezelliger.", "Veel buren denken er hetzelfde over.", "Ik wil daar graag bij helpen.",
     "Dat is goed voor jong en oud.", "Dan hoeven mensen niet meer met de auto."},
};

const Lang kEnglish = {
    "en",
    {{
        {"The glass container is completely full.", "Someone left an old sofa next to the bins.", "The rubbish bin is full and litter blows across the street.",
         "The paper container has not been emptied and boxes are piled up beside it.", "The lid of the underground container is stuck.",
         "Bags of household waste have been dumped next to the container again.", "My wheelie bin was not collected on the usual day.",
         "The bin at the bus stop is overflowing."},
        {"There is a loose paving stone.", "There is a deep pothole in the road.", "A traffic sign has been knocked over.", "The drain is blocked and the street floods.",
         "The pavement has sunk and there is always a puddle.", "A bench is broken, one of the planks is missing.", "The kerb stones are loose and stick out.",
         "The street name sign is gone.", "The speed bump is no longer marked and cars hit it hard."},
        {"The street light is not working.", "The street lamp keeps flickering all evening.", "The traffic light for cyclists never turns green.",
         "A lamp post was hit by a car and is leaning over.", "There are loose wires hanging out of a lamp post.", "Three lights in a row are out, the street is very dark."},
        {"A large branch has fallen from a tree.", "The slide in the playground is broken.", "There is a lot of plastic floating in the canal.",
         "The grass in the park has not been mowed for weeks.", "Bushes are growing over the pavement and I cannot get past with a wheelchair.",
         "A tree is leaning dangerously over the cycle path.", "The swing hangs on one chain.", "The jetty by the water has loose planks."},
        {"A car without number plates has been parked here for weeks.", "Lots of abandoned bicycles are chained to the rack.", "There is a lot of dog mess on the grass.",
         "A car is parked on the pavement and I cannot pass with my walker.", "Someone keeps parking in front of my driveway.",
         "A group of young people makes a lot of noise in the evening.", "A van is parked across the disabled parking space."},
        {"The bar plays loud music until late at night.", "The building site starts making noise at six in the morning.",
         "A fan on the roof hums all night long.", "There is a bad smell coming from the restaurant's vent.", "The terrace takes up the whole pavement.",
         "A refrigerated lorry keeps its engine running all night."},
        {"There is graffiti on the school wall.", "There is broken glass on the cycle path.", "Wet leaves make the pavement slippery.",
         "There is an oil stain on the road and it is slippery.", "Lots of litter along the road.", "The street was not cleaned after the market."},
        {"There is a dead cat in the street.", "I see rats near the containers almost every day.", "There is a wasps' nest in the sign post.",
         "I do not know which category this is, but it needs fixing.", "Lots of pigeons are making everything dirty."},
    }},
    {"It is near {landmark}.", "In {street}, near number {nr}.", "On the corner of {street} and {street2}.", "Right in front of {landmark}.", "Behind {landmark}, by the cycle path.",
     "In {street}, opposite {landmark}.", "Halfway along {street}.", "At the end of {street}, by the water.", "By the pedestrian crossing in {street}."},
    {"It has been like this since last week.", "I noticed it this morning.", "It has been like this for more than a month.", "It happened last night.",
     "I reported it before but nothing happened.", "It is getting worse every day.", "Since the storm last night.", "It has been there since the summer."},
    {"Older people could easily fall.", "Children play there every day.", "You cannot pass with a wheelchair.", "It is dark and feels unsafe in the evening.",
     "It attracts rats and seagulls.", "Cyclists have to swerve into the road.", "I almost fell there myself.", "The neighbours are annoyed too."},
    {"Could you please fix this soon?", "Please send someone to have a look.", "Thank you in advance.", "Can the council clean this up?",
     "Please let me know when it will be fixed.", "I hope it is done before the weekend."},
    {{
        {"When is bulky waste collected in my street?", "How do I order a new wheelie bin?", "My bin was not emptied. What should I do?", "Where can I take old paint and batteries?"},
        {"How do I apply for a new passport?", "My ID card has expired. Do I need an appointment?", "How long does it take before my passport is ready?", "What does an ID card for my child cost?"},
        {"How do I get a residents' parking permit?", "Can my visitors park for free in our area?", "I got a fine but the parking machine was broken.", "Can I apply for a disabled parking card?"},
        {"I cannot pay the municipal tax bill in one go.", "Can I get an exemption from the waste tax?", "Why is the value of my house so high?", "I received two tax bills for the same year."},
        {"I need help at home. Where should I go?", "How do I apply for a mobility scooter?", "My mother lives alone and can no longer cook. Who can help?", "Is there somewhere I can get help with forms?"},
        {"Do I need a permit to build a shed?", "How do I register my new address?", "How do I get on the waiting list for a rented home?", "My neighbours are building against my fence. Is that allowed?"},
        {"I lost my job. Can I apply for benefits?", "Where can I get help finding work?", "How do I apply for extra support for a new washing machine?", "I have debts. Can the council help?"},
        {"What are the opening hours of the town hall?", "How can I make a complaint?", "Where can I register an event?", "Can I get married at the town hall on a Saturday?"},
    }},
    {"I do not have a computer at home.", "It is about {street}.", "I have been waiting {nr} days for an answer.", "The librarian is helping me with this question.", "I moved here recently.",
     "Please answer in simple English.", "I looked on the website but I cannot find it.", "Could you send me a letter?", "It is about my mother in {street}.", "I do not speak Dutch well yet."},
    {"Please put more benches in the park.", "Make a safe crossing near the school.", "Plant more trees in {street}.", "Open the library on Sundays too.", "Let the bus run in the evening as well.",
     "Put a water tap at the playground.", "More bicycle racks at the station, please.", "A community garden on the empty field.", "A public toilet in the town centre.", "Computer classes in the community centre."},
    {"Many neighbours agree.", "It would help young and old.", "I would like to help with this.", "Then people do not need the car."},
};

const Lang kTurkish = {
    "tr",
    {{
        {"Cam konteyneri tamamen dolu.", "Çöp kutusu dolu ve çöpler sokağa saçılıyor.", "Konteynerin yanına eski bir kanepe bırakılmış.",
         "Kağıt konteyneri boşaltılmamış, yanında kutular birikmiş.", "Yer altı konteynerinin kapağı açılmıyor.", "Konteynerin yanına yine çöp poşetleri atılmış.",
         "Çöp kutum her zamanki gün alınmadı."},
        {"Kaldırımda gevşek bir taş var.", "Yolda büyük bir çukur var.", "Trafik levhası devrilmiş.", "Mazgal tıkalı, yağmur yağınca sokak su basıyor.",
         "Kaldırım çökmüş ve hep su birikiyor.", "Bir bank kırık, tahtalarından biri eksik.", "Sokak tabelası yok olmuş."},
        {"Sokak lambası yanmıyor.", "Sokak lambası bütün akşam yanıp sönüyor.", "Bir sokak lambasına araba çarpmış, eğik duruyor.",
         "Bisikletliler için trafik ışığı hiç yeşil yanmıyor.", "Arka arkaya üç lamba yanmıyor, sokak çok karanlık."},
        {"Ağaçtan büyük bir dal kırılmış.", "Oyun parkındaki kaydırak kırık.", "Kanalda çok fazla plastik yüzüyor.", "Parktaki çimler haftalardır biçilmedi.",
         "Çalılar kaldırımı kapatmış, tekerlekli sandalyeyle geçemiyorum.", "Bir ağaç bisiklet yolunun üzerine tehlikeli şekilde eğilmiş.", "Salıncak tek zincirde asılı kalmış."},
        {"Haftalardır plakasız bir araba duruyor.", "Çimenlerde çok fazla köpek pisliği var.", "Araba kaldırıma park edilmiş, tekerlekli sandalyeyle geçemiyorum.",
         "Biri sürekli garaj çıkışımın önüne park ediyor.", "Akşamları bir grup genç çok gürültü yapıyor.", "Bisiklet parkında tekerleksiz bir sürü eski bisiklet var."},
        {"Kafe gece geç saatlere kadar yüksek sesle müzik çalıyor.", "İnşaat sabah altıda gürültü yapmaya başlıyor.", "Çatıdaki bir makine bütün gece uğulduyor.",
         "Restoranın bacasından kötü bir koku geliyor.", "Teras bütün kaldırımı kaplıyor."},
        {"Okulun duvarında grafiti var.", "Bisiklet yolunda kırık cam var.", "Yolda yağ lekesi var, çok kaygan.", "Yol kenarında çok fazla çöp var.",
         "Pazardan sonra sokak temizlenmedi."},
        {"Konteynerlerin yanında fareler görüyorum.", "Sokakta ölü bir kedi var.", "Tabela direğinde bir arı yuvası var.", "Hangi kategoriye girdiğini bilmiyorum ama çözülmesi gerekiyor."},
    }},
    {"{landmark} yakınında.", "{street} sokağında, {nr} numaranın önünde.", "{street} ile {street2} köşesinde.", "{landmark} girişinin hemen önünde.",
     "{street} sokağında, {landmark} karşısında.", "{street} sokağının sonunda, suyun yanında."},
    {"Geçen haftadan beri böyle.", "Bu sabah fark ettim.", "Bir aydan fazladır böyle.", "Dün akşam oldu.", "Daha önce bildirdim ama hiçbir şey olmadı.",
     "Her gün daha kötü oluyor."},
    {"Yaşlılar kolayca düşebilir.", "Orada her gün çocuklar oynuyor.", "Akşamları karanlık ve güvensiz.", "Fareleri ve martıları çekiyor.",
     "Bisikletliler yola çıkmak zorunda kalıyor.", "Ben de az kalsın düşüyordum.", "Komşular da bundan rahatsız."},
    {"Lütfen en kısa zamanda tamir edin.", "Birisi gelip bakabilir mi?", "Şimdiden teşekkürler.", "Belediye burayı temizleyebilir mi?",
     "Ne zaman tamir edileceğini bana bildirir misiniz?"},
    {{
        {"Sokağımızdaki büyük eşyalar ne zaman toplanıyor?", "Yeni bir çöp kutusu nasıl isteyebilirim?", "Çöp kutum boşaltılmadı. Ne yapmalıyım?"},
        {"Yeni pasaport için nasıl başvurabilirim?", "Kimlik kartımın süresi doldu. Randevu almam gerekiyor mu?", "Çocuğum için kimlik kartı ne kadar?"},
        {"Oturma izni için park kartı nasıl alınır?", "Misafirlerim bizim mahallede ücretsiz park edebilir mi?", "Ceza aldım ama park makinesi bozuktu."},
        {"Belediye vergisini taksitle ödeyebilir miyim?", "Çöp vergisinden muaf olabilir miyim?", "Aynı yıl için iki vergi mektubu aldım."},
        {"Evde yardıma ihtiyacım var. Nereye başvurmalıyım?", "Annem yalnız yaşıyor ve artık yemek yapamıyor. Kim yardım edebilir?", "Formlar için nereden yardım alabilirim?"},
        {"Yeni adresimi nasıl bildiririm?", "Kiralık ev için bekleme listesine nasıl yazılırım?", "Bahçeme kulübe yapmak için izin gerekiyor mu?"},
        {"İşimi kaybettim. Yardım alabilir miyim?", "İş bulmak için nereden yardım alabilirim?", "Borçlarım var. Belediye yardım edebilir mi?"},
        {"Belediye binasının çalışma saatleri nedir?", "Nasıl şikayette bulunabilirim?", "Cumartesi günü belediyede evlenebilir miyiz?"},
    }},
    {"Evde bilgisayarım yok.", "Kütüphaneci bana yardım ediyor.", "Lütfen basit bir dille cevap verin.", "İnternet sitesine baktım ama bulamadım.",
     "Bana mektup gönderebilir misiniz?", "Hollandaca henüz iyi konuşamıyorum.", "{nr} gündür cevap bekliyorum."},
    {"Parka daha fazla bank koyun.", "Okulun yanına güvenli bir yaya geçidi yapın.", "Kütüphaneyi pazar günleri de açın.", "{street} sokağına daha fazla ağaç dikin.",
     "Oyun parkına bir su musluğu koyun.", "Akşamları da otobüs çalışsın.", "Mahalle için bir bostan yapılsın."},
    {"Birçok komşu aynı fikirde.", "Bu herkes için iyi olur.", "Ben de yardım etmek isterim."},
};

const Lang kPolish = {
    "pl",
    {{
        {"Pojemnik na szkło jest całkowicie pełny.", "Kosz na śmieci jest pełny, a śmieci fruwają po ulicy.", "Ktoś zostawił starą kanapę przy kontenerze.",
         "Pojemnik na papier nie został opróżniony, obok leżą kartony.", "Klapa podziemnego kontenera się nie otwiera.", "Przy kontenerze znowu ktoś zostawił worki ze śmieciami.",
         "Mój pojemnik nie został odebrany w zwykły dzień."},
        {"Na chodniku jest luźna płyta.", "Na drodze jest duża dziura.", "Znak drogowy został przewrócony.", "Studzienka jest zatkana i ulica jest zalana.",
         "Chodnik się zapadł i ciągle stoi woda.", "Ławka jest zepsuta, brakuje jednej deski.", "Krawężniki są luźne i wystają."},
        {"Latarnia uliczna nie świeci.", "Latarnia miga przez cały wieczór.", "Latarnia została potrącona przez samochód i stoi krzywo.",
         "Z latarni zwisają luźne przewody.", "Trzy lampy z rzędu nie świecą, na ulicy jest bardzo ciemno."},
        {"Z drzewa spadła duża gałąź.", "Zjeżdżalnia na placu zabaw jest zepsuta.", "W kanale pływa dużo plastiku.", "Trawa w parku nie była koszona od tygodni.",
         "Krzaki zarastają chodnik, nie da się przejechać wózkiem.", "Drzewo niebezpiecznie pochyla się nad ścieżką rowerową.", "Huśtawka wisi na jednym łańcuchu."},
        {"Od tygodni stoi tu samochód bez tablic rejestracyjnych.", "Na trawniku jest dużo psich odchodów.", "Samochód stoi na chodniku i nie mogę przejść z balkonikiem.",
         "Ktoś ciągle parkuje przed moim wjazdem.", "Wieczorem grupa młodzieży bardzo hałasuje.", "Przy stojaku jest dużo porzuconych rowerów bez kół."},
        {"Bar gra głośną muzykę do późnej nocy.", "Budowa zaczyna hałasować o szóstej rano.", "Urządzenie na dachu buczy całą noc.",
         "Z wentylacji restauracji wydobywa się nieprzyjemny zapach.", "Ogródek kawiarni zajmuje cały chodnik."},
        {"Na murze szkoły jest graffiti.", "Na ścieżce rowerowej leży rozbite szkło.", "Na drodze jest plama oleju, jest ślisko.", "Wzdłuż drogi leży dużo śmieci.",
         "Po targu ulica nie została posprzątana."},
        {"Przy kontenerach widzę szczury.", "Na ulicy leży martwy kot.", "W słupku znaku jest gniazdo os.", "Nie wiem, do jakiej kategorii to należy, ale trzeba to naprawić."},
    }},
    {"Przy {landmark}.", "Na ulicy {street}, przy numerze {nr}.", "Na rogu {street} i {street2}.", "Tuż przed wejściem do {landmark}.",
     "Na ulicy {street}, naprzeciwko {landmark}.", "Na końcu ulicy {street}, przy wodzie."},
    {"Tak jest od zeszłego tygodnia.", "Zauważyłem to dziś rano.", "Tak jest od ponad miesiąca.", "Stało się to wczoraj wieczorem.",
     "Zgłaszałam to już wcześniej, ale nic się nie stało.", "Z każdym dniem jest gorzej."},
    {"Starsi ludzie mogą łatwo upaść.", "Dzieci codziennie się tam bawią.", "Wieczorem jest ciemno i niebezpiecznie.", "To przyciąga szczury i mewy.",
     "Rowerzyści muszą zjeżdżać na jezdnię.", "Sama prawie tam upadłam.", "Sąsiedzi też są zdenerwowani."},
    {"Proszę to szybko naprawić.", "Czy ktoś może przyjść i zobaczyć?", "Z góry dziękuję.", "Czy gmina może to posprzątać?", "Proszę dać znać, kiedy to zostanie naprawione."},
    {{
        {"Kiedy odbierane są duże odpady na mojej ulicy?", "Jak zamówić nowy pojemnik na śmieci?", "Mój pojemnik nie został opróżniony. Co mam zrobić?"},
        {"Jak złożyć wniosek o nowy paszport?", "Mój dowód osobisty stracił ważność. Czy muszę umówić wizytę?", "Ile kosztuje dowód osobisty dla dziecka?"},
        {"Jak dostać kartę parkingową dla mieszkańców?", "Czy moi goście mogą parkować za darmo w naszej dzielnicy?", "Dostałem mandat, ale parkomat był zepsuty."},
        {"Czy mogę zapłacić podatek gminny w ratach?", "Czy mogę dostać zwolnienie z opłaty za śmieci?", "Dostałem dwa razy decyzję podatkową za ten sam rok."},
        {"Potrzebuję pomocy w domu. Gdzie mam się zgłosić?", "Moja mama mieszka sama i nie może już gotować. Kto może pomóc?", "Gdzie mogę dostać pomoc z formularzami?"},
        {"Jak zgłosić zmianę adresu?", "Jak zapisać się na listę oczekujących na mieszkanie?", "Czy potrzebuję pozwolenia na budowę szopy?"},
        {"Straciłem pracę. Czy mogę dostać zasiłek?", "Gdzie mogę dostać pomoc w szukaniu pracy?", "Mam długi. Czy gmina może pomóc?"},
        {"Jakie są godziny otwarcia urzędu?", "Jak mogę złożyć skargę?", "Czy można wziąć ślub w urzędzie w sobotę?"},
    }},
    {"Nie mam komputera w domu.", "Bibliotekarka pomaga mi z tym pytaniem.", "Proszę o odpowiedź prostym językiem.", "Szukałem na stronie internetowej, ale nie mogę znaleźć.",
     "Czy mogą Państwo wysłać mi list?", "Jeszcze słabo mówię po niderlandzku.", "Czekam na odpowiedź już {nr} dni."},
    {"Proszę postawić więcej ławek w parku.", "Bezpieczne przejście dla pieszych przy szkole.", "Niech autobus jeździ także wieczorem.", "Posadźcie więcej drzew na ulicy {street}.",
     "Kran z wodą pitną przy placu zabaw.", "Ogród społeczny na pustym polu.", "Więcej stojaków na rowery przy dworcu."},
    {"Wielu sąsiadów się zgadza.", "To pomoże młodym i starszym.", "Chętnie w tym pomogę."},
};

const Lang kUkrainian = {
    "uk",
    {{
        {"Контейнер для скла повністю заповнений.", "Смітник переповнений, і сміття розлітається вулицею.", "Хтось залишив старий диван біля контейнера.",
         "Контейнер для паперу не спорожнили, поруч лежать коробки.", "Кришка підземного контейнера не відкривається.", "Біля контейнера знову залишили мішки зі сміттям.",
         "Мій контейнер не забрали у звичайний день."},
        {"На тротуарі розхиталася плитка.", "На дорозі велика яма.", "Дорожній знак перекинутий.", "Зливова решітка забита, і вулицю заливає.",
         "Тротуар просів, і там постійно стоїть вода.", "Лавка зламана, бракує однієї дошки.", "Бордюр розхитаний і стирчить."},
        {"Вуличний ліхтар не світить.", "Ліхтар блимає весь вечір.", "У ліхтарний стовп врізалася машина, і він стоїть криво.",
         "З ліхтаря звисають дроти.", "Три ліхтарі поспіль не світять, на вулиці дуже темно."},
        {"З дерева впала велика гілка.", "Гірка на дитячому майданчику зламана.", "У каналі плаває багато пластику.", "Траву в парку не косили кілька тижнів.",
         "Кущі заросли тротуар, з інвалідним візком не пройти.", "Дерево небезпечно нахилилося над велодоріжкою.", "Гойдалка висить на одному ланцюгу."},
        {"Тут уже кілька тижнів стоїть машина без номерів.", "На газоні багато собачих екскрементів.", "Машина стоїть на тротуарі, я не можу пройти з ходунками.",
         "Хтось постійно паркується перед моїм виїздом.", "Увечері група підлітків дуже шумить.", "Біля велопарковки багато покинутих велосипедів без коліс."},
        {"Кафе грає гучну музику до пізньої ночі.", "Будівництво починає шуміти о шостій ранку.", "Установка на даху гуде всю ніч.",
         "З вентиляції ресторану йде неприємний запах.", "Тераса кафе займає весь тротуар."},
        {"На стіні школи графіті.", "На велодоріжці розбите скло.", "На дорозі пляма олії, дуже слизько.", "Уздовж дороги багато сміття.",
         "Після ринку вулицю не прибрали."},
        {"Біля контейнерів я бачу щурів.", "На вулиці лежить мертва кішка.", "У стовпі знака осине гніздо.", "Не знаю, до якої категорії це належить, але це треба виправити."},
    }},
    {"Біля {landmark}.", "На вулиці {street}, біля будинку {nr}.", "На розі {street} та {street2}.", "Просто перед входом до {landmark}.",
     "На вулиці {street}, навпроти {landmark}.", "В кінці вулиці {street}, біля води."},
    {"Так уже з минулого тижня.", "Я помітила це сьогодні вранці.", "Так уже понад місяць.", "Це сталося вчора ввечері.",
     "Я вже повідомляла про це, але нічого не змінилося.", "З кожним днем стає гірше."},
    {"Літні люди можуть легко впасти.", "Там щодня граються діти.", "Увечері там темно й небезпечно.", "Це приваблює щурів і чайок.",
     "Велосипедистам доводиться виїжджати на дорогу.", "Я сама там мало не впала.", "Сусіди теж незадоволені."},
    {"Будь ласка, полагодьте це якнайшвидше.", "Чи може хтось прийти подивитися?", "Заздалегідь дякую.", "Чи може громада це прибрати?",
     "Повідомте, будь ласка, коли це полагодять."},
    {{
        {"Коли вивозять великогабаритне сміття на моїй вулиці?", "Як замовити новий контейнер для сміття?", "Мій контейнер не спорожнили. Що робити?"},
        {"Як подати заяву на новий паспорт?", "Термін дії моєї ID-картки закінчився. Чи потрібно записуватися?", "Скільки коштує ID-картка для дитини?"},
        {"Як отримати дозвіл на паркування для мешканців?", "Чи можуть мої гості паркуватися безкоштовно в нашому районі?", "Я отримав штраф, але паркомат був зламаний."},
        {"Чи можна сплатити муніципальний податок частинами?", "Чи можна отримати звільнення від податку на сміття?", "Я отримав два податкові листи за той самий рік."},
        {"Мені потрібна допомога вдома. Куди звернутися?", "Моя мама живе сама і вже не може готувати. Хто може допомогти?", "Де мені допоможуть заповнити документи?"},
        {"Як повідомити про зміну адреси?", "Як стати в чергу на орендоване житло?", "Чи потрібен дозвіл, щоб поставити сарай?"},
        {"Я втратив роботу. Чи можу я отримати допомогу?", "Де мені допоможуть знайти роботу?", "У мене борги. Чи може громада допомогти?"},
        {"Які години роботи ратуші?", "Як подати скаргу?", "Чи можна одружитися в ратуші в суботу?"},
    }},
    {"У мене немає комп'ютера вдома.", "Бібліотекарка допомагає мені з цим питанням.", "Будь ласка, відповідайте простою мовою.",
     "Я шукала на сайті, але не можу знайти.", "Чи можете ви надіслати мені листа?", "Я ще погано розмовляю нідерландською.", "Я вже {nr} днів чекаю на відповідь."},
    {"Поставте більше лавок у парку.", "Зробіть безпечний перехід біля школи.", "Нехай автобус їздить і ввечері.", "Посадіть більше дерев на вулиці {street}.",
     "Питний фонтанчик біля дитячого майданчика.", "Громадський город на порожньому полі.", "Більше велопарковок біля вокзалу."},
    {"Багато сусідів погоджуються.", "Це допоможе і молодим, і старшим.", "Я охоче допоможу з цим."},
};

const Lang kArabic = {
    "ar",
    {{
        {"حاوية الزجاج ممتلئة تماماً.", "سلة المهملات ممتلئة والقمامة تتطاير في الشارع.", "ترك أحدهم أريكة قديمة بجانب الحاوية.",
         "لم يتم إفراغ حاوية الورق وتتراكم الصناديق بجانبها.", "غطاء الحاوية تحت الأرض لا يفتح.", "تم رمي أكياس القمامة بجانب الحاوية مرة أخرى.",
         "لم يتم جمع حاويتي في اليوم المعتاد."},
        {"يوجد بلاط مرتخٍ على الرصيف.", "توجد حفرة كبيرة في الطريق.", "سقطت إشارة المرور على الأرض.", "البالوعة مسدودة والشارع يغرق عند المطر.",
         "الرصيف هابط وتتجمع فيه المياه دائماً.", "المقعد مكسور وينقصه لوح خشبي."},
        {"مصباح الشارع لا يعمل.", "مصباح الشارع يومض طوال المساء.", "اصطدمت سيارة بعمود الإنارة وهو مائل الآن.",
         "توجد أسلاك متدلية من عمود الإنارة.", "ثلاثة مصابيح متتالية مطفأة والشارع مظلم جداً."},
        {"سقط غصن كبير من شجرة.", "الزحليقة في الملعب مكسورة.", "يطفو الكثير من البلاستيك في القناة.", "لم يتم قص العشب في الحديقة منذ أسابيع.",
         "الشجيرات تغطي الرصيف ولا يمكن المرور بالكرسي المتحرك.", "الأرجوحة معلقة بسلسلة واحدة."},
        {"سيارة بدون لوحات متوقفة هنا منذ أسابيع.", "توجد فضلات كلاب كثيرة على العشب.", "سيارة متوقفة على الرصيف ولا أستطيع المرور بالمشاية.",
         "شخص يركن سيارته دائماً أمام مدخل بيتي.", "مجموعة من الشباب تحدث ضجيجاً كبيراً في المساء.", "دراجات قديمة كثيرة بدون عجلات عند موقف الدراجات."},
        {"المقهى يشغل موسيقى عالية حتى وقت متأخر.", "موقع البناء يبدأ بالضجيج في السادسة صباحاً.", "جهاز على السطح يطن طوال الليل.",
         "تخرج رائحة كريهة من تهوية المطعم."},
        {"توجد كتابات على جدار المدرسة.", "يوجد زجاج مكسور على مسار الدراجات.", "توجد بقعة زيت على الطريق وهي زلقة.", "الكثير من القمامة على جانب الطريق.",
         "لم يتم تنظيف الشارع بعد السوق."},
        {"أرى فئراناً بالقرب من الحاويات.", "توجد قطة ميتة في الشارع.", "يوجد عش دبابير في عمود اللافتة.", "لا أعرف تحت أي فئة يندرج هذا، لكن يجب إصلاحه."},
    }},
    {"بالقرب من {landmark}.", "في شارع {street} عند الرقم {nr}.", "عند زاوية شارع {street} وشارع {street2}.", "أمام مدخل {landmark} مباشرة.",
     "في شارع {street}، مقابل {landmark}.", "في نهاية شارع {street}، بجانب الماء."},
    {"الوضع هكذا منذ الأسبوع الماضي.", "لاحظت ذلك هذا الصباح.", "الوضع هكذا منذ أكثر من شهر.", "حدث ذلك مساء أمس.",
     "أبلغت عن ذلك من قبل لكن لم يحدث شيء.", "الوضع يزداد سوءاً كل يوم."},
    {"قد يسقط كبار السن بسهولة.", "الأطفال يلعبون هناك كل يوم.", "المكان مظلم وغير آمن في المساء.", "هذا يجذب الفئران والنوارس.",
     "يضطر راكبو الدراجات للنزول إلى الطريق.", "كدت أسقط هناك بنفسي.", "الجيران منزعجون أيضاً."},
    {"أرجو إصلاح ذلك في أقرب وقت.", "شكراً مقدماً.", "هل يمكن أن يأتي أحد للمعاينة؟", "هل يمكن للبلدية تنظيف المكان؟", "أرجو إبلاغي متى سيتم الإصلاح."},
    {{
        {"متى يتم جمع النفايات الكبيرة في شارعي؟", "كيف أطلب حاوية قمامة جديدة؟", "لم يتم إفراغ حاويتي. ماذا أفعل؟"},
        {"كيف أقدم طلباً للحصول على جواز سفر جديد؟", "انتهت صلاحية بطاقة هويتي. هل أحتاج إلى موعد؟", "كم تكلف بطاقة الهوية لطفلي؟"},
        {"كيف أحصل على تصريح وقوف للسكان؟", "هل يمكن لضيوفي الوقوف مجاناً في حينا؟", "حصلت على مخالفة لكن جهاز الدفع كان معطلاً."},
        {"هل يمكنني دفع ضريبة البلدية على أقساط؟", "هل يمكنني الحصول على إعفاء من رسوم النفايات؟", "وصلتني رسالتا ضريبة عن نفس السنة."},
        {"أحتاج إلى مساعدة في المنزل. إلى أين أذهب؟", "أمي تعيش وحدها ولم تعد تستطيع الطبخ. من يمكنه المساعدة؟", "أين أجد مساعدة في ملء الاستمارات؟"},
        {"كيف أبلغ عن تغيير عنواني؟", "كيف أسجل في قائمة الانتظار لسكن مستأجر؟", "هل أحتاج إلى تصريح لبناء سقيفة؟"},
        {"فقدت عملي. هل يمكنني الحصول على مساعدة؟", "أين أجد مساعدة في البحث عن عمل؟", "عندي ديون. هل يمكن للبلدية المساعدة؟"},
        {"ما هي ساعات عمل البلدية؟", "كيف أقدم شكوى؟", "هل يمكن الزواج في البلدية يوم السبت؟"},
    }},
    {"ليس لدي حاسوب في المنزل.", "أمينة المكتبة تساعدني في هذا السؤال.", "أرجو الرد بلغة بسيطة.", "بحثت في الموقع لكن لم أجد شيئاً.",
     "هل يمكنكم إرسال رسالة إلي؟", "لا أتكلم الهولندية جيداً بعد.", "أنتظر الرد منذ {nr} يوماً."},
    {"ضعوا المزيد من المقاعد في الحديقة.", "افتحوا المكتبة يوم الأحد أيضاً.", "اصنعوا معبراً آمناً قرب المدرسة.", "ازرعوا المزيد من الأشجار في شارع {street}.",
     "ليعمل الباص في المساء أيضاً.", "حديقة خضار للحي في الأرض الفارغة."},
    {"كثير من الجيران يوافقون.", "هذا مفيد للصغار والكبار.", "أود المساعدة في ذلك."},
};
// clang-format on

const Lang& pick_language(std::mt19937_64& rng) {
  auto r = below(rng, 100);
  if (r < 60) return kDutch;
  if (r < 70) return kEnglish;
  if (r < 80) return kTurkish;
  if (r < 88) return kPolish;
  if (r < 96) return kUkrainian;
  return kArabic;
}

std::string place_phrase(std::mt19937_64& rng, std::string_view tmpl) {
  std::string s = fill(tmpl, "street", pick(rng, kStreets));
  s = fill(s, "street2", pick(rng, kStreets));
  s = fill(s, "landmark", pick(rng, kLandmarks));
  return fill(s, "nr", std::to_string(1 + below(rng, 180)));
}

// Joins 1-4 sentences, stopping before the text would exceed the kiosk's 1000-character limit.
void append(std::string& text, const std::string& sentence) {
  if (text.size() + sentence.size() + 1 > 950) return;
  if (!text.empty()) text += ' ';
  text += sentence;
}

std::string email(std::mt19937_64& rng) {
  std::string first(pick(rng, kFirst)), last(pick(rng, kLast));
  std::string domain(pick(rng, kDomains));
  switch (below(rng, 6)) {
    case 0: return first.substr(0, 1) + "." + last + "@" + domain;
    case 1: return first + "." + last + std::to_string(below(rng, 90) + 10) + "@" + domain;
    case 2: return first + "." + last + "@" + domain;
    case 3: return first + std::to_string(below(rng, 40) + 1960) + "@" + domain;
    case 4: return last + "." + first + "@" + domain;
    default: return first + last.substr(0, 3) + "@" + domain;
  }
}

std::string phone(std::mt19937_64& rng) {
  char buf[32];
  auto n = static_cast<unsigned long long>(below(rng, 100000000));
  switch (below(rng, 6)) {
    case 0: std::snprintf(buf, sizeof buf, "06-%08llu", n); break;
    case 1: std::snprintf(buf, sizeof buf, "06 %04llu %04llu", n / 10000, n % 10000); break;
    case 2: std::snprintf(buf, sizeof buf, "+31 6 %08llu", n); break;
    case 3: std::snprintf(buf, sizeof buf, "06%08llu", n); break;
    case 4: std::snprintf(buf, sizeof buf, "+316%08llu", n); break;
    default: std::snprintf(buf, sizeof buf, "030-%07llu", n % 10000000); break;
  }
  return buf;
}

// The synthetic kiosk stands in Voorbeeldstad, in the Netherlands.
int offset_for(std::int64_t ms) { return utc_offset_minutes("Europe/Amsterdam", ms); }

// Fills everything but the timestamp.
Submission compose(std::mt19937_64& rng, const SynthOptions& o) {
  g_half = o.phrase_half;
  const Lang& L = pick_language(rng);
  Submission s;
  s.language = std::string(L.code);
  s.kiosk_id = o.kiosk_id;
  s.time_zone = "Europe/Amsterdam";
  s.assisted = chance(rng, 0.15);
  auto k = below(rng, 100);
  s.kind = k < 45 ? Kind::report : k < 80 ? Kind::question : k < 92 ? Kind::idea : Kind::poll;

  switch (s.kind) {
    case Kind::report: {
      auto ci = below(rng, kCategories.size());
      const auto& main = kCategories[ci];
      s.category = std::string(main.slug) + "/" + std::string(pick(rng, main.subs));
      std::string where = place_phrase(rng, phrase(rng, L.where));
      append(s.text, std::string(phrase(rng, L.what[ci])));
      if (chance(rng, 0.7)) append(s.text, where);
      if (chance(rng, 0.5)) append(s.text, std::string(phrase(rng, L.since)));
      if (chance(rng, 0.5)) append(s.text, std::string(phrase(rng, L.impact)));
      if (chance(rng, 0.4)) append(s.text, std::string(phrase(rng, L.request)));
      if (chance(rng, 0.1)) append(s.text, std::string(phrase(rng, L.what[ci])));
      // Where: typed in (street and number, or a landmark), a configured place, or the kiosk's own spot.
      auto where_kind = below(rng, 100);
      if (where_kind < 40) {
        s.location.text = std::string(pick(rng, kStreets)) + " " + std::to_string(1 + below(rng, 180));
        if (chance(rng, 0.2)) s.location.text += std::string(1, static_cast<char>('a' + below(rng, 3)));
      } else if (where_kind < 50) {
        std::string lm(pick(rng, kLandmarks));
        s.location.text = (L.code == "nl" ? "Bij " : "") + lm;
      } else {
        const auto& p = where_kind < 65 ? kPlaces[0] : kPlaces[below(rng, kPlaces.size())];
        s.location.text = std::string(p.name);
        s.location.point = GeoPoint{p.lat, p.lon};
      }
      s.channels = {"signalen"};
      break;
    }
    case Kind::question: {
      auto ti = below(rng, kTopics.size());
      if (chance(rng, 0.85)) s.topic = std::string(kTopicNames.at(L.code)[ti]);
      append(s.text, std::string(phrase(rng, L.questions[ti])));
      if (chance(rng, 0.6)) append(s.text, place_phrase(rng, phrase(rng, L.question_extra)));
      if (chance(rng, 0.2)) append(s.text, std::string(phrase(rng, L.questions[below(rng, kTopics.size())])));
      s.consents.publish = chance(rng, 0.3);
      s.channels = {"openklant"};
      break;
    }
    case Kind::idea: {
      append(s.text, place_phrase(rng, phrase(rng, L.ideas)));
      if (chance(rng, 0.6)) append(s.text, std::string(phrase(rng, L.idea_extra)));
      s.consents.publish = chance(rng, 0.5);
      s.channels = {"openklant"};
      break;
    }
    case Kind::poll: {
      const auto& poll = kPolls[below(rng, kPolls.size())];
      s.poll_id = std::string(poll.id);
      s.poll_answer = std::string(pick(rng, poll.answers));
      s.channels = {"openklant"};
      break;
    }
  }
  if (s.consents.publish)
    for (const ChannelDescriptor* d : channel_descriptors())
      if (d->is_public && d->carries_kind(s.kind)) s.channels.emplace_back(d->name);
  if (s.kind != Kind::poll && chance(rng, o.contact_rate)) {
    auto which = below(rng, 3);
    if (which != 1) s.contact.email = email(rng);
    if (which != 0) s.contact.phone = phone(rng);
    s.consents.contact = true;
  }
  return s;
}

}  // namespace

Submission synth_submission(std::mt19937_64& rng, const SynthOptions& o) {
  Submission s = compose(rng, o);
  // A random opening-hours moment within a year (09:00-17:00 local, approximately).
  std::int64_t day = static_cast<std::int64_t>(below(rng, 365));
  std::int64_t minute = 8 * 60 + static_cast<std::int64_t>(below(rng, 8 * 60));
  s.created_at_ms = o.start_ms + day * 86'400'000 + minute * 60'000 + static_cast<std::int64_t>(below(rng, 60'000));
  s.utc_offset_minutes = offset_for(s.created_at_ms);
  return s;
}

std::vector<Submission> synth_submissions(std::uint64_t seed, std::size_t count, const SynthOptions& o) {
  std::mt19937_64 rng(seed);
  std::vector<Submission> out;
  out.reserve(count);
  // Opening hours 09:00-17:00 local, Monday to Saturday; about a dozen submissions a day.
  std::int64_t t = o.start_ms + 8 * 3'600'000;
  for (std::size_t i = 0; i < count; ++i) {
    Submission s = compose(rng, o);
    t += 10 * 60'000 + static_cast<std::int64_t>(below(rng, 60 * 60'000));
    for (;;) {
      int off = offset_for(t);
      std::int64_t local = t + off * 60'000LL;
      std::int64_t day_ms = ((local % 86'400'000) + 86'400'000) % 86'400'000;
      std::int64_t day_start = local - day_ms;
      std::int64_t weekday = ((local / 86'400'000) + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
      if (weekday == 0) {
        t = day_start + 86'400'000 + 9 * 3'600'000 - off * 60'000LL;
        continue;
      }
      if (day_ms < 9 * 3'600'000) {
        t = day_start + 9 * 3'600'000 - off * 60'000LL;
        continue;
      }
      if (day_ms >= 17 * 3'600'000) {
        t = day_start + 86'400'000 + 9 * 3'600'000 - off * 60'000LL;
        continue;
      }
      break;
    }
    s.created_at_ms = t;
    s.utc_offset_minutes = offset_for(t);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace kiosk

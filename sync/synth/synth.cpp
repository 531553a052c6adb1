// Synthetic kiosk submissions (see synth.hpp). Texts are composed from phrase pools per language and
// category; every name, street, e-mail address and phone number is invented.
#include "kiosk/sync/synth.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace kiosk {
namespace {

using Pool = std::vector<std::string_view>;

// ---- Random helpers with our own arithmetic (portable across standard libraries) ----------------
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) { return n ? rng() % n : 0; }
bool chance(std::mt19937_64& rng, double p) { return static_cast<double>(rng() >> 11) * 0x1.0p-53 < p; }
template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) { return v[below(rng, v.size())]; }

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
                     "lotte", "youssef", "bram", "ilse", "dmytro", "meryem", "henk", "sophie", "tom", "noor"};
const Pool kLast = {"jansen", "de-vries", "bakker", "visser", "smit", "meijer", "de-boer", "mulder", "yilmaz",
                    "kowalski", "bosman", "van-dijk", "hendriks", "kaya", "nowak", "shevchenko", "peters", "dekker"};
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
const Pool kPolls = {"poll-2026-speeltuin", "poll-2026-bankjes-park", "poll-2026-openingstijden", "poll-2026-markt"};
const Pool kPollAnswers = {"ja", "nee", "weet-niet", "zaterdag", "avond", "optie-a", "optie-b", "optie-c"};

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
        {"The glass container is completely full.", "Someone left an old sofa next to the bins.", "The rubbish bin is full and litter blows across the street."},
        {"There is a loose paving stone.", "There is a deep pothole in the road.", "A traffic sign has been knocked over.", "The drain is blocked and the street floods."},
        {"The street light is not working.", "The street lamp keeps flickering all evening.", "The traffic light for cyclists never turns green."},
        {"A large branch has fallen from a tree.", "The slide in the playground is broken.", "There is a lot of plastic floating in the canal."},
        {"A car without number plates has been parked here for weeks.", "Lots of abandoned bicycles are chained to the rack.", "There is a lot of dog mess on the grass."},
        {"The bar plays loud music until late at night.", "The building site starts making noise at six in the morning."},
        {"There is graffiti on the school wall.", "There is broken glass on the cycle path.", "Wet leaves make the pavement slippery."},
        {"There is a dead cat in the street.", "I see rats near the containers almost every day."},
    }},
    {"It is near {landmark}.", "In {street}, near number {nr}.", "On the corner of {street} and {street2}.", "Right in front of {landmark}.", "Behind {landmark}, by the cycle path."},
    {"It has been like this since last week.", "I noticed it this morning.", "It has been like this for more than a month.", "It happened last night."},
    {"Older people could easily fall.", "Children play there every day.", "You cannot pass with a wheelchair.", "It is dark and feels unsafe in the evening."},
    {"Could you please fix this soon?", "Please send someone to have a look.", "Thank you in advance."},
    {{
        {"When is bulky waste collected in my street?", "How do I order a new wheelie bin?"},
        {"How do I apply for a new passport?", "My ID card has expired. Do I need an appointment?"},
        {"How do I get a residents' parking permit?", "Can my visitors park for free in our area?"},
        {"I cannot pay the municipal tax bill in one go.", "Can I get an exemption from the waste tax?"},
        {"I need help at home. Where should I go?", "How do I apply for a mobility scooter?"},
        {"Do I need a permit to build a shed?", "How do I register my new address?"},
        {"I lost my job. Can I apply for benefits?", "Where can I get help finding work?"},
        {"What are the opening hours of the town hall?", "How can I make a complaint?"},
    }},
    {"I do not have a computer at home.", "It is about {street}.", "I have been waiting {nr} days for an answer.", "The librarian is helping me with this question.", "I moved here recently.", "Please answer in simple English."},
    {"Please put more benches in the park.", "Make a safe crossing near the school.", "Plant more trees in {street}.", "Open the library on Sundays too.", "Let the bus run in the evening as well."},
    {"Many neighbours agree.", "It would help young and old.", "I would like to help with this."},
};

const Lang kTurkish = {
    "tr",
    {{
        {"Cam konteyneri tamamen dolu.", "Çöp kutusu dolu ve çöpler sokağa saçılıyor.", "Konteynerin yanına eski bir kanepe bırakılmış."},
        {"Kaldırımda gevşek bir taş var.", "Yolda büyük bir çukur var.", "Trafik levhası devrilmiş.", "Mazgal tıkalı, yağmur yağınca sokak su basıyor."},
        {"Sokak lambası yanmıyor.", "Sokak lambası bütün akşam yanıp sönüyor."},
        {"Ağaçtan büyük bir dal kırılmış.", "Oyun parkındaki kaydırak kırık.", "Kanalda çok fazla plastik yüzüyor."},
        {"Haftalardır plakasız bir araba duruyor.", "Çimenlerde çok fazla köpek pisliği var.", "Araba kaldırıma park edilmiş, tekerlekli sandalyeyle geçemiyorum."},
        {"Kafe gece geç saatlere kadar yüksek sesle müzik çalıyor.", "İnşaat sabah altıda gürültü yapmaya başlıyor."},
        {"Okulun duvarında grafiti var.", "Bisiklet yolunda kırık cam var."},
        {"Konteynerlerin yanında fareler görüyorum.", "Sokakta ölü bir kedi var."},
    }},
    {"{landmark} yakınında.", "{street} sokağında, {nr} numaranın önünde.", "{street} ile {street2} köşesinde."},
    {"Geçen haftadan beri böyle.", "Bu sabah fark ettim.", "Bir aydan fazladır böyle."},
    {"Yaşlılar kolayca düşebilir.", "Orada her gün çocuklar oynuyor.", "Akşamları karanlık ve güvensiz."},
    {"Lütfen en kısa zamanda tamir edin.", "Birisi gelip bakabilir mi?", "Şimdiden teşekkürler."},
    {{
        {"Sokağımızdaki büyük eşyalar ne zaman toplanıyor?"}, {"Yeni pasaport için nasıl başvurabilirim?"},
        {"Oturma izni için park kartı nasıl alınır?"}, {"Belediye vergisini taksitle ödeyebilir miyim?"},
        {"Evde yardıma ihtiyacım var. Nereye başvurmalıyım?"}, {"Yeni adresimi nasıl bildiririm?"},
        {"İşimi kaybettim. Yardım alabilir miyim?"}, {"Belediye binasının çalışma saatleri nedir?"},
    }},
    {"Evde bilgisayarım yok.", "Kütüphaneci bana yardım ediyor.", "Lütfen basit bir dille cevap verin."},
    {"Parka daha fazla bank koyun.", "Okulun yanına güvenli bir yaya geçidi yapın.", "Kütüphaneyi pazar günleri de açın."},
    {"Birçok komşu aynı fikirde.", "Bu herkes için iyi olur."},
};

const Lang kPolish = {
    "pl",
    {{
        {"Pojemnik na szkło jest całkowicie pełny.", "Kosz na śmieci jest pełny, a śmieci fruwają po ulicy.", "Ktoś zostawił starą kanapę przy kontenerze."},
        {"Na chodniku jest luźna płyta.", "Na drodze jest duża dziura.", "Znak drogowy został przewrócony.", "Studzienka jest zatkana i ulica jest zalana."},
        {"Latarnia uliczna nie świeci.", "Latarnia miga przez cały wieczór."},
        {"Z drzewa spadła duża gałąź.", "Zjeżdżalnia na placu zabaw jest zepsuta.", "W kanale pływa dużo plastiku."},
        {"Od tygodni stoi tu samochód bez tablic rejestracyjnych.", "Na trawniku jest dużo psich odchodów."},
        {"Bar gra głośną muzykę do późnej nocy.", "Budowa zaczyna hałasować o szóstej rano."},
        {"Na murze szkoły jest graffiti.", "Na ścieżce rowerowej leży rozbite szkło."},
        {"Przy kontenerach widzę szczury.", "Na ulicy leży martwy kot."},
    }},
    {"Przy {landmark}.", "Na ulicy {street}, przy numerze {nr}.", "Na rogu {street} i {street2}."},
    {"Tak jest od zeszłego tygodnia.", "Zauważyłem to dziś rano.", "Tak jest od ponad miesiąca."},
    {"Starsi ludzie mogą łatwo upaść.", "Dzieci codziennie się tam bawią.", "Wieczorem jest ciemno i niebezpiecznie."},
    {"Proszę to szybko naprawić.", "Czy ktoś może przyjść i zobaczyć?", "Z góry dziękuję."},
    {{
        {"Kiedy odbierane są duże odpady na mojej ulicy?"}, {"Jak złożyć wniosek o nowy paszport?"},
        {"Jak dostać kartę parkingową dla mieszkańców?"}, {"Czy mogę zapłacić podatek gminny w ratach?"},
        {"Potrzebuję pomocy w domu. Gdzie mam się zgłosić?"}, {"Jak zgłosić zmianę adresu?"},
        {"Straciłem pracę. Czy mogę dostać zasiłek?"}, {"Jakie są godziny otwarcia urzędu?"},
    }},
    {"Nie mam komputera w domu.", "Bibliotekarka pomaga mi z tym pytaniem.", "Proszę o odpowiedź prostym językiem."},
    {"Proszę postawić więcej ławek w parku.", "Bezpieczne przejście dla pieszych przy szkole.", "Niech autobus jeździ także wieczorem."},
    {"Wielu sąsiadów się zgadza.", "To pomoże młodym i starszym."},
};

const Lang kUkrainian = {
    "uk",
    {{
        {"Контейнер для скла повністю заповнений.", "Смітник переповнений, і сміття розлітається вулицею.", "Хтось залишив старий диван біля контейнера."},
        {"На тротуарі розхиталася плитка.", "На дорозі велика яма.", "Дорожній знак перекинутий.", "Зливова решітка забита, і вулицю заливає."},
        {"Вуличний ліхтар не світить.", "Ліхтар блимає весь вечір."},
        {"З дерева впала велика гілка.", "Гірка на дитячому майданчику зламана.", "У каналі плаває багато пластику."},
        {"Тут уже кілька тижнів стоїть машина без номерів.", "На газоні багато собачих екскрементів."},
        {"Кафе грає гучну музику до пізньої ночі.", "Будівництво починає шуміти о шостій ранку."},
        {"На стіні школи графіті.", "На велодоріжці розбите скло."},
        {"Біля контейнерів я бачу щурів.", "На вулиці лежить мертва кішка."},
    }},
    {"Біля {landmark}.", "На вулиці {street}, біля будинку {nr}.", "На розі {street} та {street2}."},
    {"Так уже з минулого тижня.", "Я помітила це сьогодні вранці.", "Так уже понад місяць."},
    {"Літні люди можуть легко впасти.", "Там щодня граються діти.", "Увечері там темно й небезпечно."},
    {"Будь ласка, полагодьте це якнайшвидше.", "Чи може хтось прийти подивитися?", "Заздалегідь дякую."},
    {{
        {"Коли вивозять великогабаритне сміття на моїй вулиці?"}, {"Як подати заяву на новий паспорт?"},
        {"Як отримати дозвіл на паркування для мешканців?"}, {"Чи можна сплатити муніципальний податок частинами?"},
        {"Мені потрібна допомога вдома. Куди звернутися?"}, {"Як повідомити про зміну адреси?"},
        {"Я втратив роботу. Чи можу я отримати допомогу?"}, {"Які години роботи ратуші?"},
    }},
    {"У мене немає комп'ютера вдома.", "Бібліотекарка допомагає мені з цим питанням.", "Будь ласка, відповідайте простою мовою."},
    {"Поставте більше лавок у парку.", "Зробіть безпечний перехід біля школи.", "Нехай автобус їздить і ввечері."},
    {"Багато сусідів погоджуються.", "Це допоможе і молодим, і старшим."},
};

const Lang kArabic = {
    "ar",
    {{
        {"حاوية الزجاج ممتلئة تماماً.", "سلة المهملات ممتلئة والقمامة تتطاير في الشارع."},
        {"يوجد بلاط مرتخٍ على الرصيف.", "توجد حفرة كبيرة في الطريق."},
        {"مصباح الشارع لا يعمل."},
        {"سقط غصن كبير من شجرة.", "الزحليقة في الملعب مكسورة."},
        {"سيارة بدون لوحات متوقفة هنا منذ أسابيع."},
        {"المقهى يشغل موسيقى عالية حتى وقت متأخر."},
        {"يوجد زجاج مكسور على مسار الدراجات."},
        {"أرى فئراناً بالقرب من الحاويات."},
    }},
    {"بالقرب من {landmark}.", "في شارع {street} عند الرقم {nr}."},
    {"الوضع هكذا منذ الأسبوع الماضي.", "لاحظت ذلك هذا الصباح."},
    {"قد يسقط كبار السن بسهولة.", "الأطفال يلعبون هناك كل يوم."},
    {"أرجو إصلاح ذلك في أقرب وقت.", "شكراً مقدماً."},
    {{
        {"متى يتم جمع النفايات الكبيرة في شارعي؟"}, {"كيف أقدم طلباً للحصول على جواز سفر جديد؟"},
        {"كيف أحصل على تصريح وقوف للسكان؟"}, {"هل يمكنني دفع ضريبة البلدية على أقساط؟"},
        {"أحتاج إلى مساعدة في المنزل. إلى أين أذهب؟"}, {"كيف أبلغ عن تغيير عنواني؟"},
        {"فقدت عملي. هل يمكنني الحصول على مساعدة؟"}, {"ما هي ساعات عمل البلدية؟"},
    }},
    {"ليس لدي حاسوب في المنزل.", "أمينة المكتبة تساعدني في هذا السؤال."},
    {"ضعوا المزيد من المقاعد في الحديقة.", "افتحوا المكتبة يوم الأحد أيضاً."},
    {"كثير من الجيران يوافقون."},
};

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
  switch (below(rng, 3)) {
    case 0: return first.substr(0, 1) + "." + last + "@" + std::string(pick(rng, kDomains));
    case 1: return first + "." + last + std::to_string(below(rng, 90) + 10) + "@" + std::string(pick(rng, kDomains));
    default: return first + last.substr(0, 3) + "@" + std::string(pick(rng, kDomains));
  }
}

std::string phone(std::mt19937_64& rng) {
  char buf[24];
  auto n = below(rng, 100000000);
  switch (below(rng, 3)) {
    case 0: std::snprintf(buf, sizeof buf, "06-%08llu", static_cast<unsigned long long>(n)); break;
    case 1: std::snprintf(buf, sizeof buf, "06 %04llu %04llu", static_cast<unsigned long long>(n / 10000),
                          static_cast<unsigned long long>(n % 10000)); break;
    default: std::snprintf(buf, sizeof buf, "+31 6 %08llu", static_cast<unsigned long long>(n)); break;
  }
  return buf;
}

int offset_for(std::int64_t ms) {
  // Approximate Dutch summer time: April to October is UTC+2, otherwise UTC+1.
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (tm.tm_mon >= 3 && tm.tm_mon <= 9) ? 120 : 60;
}

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
      if (chance(rng, 0.6)) {
        s.location.text = std::string(pick(rng, kStreets)) + " " + std::to_string(1 + below(rng, 180));
      } else {
        std::string lm(pick(rng, kLandmarks));
        s.location.text = "Bij " + lm;
      }
      if (chance(rng, 0.85))
        s.location.point = GeoPoint{static_cast<double>(52'080'000 + below(rng, 20000)) / 1e6,
                                    static_cast<double>(5'110'000 + below(rng, 20000)) / 1e6};
      s.channels = {"signalen"};
      break;
    }
    case Kind::question: {
      auto ti = below(rng, kTopics.size());
      s.topic = std::string(kTopics[ti]);
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
      s.poll_id = std::string(pick(rng, kPolls));
      s.poll_answer = std::string(pick(rng, kPollAnswers));
      s.channels = {"openklant"};
      break;
    }
  }
  if (s.consents.publish) s.channels.push_back("mastodon");
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
      if (weekday == 0) { t = day_start + 86'400'000 + 9 * 3'600'000 - off * 60'000LL; continue; }
      if (day_ms < 9 * 3'600'000) { t = day_start + 9 * 3'600'000 - off * 60'000LL; continue; }
      if (day_ms >= 17 * 3'600'000) { t = day_start + 86'400'000 + 9 * 3'600'000 - off * 60'000LL; continue; }
      break;
    }
    s.created_at_ms = t;
    s.utc_offset_minutes = offset_for(t);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace kiosk

#!/usr/bin/env python3
"""Held-out kiosk submissions for measuring the payload codec (bench/codec_bench.cpp).

Written separately from the training generator (sync/synth/synth.cpp): other sentences, other
phrasing (first-person, informal, some typos and missing capitals), other streets, poll ids, kiosk and
e-mail addresses. Never train a shipped dictionary on these files; measure on them only.

  heldout_submissions.jsonl  700 records: what codec_bench measures
  heldout_history.jsonl     1300 records: "the kiosk's own earlier submissions", for the benchmark's
                            kiosk-trained dictionary (it retrains on these, then measures the 700).
                            Its sentences come from the even positions of each phrase pool, the
                            measured set's from the odd ones (pools of one are shared): the kiosk's
                            dictionary knows its places, polls and kiosk id, not the sentences.

Everything is invented; e-mail domains are example.* or *.example. Deterministic: python3 this file.
"""
import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

KIOSK = "vbs-stadskantoor-02"

STREETS = ["Prins Hendrikstraat", "Acaciastraat", "Koningin Emmaplein", "Veldzicht", "Weidezoom", "Groenhof",
           "Eikenlaan", "Zandpad", "Vossenlaan", "Hofstede", "Plantage", "Grote Markt", "Binnenhaven",
           "Kloosterstraat", "Schuttersveld", "Fazantenlaan", "De Gaarde", "Wethouder Boonstraat", "Watermolen",
           "Irisstraat", "Narcissenpad", "Sluiskade", "Ambachtsweg", "Industrieweg", "Postlaan", "Nassauweg"]
PLACES = [("Stadskantoor, hoofdingang", 52.09311, 5.11764), ("Winkelcentrum Hoogland", 52.10143, 5.13220),
          ("Park Oosterhout, bij de vijver", 52.08710, 5.13905), ("Busstation Centrum", 52.08955, 5.11150),
          ("Zwembad De Otter", 52.09870, 5.10642)]
EMAIL_DOMAINS = ["example.net", "post.example", "example.nl", "mail.example.org", "inbox.example"]
NAMES = ["marieke", "ahmet", "katarzyna", "oksana", "hamza", "ingrid", "ruud", "zeynep", "tomasz", "iryna",
         "abdi", "selam", "gerrit", "esra", "wim", "fadumo", "natalia", "bilal", "joke", "dawit", "linda", "mustafa"]
SURNAMES = ["van der berg", "ozturk", "wisniewska", "bondarenko", "el amrani", "de groot", "koster", "arslan",
            "zielinski", "kravets", "hassan", "tesfay", "van leeuwen", "demir", "jacobs", "warsame", "postma"]
CATEGORIES = {
    "afval": ["container-is-vol", "container-is-kapot", "bijplaatsing", "grofvuil", "prullenbak-is-vol"],
    "wegen-verkeer-straatmeubilair": ["bestrating", "gat-in-de-weg", "verkeersbord", "straatmeubilair", "verstopte-put"],
    "straatverlichting-klokken": ["lantaarnpaal", "lantaarnpaal-beschadigd", "verkeerslicht"],
    "groen-en-water": ["boom", "maaien-snoeien", "speelplaats", "drijfvuil"],
    "overlast-in-de-openbare-ruimte": ["fout-geparkeerde-auto", "fietswrak", "hondenpoep", "overlast-door-personen"],
    "overlast-bedrijven-en-horeca": ["geluidsoverlast-muziek", "stankoverlast", "bouw-sloop"],
    "schoon": ["graffiti", "zwerfafval", "glas-op-straat"],
    "overig": ["ongedierte", "overig"],
}
TOPIC_KEYS = ["afval-ophalen", "paspoort-en-id-kaart", "parkeren", "belastingen", "zorg-en-ondersteuning", "wonen",
              "werk-en-inkomen", "overig"]
TOPICS = {
    "nl": ["Afval ophalen", "Paspoort en ID-kaart", "Parkeren", "Belastingen", "Zorg en ondersteuning", "Wonen", "Werk en inkomen", "Iets anders"],
    "en": ["Waste collection", "Passport and ID card", "Parking", "Taxes", "Care and support", "Housing", "Work and income", "Something else"],
    "tr": ["Çöp toplama", "Pasaport ve kimlik kartı", "Park etme", "Vergiler", "Bakım ve destek", "Konut", "İş ve gelir", "Başka bir konu"],
    "pl": ["Odbiór odpadów", "Paszport i dowód osobisty", "Parkowanie", "Podatki", "Opieka i wsparcie", "Mieszkanie", "Praca i dochód", "Inny temat"],
    "uk": ["Вивезення сміття", "Паспорт та ID-картка", "Паркування", "Податки", "Догляд і підтримка", "Житло", "Робота і дохід", "Інше питання"],
    "ar": ["جمع النفايات", "جواز السفر وبطاقة الهوية", "ركن السيارات", "الضرائب", "الرعاية والدعم", "السكن", "العمل والدخل", "موضوع آخر"],
}
POLLS = [("herinrichting-grote-markt", ["meer-groen", "terrassen", "parkeren-blijft"]),
         ("bibliotheek-zondag", ["ja", "nee", "alleen-winter"]),
         ("speeltuin-2026", ["schommels", "bankjes", "natuur"])]

# Per language: report sentences per main category (any order of keys above), place phrases, extra
# remarks, question sentences per topic, ideas. {s} = a street, {p} = a place, {n} = a number.
L = {}
L["nl"] = dict(
    report={
        "afval": ["bij ons in de straat staat de ondergrondse container al dagen propvol", "Er zijn weer zakken naast de container gedumpt, het stinkt enorm.",
                  "De klep van de papierbak is afgebroken.", "Iemand heeft een koelkast bij de glasbak neergezet.", "afvalbak bij het bankje puilt uit, alles ligt op de grond",
                  "Mijn groene bak is twee keer overgeslagen bij het legen."],
        "wegen-verkeer-straatmeubilair": ["Er zit een flinke kuil in het fietspad, mijn zoon is er gisteren in gevallen.", "de tegels voor de ingang liggen scheef, struikelgevaar!!",
                  "Het stopbord is gedraaid en wijst nu de verkeerde kant op.", "Het hek langs het water is kapot, er mist een stuk.", "Bij regen staat het kruispunt helemaal blank, de afvoer werkt niet.",
                  "Er is een paaltje omver gereden en het ligt nu op het fietspad."],
        "straatverlichting-klokken": ["Al een week brandt er geen licht in het steegje, ik durf er 's avonds niet meer door.", "De lamp gaat steeds aan en uit.",
                  "Het voetgangerslicht blijft op rood staan, mensen steken dan maar door rood over.", "Er hangt een lantaarnpaal half los na de storm."],
        "groen-en-water": ["De heg is zo hoog dat je de auto's niet ziet aankomen als je de straat uit rijdt.", "Er ligt een dikke tak op het pad na de storm van zondag.",
                  "het gras op het speelveldje is in maanden niet gemaaid", "De wip in de speeltuin is kapot, er steken spijkers uit.", "In de vijver drijven flessen en blikjes."],
        "overlast-in-de-openbare-ruimte": ["Er staat een bestelbus half op de stoep, met de kinderwagen moet ik de weg op.", "Tegen het hek staat al maanden een fiets zonder zadel en wielen.",
                  "Overal op het grasveld ligt poep, kinderen spelen daar!", "Elke avond hangt er een groep op het bankje met harde muziek en lachgas."],
        "overlast-bedrijven-en-horeca": ["De snackbar heeft de afzuiging de hele dag aan, de hele straat ruikt naar frituurvet.", "Er wordt op zondag al om 7 uur geheid op de bouwplaats.",
                  "Het feestzaaltje draait elk weekend tot 3 uur 's nachts muziek."],
        "schoon": ["Er is op de brug met verf geklad, ook scheldwoorden.", "Langs de sloot ligt heel veel plastic en blikjes.", "Op de stoep ligt overal glas van een kapotte fles."],
        "overig": ["Ik heb muizen gezien bij de vuilcontainers achter de flat.", "Iets anders: de bank in het park is weggehaald en niet teruggezet, waarom?"],
    },
    where=["Het is in de {s} bij huisnummer {n}.", "adres: {s} {n}", "Vlakbij {p}.", "Tegenover het pand op de {s}.", "Op het stuk tussen de {s} en de brug."],
    extra=["Ik heb er een foto van maar die kan ik hier niet toevoegen.", "Graag snel actie, voordat er echt een ongeluk gebeurt.", "Dit speelt al sinds de zomer.",
           "Bedankt voor het oppakken!", "Mijn buurman heeft het ook al gemeld bij de wijkagent.", "Kunnen jullie me laten weten wat ermee gedaan wordt?", "het is echt gevaarlijk voor ouderen"],
    question=[["Ze hebben mijn grijze container niet geleegd, wanneer komen ze terug?", "Mag ik snoeiafval bij het gewone afval doen?"],
              ["Mijn paspoort verloopt over een maand en ik ga op vakantie. Kan ik nog op tijd een nieuwe krijgen?", "Kan ik een ID-kaart aanvragen voor mijn vader die in een verpleeghuis woont?"],
              ["Ik krijg bezoek van mijn dochter, waar kan zij parkeren zonder boete?", "Hoeveel kost een tweede parkeervergunning?"],
              ["Ik snap de brief over de hondenbelasting niet, ik heb geen hond meer.", "Kan ik de aanslag in termijnen betalen?"],
              ["Mijn man heeft dementie en ik kan de zorg niet meer alleen aan. Waar kan ik terecht?", "Hoe kom ik aan een traplift?"],
              ["Ik woon in een te kleine woning met drie kinderen, hoe kom ik aan een grotere woning?", "Moet ik een vergunning hebben voor een schutting van twee meter?"],
              ["Ik zoek vrijwilligerswerk, waar kan ik me melden?", "Hoe lang duurt het voordat mijn bijstandsaanvraag beoordeeld is?"],
              ["Waar vind ik de notulen van de gemeenteraad?", "Kan ik hier ook een uittreksel uit het BRP krijgen?"]],
    qextra=["Ik heb geen DigiD.", "Graag bellen na 17.00 uur.", "Ik spreek niet zo goed Nederlands, mijn dochter helpt mij.", "Wilt u mij een mail sturen?"],
    ideas=["Waarom komt er geen pannaveld bij de {s}? Er is niks te doen voor de jeugd.", "Zet een paar picknicktafels in het park, dan kunnen gezinnen daar lunchen.",
           "Het zou mooi zijn als er een repaircafé in de bibliotheek komt.", "Maak van de {s} een fietsstraat, het is er veel te druk met auto's.",
           "Misschien een ruilkast voor boeken bij het busstation?", "Hang bloembakken aan de lantaarnpalen op de Grote Markt."],
)
L["en"] = dict(
    report={
        "afval": ["The underground bin on our street has been overflowing since Monday.", "someone dumped a mattress and bin bags next to the recycling point",
                  "The lid of the paper bin is broken off."],
        "wegen-verkeer-straatmeubilair": ["Big pothole in the cycle lane, I nearly came off my bike this morning.", "Paving slabs by the entrance are uneven, an older lady tripped there.",
                  "The give way sign has been turned around."],
        "straatverlichting-klokken": ["The alley has had no light for a week, it feels unsafe at night.", "Pedestrian light stays red for ages, people just cross anyway."],
        "groen-en-water": ["The hedge is so tall you cannot see cars coming when you pull out.", "There are bottles and cans floating in the pond."],
        "overlast-in-de-openbare-ruimte": ["A van is parked half on the pavement, I have to walk in the road with my pram.", "Dog poo all over the grass where the kids play."],
        "overlast-bedrijven-en-horeca": ["The takeaway runs its extractor fan all day, the whole street smells of grease."],
        "schoon": ["Someone sprayed graffiti on the bridge, including swear words.", "Broken glass all over the pavement."],
        "overig": ["I have seen mice by the bins behind the flats."],
    },
    where=["It is on {s} near number {n}.", "Close to {p}.", "Opposite the shop on {s}."],
    extra=["I have a photo but I cannot upload it here.", "Please sort it before someone gets hurt.", "Thanks for looking into it!", "Could you let me know what happens?"],
    question=[["They did not empty my grey bin, when will they come back?"], ["My passport expires next month and I am travelling. Can I still get a new one in time?"],
              ["Where can my visiting daughter park without getting a fine?"], ["Can I pay the municipal tax bill in instalments?"],
              ["My husband has dementia and I cannot manage on my own. Who can help?"], ["How do I get on the list for a bigger social housing flat?"],
              ["I am looking for volunteer work, where do I sign up?"], ["Can I get an extract from the population register here?"]],
    qextra=["I do not have DigiD.", "I only speak a little Dutch.", "Please email me."],
    ideas=["A few picnic tables in the park would be lovely for families.", "How about a repair cafe in the library once a month?", "Make {s} a cycle street, there is far too much traffic."],
)
L["tr"] = dict(
    report={
        "afval": ["Sokağımızdaki yer altı konteyneri pazartesiden beri taşıyor.", "Birisi geri dönüşüm noktasının yanına yatak ve çöp poşetleri bırakmış."],
        "wegen-verkeer-straatmeubilair": ["Bisiklet yolunda büyük bir çukur var, bu sabah neredeyse düşüyordum.", "Girişteki kaldırım taşları yamuk, yaşlı bir kadın takıldı."],
        "straatverlichting-klokken": ["Ara sokakta bir haftadır ışık yok, akşamları korkuyorum.", "Yaya ışığı çok uzun süre kırmızı kalıyor."],
        "groen-en-water": ["Çit o kadar yüksek ki sokaktan çıkarken arabaları göremiyorsunuz.", "Göletin içinde şişeler ve kutular yüzüyor."],
        "overlast-in-de-openbare-ruimte": ["Bir minibüs yarısı kaldırımda park etmiş, bebek arabasıyla yoldan yürümek zorundayım.", "Çocukların oynadığı çimlerde her yerde köpek pisliği var."],
        "overlast-bedrijven-en-horeca": ["Büfe bütün gün aspiratörü çalıştırıyor, bütün sokak yağ kokuyor."],
        "schoon": ["Köprüye sprey boya ile küfürler yazılmış.", "Kaldırımın her yerinde kırık cam var."],
        "overig": ["Apartmanın arkasındaki çöplerin yanında fareler gördüm."],
    },
    where=["{s} sokağında, {n} numaranın yakınında.", "{p} yakınında."],
    extra=["Fotoğrafım var ama buraya yükleyemiyorum.", "Lütfen biri yaralanmadan düzeltin.", "İlginiz için teşekkürler."],
    question=[["Gri çöp kutum boşaltılmadı, ne zaman tekrar gelecekler?"], ["Pasaportumun süresi gelecek ay doluyor ve seyahate çıkıyorum. Zamanında yenisini alabilir miyim?"],
              ["Kızım ziyarete geliyor, ceza almadan nereye park edebilir?"], ["Belediye vergisini taksitle ödeyebilir miyim?"],
              ["Eşim demans hastası ve tek başıma bakamıyorum. Kim yardım edebilir?"], ["Daha büyük bir sosyal konut için nasıl başvurabilirim?"],
              ["Gönüllü iş arıyorum, nereye başvurabilirim?"], ["Nüfus kaydından belgeyi burada alabilir miyim?"]],
    qextra=["DigiD'im yok.", "Hollandaca az konuşuyorum.", "Lütfen bana e-posta gönderin."],
    ideas=["Parka birkaç piknik masası koyun, aileler için çok güzel olur.", "Kütüphanede ayda bir tamir kafesi olsa ne güzel olur."],
)
L["pl"] = dict(
    report={
        "afval": ["Podziemny kontener na naszej ulicy jest przepełniony od poniedziałku.", "Ktoś zostawił materac i worki ze śmieciami przy punkcie recyklingu."],
        "wegen-verkeer-straatmeubilair": ["Na ścieżce rowerowej jest duża dziura, dziś rano prawie spadłem z roweru.", "Płyty chodnikowe przy wejściu są nierówne, starsza pani się potknęła."],
        "straatverlichting-klokken": ["W zaułku od tygodnia nie ma światła, wieczorem czuję się niebezpiecznie.", "Światło dla pieszych bardzo długo jest czerwone."],
        "groen-en-water": ["Żywopłot jest tak wysoki, że przy wyjeździe nie widać samochodów.", "W stawie pływają butelki i puszki."],
        "overlast-in-de-openbare-ruimte": ["Bus stoi w połowie na chodniku, z wózkiem muszę iść ulicą.", "Na trawniku, gdzie bawią się dzieci, wszędzie są psie kupy."],
        "overlast-bedrijven-en-horeca": ["Bar z frytkami ma cały dzień włączony wyciąg, cała ulica śmierdzi tłuszczem."],
        "schoon": ["Ktoś pomalował most sprayem, są też przekleństwa.", "Na chodniku wszędzie leży stłuczone szkło."],
        "overig": ["Widziałam myszy przy śmietnikach za blokiem."],
    },
    where=["Na ulicy {s}, blisko numeru {n}.", "Niedaleko {p}."],
    extra=["Mam zdjęcie, ale nie mogę go tu dodać.", "Proszę to naprawić, zanim ktoś się zrani.", "Dziękuję za zajęcie się sprawą."],
    question=[["Nie opróżniono mojego szarego pojemnika, kiedy przyjadą ponownie?"], ["Mój paszport wygasa w przyszłym miesiącu, a wyjeżdżam. Czy zdążę dostać nowy?"],
              ["Gdzie moja córka może zaparkować bez mandatu, gdy nas odwiedza?"], ["Czy mogę zapłacić podatek gminny w ratach?"],
              ["Mój mąż ma demencję i nie daję rady sama. Kto może pomóc?"], ["Jak zapisać się na większe mieszkanie socjalne?"],
              ["Szukam pracy jako wolontariusz, gdzie mam się zgłosić?"], ["Czy mogę tutaj dostać wyciąg z rejestru ludności?"]],
    qextra=["Nie mam DigiD.", "Mówię trochę po niderlandzku.", "Proszę o odpowiedź mailem."],
    ideas=["Kilka stołów piknikowych w parku byłoby super dla rodzin.", "Może kawiarnia naprawcza w bibliotece raz w miesiącu?"],
)
L["uk"] = dict(
    report={
        "afval": ["Підземний контейнер на нашій вулиці переповнений з понеділка.", "Хтось залишив матрац і мішки зі сміттям біля пункту переробки."],
        "wegen-verkeer-straatmeubilair": ["На велодоріжці велика яма, сьогодні зранку я майже впав з велосипеда.", "Плитка біля входу нерівна, літня жінка спіткнулася."],
        "straatverlichting-klokken": ["У провулку вже тиждень немає світла, ввечері там страшно.", "Світлофор для пішоходів дуже довго горить червоним."],
        "groen-en-water": ["Живопліт такий високий, що не видно машин, коли виїжджаєш.", "У ставку плавають пляшки й бляшанки."],
        "overlast-in-de-openbare-ruimte": ["Бус стоїть наполовину на тротуарі, з візком доводиться йти дорогою.", "На газоні, де граються діти, всюди собачі екскременти."],
        "overlast-bedrijven-en-horeca": ["Закусочна цілий день вмикає витяжку, вся вулиця пахне олією."],
        "schoon": ["Хтось розмалював міст фарбою, є навіть лайливі слова.", "На тротуарі всюди бите скло."],
        "overig": ["Я бачила мишей біля смітників за будинком."],
    },
    where=["На вулиці {s}, біля будинку {n}.", "Біля {p}."],
    extra=["У мене є фото, але я не можу його тут додати.", "Будь ласка, виправте, поки ніхто не постраждав.", "Дякую, що займаєтесь цим."],
    question=[["Мій сірий контейнер не спорожнили, коли приїдуть знову?"], ["Мій паспорт закінчується наступного місяця, а я їду. Чи встигну отримати новий?"],
              ["Де моя донька може припаркуватися без штрафу, коли приїжджає?"], ["Чи можна сплатити муніципальний податок частинами?"],
              ["У чоловіка деменція, і я не справляюся сама. Хто може допомогти?"], ["Як стати в чергу на більше соціальне житло?"],
              ["Я шукаю волонтерську роботу, куди звернутися?"], ["Чи можу я тут отримати витяг з реєстру населення?"]],
    qextra=["У мене немає DigiD.", "Я погано розмовляю нідерландською.", "Надішліть, будь ласка, відповідь на пошту."],
    ideas=["Кілька столів для пікніка в парку були б чудові для сімей.", "Може, раз на місяць ремонтне кафе в бібліотеці?"],
)
L["ar"] = dict(
    report={
        "afval": ["الحاوية الأرضية في شارعنا ممتلئة منذ يوم الاثنين.", "أحدهم ترك فراشاً وأكياس قمامة بجانب نقطة إعادة التدوير."],
        "wegen-verkeer-straatmeubilair": ["توجد حفرة كبيرة في مسار الدراجات، كدت أسقط هذا الصباح.", "البلاط عند المدخل غير مستوٍ، وتعثرت سيدة مسنة."],
        "straatverlichting-klokken": ["الزقاق بلا إضاءة منذ أسبوع، أشعر بعدم الأمان ليلاً.", "إشارة المشاة تبقى حمراء وقتاً طويلاً جداً."],
        "groen-en-water": ["السياج مرتفع جداً ولا يمكن رؤية السيارات عند الخروج.", "توجد زجاجات وعلب تطفو في البركة."],
        "overlast-in-de-openbare-ruimte": ["شاحنة صغيرة متوقفة نصفها على الرصيف، وعلي المشي في الطريق مع عربة الطفل.", "فضلات الكلاب في كل مكان على العشب حيث يلعب الأطفال."],
        "overlast-bedrijven-en-horeca": ["مطعم الوجبات السريعة يشغل الشفاط طوال اليوم، والشارع كله تفوح منه رائحة الزيت."],
        "schoon": ["قام أحدهم بالكتابة على الجسر بالطلاء، وفيها شتائم.", "يوجد زجاج مكسور في كل مكان على الرصيف."],
        "overig": ["رأيت فئراناً بجانب الحاويات خلف العمارة."],
    },
    where=["في شارع {s} قرب الرقم {n}.", "بالقرب من {p}."],
    extra=["لدي صورة لكن لا أستطيع رفعها هنا.", "أرجو الإصلاح قبل أن يصاب أحد.", "شكراً لاهتمامكم."],
    question=[["لم يتم إفراغ حاويتي الرمادية، متى سيعودون؟"], ["جواز سفري ينتهي الشهر القادم وأنا مسافر. هل يمكنني الحصول على جواز جديد في الوقت المناسب؟"],
              ["أين يمكن لابنتي أن تركن سيارتها دون مخالفة عندما تزورنا؟"], ["هل يمكنني دفع ضريبة البلدية على أقساط؟"],
              ["زوجي مصاب بالخرف ولا أستطيع رعايته وحدي. من يمكنه المساعدة؟"], ["كيف أسجل للحصول على سكن اجتماعي أكبر؟"],
              ["أبحث عن عمل تطوعي، أين أسجل؟"], ["هل يمكنني الحصول هنا على مستخرج من سجل السكان؟"]],
    qextra=["ليس لدي DigiD.", "أتكلم الهولندية قليلاً.", "أرجو الرد بالبريد الإلكتروني."],
    ideas=["بعض طاولات النزهة في الحديقة ستكون رائعة للعائلات.", "ما رأيكم بمقهى تصليح في المكتبة مرة في الشهر؟"],
)
# Somali and Tigrinya: typed by citizens in their own language on the English or Dutch screens.
L["so"] = dict(
    report={"afval": ["Weelka qashinka ee waddadeena wuu buuxaa tan iyo Isniintii."],
            "wegen-verkeer-straatmeubilair": ["God weyn ayaa ku yaal jidka baaskiillada."],
            "straatverlichting-klokken": ["Nalka waddada ma shaqeynayo toddobaad."],
            "overlast-in-de-openbare-ruimte": ["Baabuur ayaa dhigan luuqda lugta, ma mari karo gaariga ilmaha."]},
    where=["Waddada {s}, agagaarka lambarka {n}."], extra=["Fadlan dhaqso u hagaajiya.", "Mahadsanid."],
    question=[["Weelkayga qashinka lama faaruqin, goorma ayay soo laabanayaan?"], ["Baasaboorkayga wuu dhacayaa bisha soo socota. Sideen u cusbooneysiiyaa?"],
              ["Halkee ayuu ilaalkay baabuurka dhigan karaa?"], ["Ma bixin karaa canshuurta qaybo qaybo?"], ["Waxaan u baahanahay caawimaad guriga ah."],
              ["Sideen ku helaa guri ka weyn?"], ["Shaqo ayaan raadinayaa, xagee ayaan aadaa?"], ["Saacadaha furitaanka xafiiska waa maxay?"]],
    qextra=["Nederlands si fiican uma aqaan.", "Fadlan ii soo dir email."], ideas=["Fadlan kursiyo badan dhiga beerta."],
)
L["ti"] = dict(
    report={"afval": ["እቲ ናይ ጎደናና መእከቢ ጓሓፍ ካብ ሰኑይ ጀሚሩ መሊኡ ኣሎ።"],
            "wegen-verkeer-straatmeubilair": ["ኣብ መገዲ ብሽክለታ ዓቢ ጉድጓድ ኣሎ።"],
            "straatverlichting-klokken": ["መብራህቲ ጎደና ሓደ ሰሙን ኣይሰርሕን ዘሎ።"],
            "overlast-in-de-openbare-ruimte": ["መኪና ኣብ መንገዲ እግሪ ደው ኢላ ኣላ።"]},
    where=["ኣብ ጎደና {s}፡ ጥቓ ቁጽሪ {n}።"], extra=["በጃኹም ቀልጢፍኩም ኣዐርይዎ።", "የቐንየለይ።"],
    question=[["ናተይ መእከቢ ጓሓፍ ኣይተራገፈን፡ መዓስ ክምለሱ እዮም?"], ["ፓስፖርተይ ኣብ ዝመጽእ ወርሒ ይውዳእ። ከመይ ገይረ የሕድሶ?"],
              ["ጓለይ ኣበይ መኪና ከተቕምጥ ትኽእል?"], ["ግብሪ ብኽፋል ክኸፍል ይኽእል ድየ?"], ["ኣብ ገዛ ሓገዝ የድልየኒ ኣሎ።"],
              ["ዝዓበየ ገዛ ከመይ ይረክብ?"], ["ስራሕ እደሊ ኣለኹ፡ ናበይ ክኸይድ?"], ["ሰዓታት ስራሕ ቤት ጽሕፈት እንታይ እዩ?"]],
    qextra=["ሆላንድኛ ጽቡቕ ኣይዛረብን እየ።", "በጃኹም ብኢመይል መልሱለይ።"], ideas=["በጃኹም ኣብ መናፈሻ ተወሰኽቲ መናብር ኣቐምጡ።"],
)

LANG_SHARE = [("nl", 44), ("en", 11), ("tr", 10), ("pl", 9), ("uk", 10), ("ar", 9), ("so", 4), ("ti", 3)]


HALF = None  # 0: sentences at even positions of each pool (history), 1: odd positions (measured)


def pick(rng, pool):
    if HALF is None or len(pool) < 2:
        return rng.choice(pool)
    return rng.choice(pool[HALF::2])


def fill(rng, t):
    p = rng.choice(PLACES)[0]
    return t.replace("{s}", rng.choice(STREETS)).replace("{p}", p).replace("{n}", str(rng.randint(1, 240)))


def email(rng):
    n, s = rng.choice(NAMES), rng.choice(SURNAMES).replace(" ", "")
    form = rng.randrange(4)
    local = [f"{n}.{s}", f"{n}{rng.randint(1, 99)}", f"{n[0]}{s}", f"{s}.{n}{rng.randint(60, 99)}"][form]
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def phone(rng):
    d = "".join(str(rng.randrange(10)) for _ in range(8))
    return rng.choice([f"06{d}", f"+316{d}", f"06 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"0031 6 {d}", f"030-{d[:7]}"])


def record(rng, t):
    lang = rng.choices([l for l, _ in LANG_SHARE], [w for _, w in LANG_SHARE])[0]
    P = L[lang]
    k = rng.random()
    # Somali and Tigrinya are typed on the English or Dutch screens (the kiosk has no such UI language).
    screen = rng.choice(["en", "nl"]) if lang in ("so", "ti") else lang
    rec = {"v": 1, "lang": screen, "kiosk": KIOSK, "tz": "Europe/Amsterdam"}
    if k < 0.46:
        main = rng.choice([m for m in P["report"]])
        text = [pick(rng, P["report"][main])]
        if rng.random() < 0.5: text.append(fill(rng, pick(rng, P["where"])))
        for _ in range(rng.choice([0, 1, 1, 2])): text.append(pick(rng, P["extra"]))
        rec.update(kind="report", category=f"{main}/{rng.choice(CATEGORIES[main])}", channels=["signalen"])
        r = rng.random()
        if r < 0.45:
            name, lat, lon = rng.choice(PLACES)
            rec["location"] = {"text": name, "point": [lat, lon]}
        elif r < 0.85:
            rec["location"] = {"text": f"{rng.choice(STREETS)} {rng.randint(1, 240)}"}
        else:
            rec["location"] = {"text": PLACES[0][0], "point": [PLACES[0][1], PLACES[0][2]]}
        rec["text"] = " ".join(text)
    elif k < 0.82:
        ti = rng.randrange(8)
        text = [pick(rng, P["question"][ti])]
        if rng.random() < 0.45: text.append(pick(rng, P["qextra"]))
        rec.update(kind="question", text=" ".join(text), channels=["openklant"])
        if rng.random() < 0.8: rec["topic"] = TOPICS[screen][ti]
    elif k < 0.91:
        text = [fill(rng, pick(rng, P["ideas"]))]
        if rng.random() < 0.4: text.append(pick(rng, P["extra"]))
        rec.update(kind="idea", text=" ".join(text), channels=["openklant"])
    else:
        poll, answers = rng.choice(POLLS)
        rec.update(kind="poll", poll={"id": poll, "answer": rng.choice(answers)}, channels=["openklant"])
    publish = rec["kind"] in ("question", "idea") and rng.random() < 0.3
    if publish: rec["channels"].append("mastodon")
    contact = {}
    if rec["kind"] != "poll" and rng.random() < 0.45:
        w = rng.random()
        if w < 0.55: contact["email"] = email(rng)
        elif w < 0.8: contact["phone"] = phone(rng)
        else: contact = {"email": email(rng), "phone": phone(rng)}
        rec["contact"] = contact
    rec["consent"] = {"contact": bool(contact), "publish": publish}
    if rng.random() < 0.1: rec["assisted"] = True
    rec["created_at"] = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    rec["utc_offset"] = 120 if 3 <= t.month <= 10 else 60
    return rec


def times(rng, n, start):
    # A town-hall desk: Monday-Friday 08:30-19:00 UTC-ish, busier around lunch.
    t = start
    for _ in range(n):
        t += timedelta(minutes=rng.expovariate(1 / 45), milliseconds=rng.randrange(1000))
        while t.weekday() >= 5 or not (7 <= t.hour < 18):
            t = (t + timedelta(days=1)).replace(hour=7, minute=30) if t.hour >= 18 or t.weekday() >= 5 else t.replace(hour=7, minute=30)
        yield t


def write(path, seed, n, start, half):
    global HALF
    HALF = half
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for t in times(rng, n, start):
            f.write(json.dumps(record(rng, t), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    write(here / "heldout_history.jsonl", 20260311, 1300, datetime(2026, 3, 2, 8, tzinfo=timezone.utc), 0)
    write(here / "heldout_submissions.jsonl", 20260917, 700, datetime(2026, 9, 14, 8, tzinfo=timezone.utc), 1)

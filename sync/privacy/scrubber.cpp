// Personal-data scrubber: small hand-written scanners over UTF-8 text (no std::regex). See
// scrubber.hpp for what is found and what deliberately stays.
//
// Layout: UTF-8 decoding and character classes; a folded copy of the input (lower case, diacritics
// stripped, apostrophes and Arabic alef forms unified, whitespace runs collapsed) in which the cue
// phrases are searched; one scanner per kind; overlap resolution; replacement.
#include "kiosk/sync/scrubber.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <utility>

#include "kiosk/sync/utf8.hpp"

namespace kiosk {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// UTF-8 (utf8.hpp): invalid bytes decode as U+FFFD of length 1, so every byte belongs to exactly one
// "code point".

using Cp = Utf8Char;

Cp at(std::string_view s, std::size_t i) noexcept { return decode_utf8(s, i); }

// The code point that ends at i; len 0 at the start of the text.
Cp before(std::string_view s, std::size_t i) noexcept {
  if (i == 0) return {};
  const std::size_t j = utf8_prev(s, i);
  Cp c = decode_utf8(s, j);
  c.len = i - j;
  return c;
}

// Copies s[b, e) and replaces invalid bytes by U+FFFD.
void append_valid(std::string& out, std::string_view s, std::size_t b, std::size_t e) {
  std::size_t i = b;
  while (i < e) {
    const Cp c = at(s, i);
    if (!c.valid || i + c.len > e) {
      out += "\xEF\xBF\xBD";
      i += 1;
    } else {
      out.append(s.substr(i, c.len));
      i += c.len;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes (only the scripts of the kiosk languages need to be right)

bool is_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char32_t c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char32_t c) noexcept { return is_ascii_alpha(c) || is_digit(c); }

bool is_mark(char32_t c) noexcept {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x610 && c <= 0x61A) || (c >= 0x64B && c <= 0x65F) || c == 0x670 ||
         (c >= 0x6D6 && c <= 0x6ED) || c == 0x640;
}
bool is_arabic_letter(char32_t c) noexcept {
  return (c >= 0x620 && c <= 0x63F) || (c >= 0x641 && c <= 0x64A) || (c >= 0x66E && c <= 0x6D3) || c == 0x6D5 ||
         (c >= 0x6FA && c <= 0x6FC) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFB) ||
         (c >= 0xFE70 && c <= 0xFEFC);
}
bool is_cyrillic(char32_t c) noexcept { return c >= 0x400 && c <= 0x52F && !(c >= 0x482 && c <= 0x489); }
bool is_latin_letter(char32_t c) noexcept {
  return is_ascii_alpha(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}
bool is_letter(char32_t c) noexcept {
  return is_latin_letter(c) || is_cyrillic(c) || is_arabic_letter(c) || is_mark(c) || (c >= 0x386 && c <= 0x3FF);
}
bool is_alnum(char32_t c) noexcept { return is_digit(c) || is_letter(c); }

bool is_upper(char32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0x80) return false;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130 || c == 0x178) return true;
    if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return false;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
    return c % 2 == 0;
  }
  if (c >= 0x400 && c <= 0x42F) return true;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c % 2 == 0;
  if (c == 0x4C0) return true;
  if (c >= 0x4C1 && c <= 0x4CE) return c % 2 == 1;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  if (c >= 0x391 && c <= 0x3AB) return true;
  return false;
}

// White space: is_space, is_hspace and is_line_break (utf8.hpp).
bool is_apostrophe(char32_t c) noexcept {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC || c == '`' || c == 0xB4;
}

// Latin-1 and Latin Extended-A letters without diacritics, lower case.
constexpr std::string_view kFoldLatin1 = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
                                         "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
constexpr std::string_view kFoldLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kFoldLatin1.size() == 64);
static_assert(kFoldLatinA.size() == 128);

// Folding for matching: lower case, no diacritics, one apostrophe, one alef; 0 = drop.
char32_t fold_cp(char32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c >= 0xC0 && c <= 0xFF) return (c == 0xD7 || c == 0xF7) ? c : char32_t(kFoldLatin1[c - 0xC0]);
  if (c >= 0x100 && c <= 0x17F) return char32_t(kFoldLatinA[c - 0x100]);
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x460 && c <= 0x52F) return is_upper(c) ? c + 1 : c;
  if (is_apostrophe(c)) return '\'';
  if (c == 0x622 || c == 0x623 || c == 0x625 || c == 0x671) return 0x627;
  if (c == 0x649) return 0x64A;
  if (is_space(c)) return ' ';
  if (is_mark(c)) return 0;
  return c;
}

std::string fold_str(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const Cp c = at(s, i);
    i += c.len;
    const char32_t f = fold_cp(c.cp);
    if (f == 0) continue;
    if (f == ' ' && (out.empty() || out.back() == ' ')) continue;
    append_utf8(out, f);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A set of words or phrases, compared after folding.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    for (auto w : words) words_.push_back(fold_str(w));
  }
  bool contains(std::string_view folded) const {
    return std::find(words_.begin(), words_.end(), folded) != words_.end();
  }
  bool any_suffix_of(std::string_view folded) const {
    return std::any_of(words_.begin(), words_.end(), [&](const std::string& w) {
      return folded.size() >= w.size() && folded.substr(folded.size() - w.size()) == w;
    });
  }
  bool any_inside(std::string_view folded) const {
    return std::any_of(words_.begin(), words_.end(), [&](const std::string& w) { return folded.find(w) != npos; });
  }
  const std::vector<std::string>& items() const { return words_; }

 private:
  std::vector<std::string> words_;
};

// ---------------------------------------------------------------------------------------------
// Folded text with a map back to the original offsets (for the cue search)

struct Folded {
  std::string text;
  std::vector<std::size_t> src;  // src[k]: original offset of the code point behind folded byte k
};

Folded fold_text(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.src.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    const Cp c = at(s, i);
    const char32_t x = fold_cp(c.cp);
    if (x != 0 && !(x == ' ' && !f.text.empty() && f.text.back() == ' ')) {
      const std::size_t before_len = f.text.size();
      append_utf8(f.text, x);
      f.src.insert(f.src.end(), f.text.size() - before_len, i);
    }
    i += c.len;
  }
  f.src.push_back(s.size());
  return f;
}

// ---------------------------------------------------------------------------------------------
// Words

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool upper = false;   // starts with a capital (Latin, Cyrillic)
  bool arabic = false;  // Arabic script (no case)
  bool cyrillic = false;
  bool initial = false;  // "J." or "J.P."
};

std::size_t skip_hspace(std::string_view s, std::size_t i) {
  for (Cp c = at(s, i); c.len && is_hspace(c.cp); c = at(s, i)) i += c.len;
  return i;
}
std::size_t skip_space(std::string_view s, std::size_t i) {
  for (Cp c = at(s, i); c.len && is_space(c.cp); c = at(s, i)) i += c.len;
  return i;
}

// A word: letters, with single hyphens or apostrophes between letters ("Jan-Willem", "O'Brien").
std::optional<Word> read_word(std::string_view s, std::size_t i) {
  const Cp c = at(s, i);
  if (!c.len || !is_letter(c.cp) || is_mark(c.cp)) return std::nullopt;
  Word w;
  w.begin = i;
  w.upper = is_upper(c.cp);
  w.arabic = is_arabic_letter(c.cp);
  w.cyrillic = is_cyrillic(c.cp);
  std::size_t j = i;
  for (;;) {
    const Cp d = at(s, j);
    if (d.len && is_letter(d.cp)) {
      j += d.len;
      continue;
    }
    if (d.len && (d.cp == '-' || is_apostrophe(d.cp))) {
      const Cp e = at(s, j + d.len);
      if (e.len && is_letter(e.cp) && !is_mark(e.cp)) {
        j += d.len;
        continue;
      }
    }
    break;
  }
  w.end = j;
  if (w.upper && j == i + c.len && at(s, j).cp == '.') {  // initials
    w.initial = true;
    ++j;
    for (;;) {
      const Cp x = at(s, j);
      if (x.len && is_upper(x.cp) && at(s, j + x.len).cp == '.') {
        j += x.len + 1;
      } else {
        break;
      }
    }
    w.end = j;
  }
  return w;
}

// The word that ends right at e (letters only), if any.
std::optional<Word> word_ending_at(std::string_view s, std::size_t e) {
  std::size_t b = e;
  while (b > 0) {
    const Cp c = before(s, b);
    if (is_letter(c.cp)) {
      b -= c.len;
      continue;
    }
    if ((c.cp == '-' || is_apostrophe(c.cp)) && b - c.len > 0 && b < e && is_letter(before(s, b - c.len).cp)) {
      b -= c.len;
      continue;
    }
    break;
  }
  if (b == e) return std::nullopt;
  auto w = read_word(s, b);
  if (!w || w->end != e) return std::nullopt;
  return w;
}

std::string fold_word(std::string_view s, const Word& w) { return fold_str(s.substr(w.begin, w.end - w.begin)); }

// Word boundary in the folded text (or in any text): no letter or digit on that side.
bool boundary_before(std::string_view s, std::size_t i) { return !is_alnum(before(s, i).cp); }
bool boundary_after(std::string_view s, std::size_t i) {
  const Cp c = at(s, i);
  return !c.len || !is_alnum(c.cp);
}

// ---------------------------------------------------------------------------------------------
// Spans

using Spans = std::vector<PiiSpan>;

void add(Spans& out, std::size_t b, std::size_t e, PiiKind k) {
  if (e > b) out.push_back(PiiSpan{b, e, k});
}

// ---------------------------------------------------------------------------------------------
// Word lists (compared after folding, so "adım" == "adim", "się" == "sie")

// Word lists, packed as written (not reformatted):
// clang-format off
const WordSet& tussenvoegsels() {
  static const WordSet set{"van", "de", "der", "den", "ten", "ter", "te", "'t", "von",
                           "el",  "al", "bin", "ibn", "du",  "da",  "di", "la", "le"};
  return set;
}

// Words that end a name: pronouns, articles, conjunctions, prepositions, common verbs and
// adjectives that follow "my name is" / "I am" in the kiosk languages.
const WordSet& name_stopwords() {
  static const WordSet set{
      // nl
      "ik", "je", "jij", "u", "wij", "we", "zij", "ze", "hij", "het", "een", "en", "of", "maar",
      "mijn", "is", "ben", "bent", "was", "heb", "heeft", "hebben", "niet", "geen", "nog", "ook",
      "al", "wel", "dat", "die", "dit", "deze", "hier", "daar", "graag", "heel", "erg", "zo",
      "zeer", "blij", "boos", "bezorgd", "benieuwd", "welkom", "jullie", "iedereen", "allemaal",
      "uit", "in", "op", "aan", "met", "bij", "voor", "naar", "om", "over", "sinds", "fout",
      "verkeerd", "onbekend", "bekend", "belangrijk", "geheim", "anoniem", "privé", "niks", "niets",
      "woon", "wonen", "hoor", "dus", "toch", "even", "zelf", "ook", "eigenlijk", "bewoner",
      "buurman", "buurvrouw", "moeder", "vader", "oma", "opa", "jaar", "jaren", "sorry", "vandaag",
      "gisteren",
      // en
      "i", "me", "my", "you", "he", "she", "it", "they", "the", "a", "an", "and", "or", "but", "am",
      "are", "not", "no", "so", "very", "here", "there", "happy", "glad", "writing", "living",
      "looking", "from", "also", "still", "on", "at", "to", "with", "for", "of", "as", "new",
      "spelled", "written", "listed", "missing", "wrong", "unknown", "irrelevant", "important",
      "private", "anonymous", "just", "really", "resident", "neighbour", "neighbor", "mother",
      "father", "years", "year", "old", "sorry", "worried", "concerned", "afraid", "sure",
      // tr
      "ben", "sen", "o", "biz", "bir", "bu", "şu", "ve", "ile", "de", "da", "çok", "burada", "yok",
      "var", "değil", "gizli", "adım",
      // pl
      "ja", "ty", "on", "ona", "my", "się", "jest", "jestem", "i", "oraz", "z", "ze", "w", "na",
      "nie", "tak", "tu", "tutaj", "bardzo",
      // uk / ru
      "я", "ти", "ви", "він", "вона", "ми", "і", "й", "та", "а", "але", "з", "із", "у", "в", "на",
      "не", "що", "тут", "також", "дуже", "живу", "мене", "моє", "це", "и", "зовут", "звати",
      // ar
      "و", "من", "في", "هو", "هي", "أنا", "انا", "وأنا", "وانا", "إلى", "الى", "عن", "لا", "هنا",
      "أيضا", "ايضا", "غير", "مع", "أسكن", "اسكن", "أعيش", "اعيش", "عمري", "وعمري"};
  return set;
}

// Capitalised words that follow "Ik ben", "I am", "mevrouw de", sign-offs … but are no names.
const WordSet& not_a_name() {
  static const WordSet set{
      "Nederlander", "Nederlandse", "Nederlands",   "Marokkaan",  "Marokkaanse", "Marokkaans",
      "Turk",        "Turks",       "Turkse",       "Pool",       "Poolse",      "Pools",
      "Oekraïner",   "Oekraïense",  "Oekraïens",    "Syriër",     "Syrische",    "Surinamer",
      "Surinaamse",  "Antilliaan",  "Belg",         "Duitser",    "Engels",      "Arabisch",
      "Moslim",      "Christen",    "Nederland",    "Holland",    "Dutch",       "English",
      "British",     "Turkish",     "Polish",       "Ukrainian",  "Syrian",      "Moroccan",
      "Arab",        "Arabic",      "Muslim",       "Christian",  "German",      "Belgian",
      "American",    "Netherlands", "Türk",         "Hollandalı", "Polakiem",    "Polką",
      "Polka",       "Polak",       "Ukrainką",     "Ukraińcem",  "Ukrainka",    "Ukrainiec",
      "Holenderką",  "Holendrem",   "Burgemeester", "Wethouder",  "Voorzitter",  "Minister",
      "Koning",      "Koningin",    "Dokter",       "Docent",     "Juf",         "Meester",
      "Mayor",       "President",   "Doctor",       "Teacher",    "Student",     "Studente",
      "Gemeente",    "Ik",          "Je",           "Jij",        "U",           "Wij",
      "We",          "Het",         "Een",          "En",         "Maar",        "Mijn",
      "Uw",          "Dit",         "Dat",          "Deze",       "Die",         "Er",
      "Hier",        "Daar",        "Graag",        "Ook",        "Niet",        "Geen",
      "Vandaag",     "Gisteren",    "Morgen",       "I",          "The",         "A",
      "An",          "And",         "My",           "Your",       "This",        "That",
      "It",          "We",          "They",         "Here",       "There",       "Not",
      "Also",        "Today",       "Yesterday",    "Monday",     "Tuesday",     "Wednesday",
      "Thursday",    "Friday",      "Saturday",     "Sunday",     "January",     "February",
      "March",       "April",       "May",          "June",       "July",        "August",
      "September",   "October",     "November",     "December",   "Maandag",     "Dinsdag",
      "Woensdag",    "Donderdag",   "Vrijdag",      "Zaterdag",   "Zondag",      "Team",
      "Ben",         "Bir",         "Bu",           "Ve",         "Ja",          "Jestem",
      "Я",           "Ми",          "Це",           "Dank",       "Bedankt",     "Thanks",
      "Thank",       "Sorry",       "Hallo",        "Hoi",        "Hello",       "Hi",
      "Welkom",      "Welcome",     "Alle",         "Allen",      "All",         "Iedereen",
      "Everyone",    "Namens",      "On",           "Behalf",     "Van",         "Uit",
      "From",        "Merhaba",     "Sayın",        "Belediye",   "Başkanı",     "Başkan",
      "Müdür",       "Dzień",       "Dobry",        "Szanowny",   "Szanowna",    "Шановний",
      "Шановна",     "Пане",        "Добрий",       "Привіт",     "Beste",       "Geachte",
      "Lieve",       "Dear",        "Wijk",         "Buurt",      "Stad",        "City",
      "Centre",      "Center",      "Doktor",       "Dr",         "Yetkili",     "Yetkililer",
      "Hocam",       "Öğretmen",    "Państwo",      "Pani",       "Pan",         "Лікар"};
  return set;
}

// Words that mark an organisation or a public place: such a "name" is no person.
const WordSet& institution_exact() {
  static const WordSet set{"team",  "cafe",   "bar",     "kerk",     "bank",   "hema", "jumbo",
                           "lidl",  "aldi",   "heijn",   "kruidvat", "action", "etos", "blokker",
                           "gamma", "praxis", "ns",      "ret",      "gvb",    "htm",  "arriva",
                           "bv",    "vof",    "centrum", "centraal", "plein",  "park", "markt",
                           "zuid",  "noord",  "oost",    "west",     "ggd",    "uwv",  "rabobank",
                           "ing",   "abn",    "amro",    "plus",     "coop",   "dirk", "spar"};
  return set;
}
const WordSet& institution_stems() {
  static const WordSet set{"bibliothe",        "gemeente",      "stadhuis",     "ziekenhuis",
                           "museum",           "theater",       "zwembad",      "sporthal",
                           "winkelcentrum",    "apothe",        "huisarts",     "praktijk",
                           "politie",          "brandweer",     "stichting",    "vereniging",
                           "buurthuis",        "wijkcentrum",   "school",       "college",
                           "universit",        "supermarkt",    "slagerij",     "bakkerij",
                           "kapsalon",         "restaurant",    "hotel",        "moskee",
                           "station",          "kinderopvang",  "fietsenmaker", "fietsenwinkel",
                           "tandarts",         "dierenarts",    "notaris",      "makelaar",
                           "snackbar",         "pizzeria",      "lunchroom",    "brasserie",
                           "library",          "council",       "office",       "kantoor",
                           "garage",           "winkel",        "shop",         "store",
                           "market",           "hospital",      "clinic",       "kliniek",
                           "church",           "mosque",        "buurtteam",    "wijkteam",
                           "woningcorporatie", "woonstichting", "company",      "fabriek",
                           "bedrijf",          "groep",         "group",        "zorg",
                           "thuiszorg",        "opvang",        "sportclub",    "club"};
  return set;
}
bool is_institution(std::string_view folded) {
  return institution_exact().contains(folded) || institution_stems().any_inside(folded);
}

bool name_stop(std::string_view folded) {
  return name_stopwords().contains(folded) || not_a_name().contains(folded) ||
         is_institution(folded);
}

// Endings of street names (folded): Dutch first, then English, German, Turkish.
const WordSet& street_suffixes() {
  static const WordSet set{
      "straat",  "str",     "laan",      "weg",     "plein",   "gracht", "kade",     "singel",
      "dijk",    "pad",     "hof",       "dreef",   "steeg",   "markt",  "park",     "plantsoen",
      "erf",     "veld",    "wal",       "baan",    "ring",    "dam",    "haven",    "allee",
      "passage", "brink",   "boulevard", "zijde",   "water",   "hoven",  "kwartier", "street",
      "road",    "lane",    "avenue",    "ave",     "drive",   "way",    "close",    "square",
      "place",   "court",   "crescent",  "gardens", "terrace", "grove",  "strasse",  "straße",
      "gasse",   "caddesi", "cad",       "sokak",   "sokagi",  "sok",    "bulvari",  "mahallesi"};
  return set;
}
// Words that introduce a street: "ul. Długa 5", "вул. Шевченка 12", "rue …".
const WordSet& street_prefixes() {
  static const WordSet set{"ul",      "ulica",   "ulicy",    "al",    "aleja",    "alei",
                           "os",      "osiedle", "pl",       "plac",  "вул",      "вулиця",
                           "вулиці",  "пров",    "провулок", "просп", "проспект", "бульв",
                           "бульвар", "пл",      "площа",    "rue",   "avenue",   "شارع"};
  return set;
}
// Words that never appear in a street name (they end the candidate).
const WordSet& street_stopwords() {
  static const WordSet set{
      "en",        "ik",     "bij",  "sinds", "al",    "nog",   "ook", "maar",  "of",   "and",
      "since",     "for",    "ben",  "woon",  "wonen", "is",    "was", "heb",   "ik",   "we",
      "wij",       "nu",     "now",  "jaar",  "al",    "sinds", "ve",  "i",     "oraz", "і",
      "та",        "и",      "و",    "met",   "with",  "near",  "bij", "naast", "next", "vlakbij",
      "tegenover", "achter", "voor", "in",    "uit",   "from"};
  return set;
}
// Words after a number that make it a quantity, not a house number.
const WordSet& unit_words() {
  static const WordSet set{
      "jaar",   "jaren",  "jr",       "maand",   "maanden",  "week",      "weken",    "dag",
      "dagen",  "uur",    "minuut",   "minuten", "min",      "sec",       "seconden", "km",
      "m",      "meter",  "cm",       "kg",      "euro",     "eur",       "cent",     "procent",
      "keer",   "stuks",  "personen", "mensen",  "kinderen", "kilometer", "huizen",   "years",
      "year",   "months", "weeks",    "days",    "hours",    "minutes",   "meters",   "people",
      "times",  "yıl",    "yil",      "yaşında", "yasinda",  "lat",       "lata",     "років",
      "роки",   "рік",    "хвилин",   "سنة",     "سنوات",    "kwartier",  "graden",   "degrees",
      "nummer", "number"};
  return set;
}
// Trailing parts of a house number: "12 hs", "12 bis", "12 II".
const WordSet& house_number_tails() {
  static const WordSet set{"hs",   "bis",   "ii",      "iii", "iv", "bg", "zw", "rd",
                           "huis", "boven", "beneden", "a",   "b",  "c",  "d"};
  return set;
}
// Words that introduce an apartment number after the house number: "12, кв. 5", "5 m. 3".
const WordSet& apartment_words() {
  static const WordSet set{"kv",   "кв",    "apt",       "app",      "m", "lok",
                           "flat", "daire", "apartment", "квартира", "ap"};
  return set;
}

// Reference numbers that are no BSN even when they pass the 11-proef.
const WordSet& reference_cues() {
  static const WordSet set{"ordernummer",
                           "bestelnummer",
                           "factuurnummer",
                           "zaaknummer",
                           "kenmerk",
                           "referentie",
                           "referentienummer",
                           "pakketnummer",
                           "klantnummer",
                           "abonnementsnummer",
                           "pasnummer",
                           "lidnummer",
                           "meldingnummer",
                           "meldingsnummer",
                           "dossiernummer",
                           "ticketnummer",
                           "bonnummer",
                           "order",
                           "invoice",
                           "tracking",
                           "reference",
                           "ref",
                           "ticket",
                           "case",
                           "sipariş",
                           "siparis",
                           "zamówienia",
                           "zamowienia",
                           "faktury",
                           "замовлення",
                           "الطلب"};
  return set;
}

// ---------------------------------------------------------------------------------------------
// Cue phrases, searched in the folded text

struct CueList {
  std::vector<std::string> phrases;
  CueList(std::initializer_list<std::string_view> list) {
    for (auto p : list) phrases.push_back(fold_str(p));
  }
};

// Calls fn(original_begin, original_end) for every occurrence of a cue on word boundaries. An
// Arabic cue may carry the attached conjunction و ("واسمي").
template <class Fn>
void for_each_cue(const Folded& f, const CueList& cues, Fn&& fn) {
  const std::string_view ft = f.text;
  for (const std::string& p : cues.phrases) {
    const bool needs_after = is_alnum(before(p, p.size()).cp);
    for (std::size_t pos = ft.find(p); pos != npos; pos = ft.find(p, pos + 1)) {
      const std::size_t e = pos + p.size();
      bool ok_before = boundary_before(ft, pos);
      if (!ok_before && before(ft, pos).cp == 0x648) {
        const std::size_t w = pos - before(ft, pos).len;
        ok_before = is_arabic_letter(at(p, 0).cp) && boundary_before(ft, w);
      }
      if (!ok_before || (needs_after && !boundary_after(ft, e))) continue;
      fn(f.src[pos], f.src[e]);
    }
  }
}

// Name cues. Strong cues may be followed by a lower-case name ("mijn naam is jan"); weak cues
// ("ik ben", "I am", "adım") only by a capitalised one.
const CueList& strong_name_cues() {
  static const CueList cues{"mijn naam is",
                            "mijn naam:",
                            "mijn voornaam is",
                            "mijn achternaam is",
                            "ik heet",
                            "naam:",
                            "my name is",
                            "my name's",
                            "my name:",
                            "my first name is",
                            "my surname is",
                            "name:",
                            "benim adım",
                            "benim ismim",
                            "ismim",
                            "adım soyadım",
                            "ad soyad:",
                            "isim:",
                            "nazywam się",
                            "mam na imię",
                            "moje imię to",
                            "na imię mi",
                            "moje nazwisko to",
                            "imię:",
                            "imię i nazwisko:",
                            "мене звати",
                            "мене звуть",
                            "моє ім'я",
                            "моє прізвище",
                            "мое имя",
                            "меня зовут",
                            "ім'я:",
                            "اسمي",
                            "الاسم:",
                            "إسمي"};
  return cues;
}
const CueList& weak_name_cues() {
  static const CueList cues{"ik ben", "i am",   "i'm",         "adım",
                            "ben",    "jestem", "op naam van", "call me"};
  return cues;
}
// Sign-offs: the name may follow on the next line.
const CueList& signoff_cues() {
  static const CueList cues{"met vriendelijke groet",
                            "met vriendelijke groeten",
                            "vriendelijke groet",
                            "vriendelijke groeten",
                            "hartelijke groet",
                            "hartelijke groeten",
                            "groetjes",
                            "groeten",
                            "groet",
                            "mvg",
                            "m.v.g.",
                            "gr.",
                            "kind regards",
                            "best regards",
                            "regards",
                            "best wishes",
                            "sincerely",
                            "yours sincerely",
                            "saygılarımla",
                            "sevgiler",
                            "selamlar",
                            "pozdrawiam",
                            "z poważaniem",
                            "pozdrowienia",
                            "з повагою",
                            "з найкращими побажаннями",
                            "مع تحياتي",
                            "مع التحية",
                            "تحياتي"};
  return cues;
}
// Forms of address before a name.
const CueList& honorific_cues() {
  static const CueList cues{"mevrouw", "meneer", "mevr.", "mevr", "mw.",   "dhr.",  "dhr",
                            "de heer", "mr.",    "mr",    "mrs.", "mrs",   "ms.",   "miss",
                            "pan",     "pani",   "пан",   "пані", "sayın", "السيد", "السيدة"};
  return cues;
}
// Turkish forms of address after a name: "Ahmet Bey", "Ayşe Hanım".
const CueList& postfix_honorific_cues() {
  static const CueList cues{"bey", "hanım", "hanımefendi"};
  return cues;
}
// A home address follows.
const CueList& address_cues() {
  static const CueList cues{"ik woon",
                            "wij wonen",
                            "we wonen",
                            "woonachtig",
                            "woon op",
                            "woon aan",
                            "wonen op",
                            "wonen aan",
                            "mijn adres is",
                            "mijn adres:",
                            "mijn woonadres is",
                            "mijn woonadres:",
                            "woonadres:",
                            "ons adres is",
                            "i live",
                            "we live",
                            "my address is",
                            "my address:",
                            "my home address is",
                            "home address:",
                            "our address is",
                            "living at",
                            "living on",
                            "wonend op",
                            "wonende op",
                            "wonend aan",
                            "wonende aan",
                            "adresim",
                            "ev adresim",
                            "mieszkam",
                            "mój adres to",
                            "mój adres:",
                            "adres zamieszkania:",
                            "я живу",
                            "живу на",
                            "моя адреса",
                            "моя адреса:",
                            "я проживаю",
                            "أسكن",
                            "اسكن",
                            "أعيش",
                            "اعيش",
                            "عنواني",
                            "عنوان سكني"};
  return cues;
}
// Filler words between an address cue and the street.
const WordSet& address_fillers() {
  static const WordSet set{"op", "aan",  "in", "de", "het", "at", "on",      "the",
                           "na", "przy", "w",  "we", "на",  "за", "адресою", "у",
                           "в",  "في",   "is", "to", "هو",  ":"};
  return set;
}
const CueList& bsn_cues() {
  static const CueList cues{
      "bsn",        "bsn-nummer",  "bsn nummer",  "burgerservicenummer",   "burgerservice nummer",
      "sofinummer", "sofi-nummer", "sofi nummer", "citizen service number"};
  return cues;
}
// clang-format on

// ---------------------------------------------------------------------------------------------
// Names

struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct NameRules {
  bool lower_latin = false;     // "mijn naam is jan"
  bool lower_cyrillic = false;  // "мене звати олена"
  bool arabic = false;          // Arabic has no capitals
  int min_caps = 1;
  int max_caps = 3;
};

bool capitalised(const Word& w) { return w.upper || w.initial; }

// Tussenvoegsels ("van", "de", "van der" …) starting at w and the surname after them; returns the
// end of the surname.
std::optional<std::size_t> tv_surname(std::string_view s, const Word& w, bool lower_ok) {
  std::size_t j = w.end;
  for (int n = 0; n < 3; ++n) {
    const std::size_t k = skip_hspace(s, j);
    if (k == j) return std::nullopt;
    const auto y = read_word(s, k);
    if (!y) return std::nullopt;
    const std::string fy = fold_word(s, *y);
    if (tussenvoegsels().contains(fy) && !y->initial) {
      j = y->end;
      continue;
    }
    if ((capitalised(*y) || (lower_ok && !y->arabic && !y->cyrillic)) && !name_stop(fy)) return y->end;
    return std::nullopt;
  }
  return std::nullopt;
}

// A person's name starting at pos: 1–3 capitalised words (initials and tussenvoegsels allowed),
// or — where the rules allow it — one or two lower-case / caseless words.
std::optional<Range> take_name(std::string_view s, std::size_t pos, const NameRules& r) {
  const auto first = read_word(s, pos);
  if (!first) return std::nullopt;
  const std::string f0 = fold_word(s, *first);
  const bool tv0 = tussenvoegsels().contains(f0) && !first->initial;
  if (capitalised(*first) || (tv0 && !first->arabic)) {
    int caps = 0;
    std::size_t end = pos;
    std::size_t j = pos;
    for (bool first_token = true;; first_token = false) {
      std::size_t k = j;
      if (!first_token) {
        k = skip_hspace(s, j);
        if (k == j) break;
      }
      const auto w = read_word(s, k);
      if (!w) break;
      const std::string fw = fold_word(s, *w);
      if (tussenvoegsels().contains(fw) && !w->initial) {
        if (const auto e = tv_surname(s, *w, false)) {
          end = *e;
          ++caps;
        }
        break;
      }
      if (!capitalised(*w) || name_stop(fw)) break;
      end = w->end;
      j = w->end;
      if (++caps >= r.max_caps) break;
    }
    if (caps < r.min_caps) return std::nullopt;
    return Range{pos, end};
  }
  const auto allowed = [&](const Word& w) {
    return w.arabic ? r.arabic : w.cyrillic ? r.lower_cyrillic : r.lower_latin;
  };
  if (!allowed(*first) || r.min_caps > 1) return std::nullopt;
  int count = 0;
  std::size_t end = pos;
  std::size_t j = pos;
  for (;;) {
    std::size_t k = j;
    if (count > 0) {
      k = skip_hspace(s, j);
      if (k == j) break;
    }
    const auto w = read_word(s, k);
    if (!w) break;
    const std::string fw = fold_word(s, *w);
    if (count > 0 && !w->arabic && !w->cyrillic && tussenvoegsels().contains(fw)) {
      if (const auto e = tv_surname(s, *w, r.lower_latin)) end = *e;
      break;
    }
    if (name_stop(fw) || !(capitalised(*w) || allowed(*w))) break;
    if (count == 1 && w->arabic && at(s, w->begin).cp == 0x648) break;  // "و…" is "and …"
    end = w->end;
    j = w->end;
    if (++count == 2) break;
  }
  if (count == 0) return std::nullopt;
  return Range{pos, end};
}

// Skips spaces and the given punctuation after a cue.
std::size_t skip_after_cue(std::string_view s, std::size_t k, bool newline, std::u32string_view punct) {
  for (;;) {
    const std::size_t k0 = k;
    k = newline ? skip_space(s, k) : skip_hspace(s, k);
    const Cp c = at(s, k);
    if (c.len && punct.find(c.cp) != std::u32string_view::npos) k += c.len;
    if (k == k0) return k;
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses

struct StreetRules {
  bool allow_lower = false;     // "ik woon op kerkstraat 12"
  bool require_suffix = false;  // last street word must end in straat/laan/weg/…
  bool number_first = false;    // "I live at 12 Baker Street"
};

// House number at i: "12", "12a", "12-2", "12/3", "12 hs", "12 II", "12, кв. 5". Returns its end.
std::optional<std::size_t> house_number(std::string_view s, std::size_t i) {
  std::size_t k = i;
  int n = 0;
  while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) ++k, ++n;
  if (n == 0 || n > 5 || s[i] == '0') return std::nullopt;
  const Cp nx = at(s, k);
  if ((nx.cp == '.' || nx.cp == ',' || nx.cp == ':') && is_digit(at(s, k + 1).cp))
    return std::nullopt;  // price, time, decimal
  if (nx.cp == '%' || nx.cp == 0x20AC) return std::nullopt;
  if (nx.len && is_letter(nx.cp)) {
    std::size_t m = k;
    int letters = 0;
    for (Cp c = at(s, m); c.len && is_letter(c.cp); c = at(s, m)) m += c.len, ++letters;
    if (letters > 3) return std::nullopt;
    k = m;
  } else if (nx.cp == '-' || nx.cp == '/') {
    std::size_t m = k + 1;
    int cnt = 0;
    while (m < s.size() && is_digit(static_cast<unsigned char>(s[m])) && cnt < 4) ++m, ++cnt;
    if (cnt == 0)
      while (m < s.size() && is_ascii_alpha(static_cast<unsigned char>(s[m])) && cnt < 2) ++m, ++cnt;
    if (cnt > 0 && boundary_after(s, m)) k = m;
  }
  if (!boundary_after(s, k)) return std::nullopt;
  // A quantity ("12 jaar", "5 minuten") is no house number; "12 hs", "12 A" extend it.
  std::size_t w0 = skip_hspace(s, k);
  if (const auto w = read_word(s, w0); w && w0 > k) {
    const std::string fw = fold_word(s, *w);
    if (unit_words().contains(fw)) return std::nullopt;
    const bool one_capital = w->end == w->begin + 1 && w->upper && !w->initial;
    if ((fw.size() > 1 && house_number_tails().contains(fw)) || one_capital) {
      if (boundary_after(s, w->end) && at(s, w->end).cp != '.') k = w->end;
    }
  }
  // Apartment: ", кв. 5", " m. 3", " apt 4".
  w0 = skip_hspace(s, k);
  if (at(s, w0).cp == ',') w0 = skip_hspace(s, w0 + 1);
  if (const auto w = read_word(s, w0); w && w0 > k && apartment_words().contains(fold_word(s, *w))) {
    std::size_t m = w->end;
    if (at(s, m).cp == '.') ++m;
    m = skip_hspace(s, m);
    std::size_t d = m;
    while (d < s.size() && d - m < 4 && is_digit(static_cast<unsigned char>(s[d]))) ++d;
    if (d > m && boundary_after(s, d)) k = d;
  }
  return k;
}

// Optional postcode ("3511 AB") and city after a house number; returns the new end.
std::size_t postcode_city(std::string_view s, std::size_t e) {
  std::size_t k = skip_space(s, e);
  if (at(s, k).cp == ',') k = skip_space(s, k + 1);
  if (k + 6 > s.size() || s[k] == '0') return e;
  for (std::size_t m = 0; m < 4; ++m)
    if (!is_digit(static_cast<unsigned char>(s[k + m]))) return e;
  std::size_t m = k + 4;
  if (s[m] == ' ') ++m;
  if (m + 2 > s.size() || !is_ascii_alpha(static_cast<unsigned char>(s[m])) ||
      !is_ascii_alpha(static_cast<unsigned char>(s[m + 1])) || !boundary_after(s, m + 2))
    return e;
  std::size_t end = m + 2;
  const std::size_t c = skip_hspace(s, end);
  if (const auto w = read_word(s, c); w && c > end && w->upper) {
    const std::string fw = fold_word(s, *w);
    if (!name_stop(fw) || fw == "den") {
      end = w->end;
      if (fw == "den" || fw == "'s") {
        const std::size_t c2 = skip_hspace(s, end);
        if (const auto w2 = read_word(s, c2); w2 && c2 > end && w2->upper) end = w2->end;
      }
    }
  }
  return end;
}

// "12 Baker Street": number, then up to four words of which the last ends in a street suffix.
std::optional<Range> number_first_address(std::string_view s, std::size_t pos, const StreetRules& r) {
  const auto num = house_number(s, pos);
  if (!num) return std::nullopt;
  std::size_t j = *num;
  std::size_t end = 0;
  for (int words = 0; words < 4; ++words) {
    const std::size_t k = skip_hspace(s, j);
    if (k == j) break;
    const auto w = read_word(s, k);
    if (!w || (!w->upper && !r.allow_lower)) break;
    const std::string fw = fold_word(s, *w);
    if (street_stopwords().contains(fw)) break;
    j = w->end;
    if (street_suffixes().any_suffix_of(fw)) end = j;
  }
  if (end == 0) return std::nullopt;
  return Range{pos, postcode_city(s, end)};
}

// Street name + house number (+ postcode + city) starting at pos.
std::optional<Range> street_address(std::string_view s, std::size_t pos, const StreetRules& r) {
  if (is_digit(at(s, pos).cp)) {
    if (r.number_first) return number_first_address(s, pos, r);
    return std::nullopt;
  }
  std::size_t j = pos;
  int words = 0;
  bool prefix = false;
  bool all_cap = true;
  std::string last;
  while (words < 5) {
    const auto w = read_word(s, j);
    if (!w) break;
    const std::string fw = fold_word(s, *w);
    if (street_stopwords().contains(fw)) return std::nullopt;
    if (words == 0 && !w->upper && address_fillers().contains(fw)) return std::nullopt;
    if (words == 0 && street_prefixes().contains(fw)) {
      prefix = true;
    } else if (!w->upper) {
      const bool tv = words > 0 && tussenvoegsels().contains(fw);
      if (!tv && !prefix) {
        if (!r.allow_lower) return std::nullopt;
        all_cap = false;
      }
    }
    ++words;
    last = fw;
    j = w->end;
    // An abbreviation ("Burg.", "ul.", "вул.") may end in a dot; a longer word before a dot
    // ends a sentence.
    std::size_t letters = 0;
    for (std::size_t m = w->begin; m < w->end; m += at(s, m).len) ++letters;
    const bool dot = at(s, j).cp == '.' && (letters <= 4 || street_prefixes().contains(fw));
    if (dot) ++j;
    std::size_t k = skip_hspace(s, j);
    if (at(s, k).cp == ',') k = skip_hspace(s, k + 1);
    if (k == j && !dot) return std::nullopt;
    j = k;
    if (is_digit(at(s, j).cp)) break;
  }
  if (words == 0 || !is_digit(at(s, j).cp)) return std::nullopt;
  if ((r.require_suffix || !all_cap) && !prefix && !street_suffixes().any_suffix_of(last)) return std::nullopt;
  const auto num = house_number(s, j);
  if (!num) return std::nullopt;
  return Range{pos, postcode_city(s, *num)};
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

bool email_local_char(char c) {
  return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// info@, servicedesk@ …: an organisation's mailbox, not a person's.
bool role_mailbox(std::string_view local) {
  static const WordSet roles{"info",    "contact",   "service",        "servicedesk",  "helpdesk", "support",
                             "noreply", "no-reply",  "klantenservice", "secretariaat", "post",     "office",
                             "admin",   "webmaster", "receptie",       "balie",        "redactie", "pers",
                             "press",   "klachten",  "meldingen",      "gemeente"};
  return roles.contains(fold_str(local));
}

void find_emails(std::string_view s, Spans& out) {
  for (std::size_t at_pos = s.find('@'); at_pos != npos; at_pos = s.find('@', at_pos + 1)) {
    std::size_t b = at_pos;
    while (b > 0 && email_local_char(s[b - 1])) --b;
    while (b < at_pos && (s[b] == '.' || s[b] == '-')) ++b;
    if (b == at_pos) continue;
    std::size_t e = at_pos + 1;
    while (e < s.size() && (is_ascii_alnum(static_cast<unsigned char>(s[e])) || s[e] == '-' || s[e] == '.')) ++e;
    while (e > at_pos + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    const std::string_view domain = s.substr(at_pos + 1, e - at_pos - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == npos || dot == 0 || domain.find("..") != npos) continue;
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 ||
        !std::all_of(tld.begin(), tld.end(), [](char c) { return is_ascii_alpha(static_cast<unsigned char>(c)); }))
      continue;
    if (!role_mailbox(s.substr(b, at_pos - b))) add(out, b, e, PiiKind::email);
    at_pos = e - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

struct DigitGroup {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string digits;
  bool trunk_zero = false;  // the "(0)" in "+31 (0)20 …"
};

bool phone_sep(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'; }

bool national_number_ok(std::string_view nat) {
  if (nat.size() != 10 || nat[0] != '0' || nat[1] == '0') return false;
  // service numbers (0800, 0900, 090x) and company numbers (088)
  if (nat.substr(0, 3) == "080" || nat.substr(0, 3) == "090" || nat.substr(0, 3) == "088") return false;
  return true;
}

// Whether the digit groups g[0..n) form a phone number.
bool phone_prefix_ok(const std::vector<DigitGroup>& g, std::size_t n, bool plus) {
  std::string d;
  bool trunk = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (g[i].trunk_zero) {
      trunk = true;
      continue;
    }
    d += g[i].digits;
  }
  if (plus) {
    if (d.size() >= 2 && d.compare(0, 2, "31") == 0) {
      std::string nat = "0" + d.substr(2);
      if (nat.size() > 1 && nat[1] == '0') nat.erase(0, 1);  // "+31 020 …"
      return national_number_ok(nat);
    }
    return !trunk && d.size() >= 9 && d.size() <= 15 && d[0] != '0';
  }
  if (d.size() >= 4 && d.compare(0, 4, "0031") == 0) {
    std::string nat = "0" + d.substr(4);
    if (nat.size() > 1 && nat[1] == '0') nat.erase(0, 1);
    return national_number_ok(nat);
  }
  if (d.size() >= 3 && d[0] == '0' && d[1] == '0') {
    return !trunk && d[2] != '0' && d.size() >= 11 && d.size() <= 15;
  }
  if (trunk || d.empty() || d[0] != '0') return false;
  // National format: the first group is the area code (2 digits only for 06) or everything.
  const std::size_t g0 = g[0].digits.size();
  if (!(g0 == 10 || g0 == 3 || g0 == 4 || (g0 == 2 && g[0].digits == "06"))) return false;
  // "06-05-2024 10 …" is a date.
  if (n >= 3 && g[0].digits.size() == 2 && g[1].digits.size() == 2 && g[2].digits.size() == 4) return false;
  return national_number_ok(d);
}

// True when i follows "NL91 ABNA " or similar: the rest of an IBAN (with a typo) is no phone
// number.
bool after_iban_head(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (int groups = 0; groups < 8; ++groups) {
    if (k == 0 || s[k - 1] != ' ') return false;
    --k;
    std::size_t b = k;
    while (b > 0 && is_ascii_alnum(static_cast<unsigned char>(s[b - 1])) && k - b < 5) --b;
    if (k - b != 4 || !boundary_before(s, b)) return false;
    const auto u = [&](std::size_t m) { return static_cast<unsigned char>(s[m]); };
    if (is_ascii_alpha(u(b)) && is_ascii_alpha(u(b + 1)) && is_digit(u(b + 2)) && is_digit(u(b + 3))) return true;
    k = b;
  }
  return false;
}

void find_phones(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!(c == '+' || c == '(' || is_digit(static_cast<unsigned char>(c)))) continue;
    const Cp prev = before(s, i);
    if (is_alnum(prev.cp) || prev.cp == '+' || prev.cp == 0x20AC || prev.cp == '/') continue;
    if ((prev.cp == '-' || prev.cp == '.' || prev.cp == ',' || prev.cp == ':') && is_digit(before(s, i - prev.len).cp))
      continue;
    if (after_iban_head(s, i)) continue;
    std::size_t j = i;
    const bool plus = c == '+';
    if (plus) ++j;
    std::vector<DigitGroup> groups;
    std::size_t total = 0;
    for (;;) {
      // separators (at most three characters; none before the first group except "(")
      std::size_t k = j;
      while (k < s.size() && k - j < 3 && phone_sep(s[k]) && (!groups.empty() || s[k] == '(')) ++k;
      if (k >= s.size() || !is_digit(static_cast<unsigned char>(s[k]))) break;
      DigitGroup g;
      g.begin = k;
      while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) ++k;
      g.end = k;
      g.digits = std::string(s.substr(g.begin, k - g.begin));
      g.trunk_zero =
          g.digits == "0" && g.begin > 0 && s[g.begin - 1] == '(' && k < s.size() && s[k] == ')' && !groups.empty();
      total += g.digits.size();
      if (total > 16) break;
      groups.push_back(std::move(g));
      j = k;
      if (groups.size() >= 8) break;
    }
    // the longest prefix of groups that forms a phone number and ends on a boundary
    for (std::size_t n = groups.size(); n > 0; --n) {
      const std::size_t e = groups[n - 1].end;
      const Cp nx = at(s, e);
      if (nx.len && is_alnum(nx.cp)) continue;
      if ((nx.cp == ':' || nx.cp == ',' || nx.cp == '.') && is_digit(at(s, e + 1).cp)) continue;
      if (!phone_prefix_ok(groups, n, plus)) continue;
      add(out, i, e, PiiKind::phone);
      i = e - 1;
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// BSN

std::optional<Word> word_before(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (Cp c = before(s, k); c.len && (is_hspace(c.cp) || c.cp == ':' || c.cp == '#' || c.cp == '.'); c = before(s, k))
    k -= c.len;
  return word_ending_at(s, k);
}

// Nine digits, contiguous or grouped (3-3-3, 4-2-3, 2-3-4) with one kind of separator.
struct NumberRun {
  std::size_t end = 0;
  std::string digits;
};
std::optional<NumberRun> read_number_run(std::string_view s, std::size_t i) {
  NumberRun r;
  std::size_t k = i;
  char sep = 0;
  std::vector<std::size_t> sizes;
  for (;;) {
    const std::size_t b = k;
    while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) r.digits += s[k++];
    sizes.push_back(k - b);
    if (r.digits.size() > 9) return std::nullopt;
    if (k + 1 < s.size() && (s[k] == ' ' || s[k] == '.' || s[k] == '-') &&
        is_digit(static_cast<unsigned char>(s[k + 1])) && (sep == 0 || sep == s[k])) {
      sep = s[k];
      ++k;
      continue;
    }
    break;
  }
  r.end = k;
  if (sizes.size() > 1) {
    if (sizes.size() != 3) return std::nullopt;
    if (sizes[0] < 2 || sizes[1] < 2 || sizes[2] < 2) return std::nullopt;
  }
  const Cp nx = at(s, k);
  if (nx.len && is_alnum(nx.cp)) return std::nullopt;
  if ((nx.cp == ',' || nx.cp == '.' || nx.cp == ':' || nx.cp == '-' || nx.cp == '/') && is_digit(at(s, k + 1).cp))
    return std::nullopt;
  return r;
}

bool digit_start_ok(std::string_view s, std::size_t i) {
  const Cp prev = before(s, i);
  if (is_alnum(prev.cp) || prev.cp == '+' || prev.cp == 0x20AC || prev.cp == '#') return false;
  if ((prev.cp == '-' || prev.cp == '.' || prev.cp == ',' || prev.cp == ':' || prev.cp == '/' || prev.cp == ' ') &&
      is_digit(before(s, i - prev.len).cp))
    return false;
  return true;
}

void find_bsns(std::string_view s, const Folded& f, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(static_cast<unsigned char>(s[i])) || !digit_start_ok(s, i)) continue;
    const auto run = read_number_run(s, i);
    if (!run) {
      while (i + 1 < s.size() && is_digit(static_cast<unsigned char>(s[i + 1]))) ++i;
      continue;
    }
    if (run->digits.size() == 9 && bsn_valid(run->digits)) {
      const auto w = word_before(s, i);
      const bool reference = w && reference_cues().contains(fold_word(s, *w));
      if (!reference) add(out, i, run->end, PiiKind::bsn);
    }
    i = run->end - 1;
  }
  // After "BSN": eight or nine digits, checksum or not (the citizen says it is a BSN).
  for_each_cue(f, bsn_cues(), [&](std::size_t, std::size_t e) {
    std::size_t k = skip_after_cue(s, e, false, U":-=");
    for (int n = 0; n < 2; ++n) {
      const auto w = read_word(s, k);
      if (!w) break;
      const std::string fw = fold_word(s, *w);
      if (fw != "is" && fw != "nummer" && fw != "nr" && fw != "number" && fw != "no") break;
      k = skip_after_cue(s, w->end, false, U".:-=");
    }
    if (!is_digit(at(s, k).cp)) return;
    const auto run = read_number_run(s, k);
    if (run && (run->digits.size() == 8 || run->digits.size() == 9)) add(out, k, run->end, PiiKind::bsn);
  });
}

// ---------------------------------------------------------------------------------------------
// IBAN

struct IbanLength {
  std::string_view country;
  std::size_t length;
};
// A table, one row per line (not reformatted):
// clang-format off
constexpr std::array<IbanLength, 44> kIbanLengths{{
    {"NL", 18}, {"BE", 16}, {"DE", 22}, {"FR", 27}, {"GB", 22}, {"ES", 24}, {"IT", 27}, {"PL", 28},
    {"TR", 26}, {"UA", 29}, {"LU", 20}, {"AT", 20}, {"CH", 21}, {"DK", 18}, {"FI", 18}, {"IE", 22},
    {"PT", 25}, {"SE", 24}, {"NO", 15}, {"CZ", 24}, {"SK", 24}, {"HU", 28}, {"RO", 24}, {"BG", 22},
    {"GR", 27}, {"HR", 21}, {"SI", 19}, {"LT", 20}, {"LV", 21}, {"EE", 20}, {"CY", 28}, {"MT", 31},
    {"IS", 26}, {"LI", 21}, {"SA", 24}, {"AE", 23}, {"JO", 30}, {"LB", 28}, {"EG", 29}, {"IQ", 23},
    {"TN", 24}, {"PS", 29}, {"QA", 29}, {"KW", 30},
}};
// clang-format on

std::size_t iban_length(char a, char b) {
  for (const auto& x : kIbanLengths)
    if (x.country[0] == a && x.country[1] == b) return x.length;
  return 0;
}

char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

bool iban_checksum_ok(std::string_view c) {  // upper-case, no spaces
  int r = 0;
  const auto feed = [&](char ch) {
    if (ch >= '0' && ch <= '9') {
      r = (r * 10 + (ch - '0')) % 97;
    } else {
      r = (r * 100 + (ch - 'A' + 10)) % 97;
    }
  };
  for (char ch : c.substr(4)) feed(ch);
  for (char ch : c.substr(0, 4)) feed(ch);
  return r == 1;
}

bool iban_compact_valid(std::string_view c) {
  if (c.size() < 15 || c.size() > 34) return false;
  if (!is_ascii_alpha(static_cast<unsigned char>(c[0])) || !is_ascii_alpha(static_cast<unsigned char>(c[1])) ||
      !is_digit(static_cast<unsigned char>(c[2])) || !is_digit(static_cast<unsigned char>(c[3])))
    return false;
  for (char ch : c)
    if (!is_ascii_alnum(static_cast<unsigned char>(ch))) return false;
  const std::size_t len = iban_length(c[0], c[1]);
  if (len != 0 && c.size() != len) return false;
  return iban_checksum_ok(c);
}

void find_ibans(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const auto u = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (!is_ascii_alpha(u(i)) || !is_ascii_alpha(u(i + 1)) || !is_digit(u(i + 2)) || !is_digit(u(i + 3))) continue;
    if (!boundary_before(s, i)) continue;
    std::string c;
    std::vector<std::size_t> ends;
    std::size_t j = i;
    while (j < s.size() && c.size() < 34) {
      if (is_ascii_alnum(u(j))) {
        c += ascii_upper(s[j++]);
        ends.push_back(j);
      } else if (s[j] == ' ' && j + 1 < s.size() && is_ascii_alnum(u(j + 1)) && c.size() >= 4) {
        ++j;
      } else {
        break;
      }
    }
    const std::size_t known = iban_length(c[0], c[1]);
    for (std::size_t n = std::min<std::size_t>(c.size(), 34); n >= 15; --n) {
      if (known != 0 && n != known) continue;
      if (!boundary_after(s, ends[n - 1])) continue;
      if (iban_compact_valid(std::string_view(c).substr(0, n))) {
        add(out, i, ends[n - 1], PiiKind::iban);
        i = ends[n - 1] - 1;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Names and addresses tied to a person

constexpr StreetRules kCueStreet{true, false, true};
constexpr StreetRules kPersonStreet{false, true, false};

// The separator between a name and what belongs to it: ", ", "; ", " | ", " - ", a line break,
// and with paren also " (". Returns the position after it.
std::optional<std::size_t> after_separator(std::string_view s, std::size_t e, bool paren) {
  const std::size_t k = skip_hspace(s, e);
  const Cp c = at(s, k);
  if (c.cp == ',' || c.cp == ';' || c.cp == '|' || c.cp == 0x60C || (paren && c.cp == '('))
    return skip_space(s, k + c.len);
  if (c.len && is_line_break(c.cp)) return skip_space(s, k);
  if ((c.cp == '-' || c.cp == 0x2013 || c.cp == 0x2014) && k > e && is_hspace(at(s, k + c.len).cp))
    return skip_space(s, k + c.len);
  return std::nullopt;
}

// "…, Kerkstraat 12" right after a person's name.
void address_after_name(std::string_view s, std::size_t name_end, Spans& out) {
  const auto k = after_separator(s, name_end, false);
  if (!k) return;
  if (const auto a = street_address(s, *k, kPersonStreet)) add(out, a->begin, a->end, PiiKind::address);
}

// Labels between a name and a contact detail: "Karin de Wit, IBAN NL…", "Jan Smit, tel. 06…".
const WordSet& contact_labels() {
  static const WordSet set{"iban",   "rekening", "rekeningnummer", "tel",       "telefoon", "telefoonnummer", "mob",
                           "mobiel", "gsm",      "nummer",         "phone",     "mobile",   "e-mail",         "email",
                           "mail",   "bsn",      "telefon",        "telefonum", "numara",   "konto",          "телефон",
                           "тел",    "пошта",    "هاتف",           "رقم"};
  return set;
}

void find_cue_names(std::string_view s, const Folded& f, Spans& out) {
  const auto run = [&](const CueList& cues, const NameRules& rules, bool newline, std::u32string_view punct) {
    for_each_cue(f, cues, [&](std::size_t, std::size_t e) {
      std::size_t k = skip_after_cue(s, e, newline, punct);
      if (const auto w = read_word(s, k); w && fold_word(s, *w) == fold_str("هو")) k = skip_hspace(s, w->end);
      if (const auto n = take_name(s, k, rules)) {
        add(out, n->begin, n->end, PiiKind::name);
        address_after_name(s, n->end, out);
      }
    });
  };
  run(strong_name_cues(), NameRules{true, true, true}, false, U":,-\u2013\u2014\u060C");
  run(weak_name_cues(), NameRules{false, false, false}, false, U":,-\u2013\u2014");
  run(signoff_cues(), NameRules{false, false, true}, true, U":,-!.\u2013\u2014\u060C");
  run(honorific_cues(), NameRules{false, false, true}, false, U".");

  // "Ahmet Bey", "Ayşe Hanım"
  for_each_cue(f, postfix_honorific_cues(), [&](std::size_t b, std::size_t) {
    std::size_t k = b;
    while (k > 0 && is_hspace(before(s, k).cp)) k -= before(s, k).len;
    if (k == b) return;
    const auto w = word_ending_at(s, k);
    if (!w || !w->upper || name_stop(fold_word(s, *w))) return;
    std::size_t start = w->begin;
    std::size_t k2 = start;
    while (k2 > 0 && is_hspace(before(s, k2).cp)) k2 -= before(s, k2).len;
    if (k2 < start) {
      const auto w2 = word_ending_at(s, k2);
      if (w2 && w2->upper && !name_stop(fold_word(s, *w2))) start = w2->begin;
    }
    add(out, start, w->end, PiiKind::name);
  });
}

bool clause_break(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || is_line_break(c) || c == 0x61F || c == 0x60C;
}

void find_cue_addresses(std::string_view s, const Folded& f, Spans& out) {
  for_each_cue(f, address_cues(), [&](std::size_t, std::size_t e) {
    std::size_t k = e;
    for (int n = 0; n < 4; ++n) {
      k = skip_after_cue(s, k, n == 0, U":");
      const auto w = read_word(s, k);
      if (!w || w->upper || !address_fillers().contains(fold_word(s, *w))) break;
      k = w->end;
    }
    k = skip_after_cue(s, k, true, U":");
    if (const auto a = street_address(s, k, kCueStreet)) {
      add(out, a->begin, a->end, PiiKind::address);
      return;
    }
    // "ik woon al 30 jaar op de Kerkstraat 12": look further in the same clause, but only for a
    // street with a street-type ending.
    static const WordSet stoppers{"en",        "maar",   "and",  "but",  "ve",     "ama",     "i",
                                  "ale",       "а",      "і",    "але",  "و",      "vlakbij", "naast",
                                  "tegenover", "achter", "near", "next", "behind", "opposite"};
    std::size_t j = k;
    for (int tokens = 0; tokens < 10 && j < s.size(); ++tokens) {
      const Cp c = at(s, j);
      if (clause_break(c.cp)) return;
      if (const auto w = read_word(s, j)) {
        if (stoppers.contains(fold_word(s, *w))) return;
        if (const auto a = street_address(s, j, StreetRules{true, true, true})) {
          add(out, a->begin, a->end, PiiKind::address);
          return;
        }
        j = skip_hspace(s, w->end);
      } else if (is_digit(c.cp)) {
        if (const auto a = street_address(s, j, StreetRules{true, true, true})) {
          add(out, a->begin, a->end, PiiKind::address);
          return;
        }
        while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) ++j;
        j = skip_hspace(s, j);
      } else {
        j = skip_hspace(s, j + c.len);
      }
    }
  });
}

// Turkish: "Kerkstraat 12'de oturuyorum".
bool turkish_residence_after(std::string_view s, std::size_t e) {
  static const WordSet verbs{"oturuyorum", "oturuyoruz", "yaşıyorum", "yaşıyoruz", "kalıyorum", "kalıyoruz", "ikamet"};
  std::size_t k = e;
  if (is_apostrophe(at(s, k).cp)) {
    k += at(s, k).len;
    while (at(s, k).len && is_letter(at(s, k).cp)) k += at(s, k).len;
  }
  for (int n = 0; n < 3; ++n) {
    const std::size_t k2 = skip_hspace(s, k);
    const auto w = read_word(s, k2);
    if (!w || (k2 == k && n > 0)) return false;
    if (verbs.contains(fold_word(s, *w))) return true;
    k = w->end;
  }
  return false;
}

// "Jan de Vries, Kerkstraat 12" (a full name then a street), "Karin de Wit, IBAN …" (a full
// name then personal data found by the other scanners) and "Kerkstraat 12'de oturuyorum".
void find_person_addresses(std::string_view s, Spans& out) {
  std::vector<std::size_t> detail_starts;
  for (const PiiSpan& sp : out)
    if (sp.kind != PiiKind::name) detail_starts.push_back(sp.begin);
  std::sort(detail_starts.begin(), detail_starts.end());
  for (std::size_t i = 0; i < s.size();) {
    const auto w = boundary_before(s, i) ? read_word(s, i) : std::nullopt;
    if (!w) {
      i += std::max<std::size_t>(at(s, i).len, 1);
      continue;
    }
    if (capitalised(*w) || tussenvoegsels().contains(fold_word(s, *w))) {
      if (const auto n = take_name(s, i, NameRules{false, false, false, 2, 3})) {
        if (const auto k = after_separator(s, n->end, false)) {
          if (const auto a = street_address(s, *k, kPersonStreet)) {
            add(out, n->begin, n->end, PiiKind::name);
            add(out, a->begin, a->end, PiiKind::address);
            i = a->end;
            continue;
          }
        }
        if (auto k = after_separator(s, n->end, true)) {
          for (int labels = 0; labels < 2; ++labels) {
            const auto label = read_word(s, *k);
            if (!label || !contact_labels().contains(fold_word(s, *label))) break;
            k = skip_after_cue(s, label->end, false, U".:");
          }
          if (std::binary_search(detail_starts.begin(), detail_starts.end(), *k)) {
            add(out, n->begin, n->end, PiiKind::name);
            i = n->end;
            continue;
          }
        }
      }
      if (w->upper) {
        if (const auto a = street_address(s, i, kPersonStreet); a && turkish_residence_after(s, a->end)) {
          add(out, a->begin, a->end, PiiKind::address);
          i = a->end;
          continue;
        }
      }
    }
    i = w->end;
  }
}

// Sorts and makes spans non-overlapping; an overlap becomes one span with the kind of the one
// that starts first (or is longer).
Spans normalise(Spans spans) {
  std::sort(spans.begin(), spans.end(), [](const PiiSpan& a, const PiiSpan& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  Spans out;
  for (const PiiSpan& sp : spans) {
    if (!out.empty() && sp.begin < out.back().end) {
      out.back().end = std::max(out.back().end, sp.end);
      continue;
    }
    out.push_back(sp);
  }
  return out;
}

}  // namespace

std::string_view pii_kind_name(PiiKind kind) noexcept {
  switch (kind) {
    case PiiKind::email: return "email";
    case PiiKind::phone: return "phone";
    case PiiKind::bsn: return "bsn";
    case PiiKind::iban: return "iban";
    case PiiKind::name: return "name";
    case PiiKind::address: return "address";
  }
  return "unknown";
}

bool bsn_valid(std::string_view nine_digits) noexcept {
  if (nine_digits.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t i = 0; i < 9; ++i) {
    const char c = nine_digits[i];
    if (c < '0' || c > '9') return false;
    const int d = c - '0';
    if (d != 0) all_zero = false;
    sum += (i == 8) ? -d : d * static_cast<int>(9 - i);
  }
  return !all_zero && sum % 11 == 0;
}

bool iban_valid(std::string_view iban) noexcept {
  std::array<char, 34> buf{};
  std::size_t n = 0;
  for (char ch : iban) {
    if (ch == ' ') continue;
    if (!is_ascii_alnum(static_cast<unsigned char>(ch)) || n == buf.size()) return false;
    buf[n++] = ascii_upper(ch);
  }
  return iban_compact_valid(std::string_view(buf.data(), n));
}

std::vector<PiiSpan> find_personal_data(std::string_view utf8_text) {
  const std::string_view s = utf8_text;
  const Folded f = fold_text(s);
  Spans spans;
  find_emails(s, spans);
  find_ibans(s, spans);
  find_phones(s, spans);
  find_bsns(s, f, spans);
  find_cue_names(s, f, spans);
  find_cue_addresses(s, f, spans);
  find_person_addresses(s, spans);
  return normalise(std::move(spans));
}

ScrubResult scrub_personal_data(std::string_view utf8_text, const ScrubOptions& options) {
  ScrubResult result;
  result.found = find_personal_data(utf8_text);
  result.text.reserve(utf8_text.size());
  std::size_t pos = 0;
  for (std::size_t i = 0; i < result.found.size(); ++i) {
    const PiiSpan& sp = result.found[i];
    append_valid(result.text, utf8_text, pos, sp.begin);
    const bool touches_previous = i > 0 && result.found[i - 1].end == sp.begin;
    if (!touches_previous) result.text += options.placeholder;
    pos = sp.end;
  }
  append_valid(result.text, utf8_text, pos, utf8_text.size());
  return result;
}

}  // namespace kiosk

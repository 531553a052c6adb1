// Dates of birth: a date near a birth cue ("geboren op", "born", "doğum tarihim", "urodzony", "народився",
// "تاريخ الميلاد", "dhashay", "ዝተወለድኩ", "geb."; the [dob] lists, and [dob_after] for cues after the date:
// "12.03.1985 doğumluyum"), or a date that closes the clause right after a person's name ("Halima Bouzerda,
// 05/09/1962.", "Kees Brouwer (22.08.1939)"), in any form. Other dates (appointments, events, a letter's
// date) stay: a date alone, whatever its year, is no date of birth.
//
// Two steps: date_at() finds the extent of a date (the date-span detector), the callers decide whether it is a
// birth date from its context (a cue before or after it, or the person it follows). The date forms:
//   numeric       12-03-1985, 12/3/85, 1985-03-12, 12031985, Arabic-Indic digits (the digit view)
//   month word    12 maart 1985, March 12, 1985, 23rd of Sept 1987, 15-ka Luulyo 1981, 6-го березня 1978-го,
//                 ሓምለ 3 ቀን 1995, 12 Mart 1948'de (a Turkish case ending after an apostrophe stays outside)
//   Roman month   7 IX 1952, 7.IX.1952
//   in words      on beş Temmuz bin dokuz yüz yetmiş iki, вісімнадцятого грудня дві тисячі п'ятнадцятого року,
//                 الخامس عشر من تموز ١٩٨١ (the [number_word] lists)
//   Ge'ez numbers ፲፭ ጥሪ ፳፻፲፪
//   year first    1988 op 9 juni, 1991 roku, 2 lutego, ١٩٥٤ في ٤ نيسان, 1978 bisha Maarso 6-deeda (after a cue)
//   year suffix   3 listopada 1979 r., 12 березня 1949 року (the [year_suffix] lists)
// A date may follow a one-letter proclitic "in/on" (Tigrinya ብ, Arabic ب): "ብ1978 6 መጋቢት ተወሊደ".
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

std::size_t digits_end(std::string_view s, std::size_t i, std::size_t max) {
  std::size_t k = i;
  while (k < s.size() && k - i < max && is_digit_at(s, k)) ++k;
  return k;
}

bool is_geez_numeral(char32_t c) { return c >= 0x1369 && c <= 0x137C; }

// A one-letter proclitic glued to what follows: Tigrinya ብ ("in, on"), Arabic ب.
bool proclitic(char32_t c) { return c == 0x1265 || c == 0x628; }

// Whether a date may start at i: no letter or digit before it, or a proclitic that starts its word.
bool date_start(std::string_view s, std::size_t i) {
  if (is_geez_numeral(before(s, i).cp)) return false;
  if (boundary_before(s, i)) return true;
  const Cp p = before(s, i);
  return proclitic(p.cp) && boundary_before(s, i - p.len);
}

// Whether the folded word is a run of the list's words written together, each of three bytes or more
// ("negentienzevenenvijftig", 19 57; "tweeduizendnegen", 2009): Dutch writes a number in words as one word (added after
// the thirty-second part was measured: the language's rule of writing numbers, not a year seen).
bool glued_words(const WordSet& l, std::string_view folded) {
  for (std::size_t b = 3; b + 3 <= folded.size(); ++b)
    if (l.contains(folded.substr(0, b)) && (l.contains(folded.substr(b)) || glued_words(l, folded.substr(b))))
      return true;
  return false;
}

// Whether the folded word (or every part of a hyphenated one: "twenty-first"; or its parts written together) is in the
// list.
bool in_list(std::string_view list, std::string_view folded) {
  const WordSet& l = word_list(list);
  if (l.contains(folded)) return true;
  if (folded.find('-') == std::string_view::npos) return folded.size() <= 64 && glued_words(l, folded);
  for (std::size_t b = 0; b <= folded.size();) {
    const std::size_t e = std::min(folded.find('-', b), folded.size());
    if (e == b || !l.contains(folded.substr(b, e - b))) return false;
    b = e + 1;
  }
  return true;
}

// The number of a month after the noun "month" (1 to 12, with an ordinal ending: "4aad", "4th", "4e"): its end.
std::optional<std::size_t> numbered_month(std::string_view s, std::size_t k) {
  std::size_t e = k;
  int v = 0;
  while (e < s.size() && e - k < 2 && is_digit_at(s, e)) v = v * 10 + (s[e++] - '0');
  if (e == k || v < 1 || v > 12 || is_digit_at(s, e)) return std::nullopt;
  std::size_t a = e;
  if (at(s, a).cp == '-') ++a;
  std::size_t z = a;
  while (z < s.size() && z - a < 3 && is_ascii_alpha(static_cast<unsigned char>(s[z]))) ++z;
  std::string suf(s.substr(a, z - a));
  std::transform(suf.begin(), suf.end(), suf.begin(), [](unsigned char c) { return std::tolower(c); });
  if (suf == "aad" || suf == "th" || suf == "st" || suf == "nd" || suf == "rd" || suf == "e") e = z;
  if (e < s.size() && is_letter(at(s, e).cp)) return std::nullopt;
  return e;
}

// A month word ("maart", "Mart", "березня", "مارس", "Maarso", "መጋቢት", "mar.") at i: its end. A Turkish case
// ending after an apostrophe ("Nisan'da") is not part of it.
std::optional<std::size_t> month_word(std::string_view s, std::size_t i) {
  auto w = read_word(s, i);
  if (!w) return std::nullopt;
  std::string f = fold_word(s, *w);
  // the noun "month" before the month's name or its number, ordinal or not ("12-da bisha 4aad 1990", "الخامس من شهر
  // آذار"; [month_noun], added after the fourteenth part was measured)
  if (word_list("month_noun").contains(f)) {
    const std::size_t k = skip_hspace(s, w->end);
    if (k == w->end) return std::nullopt;
    if (const auto m = month_word(s, k)) return m;
    return numbered_month(s, k);
  }
  if (!word_list("month").contains(f)) {
    std::size_t a = w->begin;
    while (a < w->end && !is_apostrophe(at(s, a).cp)) a += at(s, a).len;
    if (a == w->end || a == w->begin) return std::nullopt;
    w->end = a;
    f = fold_word(s, *w);
    if (!word_list("month").contains(f)) return std::nullopt;
    return a;
  }
  std::size_t e = w->end;
  if (at(s, e).cp == '.') ++e;
  // two-word months: "كانون الثاني", "تشرين الأول"
  const std::size_t k = skip_hspace(s, e);
  if (const auto w2 = read_word(s, k); w2 && k > e && word_list("month_second").contains(fold_word(s, *w2)))
    return w2->end;
  return e;
}

// A Roman-numeral month (I … XII, capitals) at i: its end. Also typed with the Cyrillic letters that look like them
// ("13-ІІІ-2009" with the Ukrainian І and Х; added after the thirtieth part was measured). With lower, in small
// letters too, all of them ("22.vii.1945": only between two of the same separator; added after the thirty-eighth part
// was measured).
std::optional<std::size_t> roman_month(std::string_view s, std::size_t i, bool lower = false) {
  static constexpr std::string_view kRoman[] = {"XII", "VIII", "III", "VII", "XI", "IX",
                                                "IV",  "VI",   "II",  "X",   "V",  "I"};
  if (!boundary_before(s, i)) return std::nullopt;
  std::string latin;              // the letters read as Latin ones
  std::vector<std::size_t> ends;  // the end in s of each
  bool small = false;             // read in small letters
  for (std::size_t k = i; latin.size() < 4;) {
    const Cp c = at(s, k);
    if ((c.cp == 'I' || c.cp == 'V' || c.cp == 'X') && !small) {
      latin += static_cast<char>(c.cp);
    } else if (lower && (c.cp == 'i' || c.cp == 'v' || c.cp == 'x') && (k == i || small)) {
      latin += static_cast<char>(c.cp - 'a' + 'A');
      small = true;
    } else if (c.cp == 0x406) {  // І
      latin += 'I';
    } else if (c.cp == 0x425) {  // Х
      latin += 'X';
    } else {
      break;
    }
    k += c.len;
    ends.push_back(k);
  }
  for (std::string_view r : kRoman)
    if (latin.size() >= r.size() && latin.compare(0, r.size(), r) == 0 && boundary_after(s, ends[r.size() - 1]))
      return ends[r.size() - 1];
  return std::nullopt;
}

// A number in words ("on beş", "вісімнадцятого", "الخامس عشر", "twenty-first"; the [number_word] lists) or in
// Ge'ez numerals ("፲፭") at i: its end.
std::optional<std::size_t> number_words(std::string_view s, std::size_t i) {
  std::size_t k = i;
  if (is_geez_numeral(at(s, k).cp)) {
    while (is_geez_numeral(at(s, k).cp)) k += at(s, k).len;
    return k;
  }
  std::optional<std::size_t> end;
  for (;;) {
    const auto w = read_word(s, k);
    if (!w) break;
    // (also with the Tigrinya "-ን", "and": "ክልተ ሽሕን ዕስራን", two thousand and twenty)
    if (const std::string fw = fold_word(s, *w), bare = without_and(fw);
        !in_list("number_word", fw) && (bare == fw || !in_list("number_word", bare))) {
      // "and" between two number words ([number_join]: "afar iyo labaatan", four and twenty; added after the
      // twenty-fifth part was measured)
      const std::size_t j = skip_hspace(s, w->end);
      const auto w2 = end && j > w->end ? read_word(s, j) : std::nullopt;
      if (!w2 || !word_list("number_join").contains(fold_word(s, *w)) || !in_list("number_word", fold_word(s, *w2)))
        break;
      k = j;
      continue;
    }
    end = w->end;
    k = skip_hspace(s, w->end);
  }
  return end;
}

// An ordinal or case ending after a day ("23rd", "1st", "3e", "21ste", "1da", "15-ka", "2-da", "6-deeda", "6-го"),
// then the word "day" (ሓምለ 3 ቀን) or "of" ("23rd of Sept", "السادس من آذار"): the position after it, or a
// when there is none.
std::size_t day_tail(std::string_view s, std::size_t a) {
  std::size_t k = a;
  while (k < s.size() && k - a < 3 && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
  std::string suf(s.substr(a, k - a));
  std::transform(suf.begin(), suf.end(), suf.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t e = a;
  if (k > a && !(k < s.size() && is_letter(at(s, k).cp)) &&
      (suf == "st" || suf == "nd" || suf == "rd" || suf == "th" || suf == "e" || suf == "ste" || suf == "de" ||
       suf == "da" || suf == "ka" || suf == "ta" || suf == "aad"))  // Somali "1da", "1aad", "4ta" (the last added after
                                                                    // the thirty-ninth part was measured)
    e = k;
  // the Tigrinya ordinal "-ይ" glued to the day ("3ይ ሰነ 1993"; added after the thirty-third part was measured)
  if (e == a && at(s, a).cp == 0x12ED && !is_letter(at(s, a + at(s, a).len).cp)) e = a + at(s, a).len;
  if (e == a && at(s, a).cp == '-') {  // "15-ka", "6-го": a short case ending after a hyphen
    std::size_t j = a + 1, n = 0;
    while (at(s, j).len && is_letter(at(s, j).cp)) j += at(s, j).len, ++n;
    if (n >= 1 && n <= 5) e = j;
  }
  std::size_t o = skip_hspace(s, e);
  if (const auto w = read_word(s, o); w && o > e && word_list("date_of").contains(fold_word(s, *w))) {
    e = w->end;
    o = skip_hspace(s, e);
    if (const auto w2 = read_word(s, o); w2 && o > e && word_list("date_of").contains(fold_word(s, *w2))) e = w2->end;
  }
  return e;
}

// The end of a year suffix after a date ending at ye ("3 listopada 1979 r.", "12 березня 1949 року"), or ye. An era
// written as an abbreviation of one-letter parts ("፲፪ መጋቢት ፳፻፯ ዓ.ም.", "1978 ዓ/ም", "١٤٠٥/٠٣/١٢ هـ"; [year_suffix]
// lists it without its dots: "ዓም") goes with the date too (added after the eleventh part was measured).
std::size_t with_year_suffix(std::string_view s, std::size_t ye) {
  const std::size_t k = skip_hspace(s, ye);
  if (k == ye) return ye;
  {
    std::size_t j = k, parts = 0;
    std::string letters;
    while (true) {
      const auto w = read_word(s, j);
      if (w && w->begin == j && w->initial) {  // Latin capitals with dots are read as one word ("E.C.", the
                                               // Ethiopian calendar; added after the thirty-third part was measured)
        for (std::size_t q = w->begin; q < w->end; q += at(s, q).len)
          if (is_letter(at(s, q).cp)) letters += fold_str(s.substr(q, at(s, q).len)), ++parts;
        j = w->end;
        break;
      }
      if (!w || w->begin != j || utf8_length(fold_word(s, *w)) != 1) break;
      const char32_t c = at(s, w->end).cp;
      letters += fold_word(s, *w);
      ++parts;
      if (c != '.' && c != '/') {
        j = w->end;
        break;
      }
      j = w->end + 1;
    }
    if (parts >= 2 && word_list("year_suffix").contains(letters)) return j;
  }
  if (const auto w = read_word(s, k); w && word_list("year_suffix").contains(fold_word(s, *w))) {
    // "r." and "р." with their dot, but not "р.н." (a cue of its own, outside the date), nor a sentence's full stop
    if (at(s, w->end).cp == '.' && at(s, w->begin).len == w->end - w->begin) {
      if (is_letter(at(s, w->end + 1).cp)) return ye;
      return w->end + 1;
    }
    return w->end;
  }
  return ye;
}

// A year after a month: four digits, "'85", a number in words or Ge'ez numerals, then a year suffix ("r.",
// "року", "-го"): its end.
std::optional<std::size_t> year_at(std::string_view s, std::size_t y) {
  std::size_t ye = 0;
  // the noun "year" before it ("… تشرين الثاني عام ألف وتسعمائة …", "sanadka 1990"; [year_noun], added after the
  // fourteenth part was measured)
  if (const auto w = read_word(s, y); w && word_list("year_noun").contains(fold_word(s, *w))) {
    const std::size_t k = skip_hspace(s, w->end);
    if (k == w->end || (read_word(s, k) && word_list("year_noun").contains(fold_word(s, *read_word(s, k)))))
      return std::nullopt;
    return year_at(s, k);
  }
  if (const std::size_t d = digits_end(s, y, 5); d - y == 4 && boundary_after(s, d)) {
    ye = d;
  } else if (d - y == 4 && at(s, d).cp == 0x645 && boundary_after(s, d + at(s, d).len)) {
    return d + at(s, d).len;  // "١٩٨٥م": the Arabic "AD" glued to the year
  } else if ((d - y == 4 || d - y == 2) && is_letter(at(s, d).cp)) {
    // a year suffix glued to the year ("30.01.1983r.", "1949р."; [year_suffix]), with its dot (added after the
    // thirteenth part was measured); after two digits too ("1 marca 88r."; added after the thirty-third part)
    std::size_t j = d;
    while (at(s, j).len && is_letter(at(s, j).cp)) j += at(s, j).len;
    if (!word_list("year_suffix").contains(fold_str(s.substr(d, j - d))) || is_digit_at(s, j)) return std::nullopt;
    if (at(s, j).cp == '.' && j - d == at(s, d).len && !is_letter(at(s, j + 1).cp)) return j + 1;
    return j;
  } else if (is_apostrophe(at(s, y).cp)) {
    const std::size_t a = y + at(s, y).len;
    const std::size_t d2 = digits_end(s, a, 3);
    if (d2 - a != 2 || !boundary_after(s, d2)) return std::nullopt;
    return d2;
  } else if (d - y == 2 && boundary_after(s, d)) {
    // two digits after the month's word ("4 okt 79", "b. 7 Jan 38", "5 Ağu 75"; added after the twenty-seventh part
    // was measured): not a time, a decimal, an amount or a number with its unit ("12 maart 14:00", "14 uur")
    const char32_t c = at(s, d).cp;
    if ((c == ':' || c == '.' || c == ',') && is_digit_at(s, d + 1)) return std::nullopt;
    if (c == '%' || c == 0x20AC || c == '-' || c == '/') return std::nullopt;
    const std::size_t u = skip_hspace(s, d);
    if (const auto w = u > d ? read_word(s, u) : std::nullopt; w && word_list("unit").contains(fold_word(s, *w)))
      return std::nullopt;
    return d;
  } else if (const auto w = number_words(s, y)) {
    ye = *w;
  } else {
    return std::nullopt;
  }
  if (at(s, ye).cp == '-') {  // "1978-го"
    std::size_t j = ye + 1, n = 0;
    while (at(s, j).len && is_letter(at(s, j).cp)) j += at(s, j).len, ++n;
    if (n >= 1 && n <= 3) return j;
  }
  return with_year_suffix(s, ye);
}

// A day at i (one or two digits, a number in words or Ge'ez numerals) and its tail: the day's end and the tail's
// end, or nothing.
struct DayEnd {
  std::size_t day;
  std::size_t tail;
};
std::optional<DayEnd> day_at(std::string_view s, std::size_t i) {
  std::size_t d = 0;
  if (is_digit_at(s, i)) {
    d = digits_end(s, i, 3);
    if (d - i > 2) return std::nullopt;
  } else if (const auto w = number_words(s, i)) {
    d = *w;
  } else {
    return std::nullopt;
  }
  return DayEnd{d, day_tail(s, d)};
}

// A month after a day (a month word or a Roman numeral), with the separator before it: its end.
std::optional<std::size_t> month_after_day(std::string_view s, const DayEnd& day) {
  std::size_t m = day.tail;
  // a Roman month between separators, read before the day's tail ("7-IX-1994", where "-IX" has the shape of a case
  // ending; the dash added after the twenty-sixth part was measured)
  if (const std::size_t d = day.day; d < s.size() && (s[d] == '.' || s[d] == '-' || s[d] == '/')) {
    if (const auto r = roman_month(s, d + 1, true)) {  // 7.IX.1952, 22.vii.1945
      if (*r < s.size() && s[*r] == s[d]) return *r + 1;
      return std::nullopt;
    }
  }
  // a month word between dashes or slashes ("07-dec-2015", "3/Mart/1990"; added after the twenty-fifth part was
  // measured)
  // (read before the day's tail: "-dec" has the shape of a case ending, "15-ka")
  if (const std::size_t d = day.day; d < s.size() && (s[d] == '-' || s[d] == '/'))
    if (const auto me = month_word(s, d + 1); me && *me < s.size() && s[*me] == s[d]) return *me + 1;
  if (m < s.size() && s[m] == '.') ++m;
  const std::size_t m0 = m;
  m = skip_hspace(s, m);
  if (m == m0 && m == day.tail && day.tail == day.day) return std::nullopt;  // "12maart"
  if (const auto me = month_word(s, m)) return *me;
  if (const auto r = roman_month(s, m)) return *r;
  // "12-da bisha 4aad": the noun "month" was read as the word between day and month; the month's number follows
  if (day.tail > day.day) {
    std::size_t b = day.tail;
    while (b > day.day && is_letter(before(s, b).cp)) b -= before(s, b).len;
    if (b < day.tail && word_list("month_noun").contains(fold_str(s.substr(b, day.tail - b))) && m > day.tail)
      return numbered_month(s, m);
  }
  return std::nullopt;
}

// Day and month without a year ("9 juni", "Maarso 6-deeda", "السادس من آذار"): its end.
std::optional<std::size_t> day_month_at(std::string_view s, std::size_t i) {
  if (const auto day = day_at(s, i)) {
    if (const auto me = month_after_day(s, *day); me && boundary_after(s, *me)) return *me;
    return std::nullopt;
  }
  if (const auto me = month_word(s, i)) {
    const std::size_t d = skip_hspace(s, *me);
    if (const auto day = day_at(s, d); day && d > *me) return day->tail;
  }
  return std::nullopt;
}

// A date starting at i: its end (in the digit view). Numeric d-m-y (any of - . / space), y-m-d, 8 digits, or
// with a month word, a Roman month, numbers in words; year_first also "1988 op 9 juni" (after a cue only).
std::optional<std::size_t> date_at(std::string_view s, std::size_t i, bool year_first = false) {
  if (i >= s.size() || !date_start(s, i)) return std::nullopt;
  if (is_digit_at(s, i)) {
    const std::size_t a = digits_end(s, i, 9);
    const std::size_t n = a - i;
    if (n == 8 && boundary_after(s, a)) {  // 12031985 or 19850312
      const int y1 = std::stoi(std::string(s.substr(i + 4, 4)));
      const int y0 = std::stoi(std::string(s.substr(i, 4)));
      if ((y1 >= 1900 && y1 <= 2030) || (y0 >= 1900 && y0 <= 2030)) return a;
      return std::nullopt;
    }
    if (n < 1 || n > 4) return std::nullopt;
    if (n == 4 && year_first) {  // "1988 op 9 juni", "1999'da, 9 Ağustos", "1991 roku, 2 lutego"
      std::size_t k = a;
      // (a case ending after an apostrophe or a dash: "1950-го, 8 січня"; the dash added after the twenty-seventh
      // part was measured)
      if ((is_apostrophe(at(s, k).cp) || at(s, k).cp == '-') && is_letter(at(s, k + at(s, k).len).cp) &&
          !month_word(s, k + at(s, k).len)) {
        k += at(s, k).len;
        while (at(s, k).len && is_letter(at(s, k).cp)) k += at(s, k).len;
      }
      // "2015-ታሕሳስ-07", "1990/Mart/3": the month word between dashes or slashes (added after the twenty-fifth part was
      // measured)
      if (k < s.size() && (s[k] == '-' || s[k] == '/'))
        if (const auto me = month_word(s, k + 1); me && *me < s.size() && s[*me] == s[k])
          if (const auto day = day_at(s, *me + 1); day && boundary_after(s, day->tail)) return day->tail;
      for (int words = 0; words <= 2; ++words) {
        k = skip_after_cue(s, k, false, U",\u060C");
        if (auto dm = day_month_at(s, k)) {
          // (not the full stop that closes the sentence: "народився 1950-го, 8 січня. Як …")
          if (*dm > k && s[*dm - 1] == '.' && (*dm == s.size() || is_space(at(s, *dm).cp)) && !is_digit_at(s, *dm - 2))
            --*dm;
          return dm;
        }
        const auto w = read_word(s, k);
        // (small words only: "Sanatçının doğumu 1932, heykelin açılışı 8 Mart 2026" is a birth year and an unveiling;
        // added after the review of round 36)
        if (!w || utf8_length(s.substr(w->begin, w->end - w->begin)) > 7 ||
            word_list("month").contains(fold_word(s, *w)))
          break;
        k = w->end;
      }
    }
    if (n <= 2) {  // "12 maart 1985", "12. Mart 1985", "23rd of Sept 1987", "7 IX 1952", "15-ka Luulyo 1981"
      const DayEnd day{a, day_tail(s, a)};
      if (const auto me = month_after_day(s, day)) {
        std::size_t y = skip_hspace(s, *me);
        if (y < s.size() && s[y] == ',') y = skip_hspace(s, y + 1);
        if (const auto ye = year_at(s, y)) return ye;
        return std::nullopt;  // "12 maart" without a year: a feast or an appointment more often than a birth
      }
    }
    const std::size_t k = a;
    if (k >= s.size()) return std::nullopt;
    // the separator: one of - . / or a space, or - . / with a space on both sides ("1 / 1 / 1944")
    const auto separator = [&](std::size_t at_k) -> std::string_view {
      if (at_k >= s.size()) return {};
      const char c = s[at_k];
      if (c == ' ' && at_k + 2 < s.size() && (s[at_k + 1] == '-' || s[at_k + 1] == '.' || s[at_k + 1] == '/') &&
          s[at_k + 2] == ' ')
        return s.substr(at_k, 3);
      if (c == '-' || c == '.' || c == '/' || c == ' ') return s.substr(at_k, 1);
      return {};
    };
    const std::string_view sep = separator(k);
    if (sep.empty()) return std::nullopt;
    const std::size_t b0 = k + sep.size();
    // a year first and a Roman month between dots or dashes ("1993.VII.04"; added after the thirty-ninth part was
    // measured)
    if (n == 4 && sep.size() == 1 && sep[0] != ' ')
      if (const auto r = roman_month(s, b0, true); r && *r < s.size() && s[*r] == sep[0]) {
        const std::size_t c = digits_end(s, *r + 1, 2);
        if (c > *r + 1 && boundary_after(s, c)) return c;
        return std::nullopt;
      }
    const std::size_t b = digits_end(s, b0, 2);
    if (b == b0 || s.substr(b, sep.size()) != sep) return std::nullopt;
    std::size_t c0 = b + sep.size();
    // a two-digit year after an apostrophe ("2-5-'58", "17-3-’02"; added after the thirty-fourth part was measured)
    if (is_apostrophe(at(s, c0).cp) && digits_end(s, c0 + at(s, c0).len, 3) == c0 + at(s, c0).len + 2)
      c0 += at(s, c0).len;
    const std::size_t c = digits_end(s, c0, 4);
    // the day of a year-first date in one digit too ("٢٠١٤/٦/٣"; added after the twentieth part was measured)
    if (!(c - c0 == 2 || c - c0 == 4 || (n == 4 && c - c0 == 1))) return std::nullopt;
    if (n == 4 && c - c0 > 2) return std::nullopt;
    if (c - c0 == 4) return year_at(s, c0);  // with its suffix: "12.03.1949 року", "١٢/٠٣/١٩٨٥م"
    if (!boundary_after(s, c)) return std::nullopt;
    if (n == 4) return with_year_suffix(s, c);  // "١٤٠٥/٠٣/١٢ هـ"
    return c;
  }
  // Ge'ez numerals with separators: "፲፪/፲፩/፲፱፻፹፱", "፲፭ / ፰ / ፲፱፻፷፮" (a year of three numerals or more; added after
  // the ninth part was measured)
  if (is_geez_numeral(at(s, i).cp)) {
    const auto run = [&](std::size_t k) {
      while (is_geez_numeral(at(s, k).cp)) k += at(s, k).len;
      return k;
    };
    const auto separator = [&](std::size_t k) -> std::size_t {  // its length, or 0
      const auto mark = [&](std::size_t j) { return j < s.size() && (s[j] == '/' || s[j] == '-' || s[j] == '.'); };
      if (mark(k)) return 1;
      if (k + 2 < s.size() && s[k] == ' ' && mark(k + 1) && s[k + 2] == ' ') return 3;
      return 0;
    };
    const std::size_t a = run(i);
    if (const std::size_t l = separator(a)) {
      const std::size_t b = run(a + l);
      if (b > a + l && s.substr(b, l) == s.substr(a, l)) {
        const std::size_t c = run(b + l);
        if (utf8_length(s.substr(b + l, c - b - l)) >= 3) return c;
        // (or year first, "፳፻፩-፲-፭", the day of one or two numerals; added after the thirty-eighth part was measured)
        if (c > b + l && utf8_length(s.substr(i, a - i)) >= 3 && utf8_length(s.substr(b + l, c - b - l)) <= 2 &&
            utf8_length(s.substr(a + l, b - a - l)) <= 2)
          return c;
      }
    }
  }
  // "on beş Temmuz …", "፲፭ ጥሪ ፳፻፲፪", "الخامس عشر من تموز ١٩٨١"
  if (const auto day = day_at(s, i)) {
    if (const auto me = month_after_day(s, *day)) {
      std::size_t y = skip_hspace(s, *me);
      if (y < s.size() && s[y] == ',') y = skip_hspace(s, y + 1);
      if (const auto ye = year_at(s, y)) return ye;
    }
    return std::nullopt;
  }
  // "March 12, 1985", "мар 12 1985", "ሓምለ 3 ቀን 1995"
  if (const auto me = month_word(s, i)) {
    const std::size_t d = skip_hspace(s, *me);
    const auto day = day_at(s, d);
    if (!day || d == *me) return std::nullopt;
    std::size_t y = day->tail;
    if (y < s.size() && s[y] == ',') ++y;
    y = skip_hspace(s, y);
    if (const auto ye = year_at(s, y)) return ye;
  }
  return std::nullopt;
}

// The year of a date (its last run of four digits; of eight digits written as one, "12031984" or "19840312", the
// four at either end that read as a year, the last first), or empty.
std::string_view year_of(std::string_view date) {
  if (date.size() == 8 && std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    for (const std::string_view y : {date.substr(4), date.substr(0, 4)})
      if (y.starts_with("19") || y.starts_with("20")) return y;
    return {};
  }
  std::size_t run = 0;
  for (std::size_t i = date.size(); i-- > 0;) {
    run = std::isdigit(static_cast<unsigned char>(date[i])) ? run + 1 : 0;
    if (run == 4 && (i == 0 || !std::isdigit(static_cast<unsigned char>(date[i - 1])))) return date.substr(i, 4);
  }
  return {};
}

// How many of the fields of two dates of digits differ (day, month, year as written: "15.06.83" and "15.08.83" one).
int fields_differing(std::string_view a, std::string_view b) {
  const auto fields = [](std::string_view d) {
    std::vector<std::string_view> f;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= d.size(); ++i)
      if (i == d.size() || !std::isdigit(static_cast<unsigned char>(d[i]))) {
        f.push_back(d.substr(start, i - start));
        start = i + 1;
      }
    return f;
  };
  const auto fa = fields(a), fb = fields(b);
  if (fa.size() != fb.size()) return -1;
  int n = 0;
  for (std::size_t i = 0; i < fa.size(); ++i) n += fa[i] != fb[i] ? 1 : 0;
  return n;
}

// The year of two digits of a date of digits ("15.06.83": day, month and year, one or two digits each, the year two),
// or "". Read only where a correction joins two dates (date_after_cue): a two-digit year tells too little to join
// dates otherwise ("geboren op 02.03.26, de afspraak is op 14.04.26").
std::string_view short_year_of(std::string_view date) {
  std::size_t groups = 0, digits = 0;
  for (const char c : date) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++digits > 2) return {};
    } else if ((c == '.' || c == '-' || c == '/') && digits > 0) {
      ++groups;
      digits = 0;
    } else {
      return {};
    }
  }
  if (groups == 2 && digits == 2) return date.substr(date.size() - 2);
  return {};
}

// Whether a date's year is within two years of a birth date's, not the same: a record's wrong birth date ("dhalatay 1-da
// Janaayo 1960, laakiin warqadda waxaa ku qoran 01-01-1961"; after a [dob_record] word, added after the fourteenth part
// was measured). An appointment after "the letter says" is years away.
bool near_year(std::string_view a, std::string_view b) {
  const std::string_view ya = year_of(a), yb = year_of(b);
  if (ya.empty() || yb.empty()) return false;
  const int d = std::stoi(std::string(ya)) - std::stoi(std::string(yb));
  return d >= -2 && d <= 2;
}

// Whether a later date tells the same birth date again or corrects it: the same year ("3 Temmuz 1939'da doğmuş ama
// belgelerde 1 Ocak 1939"), or the same day and month with another year ("1975-01-09, a w liście jest 1957-01-09";
// added after the ninth part was measured).
bool same_birth_date(std::string_view a, std::string_view b) {
  const std::string_view ya = year_of(a), yb = year_of(b);
  if (ya.empty() || yb.empty()) return false;
  if (ya == yb) return true;
  const auto without_year = [](std::string_view d, std::string_view y) {
    const std::size_t p = static_cast<std::size_t>(y.data() - d.data());
    return std::string(d.substr(0, p)) + std::string(d.substr(p + y.size()));
  };
  const std::string ra = without_year(a, ya), rb = without_year(b, yb);
  return ra == rb &&
         std::count_if(ra.begin(), ra.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) >= 2;
}

// The separators of a date of digits and the length of its year ("5/3/32" and "17/8/27": "//" and 2).
std::string date_signature(std::string_view date) {
  std::string sig;
  std::size_t tail = 0;
  for (std::size_t i = 0; i < date.size(); i += at(date, i).len) {
    const bool digit = is_digit(at(date, i).cp) || arabic_indic_digit(at(date, i).cp) >= 0;
    tail = digit ? tail + 1 : 0;
    if (!digit) sig += std::string(date.substr(i, at(date, i).len));
  }
  return sig + "#" + std::to_string(tail);
}

// A kin word after "and" (a word of [name_and] or the Arabic "و" glued on), then a date: the kin's date of birth after
// the first one ("جدتي مواليد 5/3/32 وجدي 17/8/27", "oma is geboren op 5-3-1932 en opa 17-8-1927"; [relation]): a
// date with a four-digit year, or one written as the first (added after the thirty-sixth part was measured). Its
// begin and end, or none. The date closes the clause (added after the review).
std::optional<Range> kin_date_after(std::string_view s, std::size_t e, std::string_view first) {
  std::size_t k = skip_hspace(s, e);
  if (at(s, k).cp == ',' || at(s, k).cp == 0x60C) k = skip_hspace(s, k + at(s, k).len);
  auto w = read_word(s, k);
  if (!w || w->begin != k) return std::nullopt;
  if (word_list("name_and").contains(fold_word(s, *w))) {
    const std::size_t j = skip_hspace(s, w->end);
    w = j > w->end ? read_word(s, j) : std::nullopt;
  } else if (w->arabic && at(s, w->begin).cp == 0x648) {
    w->begin += at(s, w->begin).len;
  } else {
    return std::nullopt;
  }
  if (!w || !word_list("relation").contains(fold_word(s, *w))) return std::nullopt;
  const std::size_t j = skip_hspace(s, w->end);
  const auto d = j > w->end ? date_at(s, j) : std::nullopt;
  if (!d) return std::nullopt;
  const std::string_view date = s.substr(j, *d - j);
  if (year_of(date).empty() && date_signature(date) != date_signature(first)) return std::nullopt;
  // (the date closes the clause: "en juf 12-06-2025 zegt …", "والموظف 20/5/2025 قال …" are what someone did then)
  const char32_t c = at(s, skip_hspace(s, *d)).cp;
  if (c != 0 && c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && !is_line_break(c) && c != 0x60C &&
      c != 0x61F && c != 0x6D4 && !(c >= 0x1361 && c <= 0x1368))
    return std::nullopt;
  return Range{j, *d};
}

// Full dates joined to a date of birth by "and" or "or" ([name_and]: "geboren 14-02-2021 en 7 juli 2023", the birth
// dates of two children) are dates of birth too; each needs a four-digit year ("en 7 juli" may be anything). Returns
// the end of the last date (added after the tenth part was measured).
// The speaker's own date after it, in a parallel clause: "born December 3rd 1966, me on 30.12.1964", "urodziła się
// 3 grudnia 1966 r., ja 30.12.1964", "народився 9 вересня 1981-го, а я — 11 квітня 1983-го": an "and" or none, a
// first-person pronoun ([self]), a dash or a word of one or two letters ("on", "w"), then a full date (added after
// the twelfth part was measured).
std::size_t listed_birth_dates(std::string_view s, std::size_t e, Spans& out) {
  for (;;) {
    if (const auto kin = kin_date_after(s, e, {})) {
      add(out, kin->begin, kin->end, PiiKind::dob);
      e = kin->end;
      continue;
    }
    std::size_t k = skip_hspace(s, e);
    const bool comma = at(s, k).cp == ',' || at(s, k).cp == 0x60C;
    if (comma) k = skip_hspace(s, k + at(s, k).len);
    const auto w = read_word(s, k);
    if (!w) return e;
    const std::string fw = fold_word(s, *w);
    const bool self_first = word_list("self").contains(fw);
    // another person's date after a comma: "народилася 30.01.1992, Марк 05.06.1990" (a capitalised word and a full
    // date closing the clause; added after the fifteenth part was measured)
    bool person = false;
    if (!self_first && comma && capitalised(*w) && !word_list("name_and").contains(fw) &&
        !word_list("month").contains(fw)) {
      if (const auto d = date_at(s, skip_hspace(s, w->end)); d && skip_hspace(s, w->end) > w->end) person = true;
    }
    // "and" before the pronoun: [name_and] or a one-letter conjunction ("а я")
    if (!self_first && !person && !word_list("name_and").contains(fw) && utf8_length(fw) != 1) return e;
    std::size_t j = skip_hspace(s, w->end);
    bool self = self_first;
    if (!self_first) {
      if (const auto w2 = read_word(s, j); w2 && j > w->end && word_list("self").contains(fold_word(s, *w2))) {
        self = true;
        j = skip_hspace(s, w2->end);
      }
    }
    if (self) {
      if (const char32_t c = at(s, j).cp; c == '-' || c == 0x2013 || c == 0x2014) {
        j = skip_hspace(s, j + at(s, j).len);
      } else if (const auto p = read_word(s, j); p && utf8_length(fold_word(s, *p)) <= 2) {
        j = skip_hspace(s, p->end);
      }
    } else if (!person && (!word_list("name_and").contains(fw) || (j == w->end && !w->arabic))) {
      return e;  // "و" may be glued to the date
    }
    const auto d = date_at(s, j, true);
    if (!d || year_of(s.substr(j, *d - j)).empty()) return e;
    if (self || person) {  // the date closes the clause ("ik op 12-06-2027 een afspraak" stays)
      const char32_t c = at(s, skip_hspace(s, *d)).cp;
      if (c != 0 && c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && c != ')' && !is_line_break(c) &&
          c != 0x60C && c != 0x61F && c != 0x6D4 && !(c >= 0x1361 && c <= 0x1368))
        return e;
    }
    add(out, j, *d, PiiKind::dob);
    e = *d;
  }
}

// The first date within the clause after a cue, up to twelve words on ("Geboortedatum van mijn zoon klopt niet in
// de BRP: moet 30-04-2008 zijn"); a sentence end stops the search. A later date of the same year in that
// sentence is the same birth date told again or corrected ("Urodziłam się 1987-05-30, a w papierach jest
// 1987-03-05"); a date of another year (an appointment) stays.
// A date of another year is the birth date too when a word for "correct" comes between ([dob_correction]: "стоїть
// 1985-02-11, а правильно 11 лютого 1986", "… ተጻሒፉ፡ ቅኑዕ ግን 01 መጋቢት 1991"; added after the thirteenth part was
// measured).
void date_after_cue(std::string_view s, std::size_t e, Spans& out, std::string_view taken = {}, int this_year = 0) {
  std::size_t k = e;
  bool next_sentence = false;  // the search went on into the next sentence after a word for "correct"
  // a Turkish case ending after an apostrophe on the cue ("geboortedatum'u 09-10-2020"; added after the twenty-fifth
  // part was measured)
  if (is_apostrophe(at(s, k).cp) && is_letter(at(s, k + at(s, k).len).cp))
    if (const auto w = read_word(s, k + at(s, k).len); w && w->end - w->begin <= 8) k = w->end;
  bool corrected = false;  // a word for "correct" after the date taken
  bool recorded = false;   // a word for "written" or "recorded" after it: a record's wrong birth date
  bool negated = false;    // a word for "not" or "instead of" after it
  for (int n = 0; n < 12 && k < s.size(); ++n) {
    // a dash inside the clause too: "04/11/2015 — sorry, I mean 11/04/2015" (added after the twelfth part), and a
    // semicolon ("doğum tarihim yanlış; doğrusu …"; added after the twenty-third part was measured)
    k = skip_after_cue(s, k, false, U":,;-(\u060C\u1361\u1363\u1365\u1366\u00B0\u2013\u2014");
    if (const auto d = date_at(s, k, true)) {
      const std::string_view date = s.substr(k, *d - k);
      // (in the next sentence only a date of birth's year: "… is wrong in your system. Sorry, I can only come on 12
      // March 2026" is an appointment)
      const std::string_view y = year_of(date);
      if (next_sentence && !y.empty() && this_year > 0 && std::stoi(std::string(y)) > this_year - 14) return;
      // (a birth date of a two-digit year and the same year or the same day and month again after a word for "not",
      // "correct" or "written": "15.06.83 а не 15.08.83", "is 17/3/79 but in the system it says 17/3/97"; added after
      // the twenty-ninth part was measured)
      const std::string_view ys = short_year_of(taken), yd = short_year_of(date);
      // (after a word for "not" alone, the two differ in one of day, month and year: "geboren op 02.03.26, de
      // controle is niet op 14.04.26" is an appointment)
      const bool short_twin = !ys.empty() && !yd.empty() &&
                              (((corrected || recorded) &&
                                (ys == yd || taken.substr(0, taken.size() - 2) == date.substr(0, date.size() - 2))) ||
                               (negated && fields_differing(taken, date) == 1));
      if (taken.empty() || same_birth_date(taken, date) || (corrected && !year_of(date).empty()) ||
          (recorded && near_year(taken, date)) || short_twin)
        add(out, k, *d, PiiKind::dob);
      if (taken.empty() && year_of(date).empty() && !short_year_of(date).empty()) {
        taken = date;  // only a corrected twin or a kin's date of the same shape may follow
        k = *d;
        if (const auto kin = kin_date_after(s, *d, date)) {
          add(out, kin->begin, kin->end, PiiKind::dob);
          k = kin->end;
        }
        n = 0;
        continue;
      }
      if (!taken.empty() || year_of(date).empty()) return;
      taken = date;
      k = listed_birth_dates(s, *d, out);
      n = 0;
      continue;
    }
    if (const auto w = read_word(s, k)) {
      if (!taken.empty() && word_list("dob_correction").contains(fold_word(s, *w))) corrected = true;
      if (!taken.empty() &&
          (word_list("name_not").contains(fold_word(s, *w)) || word_list("name_instead").contains(fold_word(s, *w))))
        negated = true;
      if (!taken.empty() && word_list("dob_record").contains(fold_word(s, *w))) recorded = true;
      k = w->end;  // also a proclitic "ብ" before the date: date_start() lets the date follow it
    } else if (is_digit_at(s, k)) {
      k = digits_end(s, k, 12);
    } else if (is_geez_numeral(at(s, k).cp)) {
      while (is_geez_numeral(at(s, k).cp)) k += at(s, k).len;
    } else if (taken.empty() && !corrected && sentence_break(at(s, k).cp)) {
      // the correct date in the next sentence, after a word for "correct" ("doğum tarihim yanlış girilmiş. Doğrusu:
      // on iki mayıs …"; added after the twenty-fifth part was measured)
      const std::size_t j = skip_space(s, k + at(s, k).len);
      const auto next = read_word(s, j);
      if (!next || !word_list("dob_correction").contains(fold_word(s, *next))) return;
      corrected = true;
      next_sentence = true;
      k = next->end;
    } else {
      return;
    }
  }
}

// A day in digits and a month without a year ("4 maart", "4th of March"; not "on Jan": "on" is a Turkish number
// word), without a full stop that closes the sentence ("op 4 maart. Hoe"): its end.
std::optional<std::size_t> digit_day_month_at(std::string_view s, std::size_t i) {
  if (!is_digit_at(s, i) || !date_start(s, i)) return std::nullopt;
  auto dm = day_month_at(s, i);
  if (dm && *dm > i && s[*dm - 1] == '.' && (*dm == s.size() || is_space(at(s, *dm).cp))) --*dm;
  return dm;
}

// When no full date follows a cue: a day and month without a year within four words of it, the date of a newborn
// ("had a baby boy, Sem, on the 4th of March", "urodziła nam się córeczka Ola, 4 marca"; added after the twelfth part
// was measured). A sentence end stops the search.
void bare_date_after_cue(std::string_view s, std::size_t e, Spans& out) {
  std::size_t k = e;
  for (int n = 0; n <= 4 && k < s.size(); ++n) {
    k = skip_after_cue(s, k, false, U":,-(\u060C\u1361\u1363\u1365\u1366");
    if (const auto dm = digit_day_month_at(s, k)) {
      add(out, k, *dm, PiiKind::dob);
      return;
    }
    const auto w = read_word(s, k);
    if (!w) return;
    k = w->end;
  }
}

// The separator between a person's name and a date that belongs to them: ", ", " (", " (° ", " / ", "፡ ", "، ",
// " - ": the position after it.
std::optional<std::size_t> person_date_separator(std::string_view s, std::size_t e) {
  std::size_t k = skip_hspace(s, e);
  const Cp c = at(s, k);
  if (!c.len) return std::nullopt;
  if (k > e && is_digit_at(s, k)) return k;  // "Gerrit Jan Lansink 3 augustus 1951,": a space alone
  if (c.cp != ',' && c.cp != '(' && c.cp != '/' && c.cp != 0x60C && c.cp != 0x1361 && c.cp != 0x1363 && c.cp != '-' &&
      c.cp != 0x2013 && c.cp != 0x2014)
    return std::nullopt;
  k = skip_hspace(s, k + c.len);
  if (at(s, k).cp == 0xB0) k = skip_hspace(s, k + at(s, k).len);  // "(° 22.08.1939)": born
  // "(d. 11.06.2008)", "(b. 1939)": a one-letter abbreviation of "born" (added after the ninth part was measured)
  if (const auto w = read_word(s, k); w && w->end == k + 1 && is_ascii_alpha(at(s, k).cp) && at(s, w->end).cp == '.')
    k = skip_hspace(s, w->end + 1);
  return k;
}

// Whether the clause closes right after a date that follows a name: the end of the text, a punctuation mark, a
// bracket, a line break, a birth cue ("р.н.", "doğumlu", "ayaan dhashay"). "Jan, 12-03-2026 om 10:00" goes on.
bool clause_closes(std::string_view s, std::size_t e, const Folded& f) {
  std::size_t k = skip_hspace(s, e);
  // (over a closing quote: "'Amanuel T., 4-3-2014'።"; added after the fortieth part was measured)
  if (const Cp q = at(s, k); (q.cp == '\'' || q.cp == '"' || q.cp == 0x2019 || q.cp == 0x201D || q.cp == 0xBB) &&
                             !is_letter(at(s, k + q.len).cp))
    k = skip_hspace(s, k + q.len);
  const Cp c = at(s, k);
  if (!c.len || is_line_break(c.cp)) return true;
  if (c.cp == '.' || c.cp == ',' || c.cp == ';' || c.cp == ')' || c.cp == '|' || c.cp == '!' || c.cp == '?' ||
      c.cp == 0x60C || c.cp == 0x61F || c.cp == 0x6D4 || (c.cp >= 0x1361 && c.cp <= 0x1368))
    return !(c.cp == '.' && is_digit_at(s, k + 1));
  // a dash between spaces: "Salma Haddad 02-02-1962 — I want …"
  if ((c.cp == '-' || c.cp == 0x2013 || c.cp == 0x2014) && k > e && skip_hspace(s, k + c.len) > k + c.len) return true;
  // the place of birth: "Yusuf Demir, 1 april 1979 te Ankara", "Іван Коваль, 3 травня 1979 в Києві"
  if (const auto w = read_word(s, k); w && word_list("town_preposition").contains(fold_word(s, *w))) {
    const std::size_t t = skip_hspace(s, w->end);
    if (const auto town = read_word(s, t);
        town && t > w->end && (capitalised(*town) || word_list("town").contains(fold_word(s, *town))))
      return true;
  }
  // a cue after the date, within its next three words
  bool cue = false;
  for_each_cue(f, word_list("dob_after"), [&](std::size_t b, std::size_t) {
    if (b < k) return;
    std::size_t j = k;
    for (int n = 0; n < 3 && j < b; ++n) {
      const auto w = read_word(s, j);
      if (!w) break;
      j = skip_hspace(s, w->end);
    }
    if (j >= b) cue = true;
  });
  return cue;
}

// A date's key for the [historic_date] list: its runs of digits without leading zeros and its words folded,
// joined by single spaces ("04-05-1945" and "4.5.1945" are "4 5 1945", "4 Mei 1945" is "4 mei 1945").
std::string historic_key(std::string_view date) {
  std::string key;
  for (std::size_t k = 0; k < date.size();) {
    std::size_t e = k;
    if (is_digit_at(date, k)) {
      while (e < date.size() && is_digit_at(date, e)) ++e;
      std::size_t z = k;
      while (z + 1 < e && date[z] == '0') ++z;
      key += (key.empty() ? "" : " ") + std::string(date.substr(z, e - z));
    } else if (const auto w = read_word(date, k)) {
      e = w->end;
      key += (key.empty() ? "" : " ") + fold_word(date, *w);
    } else {
      e = k + std::max<std::size_t>(at(date, k).len, 1);
    }
    k = e;
  }
  return key;
}

// Whether a word of [date_not_birth] ("brief", "since", "vefat", "ዝተሰርሐ") comes within three words before the
// date in its clause, or in the two words right after it ("3 Mart 1990 tarihinde vefat etti").
bool event_date(std::string_view s, std::size_t b, std::size_t e) {
  static const WordSet& event = word_list("date_not_birth");
  for (std::size_t k = skip_hspace(s, e), n = 0; n < 2; ++n) {  // the two words after it, spaces between
    const auto w = read_word(s, k);
    if (!w) break;
    if (event.contains(fold_word(s, *w))) return true;
    if (skip_hspace(s, w->end) == w->end) break;
    k = skip_hspace(s, w->end);
  }
  std::size_t p = b;
  for (int n = 0; n < 3; ++n) {
    const auto w = word_before(s, p);
    if (!w) return false;
    for (std::size_t k = w->end; k < p; k += std::max<std::size_t>(at(s, k).len, 1)) {
      const char32_t c = at(s, k).cp;
      if (c == '.' || c == '!' || c == '?' || c == '|' || c == ';' || is_line_break(c) || c == 0x61F || c == 0x6D4 ||
          c == 0x1362)
        return false;
    }
    if (event.contains(fold_word(s, *w))) return true;
    p = w->begin;
  }
  return false;
}

// A full date of a birth year anywhere, with or without a cue: a day, a month and a four-digit year 14 years back or
// more ("Daniel Mwangi / 30-06-1988 / …", "Gegevens: Tjitske de Boer-Ritsema, 1956-08-30, Hoofdweg 44"). A citizen's
// message dates events, appointments and letters in recent years; a full date of 1900 to 14 years ago is nearly
// always somebody's birth date (over the seventeen development parts: 693 such dates labelled a date of birth, none
// that is not; added after the seventeenth part was measured). Left alone: eight digits written as one (any number),
// a date that runs on into more digits or follows a "+" (a phone number: "+31 6 1947 3308"), and the days a town
// commemorates ([historic_date]: "4 mei 1945", "1 februari 1953"), and a date that a word of [date_not_birth] makes a
// letter's, a move's, a wedding's or a death's ("De brief van 04.04.1999", "sinds 01-01-2005").
void old_full_dates(std::string_view s, int this_year, Spans& out) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t next = i + std::max<std::size_t>(at(s, i).len, 1);
    const bool digit = is_digit_at(s, i);
    if ((!digit && !is_letter(at(s, i).cp)) || !boundary_before(s, i)) {
      i = next;
      continue;
    }
    const auto d = date_at(s, i);
    if (!d) {
      i = digit ? digits_end(s, i, 64) : (read_word(s, i) ? read_word(s, i)->end : next);
      continue;
    }
    const std::string_view date = s.substr(i, *d - i);
    const std::string_view y = year_of(date);
    std::size_t p = i;
    while (p > 0 && is_hspace(before(s, p).cp)) p -= before(s, p).len;
    const std::size_t n = skip_hspace(s, *d);
    const bool phone_like = (p > 0 && before(s, p).cp == '+') || (n > *d && is_digit_at(s, n)) ||
                            (n == *d && n < s.size() && (s[n] == '-' || s[n] == '.') && is_digit_at(s, n + 1));
    const bool glued = std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!y.empty() && !glued && !phone_like) {
      const int year = std::stoi(std::string(y));
      if (year >= 1900 && year <= this_year - 14 && !word_list("historic_date").contains(historic_key(date)) &&
          !event_date(s, i, *d))
        add(out, i, *d, PiiKind::dob);
    }
    i = *d;
  }
}

}  // namespace

std::optional<std::size_t> date_extent(std::string_view s, std::size_t i) { return date_at(s, i); }

// The numbers of a date in digits ("05-06-92": 5, 6, 92), or nothing when it has a word or a Ge'ez numeral.
std::optional<std::vector<int>> date_numbers(std::string_view date) {
  std::vector<int> n;
  for (std::size_t i = 0; i < date.size();) {
    if (!is_digit_at(date, i)) {
      if (is_letter(at(date, i).cp)) return std::nullopt;
      i += std::max<std::size_t>(at(date, i).len, 1);
      continue;
    }
    int v = 0;
    for (; i < date.size() && is_digit_at(date, i); ++i) v = v * 10 + (date[i] - '0');
    n.push_back(v);
  }
  if (n.size() != 3) return std::nullopt;
  return n;
}

// A date whose day and month are those of a date of birth the other way round, with the same year, is that birth date
// written wrongly ("Moja data urodzenia to 05-06-92, a w systemie jest 06-05-92"), and two such dates in a text that
// speaks of a birth date are both birth dates ("My daughter's date of birth is wrong on the letter. It says 11/07/2015
// but it should be 07/11/2015"; added after the twenty-eighth part was measured).
void swapped_twins(std::string_view s, const Folded& f, int this_year, Spans& v) {
  struct Date {
    std::size_t b, e;
    std::vector<int> n;
  };
  std::vector<Date> dates;
  for (std::size_t i = 0; i < s.size(); i += std::max<std::size_t>(at(s, i).len, 1)) {
    if (!is_digit_at(s, i) || !boundary_before(s, i)) continue;
    const auto d = date_at(s, i);
    if (!d) continue;
    // (a past year: "Is de afspraak op 03-04-2026 of 04-03-2026?" is this year's appointment)
    if (auto n = date_numbers(s.substr(i, *d - i));
        n && (*n)[0] != (*n)[1] && (*n)[0] <= 12 && (*n)[1] <= 12 && ((*n)[2] < 100 || (*n)[2] < this_year))
      dates.push_back({i, *d, std::move(*n)});
    i = *d - 1;
  }
  if (dates.size() < 2) return;
  // a birth cue in the sentence of the first date or in the one before it
  const auto sentence_start_before = [&](std::size_t p) {
    while (p > 0 && !(sentence_break(before(s, p).cp) && (p >= s.size() || is_space(at(s, p).cp))))
      p -= before(s, p).len;
    return p;
  };
  const std::size_t first =
      std::min_element(dates.begin(), dates.end(), [](const Date& x, const Date& y) { return x.b < y.b; })->b;
  const std::size_t here = sentence_start_before(first);
  const std::size_t from = here > 0 ? sentence_start_before(here - before(s, here).len) : 0;
  bool cue = false;
  for_each_cue(f, word_list("dob"), [&](std::size_t b, std::size_t) { cue = cue || (b >= from && b < first); });
  const auto is_dob = [&](const Date& d) {
    return std::any_of(v.begin(), v.end(), [&](const PiiSpan& sp) { return sp.begin == d.b && sp.end == d.e; });
  };
  for (const Date& a : dates)
    for (const Date& b : dates)
      if (&a != &b && a.n[0] == b.n[1] && a.n[1] == b.n[0] && a.n[2] == b.n[2] && (cue || is_dob(a)) && !is_dob(b)) {
        if (cue && !is_dob(a)) add(v, a.b, a.e, PiiKind::dob);
        add(v, b.b, b.e, PiiKind::dob);
      }
}

void find_dobs(const Input& in, Spans& out) {
  const std::string_view s = in.d.text;
  const Folded f = in.d.identity ? Folded{} : fold_text(s);
  const Folded& ff = in.d.identity ? in.f : f;
  Spans v;
  for_each_cue(ff, word_list("dob"), [&](std::size_t b, std::size_t e) {
    const std::size_t before_cue = v.size();
    date_after_cue(s, e, v, {}, in.this_year);
    // A full date earlier in the cue's sentence with the year of the date found is the same birth date written wrongly
    // ("Warqadda ayaa ku qoran 1 Janaayo 1980 laakiin dhalashadaydu waa 14 Maajo 1980", as a later one is in
    // date_after_cue; added after the thirteenth part was measured).
    if (v.size() > before_cue) {
      const std::string_view found = s.substr(v[before_cue].begin, v[before_cue].end - v[before_cue].begin);
      std::size_t p = b;
      for (int back = 0; back < 160 && p > 0; ++back) {
        const Cp c = before(s, p);
        if (c.cp == '!' || c.cp == '?' || c.cp == 0x1362 || c.cp == 0x61F || c.cp == 0x6D4 || is_line_break(c.cp) ||
            (c.cp == '.' && p < s.size() && is_space(at(s, p).cp)))
          break;
        p -= c.len;
      }
      for (std::size_t k = p; k < b;) {
        const std::size_t next = k + std::max<std::size_t>(at(s, k).len, 1);
        if ((!is_digit_at(s, k) && read_word(s, k) == std::nullopt) || !boundary_before(s, k)) {
          k = next;
          continue;
        }
        const auto d = date_at(s, k);
        if (!d || *d > b) {
          k = next;
          continue;
        }
        const std::string_view date = s.substr(k, *d - k);
        if (!year_of(date).empty() && year_of(date) == year_of(found)) add(v, k, *d, PiiKind::dob);
        k = *d;
      }
    }
    // not after an abbreviation ("geb.", "doğ.": "guide dog. Ride on 4 Nov")
    if (v.size() == before_cue && e > 0 && is_letter(before(s, e).cp)) bare_date_after_cue(s, e, v);
  });
  // A verb of giving birth ([dob_birth_verb]: "urodziła", "urodziłam"; added after the twenty-ninth part was
  // measured): a date with its year within four words after it, no comma or other mark between ("urodziła w szpitalu
  // 4 stycznia 2024 córeczkę"; not "urodziłam 3 dzieci, najmłodsze poszło do szkoły 1.09.2024", "urodziła, a 15 maja
  // 2026 mamy wizytę").
  for_each_cue(ff, word_list("dob_birth_verb"), [&](std::size_t, std::size_t e) {
    std::size_t k = e;
    for (int n = 0; n <= 4 && k < s.size(); ++n) {
      const std::size_t j = skip_hspace(s, k);
      if (j == k) return;
      k = j;
      if (const auto d = date_at(s, k, true); d && !year_of(s.substr(k, *d - k)).empty()) {
        add(v, k, *d, PiiKind::dob);
        return;
      }
      const auto w = read_word(s, k);
      if (!w) return;
      k = w->end;
    }
  });
  // A date followed by a cue: "12.03.1985 doğumluyum", "12-03-1985 geboren", "ብ1978 6 መጋቢት ተወሊደ".
  for_each_cue(ff, word_list("dob_after"), [&](std::size_t b, std::size_t e) {
    std::size_t k = b;
    std::optional<Range> bare;
    for (int back = 0; back < 48 && k > 0; ++back) {
      k -= before(s, k).len;
      if (!is_digit_at(s, k) && !is_geez_numeral(at(s, k).cp) && read_word(s, k) == std::nullopt) continue;
      if (!date_start(s, k)) continue;
      if (const auto d = date_at(s, k, true); d && *d <= b) {
        add(v, k, *d, PiiKind::dob);
        date_after_cue(s, e, v, s.substr(k, *d - k));  // the same date corrected later in the sentence
        return;
      }
      // a day in digits and a month without a year right before the verb: a newborn's ("4 Mart'ta doğdu"), unless a
      // full date comes further back (added after the twelfth part was measured)
      if (const auto dm = digit_day_month_at(s, k); dm && !bare && *dm <= b && b - *dm <= 8) bare = Range{k, *dm};
    }
    if (bare) {
      add(v, bare->begin, bare->end, PiiKind::dob);
      return;
    }
    // a birth year alone before the cue, the full date later in the sentence: "1958 doğumluyum (tam tarih 21 Ekim
    // 1958)"; a date of the same year only (added after the fifteenth part was measured)
    std::size_t y = b;
    while (y > 0 && is_hspace(before(s, y).cp)) y -= before(s, y).len;
    if (y >= 4 && y < b && boundary_before(s, y - 4) && digits_end(s, y - 4, 4) == y)
      date_after_cue(s, e, v, s.substr(y - 4, 4));
  });
  // A date as a field of its own in a list of personal details ("Ганна Шевчук | 27.04.1958 | Kerkstraat 1"),
  // with a birth year (not one of the last 14 years: a field "12.03.2026" is more likely an appointment).
  const auto field_sep = [&](char32_t c) { return c == '|' || c == ';' || is_line_break(c); };
  for (std::size_t i = 0; i < s.size(); i += std::max<std::size_t>(at(s, i).len, 1)) {
    if (!is_digit_at(s, i) || !boundary_before(s, i)) continue;
    std::size_t p = i;
    while (p > 0 && is_hspace(before(s, p).cp)) p -= before(s, p).len;
    if (p == 0 || !field_sep(before(s, p).cp)) continue;
    const auto d = date_at(s, i);
    if (!d || *d - i < 8) continue;
    const std::size_t n = skip_hspace(s, *d);
    if (n < s.size() && !field_sep(at(s, n).cp)) continue;
    // the year last or first ("1984-06-30": added after the twelfth part was measured)
    const std::string_view yv = year_of(s.substr(i, *d - i));
    if (yv.empty()) continue;
    const int year = std::stoi(std::string(yv));
    if (year >= 1900 && year <= in.this_year - 14) add(v, i, *d, PiiKind::dob);
  }
  old_full_dates(s, in.this_year, v);
  swapped_twins(s, ff, in.this_year, v);
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

// A full date (day, month and year) right after a person's name, closing its clause: "Ik ben Halima Bouzerda,
// 05/09/1962.", "Kees Brouwer (° 22.08.1939)", "Deeqa, 24 Oktoobar 1991.", "Василь Гнатюк, 19.02.1946 р.н.".
// Runs after the name scanners: it reads the names among the spans found so far.
void find_person_dobs(const Input& in, Spans& out) {
  const std::string_view s = in.d.text;
  const Folded f = in.d.identity ? Folded{} : fold_text(s);
  const Folded& ff = in.d.identity ? in.f : f;
  // original offset -> digit-view offset
  std::vector<std::size_t> to_view(in.s.size() + 1, npos);
  for (std::size_t k = s.size() + 1; k-- > 0;) to_view[in.d.src[k]] = k;
  Spans v;
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name || sp.end > in.s.size() || to_view[sp.end] == npos) continue;
    auto k = person_date_separator(s, to_view[sp.end]);
    // a form's block: the name fills its line, the date the next ("ДАНІ:\nСтепаненко Оксана\n1984-06-30\n…";
    // added after the twelfth part was measured)
    if (!k && sp.begin < in.s.size() && to_view[sp.begin] != npos) {
      const std::size_t nb = to_view[sp.begin], ne = skip_hspace(s, to_view[sp.end]);
      std::size_t p = nb;
      while (p > 0 && is_hspace(before(s, p).cp)) p -= before(s, p).len;
      if ((p == 0 || is_line_break(before(s, p).cp)) && ne < s.size() && is_line_break(at(s, ne).cp)) {
        const std::size_t n = skip_hspace(s, ne + at(s, ne).len);
        if (n < s.size() && !is_line_break(at(s, n).cp)) k = n;
      }
    }
    if (!k) continue;
    const auto d = date_at(s, *k);
    // (or another name found and its date follow after "and": "Hania 14-03-2015 i Kuba 29-10-2017", "Yara Doğan
    // 09/10/2013 en Liam Pinas 23/02/2014 doen mee"; added after the thirty-ninth part was measured)
    const auto next_person = [&](std::size_t e) {
      const std::size_t c = skip_hspace(s, e);
      const auto w = read_word(s, c);
      if (!w || w->begin != c || !word_list("name_and").contains(fold_word(s, *w))) return false;
      const std::size_t t = skip_hspace(s, w->end);
      return std::any_of(out.begin(), out.end(), [&](const PiiSpan& o) {
        if (o.kind != PiiKind::name || o.begin >= in.s.size() || to_view[o.begin] != t || o.end > in.s.size() ||
            to_view[o.end] == npos)
          return false;
        const auto k2 = person_date_separator(s, to_view[o.end]);
        return k2 && date_at(s, *k2).has_value();
      });
    };
    // (and the last of them: a name found and its date before "and")
    const auto previous_person = [&] {
      const std::size_t nb = to_view[sp.begin];
      if (nb == npos) return false;
      const auto w = word_before(s, nb);
      if (!w || w->end != skip_hspace_back(s, nb) || !word_list("name_and").contains(fold_word(s, *w))) return false;
      const std::size_t q = skip_hspace_back(s, w->begin);
      return std::any_of(out.begin(), out.end(), [&](const PiiSpan& o) {
        if (o.kind != PiiKind::name || o.end > in.s.size() || to_view[o.end] == npos || o.end > sp.begin) return false;
        const auto k2 = person_date_separator(s, to_view[o.end]);
        const auto d2 = k2 ? date_at(s, *k2) : std::nullopt;
        return d2 && *d2 == q;
      });
    };
    // (only where the sentence speaks of children or family before the name, [children_word]: "Mam 2 dzieci: Hania
    // 14-03-2015 i Kuba 29-10-2017"; not "Afspraak: Jan 12-03-2024 en Piet 13-03-2024", "Optreden van Anouk 14-06-2025
    // en Marco 21-06-2025"; the review of round 39)
    const auto family_before = [&] {
      const std::size_t nb = to_view[sp.begin];
      if (nb == npos) return false;
      for (std::size_t q = nb; q > 0;) {
        const auto w = word_ending_at(s, q);
        if (w && w->end == q) {
          if (word_list("children_word").contains(fold_word(s, *w))) return true;
          q = w->begin;
          continue;
        }
        const Cp c = before(s, q);
        if (sentence_break(c.cp) || is_line_break(c.cp)) return false;
        q -= std::max<std::size_t>(c.len, 1);
      }
      return false;
    };
    if (!d || !(clause_closes(s, *d, ff) || ((next_person(*d) || previous_person()) && family_before()))) continue;
    // a full date: a year of four digits or in words, not "12-03-85" (a letter's or a case's date as often)
    const std::string_view date = s.substr(*k, *d - *k);
    std::size_t run = 0, longest = 0;
    for (char c : date) longest = std::max(longest, run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0);
    // (a numeric date with a two-digit year counts where the year is at least ten years back: "Frederik Bleeker,
    // 2-5-'58", "Назар Ковальчук, 19.10.05"; not "Piet, 12-03-19", a letter's date as likely; added after the
    // thirty-fourth part was measured)
    const bool old_short_year = [&] {
      const std::size_t z = date.size();
      if (longest != 2 || z < 6 || !std::isdigit(static_cast<unsigned char>(date[z - 1])) ||
          !std::isdigit(static_cast<unsigned char>(date[z - 2])))
        return false;
      const char sep = date[z - 3];
      if (sep != '-' && sep != '.' && sep != '/' && sep != '\'' && !date.substr(0, z - 2).ends_with("\u2019"))
        return false;
      if (std::any_of(date.begin(), date.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return false;
      const int yy = (date[z - 2] - '0') * 10 + (date[z - 1] - '0');
      const int now = in.this_year % 100;
      if (!(yy > now || yy <= now - 10)) return false;
      // (not after a school or a street named after a person: "Basisschool Anne Frank, 12-09-19", "Школа імені Тараса
      // Шевченка, 01.09.98"; the review of round 34)
      for (std::size_t q = sp.begin, words = 0; words < 2; ++words) {
        const auto pw = word_before(in.s, q);
        if (!pw) break;
        if (const std::string fp = fold_word(in.s, *pw); is_institution(fp) || word_list("named_place").contains(fp))
          return false;
        q = pw->begin;
      }
      return true;
    }();
    if (longest < 4 && date.size() < 12 && !old_short_year) continue;
    // (nor a two-digit year after a month's word: "Groeten, Piet Jansen, 12 december 25." is the letter's date)
    if (const std::size_t z = date.size();
        !old_short_year && longest == 2 && z >= 3 && std::isdigit(static_cast<unsigned char>(date[z - 1])) &&
        std::isdigit(static_cast<unsigned char>(date[z - 2])) && !std::isdigit(static_cast<unsigned char>(date[z - 3])))
      continue;
    // a date of this year or later is an appointment or a deadline ("Jan de Vries, 12-03-2026.")
    if (const std::string_view y = year_of(date); !y.empty() && std::stoi(std::string(y)) >= in.this_year) continue;
    add(v, *k, *d, PiiKind::dob);
  }
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy

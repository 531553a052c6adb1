// Social media handles and profile URLs: "@jan_devries", "facebook.com/jan.devries", "instagram.com/ayse.k",
// "t.me/…", "tiktok.com/@…", "linkedin.com/in/…" (the [profile_site] list). Not the official accounts of
// the municipality and other organisations ([official_handle]: "@gemeenteutrecht"), and not e-mail.
#include <algorithm>
#include <cctype>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

bool handle_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

bool official(std::string_view name) {
  const std::string f = fold_str(name);
  if (word_list("official_handle").contains(f)) return true;
  for (std::string_view stem : {"gemeente", "municipality", "politie", "brandweer", "ggd"})
    if (f.find(stem) != npos) return true;
  return false;
}

void find_at_handles(std::string_view s, Spans& out) {
  for (std::size_t p = s.find('@'); p != npos; p = s.find('@', p + 1)) {
    if (p > 0 && (handle_char(s[p - 1]) || s[p - 1] == '/' || s[p - 1] == '%')) continue;  // e-mail, URL
    std::size_t e = p + 1;
    while (e < s.size() && handle_char(s[e])) ++e;
    while (e > p + 1 && s[e - 1] == '.') --e;
    if (e - p < 3) continue;
    const std::string_view name = s.substr(p + 1, e - p - 1);
    if (official(name)) continue;
    add(out, p, e, PiiKind::handle);
  }
}

// A profile URL: the site, then a path with a person's name in it.
void find_profile_urls(std::string_view s, const Folded& f, Spans& out) {
  for (const std::string& key : word_list("profile_site").items()) {
    for (std::size_t p = f.text.find(key); p != npos; p = f.text.find(key, p + 1)) {
      std::size_t b = f.src[p];
      if (b > 0 && is_ascii_alnum(static_cast<unsigned char>(s[b - 1]))) continue;
      while (b > 0 && !is_space(before(s, b).cp) && before(s, b).cp != '(' && before(s, b).cp != '<')
        b -= before(s, b).len;
      std::size_t e = f.src[p + key.size()];
      const std::size_t path = e;
      while (e < s.size() && !is_space(at(s, e).cp) && s[e] != ')' && s[e] != '>' && s[e] != ',' && s[e] != '"') ++e;
      while (e > path && (s[e - 1] == '.' || s[e - 1] == '/')) --e;
      if (e <= path) continue;
      const std::string rest = fold_str(s.substr(path, e - path));
      if (rest.rfind("groups/", 0) == 0 || rest.rfind("pages/", 0) == 0 || rest.rfind("events/", 0) == 0 ||
          rest.rfind("company/", 0) == 0 || rest.rfind("school/", 0) == 0)
        continue;  // a group, page or organisation, not a person
      if (official(s.substr(path, e - path))) continue;
      add(out, b, e, PiiKind::handle);
    }
  }
}

// A user name run at h ("yasser_2009x", "zoe.k"): letters, digits, "_" and "." with at least one digit, "_" or "."
// inside, starting with a Latin letter, not an official account. Its end, or nothing.
std::optional<std::size_t> user_name_at(std::string_view s, std::size_t h) {
  std::size_t e = h;
  bool marked = false;
  while (e < s.size() && handle_char(s[e])) {
    marked |= s[e] == '_' || s[e] == '.' || is_digit(static_cast<unsigned char>(s[e]));
    ++e;
  }
  while (e > h && s[e - 1] == '.') --e;
  if (e - h < 3 || !marked || !is_ascii_alpha(static_cast<unsigned char>(s[h]))) return std::nullopt;
  // a web address is no user name ("Snapchat werkt niet, zie www.example.nl")
  if (fold_str(s.substr(h, 4)) == "www.") return std::nullopt;
  if (e < s.size() && (is_alnum(at(s, e).cp) || s[e] == '@' || s[e] == '/')) return std::nullopt;
  if (official(s.substr(h, e - h))) return std::nullopt;
  return e;
}

// The strong shape of a user name, where no colon says one follows: three letters or more and an "_", two digits, or
// a dot between a run of three letters or more and another run ("mila.k_09", "lucas.x.2009", "hamid.cycles"; not
// "i.v.m.", "v2.0", "3.5"; the dot added after the twenty-sixth part was measured).
bool strong_user_name(std::string_view u) {
  int letters = 0, digits = 0, run = 0, longest = 0;
  bool underscore = false, dotted = false;
  for (std::size_t q = 0; q < u.size(); ++q) {
    const auto c = static_cast<unsigned char>(u[q]);
    letters += is_ascii_alpha(c) ? 1 : 0;
    digits += is_digit(c) ? 1 : 0;
    underscore |= c == '_';
    run = is_ascii_alpha(c) ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '.' && q > 0 && q + 1 < u.size() && is_ascii_alpha(static_cast<unsigned char>(u[q - 1])) &&
        is_ascii_alnum(static_cast<unsigned char>(u[q + 1])))
      dotted = true;
  }
  return letters >= 3 && (underscore || digits >= 2 || (dotted && longest >= 3));
}

// A file or a version rather than a user name: a web suffix or a file's extension after the last dot ("foto_1.jpg",
// "verslag_2024.pdf"; [web_suffix]), or only digits, or "v" and digits, after the last "_" ("Versie_2",
// "script_v2").
bool file_or_version(std::string_view run) {
  if (const std::size_t dot = run.rfind('.'); dot != std::string_view::npos) {
    const std::string_view ext = run.substr(dot + 1);
    if (word_list("web_suffix").contains(fold_str(ext))) return true;
  }
  const std::size_t u = run.rfind('_');
  if (u == std::string_view::npos || u + 1 >= run.size()) return false;
  std::string_view tail = run.substr(u + 1);
  const auto digits = [](std::string_view d) {
    return !d.empty() &&
           std::all_of(d.begin(), d.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); });
  };
  if (tail.size() > 1 && (tail[0] == 'v' || tail[0] == 'V') && digits(tail.substr(1))) return true;
  // only digits after a word for a version or a file ([version_word]: "Versie_2"; not "ayse_1985", a user name)
  std::size_t start = u;  // the word before the "_"
  while (start > 0 && is_ascii_alpha(static_cast<unsigned char>(run[start - 1]))) --start;
  return digits(tail) && word_list("version_word").contains(fold_str(run.substr(start, u - start)));
}

// A user name without "@" next to the name of a social app (the [social_app] list): after it and a colon
// ("snapchat: yasser_2009x", "Insta: zoe.k"), a run of letters, digits, "_" and "." with at least one digit, "_" or
// "." inside, so that "Instagram: yes" stays (added after the fourteenth part was measured); also after it without
// the colon, the app's name glued to an Arabic preposition ("ردوا علي بالسناب noor.q92") or, with three letters and
// an "_" or two digits, after a space ("add me on snap mila.k_09"), or right before it in brackets ("his account
// snorfiets_sven_ (instagram)"; all three added after the twenty-second part was measured).
void find_app_user_names(std::string_view s, const Folded& f, Spans& out) {
  // (also after a word for "account", with the strong shape only and a lower-case letter in it: "Konto nazywa się
  // jan_de_boer1966", "z fałszywego konta lenka.k__2009"; not "konto: NL91ABNA0417164300"; [account_word], added
  // after the thirty-first part was measured)
  for (const bool account : {false, true})
    for (const std::string& key : word_list(account ? "account_word" : "social_app").items()) {
      for (std::size_t p = f.text.find(key); p != npos; p = f.text.find(key, p + 1)) {
        const std::size_t b = f.src[p];
        if (p + key.size() > f.text.size()) continue;
        std::size_t k = f.src[p + key.size()];
        // (a Turkish case ending glued on in lower case: "instagramda beni bulabilirsiniz: zeynepp.k_1990"; added after
        // the twenty-ninth part was measured)
        // (only on an app's full name of five letters or more, and the ending in lower case: not "snapte", "igne", "FBI")
        bool ending = false;
        if (k < s.size() && is_alnum(at(s, k).cp)) {
          const auto w = read_word(s, b);
          if (!w || w->begin != b || w->end <= k || key.size() < 5 || s[k] < 'a' || s[k] > 'z' ||
              !word_list("case_ending").contains(fold_str(s.substr(k, w->end - k))))
            continue;
          k = w->end;
          ending = true;
        }
        // a Turkish case ending after an apostrophe ("Snapchat'te tehdit ediyor, hesabın adı kerem_olcek_x"; added after
        // the twenty-seventh part was measured)
        if (is_apostrophe(at(s, k).cp))
          if (const auto e = read_word(s, k + at(s, k).len); e && e->end - e->begin <= 6 && !e->upper) k = e->end;
        // a Somali suffix after a hyphen ("Snapchat-ka wiilkeyga waa liibaan.x2010", "Tiktok-kayga waa sagal.qoys"; added
        // after the thirty-first part was measured): a lower-case word of six letters at most
        if (at(s, k).cp == '-' && !ending)
          if (const auto e = read_word(s, k + 1); e && e->begin == k + 1 && e->end - e->begin <= 6 && !e->upper)
            k = e->end;
        const std::size_t key_end = k;
        // a glued "بال", "بـ", "ع", "عال" before an Arabic app name (the word that holds the name's first letter: a name
        // of two words ends in another; "عالسناب", "on the Snap", added after the thirty-sixth part was measured)
        bool glued = false;
        if (!boundary_before(s, b)) {
          std::size_t wb = b;
          while (wb > 0 && is_letter(before(s, wb).cp)) wb -= before(s, wb).len;
          if (!is_arabic_letter(at(s, wb).cp)) continue;
          const std::string_view pre = s.substr(wb, b - wb);
          glued = pre == "\u0628\u0627\u0644" || pre == "\u0628" || pre == "\u0627\u0644" || pre == "\u0639" ||
                  pre == "\u0639\u0627\u0644";
          if (!glued) continue;
        }
        // a user name of the strong shape and with an "_" or digits up to three words before the app's name in its
        // sentence ("Yonas_asmara ኣብ TikTok …", on TikTok; added after the twenty-ninth part was measured)
        // (not a hashtag, a file, a version: "#covid_19", "foto_1.jpg", "Versie_2", "script_v2")
        for (std::size_t q = b, words = 0; !account && !glued && words < 3 && q > 0;) {
          q = skip_hspace_back(s, q);
          if (q == 0 || sentence_break(before(s, q).cp)) break;
          std::size_t h = q;
          while (h > 0 && handle_char(s[h - 1])) --h;
          if (h < q && (h == 0 || (s[h - 1] != '@' && s[h - 1] != '#' && !is_alnum(before(s, h).cp))))
            if (const auto u = user_name_at(s, h); u && *u == q && strong_user_name(s.substr(h, q - h)) &&
                                                   s.substr(h, q - h).find_first_of("_0123456789") != npos &&
                                                   !file_or_version(s.substr(h, q - h))) {
              add(out, h, q, PiiKind::handle);
              break;
            }
          const auto w = word_ending_at(s, q);
          if (!w) break;
          q = w->begin;
          ++words;
        }
        // "snorfiets_sven_ (instagram)"
        if (before(s, b).cp == '(' && !glued && !account) {
          const std::size_t e = skip_hspace_back(s, b - 1);
          std::size_t h = e;
          while (h > 0 && handle_char(s[h - 1])) --h;
          if (h < e && (h == 0 || (s[h - 1] != '@' && !is_alnum(before(s, h).cp))))
            if (const auto u = user_name_at(s, h); u && *u == e) add(out, h, e, PiiKind::handle);
        }
        k = skip_hspace(s, k);
        const bool colon = k < s.size() && s[k] == ':';
        if (colon) {
          k = skip_hspace(s, k + 1);
        } else if (k == key_end) {
          // a user name needs a space or a colon after the app's name, or a comma ("على سناب، حسابه daan.x07")
          if (at(s, k).cp != ',' && at(s, k).cp != 0x60C) continue;
          k = skip_hspace(s, k + at(s, k).len);
        }
        auto e = user_name_at(s, k);
        // further on in the sentence, a run of the strong shape (below) up to ten words after the app's name
        // ("Snapchat van de jongen die ons lastigvalt: lucas.x.2009", "snap adı kubraa.x34", "мій нік у фейсбуці —
        // tanyusha.harbuz"; added after the twenty-sixth part was measured)
        for (int words = 0; !e && words < 10 && k < s.size() && !sentence_break(at(s, k).cp); ++words) {
          if (const auto w = read_word(s, k)) {
            k = skip_hspace(s, w->end);
          } else {
            k = skip_hspace(s, k + std::max<std::size_t>(at(s, k).len, 1));
          }
          if (k > 0 && (handle_char(s[k - 1]) || s[k - 1] == '@')) continue;
          // (not a web address or a file further on: "… gemeld bij fraudehelpdesk.nl", "foto.jpg"; [web_suffix])
          if (const auto u = user_name_at(s, k); u && strong_user_name(s.substr(k, *u - k))) {
            const std::string_view run = s.substr(k, *u - k);
            const std::size_t dot = run.rfind('.');
            if (dot == std::string_view::npos || !word_list("web_suffix").contains(fold_str(run.substr(dot + 1))))
              e = u;
          }
        }
        if (!e) continue;
        // without the colon, after an app's name in Latin letters, a stronger shape: three letters or more and an "_"
        // or two digits ("snap mila.k_09"; not "op Facebook i.v.m. de verbouwing", "insta v2.0")
        if ((account || (!colon && !glued)) && !strong_user_name(s.substr(k, *e - k))) continue;
        if (account && file_or_version(s.substr(k, *e - k))) continue;  // "profiel … versie_2"
        if (account &&
            std::none_of(s.begin() + static_cast<std::ptrdiff_t>(k), s.begin() + static_cast<std::ptrdiff_t>(*e),
                         [](char c) { return c >= 'a' && c <= 'z'; }))
          continue;
        add(out, k, *e, PiiKind::handle);
      }
    }
}

// A user name with no app or account named, by its shape alone: a run with an "_" between letters and digits at its
// end, or two dotted words of letters and then digits ("KevTheSkater_11", "noor_elhouda.97", "pawel.nowicki.754";
// not "foto_1.jpg", "Versie_2", "#covid_19", "v1.2.3", "kasia.nl", "user_id", "python3.11"). Added after the
// thirty-fourth part was measured.
void find_bare_user_names(std::string_view s, Spans& out) {
  for (std::size_t h = 0; h < s.size(); ++h) {
    if (!is_ascii_alpha(static_cast<unsigned char>(s[h]))) continue;
    if (h > 0 &&
        (handle_char(s[h - 1]) || s[h - 1] == '@' || s[h - 1] == '#' || s[h - 1] == '/' || is_alnum(before(s, h).cp))) {
      continue;
    }
    const auto e = user_name_at(s, h);
    if (!e) {
      while (h + 1 < s.size() && handle_char(s[h + 1])) ++h;
      continue;
    }
    const std::string_view run = s.substr(h, *e - h);
    const bool underscore = [&] {
      for (std::size_t q = 1; q + 1 < run.size(); ++q)
        if (run[q] == '_' && is_ascii_alnum(static_cast<unsigned char>(run[q - 1])) &&
            (is_ascii_alnum(static_cast<unsigned char>(run[q + 1])) || run[q + 1] == '_'))
          return true;
      return false;
    }();
    // digits at the end: "mirek_fransum77", "noor_elhouda.97" (not "max_value", "NS_WiFi", "Bibliotheek_Free"; the
    // review of round 34), not a year after one capitalised word ("Koningsdag_2026")
    std::size_t tail = run.size();
    while (tail > 0 && is_digit(static_cast<unsigned char>(run[tail - 1]))) --tail;
    const std::size_t digits = run.size() - tail;
    const bool year_tag = digits == 4 && tail > 0 && run[tail - 1] == '_' &&
                          std::isupper(static_cast<unsigned char>(run[0])) &&
                          run.substr(0, tail - 1).find_first_of("_.") == npos;
    // dotted: two words of letters or more, then the digits ("pawel.nowicki.754"; not "python3.11",
    // "Raadsvoorstel.2025.114")
    int letter_words = 0;
    for (std::size_t q = 0; q < tail;) {
      const std::size_t z = std::min(run.find('.', q), tail);
      const std::string_view part = run.substr(q, z - q);
      if (part.size() >= 2 &&
          std::all_of(part.begin(), part.end(), [](char c) { return is_ascii_alpha(static_cast<unsigned char>(c)); }))
        ++letter_words;
      q = z + 1;
    }
    const bool dotted_digits = !underscore && digits >= 1 && tail > 0 && run[tail - 1] == '.' && letter_words >= 2 &&
                               run.substr(0, tail).find_first_of("0123456789") == npos;
    if (((underscore && digits >= 1 && digits <= 4 && !year_tag) || dotted_digits) && strong_user_name(run) &&
        !file_or_version(run) && std::any_of(run.begin(), run.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      add(out, h, *e, PiiKind::handle);
    h = *e;
  }
}

}  // namespace

void find_handles(const Input& in, Spans& out) {
  find_at_handles(in.s, out);
  find_profile_urls(in.s, in.f, out);
  find_app_user_names(in.s, in.f, out);
  find_bare_user_names(in.s, out);
}

}  // namespace kiosk::privacy

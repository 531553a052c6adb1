// E-mail addresses, plain and obfuscated ("jan punt devries at gmail punt com", "jan [at] mail [dot] nl",
// "jan @ ziggo.nl", "jan%40gmail.com"); not role mailboxes (info@, servicedesk@ …).
#include <algorithm>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

bool email_local_char(char c) {
  return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
         c == '\'';  // "k.o'sullivan@…"
}

// info@, servicedesk@ …: an organisation's mailbox, not a person's.
bool role_mailbox(std::string_view local) { return word_list("role_mailbox").contains(fold_str(local)); }
// Any mailbox at a municipality's own domain ("subsidie@gemeente.nl", "wmo@gemeentezwolle.nl"): the
// municipality's, or an official's in their role.
bool municipal_domain(std::string_view domain) { return fold_str(domain).rfind("gemeente", 0) == 0; }

void find_emails_in(std::string_view s, Spans& out) {
  for (std::size_t at_pos = s.find('@'); at_pos != npos; at_pos = s.find('@', at_pos + 1)) {
    std::size_t b = at_pos;
    while (b > 0 && email_local_char(s[b - 1])) --b;
    while (b < at_pos && (s[b] == '.' || s[b] == '-' || s[b] == '\'')) ++b;
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
    if (!role_mailbox(s.substr(b, at_pos - b)) && !municipal_domain(domain)) add(out, b, e, PiiKind::email);
    at_pos = e - 1;
  }
}

// Obfuscated addresses: local part, an "at" token, then domain labels joined by "dot" tokens, ending in a
// top-level domain of the [tld] list. Tokens: "@" with spaces, "[at]", "(at)", " at ", "apenstaartje",
// "%40"; ".", "[dot]", "(dot)", " punt ", " dot ", " nokta ", " kropka " (the [email_at] and [email_dot]
// lists).
struct Token {
  std::size_t end = 0;
  bool found = false;
};

// The name of a social app ([social_app]), also with a Turkish case ending glued on ("tiktokta").
bool social_app_word(std::string_view folded) {
  const WordSet& apps = word_list("social_app");
  if (apps.contains(folded)) return true;
  for (std::size_t n = 1; n <= 5 && n < folded.size(); ++n)
    if (apps.contains(folded.substr(0, folded.size() - n)) &&
        word_list("case_ending").contains(folded.substr(folded.size() - n)))
      return true;
  return false;
}

// A label: ASCII letters, digits, '-', '_', '+' (the local part may also hold '.').
std::size_t label_end(std::string_view s, std::size_t i, bool local) {
  std::size_t k = i;
  while (k < s.size()) {
    const char c = s[k];
    if (is_ascii_alnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+' || (local && c == '.')) {
      ++k;
    } else {
      break;
    }
  }
  return k;
}

// A separator token at i from the list (bracketed or spaced word), or the plain character.
Token sep_token(std::string_view s, std::size_t i, const WordSet& words, std::string_view plain) {
  std::size_t k = skip_hspace(s, i);
  const bool spaced = k > i;
  for (std::string_view p : {std::string_view("%40")})
    if (plain == "@" && s.substr(i, 3) == p) return {i + 3, true};
  if (k < s.size() && s.substr(k, plain.size()) == plain) return {skip_hspace(s, k + plain.size()), true};
  char close = 0;
  if (k < s.size() && (s[k] == '[' || s[k] == '(' || s[k] == '{' || s[k] == '<')) {
    close = s[k] == '[' ? ']' : s[k] == '(' ? ')' : s[k] == '{' ? '}' : '>';
    k = skip_hspace(s, k + 1);
  }
  const auto w = read_word(s, k);
  if (!w || !words.contains(fold_word(s, *w))) return {};
  std::size_t e = w->end;
  if (close) {
    e = skip_hspace(s, e);
    if (e >= s.size() || s[e] != close) return {};
    ++e;
  } else if (!spaced || !is_hspace(at(s, e).cp)) {
    return {};
  }
  return {skip_hspace(s, e), true};
}

void find_obfuscated_emails(std::string_view s, Spans& out) {
  const WordSet& at_words = word_list("email_at");
  const WordSet& dot_words = word_list("email_dot");
  const WordSet& tlds = word_list("tld");
  const WordSet& providers = word_list("mail_provider");
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_ascii_alnum(static_cast<unsigned char>(s[i])) || !boundary_before(s, i)) continue;
    // local part: label (dot label)*, at most 3 labels
    std::size_t e = label_end(s, i, true);
    if (e == i) continue;
    for (int n = 0; n < 2; ++n) {
      Token d = sep_token(s, e, dot_words, ".");
      // (also an underscore said as a word: "rami underscore 88 at gmail dot com"; [email_underscore], added after the
      // thirty-seventh part was measured)
      if (!d.found) d = sep_token(s, e, word_list("email_underscore"), "_");
      if (!d.found || d.end == e + 1) break;  // a plain '.' or '_' is already part of the label
      const std::size_t e2 = label_end(s, d.end, true);
      if (e2 == d.end) break;
      // only continue when an "at" follows eventually
      e = e2;
    }
    const Token a = sep_token(s, e, at_words, "@");
    if (!a.found) {
      i = e;
      continue;
    }
    // domain: label (dot label)+ ending in a known TLD
    std::size_t k = a.end;
    std::size_t end = 0;
    std::size_t provider_end = 0;  // the end of a mail provider's name right after the "at" token
    for (int n = 0; n < 4; ++n) {
      std::size_t le = label_end(s, k, false);
      if (le == k) {
        // the top-level domain said in another script ("… دوت كوم", "… крапка ком")
        const auto w = read_word(s, k);
        if (n > 0 && w && tlds.contains(fold_word(s, *w))) end = w->end;
        // a mail provider said in another script ("ات جيميل دوت كوم", "ብ ሆትሜል ዶት com"; [mail_provider], added after
        // the thirteenth part was measured): a label like "gmail"
        if (!w || !providers.contains(fold_word(s, *w))) break;
        le = w->end;
      }
      if (n == 0 && providers.contains(fold_str(s.substr(k, le - k))) && boundary_after(s, le)) provider_end = le;
      if (n > 0 && tlds.contains(fold_str(s.substr(k, le - k))) && boundary_after(s, le)) end = le;
      const Token d = sep_token(s, le, dot_words, ".");
      if (!d.found) break;
      k = d.end;
    }
    // "reem.translate على جيميل", "jan.smit at gmail": a provider's name without its domain after a local part that
    // is no everyday word (it holds a dot, an underscore or a digit; added after the thirteenth part was measured)
    if (end == 0 && provider_end != 0 && s.substr(i, e - i).find_first_of("._0123456789") != std::string_view::npos)
      end = provider_end;
    if (end == 0) continue;
    // a domain with a path after it is a link ("… ብ facebook.com/efrem.t": a page, found as a handle; added after the
    // thirteenth part was measured)
    if (at(s, end).cp == '/') continue;
    const std::size_t at_pos = s.find('@', i);
    const bool plain = at_pos != npos && at_pos < end && s.find_first_of(" []()", i) >= end;
    if (plain) continue;  // plain addresses are the first pass's
    std::string local(s.substr(i, label_end(s, i, true) - i));
    // an app's name before a spaced "@" is no local part: "insta @jdn.vlogs.nl", "tiktokta @selinnn.nl" are handles
    // (added after the thirtieth part was measured; a Turkish case ending may be glued on, [case_ending])
    if (is_hspace(at(s, e).cp) && social_app_word(fold_str(local))) {
      i = e;
      continue;
    }
    // "ania kowalczyk małpa gmail kropka com": a first name before the local part belongs to it
    std::size_t b = i;
    if (const auto w = word_before(s, i);
        w && w->end < i && is_hspace(at(s, w->end).cp) && word_list("first").contains(fold_word(s, *w)))
      b = w->begin;
    // "özlem nokta balci78 et hotmail …": a Latin label with letters outside ASCII before a spoken dot belongs to the
    // local part (added after the ninth part was measured)
    for (int n = 0; n < 2; ++n) {
      const auto dw = word_before(s, b);
      if (!dw || dw->end >= b || !dot_words.contains(fold_word(s, *dw))) break;
      const auto lw = word_before(s, dw->begin);
      if (!lw || lw->end >= dw->begin || lw->caseless || lw->cyrillic || lw->upper) break;
      b = lw->begin;
    }
    // "j v d berg at hotmail dot com": two or more initials said one by one before the local part belong to it ("a
    // berg at …" keeps the article; added after the twenty-second part was measured)
    std::size_t initials = b;
    int n_initials = 0;
    for (; n_initials < 4; ++n_initials) {
      const auto lw = word_before(s, initials);
      if (!lw || lw->end + 1 != initials || lw->end - lw->begin != 1 ||
          !is_ascii_alpha(static_cast<unsigned char>(s[lw->begin])))
        break;
      initials = lw->begin;
    }
    if (n_initials >= 2) b = initials;
    if (!role_mailbox(local)) add(out, b, end, PiiKind::email);
    i = end - 1;
  }
}

}  // namespace

void find_emails(const Input& in, Spans& out) {
  Spans v;
  find_emails_in(in.d.text, v);
  find_obfuscated_emails(in.d.text, v);
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy

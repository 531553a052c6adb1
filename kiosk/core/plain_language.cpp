// Plain-language lint over a catalog (see plain_language.hpp).
#include "kiosk/core/plain_language.hpp"

#include <set>
#include <sstream>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/file.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {
namespace {

constexpr std::string_view kHeader = "# plain-language word list, format 1";

// Letters of the catalogs' Latin, Cyrillic and Arabic scripts and digits: anything that is not white
// space or ASCII punctuation is part of a word.
bool word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !is_space(c) && c != 0x2026 && c != 0x2013 && c != 0x2014;  // … – —
}

// Lower case for ASCII and Latin-1 capitals (enough to compare Dutch words).
std::string lower(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    Utf8Char c = decode_utf8(s, i);
    char32_t cp = c.cp;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) cp += 0x20;
    append_utf8(out, cp);
    i += c.len;
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = trim(cur);
    if (!t.empty()) out.push_back(std::move(t));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    if (is_line_break(c.cp)) {
      flush();
    } else {
      cur.append(text.substr(i, c.len));
      bool end_mark = c.cp == '.' || c.cp == '!' || c.cp == '?' || c.cp == ':' || c.cp == 0x061F;  // ؟
      if (end_mark && (i + c.len >= text.size() || is_space(decode_utf8(text, i + c.len).cp))) flush();
    }
    i += c.len;
  }
  flush();
  return out;
}

std::vector<std::string> sentence_words(std::string_view sentence) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < sentence.size();) {
    Utf8Char c = decode_utf8(sentence, i);
    if (c.cp == '{') {  // a placeholder is one word
      flush();
      std::size_t close = sentence.find('}', i);
      std::size_t end = close == std::string_view::npos ? sentence.size() : close + 1;
      out.emplace_back(sentence.substr(i, end - i));
      i = end;
      continue;
    }
    bool inner = (c.cp == '-' || c.cp == '\'' || c.cp == 0x2019) && !cur.empty() &&
                 word_char(decode_utf8(sentence, i + c.len).cp);
    if (word_char(c.cp) || inner) cur.append(sentence.substr(i, c.len));
    else flush();
    i += c.len;
  }
  flush();
  return out;
}

Result<std::vector<DifficultWord>> parse_difficult_words(std::string_view text, std::string_view source_name) {
  std::vector<DifficultWord> out;
  std::set<std::string> seen;
  std::istringstream in{std::string(text)};
  std::string line;
  int no = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++no;
    if (no == 1) {
      if (trim(line) != kHeader)
        return make_error(Errc::invalid_value,
                          std::string(source_name) + ":1: the first line must be \"" + std::string(kHeader) + "\"");
      header = true;
      continue;
    }
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos)
      return make_error(Errc::invalid_value, std::string(source_name) + ":" + std::to_string(no) +
                                                 ": expected \"difficult<TAB>plain alternative\"");
    DifficultWord w{lower(trim(std::string_view(line).substr(0, tab))), trim(std::string_view(line).substr(tab + 1))};
    if (w.word.empty() || w.plain.empty())
      return make_error(Errc::invalid_value, std::string(source_name) + ":" + std::to_string(no) + ": an empty side");
    if (!seen.insert(w.word).second)
      return make_error(Errc::invalid_value,
                        std::string(source_name) + ":" + std::to_string(no) + ": '" + w.word + "' is listed twice");
    out.push_back(std::move(w));
  }
  if (!header) return make_error(Errc::invalid_value, std::string(source_name) + ": empty word list");
  return out;
}

Result<std::vector<DifficultWord>> load_difficult_words(const std::filesystem::path& file) {
  auto text = read_file(file, "the plain-language word list");
  if (!text) return text.error();
  return parse_difficult_words(*text, file.string());
}

std::filesystem::path difficult_words_file(std::string_view language) {
  return std::filesystem::path(std::string(assets_dir())) / "plain-language" /
         (std::string(language) + "-difficult-words.tsv");
}

std::vector<PlainLanguageFinding> lint_plain_language(const Catalog& catalog, const PlainLanguageRules& rules) {
  std::vector<PlainLanguageFinding> out;
  for (const auto& [key, text] : catalog.strings()) {
    bool skip = false;
    for (const auto& p : rules.skip_key_prefixes) skip = skip || key.rfind(p, 0) == 0;
    if (skip) continue;
    for (const std::string& sentence : split_sentences(text)) {
      std::vector<std::string> words = sentence_words(sentence);
      if (words.size() > rules.max_words)
        out.push_back(
            {key, sentence, std::to_string(words.size()) + " words (at most " + std::to_string(rules.max_words) + ")"});
      // Whole words and phrases: " word " in the sentence's lower-case words joined by single spaces.
      std::string joined = " ";
      for (const auto& w : words) joined += lower(w) + " ";
      for (const DifficultWord& d : rules.difficult)
        if (joined.find(" " + d.word + " ") != std::string::npos)
          out.push_back({key, sentence, "'" + d.word + "': write '" + d.plain + "'"});
    }
  }
  return out;
}

}  // namespace kiosk::core

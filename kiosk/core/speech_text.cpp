// Speech forms of the catalog's text. See speech_text.hpp.
#include "kiosk/core/speech_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/file.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {

namespace {

bool tashkeel(char32_t c) { return (c >= 0x064B && c <= 0x0652) || c == 0x0670; }
// Letters of the Arabic block (hamza to yeh, and the extended letters); not its punctuation or digits.
bool arabic_letter(char32_t c) { return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3); }

// Splits text into runs: Arabic words (letters and their marks) and what lies between them.
struct Run {
  std::string text;
  bool word = false;
};
std::vector<Run> runs(std::string_view text) {
  std::vector<Run> out;
  for (std::size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    bool word = c.valid && (arabic_letter(c.cp) || (tashkeel(c.cp) && !out.empty() && out.back().word));
    if (out.empty() || out.back().word != word) out.push_back({"", word});
    out.back().text.append(text.substr(i, c.len));
    i += c.len;
  }
  return out;
}

// A word as read alone: without the short vowel or tanween of its case ending.
std::string pausal(std::string word) {
  while (!word.empty()) {
    std::size_t at = utf8_prev(word, word.size());
    char32_t c = decode_utf8(word, at).cp;
    if (c < 0x064B || c > 0x0650) break;  // tanween and short vowels; not shadda or sukun
    word.resize(at);
  }
  return word;
}

}  // namespace

std::string strip_tashkeel(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    if (!(c.valid && tashkeel(c.cp))) out.append(text.substr(i, c.len));
    i += c.len;
  }
  return out;
}

std::vector<std::string> arabic_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& r : runs(text))
    if (r.word) out.push_back(std::move(r.text));
  return out;
}

bool spoken_key(std::string_view key, std::string_view value) {
  if (key.starts_with("tech.") || key.starts_with("slip.")) return false;
  for (std::string_view suffix : {"_short", "_symbol", "_visual"})
    if (key.ends_with(suffix)) return false;
  for (const auto& r : runs(value))
    if (r.word) return true;
  return false;
}

Result<SpeechText> SpeechText::parse(std::string_view json_text, std::string_view source_name) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](std::string why) { return make_error(Errc::invalid_value, fmt::format("{}: {}", source_name, why)); };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("format") || !j["format"].is_number_integer()) return bad("missing integer 'format'");
  if (j["format"].get<int>() != kSpeechTextFormatVersion)
    return bad(fmt::format("speech text format {} is not supported (this kiosk reads {})", j["format"].get<int>(),
                           kSpeechTextFormatVersion));
  if (!j.contains("language") || !j["language"].is_string()) return bad("missing string 'language'");
  if (!j.contains("strings") || !j["strings"].is_object()) return bad("missing object 'strings'");
  SpeechText out;
  out.m_language = j["language"].get<std::string>();
  std::map<std::string, std::map<std::string, int>> word_forms;  // plain -> vowelled -> uses
  if (j.contains("category_names") && !j["category_names"].is_array()) return bad("'category_names' is not a list");
  std::vector<std::string> texts;  // every speech form, for the phrase and word tables
  for (auto& [key, value] : j["strings"].items()) {
    if (!value.is_string()) return bad(fmt::format("'{}' is not a string", key));
    std::string text = value.get<std::string>();
    if (!valid_utf8(text)) return bad(fmt::format("'{}' is not valid UTF-8", key));
    texts.push_back(text);
    out.m_strings.emplace(key, std::move(text));
  }
  if (j.contains("category_names"))
    for (const auto& value : j["category_names"]) {
      if (!value.is_string() || !valid_utf8(value.get<std::string>())) return bad("a category name is not text");
      out.m_category_names.push_back(value.get<std::string>());
      texts.push_back(out.m_category_names.back());
    }
  for (const auto& text : texts) {
    Phrase p;
    p.spoken = arabic_words(text);
    for (const auto& w : p.spoken) {
      p.plain.push_back(strip_tashkeel(w));
      ++word_forms[p.plain.back()][pausal(w)];
    }
    if (!p.plain.empty()) out.m_phrases[p.plain.front()].push_back(std::move(p));
  }
  for (auto& [first, list] : out.m_phrases)
    std::stable_sort(list.begin(), list.end(),
                     [](const Phrase& a, const Phrase& b) { return a.plain.size() > b.plain.size(); });
  for (const auto& [plain, forms] : word_forms) {
    auto best =
        std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    out.m_words.emplace(plain, best->first);
  }
  return out;
}

Result<SpeechText> SpeechText::load(const std::filesystem::path& file) {
  auto text = read_file(file, "the speech text");
  if (!text) return text.error();
  return parse(*text, file.string());
}

std::string SpeechText::apply(std::string_view utterance) const {
  auto parts = runs(utterance);
  std::vector<std::size_t> words;  // indexes of the word runs
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].word) words.push_back(i);
  for (std::size_t w = 0; w < words.size();) {
    const std::string plain = strip_tashkeel(parts[words[w]].text);
    std::size_t taken = 0;
    if (auto it = m_phrases.find(plain); it != m_phrases.end()) {
      for (const Phrase& p : it->second) {
        if (w + p.plain.size() > words.size()) continue;
        bool match = true;
        for (std::size_t k = 1; k < p.plain.size() && match; ++k)
          match = strip_tashkeel(parts[words[w + k]].text) == p.plain[k];
        if (!match) continue;
        for (std::size_t k = 0; k < p.plain.size(); ++k) parts[words[w + k]].text = p.spoken[k];
        taken = p.plain.size();
        break;
      }
    }
    if (taken == 0) {
      if (auto it = m_words.find(plain); it != m_words.end()) parts[words[w]].text = it->second;
      taken = 1;
    }
    w += taken;
  }
  std::string out;
  for (const auto& p : parts) out += p.text;
  return out;
}

std::filesystem::path speech_text_dir() { return std::filesystem::path(std::string(assets_dir())) / "speech"; }

Result<std::vector<SpeechText>> load_speech_texts(const std::filesystem::path& dir,
                                                  const std::vector<std::string>& languages) {
  std::vector<SpeechText> out;
  for (const auto& lang : languages) {
    const auto file = dir / (lang + ".json");
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    auto t = SpeechText::load(file);
    if (!t) return t.error();
    if (t->language() != lang)
      return make_error(Errc::invalid_value, fmt::format("{}: says language '{}'", file.string(), t->language()));
    out.push_back(std::move(*t));
  }
  return out;
}

void SpeechTextSink::speak(std::string_view text, std::string_view lang) {
  for (const auto& t : m_texts)
    if (t.language() == lang) return m_inner->speak(t.apply(text), lang);
  m_inner->speak(text, lang);
}

}  // namespace kiosk::core

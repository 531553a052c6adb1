// The scrubber's word lists: see lists.hpp. File format (assets/privacy/README.md): UTF-8 lines; "#" starts a
// comment line; "[section]" starts a list; every other non-empty line is one entry (a word or phrase).
#include "lists.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "kiosk/sync/config.hpp"  // assets_dir()

namespace kiosk::privacy {
namespace {

constexpr std::array<std::string_view, 8> kLanguages{"nl", "en", "tr", "pl", "uk", "ar", "so", "ti"};

struct Lists {
  std::map<std::string, WordSet, std::less<>> sections;
  std::string missing;  // files that could not be read, comma-separated
};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

bool read_file(Lists& lists, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return false;
  std::string line;
  std::string section;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.front() == '[' && t.back() == ']') {
      section = t.substr(1, t.size() - 2);
      continue;
    }
    if (!section.empty()) lists.sections[section].add(t);
  }
  return true;
}

const Lists& lists() {
  static const Lists loaded = [] {
    Lists l;
    const std::filesystem::path dir = std::filesystem::path(std::string(assets_dir())) / "privacy";
    std::vector<std::filesystem::path> files{dir / "words.txt"};
    for (std::string_view lang : kLanguages) {
      files.push_back(dir / "cues" / (std::string(lang) + ".txt"));
      files.push_back(dir / "names" / (std::string(lang) + ".txt"));
    }
    // an outside lexicon the name tagger reads as features ([dic_person], [dic_proper]; added after the seventeenth
    // part was measured)
    files.push_back(dir / "lexicon" / "nl-opentaal.txt");
    for (const auto& f : files) {
      if (read_file(l, f)) continue;
      if (!l.missing.empty()) l.missing += ", ";
      l.missing += f.string();
    }
    // Further gazetteers from other sources, optional: names/<lang>-<source>.txt ("nl-faker.txt"), sorted.
    std::vector<std::filesystem::path> more;
    // (increment with an error code: a range-for's ++ would throw out of the library on a read error)
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir / "names", ec), end; !ec && it != end; it.increment(ec)) {
      const std::filesystem::path& p = it->path();
      const std::string n = p.filename().string();
      const auto dash = n.find('-');
      if (dash == std::string::npos || !n.ends_with(".txt")) continue;
      for (std::string_view lang : kLanguages)
        if (std::string_view(n).substr(0, dash) == lang) more.push_back(p);
    }
    std::sort(more.begin(), more.end());
    for (const auto& f : more) read_file(l, f);
    return l;
  }();
  return loaded;
}

}  // namespace

const WordSet& word_list(std::string_view section) {
  static const WordSet empty;
  const auto& s = lists().sections;
  const auto it = s.find(section);
  return it == s.end() ? empty : it->second;
}

namespace {

// The common words, folded, sorted and unique, in one string with their offsets (a hash set of 180,000 strings would
// take ten times the memory on the kiosk's small board).
struct CommonWords {
  std::string text;                   // the words, each ended by '\n'
  std::vector<std::uint32_t> starts;  // each word's offset in text
  bool read = false;

  std::string_view word_at(std::uint32_t offset) const {
    return std::string_view(text).substr(offset, text.find('\n', offset) - offset);
  }
};

std::filesystem::path common_words_path() {
  return std::filesystem::path(std::string(assets_dir())) / "privacy" / "lexicon" / "common-words.txt";
}

const CommonWords& common_words() {
  static const CommonWords loaded = [] {
    CommonWords c;
    std::ifstream in(common_words_path());
    if (!in) return c;
    c.read = true;
    std::vector<std::string> words;
    std::string line;
    while (std::getline(in, line)) {
      const std::string t = trim(line);
      if (t.empty() || t[0] == '#') continue;
      words.push_back(fold_str(t));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const std::string& w : words) {
      c.starts.push_back(static_cast<std::uint32_t>(c.text.size()));
      c.text += w;
      c.text += '\n';
    }
    c.text.shrink_to_fit();
    return c;
  }();
  return loaded;
}

}  // namespace

bool common_word(std::string_view folded) {
  const CommonWords& c = common_words();
  const auto it = std::lower_bound(c.starts.begin(), c.starts.end(), folded,
                                   [&](std::uint32_t offset, std::string_view key) { return c.word_at(offset) < key; });
  return it != c.starts.end() && c.word_at(*it) == folded;
}

Result<void> privacy_lists_status() {
  std::string missing = lists().missing;
  if (!common_words().read) {
    if (!missing.empty()) missing += ", ";
    missing += common_words_path().string();
  }
  if (missing.empty()) return {};
  return make_error(Errc::io, "the scrubber's word lists cannot be read (" + missing +
                                  "): names, addresses and dates of birth after cue words are not found");
}

}  // namespace kiosk::privacy

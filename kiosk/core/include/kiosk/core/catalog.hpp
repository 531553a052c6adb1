// Language catalogs: every string a citizen sees, per screen language, in assets/i18n/<lang>.json.
//
// File format (versioned):
//   { "format": 1, "language": "nl", "strings": { "choose.title": "Wat wilt u doen?", … } }
// Keys are dotted, screen first. A value may hold named placeholders "{name}" filled by fill().
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk::core {

inline constexpr int kCatalogFormatVersion = 1;

class Catalog {
 public:
  Catalog() = default;
  Catalog(std::string language, std::map<std::string, std::string> strings)
      : m_language(std::move(language)), m_strings(std::move(strings)) {}

  // The text for key; the key itself when missing (visible in screenshots, caught by catalog tests).
  const std::string& get(std::string_view key) const;
  bool has(std::string_view key) const { return m_strings.find(std::string(key)) != m_strings.end(); }
  const std::string& language() const { return m_language; }
  const std::map<std::string, std::string>& strings() const { return m_strings; }

  static Result<Catalog> parse(std::string_view json_text, std::string_view source_name);
  static Result<Catalog> load(const std::filesystem::path& file);

 private:
  std::string m_language;
  std::map<std::string, std::string> m_strings;
};

// All catalogs of the kiosk's languages.
class Catalogs {
 public:
  // Loads dir/<lang>.json for each language. Any missing file or bad format is an error.
  static Result<Catalogs> load(const std::filesystem::path& dir, const std::vector<std::string>& languages);

  const Catalog& get(std::string_view language) const;  // falls back to the first language
  const std::vector<Catalog>& all() const { return m_catalogs; }
  // Keys present in some catalog but missing in `language`.
  std::vector<std::string> missing_keys(std::string_view language) const;

 private:
  std::vector<Catalog> m_catalogs;
};

// Replaces "{name}" placeholders: fill("Nog {n} seconden", {{"n", "20"}}).
std::string fill(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values);
// The same with values kept in a result (CommandResult::values).
using FillValues = std::vector<std::pair<std::string, std::string>>;
std::string fill(std::string_view text, const FillValues& values);

// True when the catalog's language is written right to left: its "language.direction" is "rtl", or, without
// that key, its language code is one of the right-to-left scripts' (ar, fa, he, ur).
inline bool right_to_left(const Catalog& c) {
  if (c.has("language.direction")) return c.get("language.direction") == "rtl";
  const std::string& l = c.language();
  return l == "ar" || l == "fa" || l == "he" || l == "ur";
}

// The directory of the catalogs: <assets_dir>/i18n.
std::filesystem::path catalog_dir();

}  // namespace kiosk::core

#include "kiosk/core/catalog.hpp"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/file.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::core {

const std::string& Catalog::get(std::string_view key) const {
  auto it = m_strings.find(std::string(key));
  if (it != m_strings.end()) return it->second;
  // Missing keys show up as themselves; keep a stable copy so the reference stays valid.
  static thread_local std::map<std::string, std::string> missing;
  auto [pos, inserted] = missing.emplace(std::string(key), std::string(key));
  (void)inserted;
  return pos->second;
}

Result<Catalog> Catalog::parse(std::string_view json_text, std::string_view source_name) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](std::string why) { return make_error(Errc::invalid_value, fmt::format("{}: {}", source_name, why)); };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("format") || !j["format"].is_number_integer()) return bad("missing integer 'format'");
  if (j["format"].get<int>() != kCatalogFormatVersion)
    return bad(fmt::format("catalog format {} is not supported (this kiosk reads {})", j["format"].get<int>(),
                           kCatalogFormatVersion));
  if (!j.contains("language") || !j["language"].is_string()) return bad("missing string 'language'");
  if (!j.contains("strings") || !j["strings"].is_object()) return bad("missing object 'strings'");
  std::map<std::string, std::string> strings;
  for (auto& [key, value] : j["strings"].items()) {
    if (!value.is_string()) return bad(fmt::format("'{}' is not a string", key));
    std::string text = value.get<std::string>();
    if (!valid_utf8(text)) return bad(fmt::format("'{}' is not valid UTF-8", key));
    strings.emplace(key, std::move(text));
  }
  return Catalog(j["language"].get<std::string>(), std::move(strings));
}

Result<Catalog> Catalog::load(const std::filesystem::path& file) {
  auto text = read_file(file, "the language catalog");
  if (!text) return text.error();
  return parse(*text, file.string());
}

Result<Catalogs> Catalogs::load(const std::filesystem::path& dir, const std::vector<std::string>& languages) {
  Catalogs out;
  for (const auto& lang : languages) {
    auto c = Catalog::load(dir / (lang + ".json"));
    if (!c) return c.error();
    if (c->language() != lang)
      return make_error(Errc::invalid_value,
                        fmt::format("{}: says language '{}'", (dir / (lang + ".json")).string(), c->language()));
    out.m_catalogs.push_back(std::move(*c));
  }
  if (out.m_catalogs.empty()) return make_error(Errc::config_missing, "no languages configured");
  return out;
}

const Catalog& Catalogs::get(std::string_view language) const {
  for (const auto& c : m_catalogs)
    if (c.language() == language) return c;
  return m_catalogs.front();
}

std::vector<std::string> Catalogs::missing_keys(std::string_view language) const {
  std::set<std::string> keys;
  for (const auto& c : m_catalogs)
    for (const auto& [k, v] : c.strings()) keys.insert(k);
  const Catalog& mine = get(language);
  std::vector<std::string> out;
  for (const auto& k : keys)
    if (!mine.has(k) || mine.language() != language) out.push_back(k);
  return out;
}

namespace {

template <typename Values>
std::string fill_from(std::string_view text, const Values& values) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        bool done = false;
        for (const auto& [k, v] : values)
          if (k == name) {
            out += v;
            done = true;
            break;
          }
        if (done) {
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

std::string fill(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  return fill_from(text, values);
}

std::string fill(std::string_view text, const FillValues& values) { return fill_from(text, values); }

std::filesystem::path catalog_dir() { return std::filesystem::path(std::string(assets_dir())) / "i18n"; }

}  // namespace kiosk::core

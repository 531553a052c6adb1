#include "kiosk/core/categories.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/config.hpp"

namespace kiosk::core {

const std::string& text_in(const Texts& texts, std::string_view language) {
  static const std::string kEmpty;
  auto it = texts.find(std::string(language));
  if (it != texts.end()) return it->second;
  it = texts.find("nl");
  if (it != texts.end()) return it->second;
  return texts.empty() ? kEmpty : texts.begin()->second;
}

namespace {
Texts read_texts(const nlohmann::json& j) {
  Texts out;
  if (!j.is_object()) return out;
  for (auto& [k, v] : j.items())
    if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}
// A node that is not an object, or a slug that is not a string, reads as a node without a slug (which
// parse() refuses for a category): json's value() would throw (found by tests/fuzz/category_tree_fuzz).
CategoryNode read_node(const nlohmann::json& j) {
  CategoryNode n;
  if (!j.is_object()) return n;
  if (auto slug = j.find("slug"); slug != j.end() && slug->is_string()) n.slug = slug->get<std::string>();
  if (j.contains("name")) n.name = read_texts(j["name"]);
  if (j.contains("handling_message")) n.handling_message = read_texts(j["handling_message"]);
  if (j.contains("sub_categories") && j["sub_categories"].is_array())
    for (const auto& c : j["sub_categories"]) n.children.push_back(read_node(c));
  return n;
}
}  // namespace

Result<CategoryTree> CategoryTree::parse(std::string_view json_text, std::string_view source_name) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("categories") || !j["categories"].is_array())
    return make_error(Errc::invalid_value, fmt::format("{}: not a category tree", source_name));
  if (auto format = j.find("format"); format == j.end() || !format->is_number_integer() || format->get<std::int64_t>() != 1)
    return make_error(Errc::invalid_value, fmt::format("{}: unsupported category tree format", source_name));
  CategoryTree t;
  for (const auto& c : j["categories"]) t.categories.push_back(read_node(c));
  if (j.contains("question_topics") && j["question_topics"].is_array())
    for (const auto& c : j["question_topics"]) t.question_topics.push_back(read_node(c));
  for (const auto& c : t.categories)
    if (c.slug.empty() || c.children.empty())
      return make_error(Errc::invalid_value, fmt::format("{}: category '{}' has no slug or no sub-categories",
                                                         source_name, c.slug));
  return t;
}

Result<CategoryTree> CategoryTree::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(Errc::io, fmt::format("{}: cannot open category tree", file.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

std::filesystem::path CategoryTree::default_file() {
  return std::filesystem::path(std::string(assets_dir())) / "categories" / "default.json";
}

const CategoryNode* CategoryTree::main(std::string_view slug) const {
  for (const auto& c : categories)
    if (c.slug == slug) return &c;
  return nullptr;
}

const CategoryNode* CategoryTree::find(std::string_view id) const {
  auto slash = id.find('/');
  if (slash == std::string_view::npos) return nullptr;
  const CategoryNode* m = main(id.substr(0, slash));
  if (!m) return nullptr;
  for (const auto& c : m->children)
    if (c.slug == id.substr(slash + 1)) return &c;
  return nullptr;
}

const CategoryNode* CategoryTree::topic(std::string_view slug) const {
  for (const auto& c : question_topics)
    if (c.slug == slug) return &c;
  return nullptr;
}

}  // namespace kiosk::core

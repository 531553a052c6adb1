// The category tree (see categories.hpp for the rules a file must keep).
#include "kiosk/sync/categories.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../channels/json_read.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/file.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk {

const std::string& text_in(const Texts& texts, std::string_view language) {
  static const std::string kEmpty;
  auto it = texts.find(std::string(language));
  if (it != texts.end()) return it->second;
  it = texts.find("nl");
  if (it != texts.end()) return it->second;
  return texts.empty() ? kEmpty : texts.begin()->second;
}

namespace {

using nlohmann::json;

// The readers below return what is wrong at which place ("categories.2.sub_categories.0: ..."); parse()
// turns it into the file's error.
Error wrong(std::string what) { return make_error(Errc::invalid_value, std::move(what)); }

// An object of language -> text at key; missing or null is empty.
Result<Texts> read_texts(const json& node, std::string_view key, const std::string& at) {
  auto object = answer::opt_object_at(node, key);
  if (!object) return wrong(at + ": " + object.error().message);
  Texts out;
  if (!*object) return out;
  for (const auto& [language, text] : (*object)->items()) {
    if (!text.is_string() || !valid_utf8(text.get_ref<const std::string&>()))
      return wrong(fmt::format("{}.{}.{} is not text", at, key, language));
    out.emplace(language, text.get<std::string>());
  }
  return out;
}

Result<std::string> read_text(const json& node, std::string_view key, const std::string& at) {
  auto text = answer::opt_text_at(node, key);
  if (!text) return wrong(at + ": " + text.error().message);
  return text->value_or("");
}

enum class Level { category, sub_category, topic };

Result<std::vector<CategoryNode>> read_nodes(const json& list, const std::string& where, Level level) {
  std::vector<CategoryNode> out;
  std::size_t i = 0;
  for (const auto& j : list) {
    std::string at = where + "." + std::to_string(i++);
    if (!j.is_object()) return wrong(at + " is not an object");
    CategoryNode n;
    auto slug = answer::text_at(j, "slug");
    if (!slug) return wrong(at + ": " + slug.error().message);
    if (slug->empty()) return wrong(at + " has an empty slug");
    for (const auto& sibling : out)
      if (sibling.slug == *slug) return wrong(fmt::format("{}: slug '{}' is there twice", at, *slug));
    n.slug = std::move(*slug);
    auto name = read_texts(j, "name", at);
    if (!name) return name.error();
    n.name = std::move(*name);
    auto message = read_texts(j, "handling_message", at);
    if (!message) return message.error();
    n.handling_message = std::move(*message);
    if (level == Level::sub_category) {
      auto path = read_text(j, "signalen_sub_category", at);
      if (!path) return path.error();
      auto code = read_text(j, "open311_service_code", at);
      if (!code) return code.error();
      n.signalen_path = std::move(*path);
      n.open311_code = std::move(*code);
    }
    if (level == Level::category) {
      auto subs = answer::opt_array_at(j, "sub_categories");
      if (!subs) return wrong(at + ": " + subs.error().message);
      if (!*subs || (*subs)->empty()) return wrong(fmt::format("{} ('{}') has no sub-categories", at, n.slug));
      auto children = read_nodes(**subs, at + ".sub_categories", Level::sub_category);
      if (!children) return children.error();
      n.children = std::move(*children);
    }
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<CategoryTree> CategoryTree::parse(std::string_view json_text, std::string_view source_name) {
  auto bad = [&](std::string_view what) {
    return make_error(Errc::invalid_value, fmt::format("{}: not a category tree of format {} ({})", source_name,
                                                       kCategoryTreeFormatVersion, what));
  };
  auto j = answer::parse(json_text, answer::Shape::object);
  if (!j) return bad(j.error().message);
  auto format = answer::opt_int_at(*j, "format");
  if (!format) return bad(format.error().message);
  if (*format != kCategoryTreeFormatVersion) return bad(fmt::format("format is not {}", kCategoryTreeFormatVersion));
  auto mains = answer::array_at(*j, "categories");
  if (!mains) return bad(mains.error().message);
  auto topics = answer::opt_array_at(*j, "question_topics");
  if (!topics) return bad(topics.error().message);
  CategoryTree t;
  auto categories = read_nodes(**mains, "categories", Level::category);
  if (!categories) return bad(categories.error().message);
  t.categories = std::move(*categories);
  if (*topics) {
    auto read = read_nodes(**topics, "question_topics", Level::topic);
    if (!read) return bad(read.error().message);
    t.question_topics = std::move(*read);
  }
  return t;
}

Result<CategoryTree> CategoryTree::load(const std::filesystem::path& file) {
  auto text = read_file(file, "the category tree");
  if (!text) return text.error();
  return parse(*text, file.string());
}

Result<CategoryTree> CategoryTree::load_default() { return load(default_file()); }

std::filesystem::path CategoryTree::default_file() {
  return std::filesystem::path(std::string(assets_dir())) / "categories" / "default.json";
}

const CategoryNode* CategoryTree::main(std::string_view slug) const {
  for (const auto& c : categories)
    if (c.slug == slug) return &c;
  return nullptr;
}

const CategoryNode* CategoryTree::find(std::string_view category) const {
  auto slash = category.find('/');
  std::string_view main_slug = slash == std::string_view::npos ? std::string_view() : category.substr(0, slash);
  std::string_view sub_slug = slash == std::string_view::npos ? category : category.substr(slash + 1);
  for (const auto& m : categories)
    if (main_slug.empty() || m.slug == main_slug)
      for (const auto& s : m.children)
        if (s.slug == sub_slug) return &s;
  return nullptr;
}

const CategoryNode* CategoryTree::topic(std::string_view slug) const {
  for (const auto& t : question_topics)
    if (t.slug == slug) return &t;
  return nullptr;
}

std::string CategoryTree::handling_message(std::string_view category, std::string_view language) const {
  const CategoryNode* s = find(category);
  return s ? text_in(s->handling_message, language) : std::string();
}

std::size_t CategoryTree::merge_signalen(const nlohmann::json& list) {
  std::size_t changed = 0;
  auto results = answer::array_at(list, "results");
  if (!results) return 0;
  for (const auto& m : **results) {
    auto main_slug = answer::text_at(m, "slug");
    auto subs = answer::array_at(m, "sub_categories");
    if (!main_slug || !subs) continue;
    CategoryNode* ours = nullptr;
    for (auto& c : categories)
      if (c.slug == *main_slug) ours = &c;
    if (!ours) continue;
    for (const auto& sub : **subs) {
      std::string message = answer::text_or(sub, "handling_message");
      auto slug = answer::text_at(sub, "slug");
      if (message.empty() || !slug) continue;
      for (auto& s : ours->children)
        if (s.slug == *slug && s.handling_message["nl"] != message) {
          // The municipality's own Dutch promise wins; translations stay as shipped.
          s.handling_message["nl"] = message;
          ++changed;
        }
    }
  }
  return changed;
}

void CategoryTree::merge_cached(Outbox& outbox) {
  auto cached = outbox.cache_get("signalen.categories");
  if (!cached || !*cached) return;
  if (auto j = answer::parse(**cached, answer::Shape::object)) merge_signalen(*j);
}

}  // namespace kiosk

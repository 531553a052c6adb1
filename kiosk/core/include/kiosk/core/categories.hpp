// The category tree of reports and the question topics (assets/categories/default.json), with their
// names and handling messages in every language.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk::core {

using Texts = std::map<std::string, std::string>;  // language -> text

// The text in language, else Dutch, else any (empty when none).
const std::string& text_in(const Texts& texts, std::string_view language);

struct CategoryNode {
  std::string slug;
  Texts name;
  Texts handling_message;  // sub-categories: what happens next and the response-time promise
  std::vector<CategoryNode> children;
};

struct CategoryTree {
  std::vector<CategoryNode> categories;       // two levels: main -> sub
  std::vector<CategoryNode> question_topics;  // one level

  static Result<CategoryTree> parse(std::string_view json_text, std::string_view source_name);
  static Result<CategoryTree> load(const std::filesystem::path& file);
  static std::filesystem::path default_file();  // <assets>/categories/default.json

  const CategoryNode* main(std::string_view slug) const;
  // The sub-category of a category id "main/sub"; nullptr when unknown.
  const CategoryNode* find(std::string_view category_id) const;
  const CategoryNode* topic(std::string_view slug) const;
};

}  // namespace kiosk::core

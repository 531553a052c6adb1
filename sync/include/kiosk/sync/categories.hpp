// The category tree (assets/categories/default.json, format 1): the report categories (main -> sub) with
// where each sub-category goes (Signalen sub-category, Open311 service code) and its handling message
// (the receipt's response-time promise), and the question topics; names and messages in every language.
// One reader for everyone: the engine and the adapters (merged with what Signalen last said when online),
// kioskctl, and the kiosk's session and screens (through kiosk/core).
//
// The rules a file must keep, else it is refused whole with a message that names the place:
//   - an object with `format` 1 and a list `categories`; `question_topics` a list when present;
//   - every category, sub-category and topic an object with a non-empty text `slug`, unique among its
//     siblings; every category has at least one sub-category;
//   - `name` and `handling_message`, when present, objects of language -> valid UTF-8 text;
//     `signalen_sub_category` and `open311_service_code` text when present (null reads as absent).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/sync/error.hpp"

namespace kiosk {

class Outbox;

// Version of the category tree file this kiosk reads (its top-level `format`).
inline constexpr int kCategoryTreeFormatVersion = 1;

using Texts = std::map<std::string, std::string>;  // language -> text

// The text in language, else Dutch, else any (empty when none).
const std::string& text_in(const Texts& texts, std::string_view language);

struct CategoryNode {
  std::string slug;
  Texts name;
  Texts handling_message;     // sub-categories: what happens next and the response-time promise
  std::string signalen_path;  // sub-categories: /signals/v1/public/terms/categories/<main>/sub_categories/<sub>
  std::string open311_code;   // sub-categories: the Open311 service code
  std::vector<CategoryNode> children;
};

struct CategoryTree {
  std::vector<CategoryNode> categories;       // two levels: main -> sub
  std::vector<CategoryNode> question_topics;  // one level

  static Result<CategoryTree> parse(std::string_view json_text, std::string_view source_name);
  static Result<CategoryTree> load(const std::filesystem::path& file);
  static Result<CategoryTree> load_default();
  static std::filesystem::path default_file();  // assets_dir()/categories/default.json

  const CategoryNode* main(std::string_view slug) const;
  // The sub-category of a category id "main/sub" (Submission::category), or of a bare sub slug (the
  // first with that slug); nullptr when unknown.
  const CategoryNode* find(std::string_view category) const;
  const CategoryNode* topic(std::string_view slug) const;
  // The response-time promise of a sub-category in a language (text_in), or "".
  std::string handling_message(std::string_view category, std::string_view language) const;

  // Applies Signalen's public category list (handling_message per sub slug): the municipality's own
  // Dutch promise replaces the shipped one; entries that cannot be read are left out. Returns how many
  // changed.
  std::size_t merge_signalen(const nlohmann::json& categories);
  // Merges the cached Signalen categories from the outbox (offline use).
  void merge_cached(Outbox& outbox);
};

}  // namespace kiosk

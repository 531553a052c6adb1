// The category tree (sync/model/categories.cpp): the shipped file complete in every language and routable
// by every adapter, the rules a file must keep (refused whole, with the place named, never an exception),
// lookups by "main/sub" and bare slug, and Signalen's promises merged over the shipped ones.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "contract_server.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/config.hpp"
#include "test_support.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

std::string shipped_text() {
  std::ifstream in(CategoryTree::default_file(), std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A small tree of format 1 with one category, to spoil one rule at a time.
json small_tree() {
  return json::parse(R"({"format":1,"categories":[{"slug":"afval","name":{"nl":"Afval"},"sub_categories":[
    {"slug":"grofvuil","name":{"nl":"Grofvuil"},"handling_message":{"nl":"Binnen 2 werkdagen.","en":"Within 2 days."},
     "signalen_sub_category":"/signals/v1/public/terms/categories/afval/sub_categories/grofvuil",
     "open311_service_code":"AF04"}]}],
    "question_topics":[{"slug":"parkeren","name":{"nl":"Parkeren"}}]})");
}

TEST(categories_test, shipped_tree_in_every_language_and_routable) {
  auto tree = CategoryTree::load_default();
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  ASSERT_FALSE(tree->categories.empty());
  ASSERT_FALSE(tree->question_topics.empty());
  for (const auto& c : tree->categories) {
    for (auto lang : kSupportedLanguages) EXPECT_TRUE(c.name.count(std::string(lang))) << c.slug << " " << lang;
    for (const auto& s : c.children) {
      for (auto lang : kSupportedLanguages) {
        EXPECT_TRUE(s.name.count(std::string(lang))) << s.slug << " " << lang;
        EXPECT_TRUE(s.handling_message.count(std::string(lang))) << s.slug << " " << lang;
      }
      EXPECT_FALSE(s.signalen_path.empty()) << s.slug;
      EXPECT_FALSE(s.open311_code.empty()) << s.slug;
    }
  }
  for (const auto& t : tree->question_topics)
    for (auto lang : kSupportedLanguages) EXPECT_TRUE(t.name.count(std::string(lang))) << t.slug << " " << lang;
}

TEST(categories_test, finds_main_sub_and_bare_slugs) {
  auto tree = CategoryTree::parse(small_tree().dump(), "small.json");
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  ASSERT_NE(tree->find("afval/grofvuil"), nullptr);
  EXPECT_EQ(tree->find("afval/grofvuil")->open311_code, "AF04");
  EXPECT_EQ(tree->find("grofvuil"), tree->find("afval/grofvuil"));
  EXPECT_EQ(tree->find("afval/none"), nullptr);
  EXPECT_EQ(tree->find("groen-en-water/grofvuil"), nullptr);
  EXPECT_EQ(tree->find("afval"), nullptr);
  EXPECT_EQ(tree->find(""), nullptr);
  EXPECT_NE(tree->main("afval"), nullptr);
  EXPECT_NE(tree->topic("parkeren"), nullptr);
  EXPECT_EQ(tree->topic("afval"), nullptr);
  EXPECT_EQ(tree->handling_message("afval/grofvuil", "en"), "Within 2 days.");
  EXPECT_EQ(tree->handling_message("afval/grofvuil", "uk"), "Binnen 2 werkdagen.");  // Dutch when missing
  EXPECT_EQ(tree->handling_message("afval/none", "nl"), "");
}

// Each rule of categories.hpp broken once: the whole file is refused, and the message names the place.
TEST(categories_test, a_broken_rule_refuses_the_file_and_names_the_place) {
  struct Case {
    const char* what;
    std::function<void(json&)> spoil;
    const char* place;
  };
  const Case cases[] = {
      {"format 2", [](json& j) { j["format"] = 2; }, "format is not 1"},
      {"no format", [](json& j) { j.erase("format"); }, "format is not 1"},
      {"format as text", [](json& j) { j["format"] = "1"; }, "format"},
      {"categories not a list", [](json& j) { j["categories"] = json::object(); }, "categories"},
      {"category not an object", [](json& j) { j["categories"].push_back(5); }, "categories.1 is not an object"},
      {"category without slug", [](json& j) { j["categories"][0].erase("slug"); }, "categories.0"},
      {"category slug an object",
       [](json& j) {
         j["categories"][0]["slug"] = {{"nl", "Afval"}};
       },
       "categories.0"},
      {"empty slug", [](json& j) { j["categories"][0]["slug"] = ""; }, "categories.0 has an empty slug"},
      {"same category twice", [](json& j) { j["categories"].push_back(j["categories"][0]); },
       "categories.1: slug 'afval' is there twice"},
      {"category without sub-categories", [](json& j) { j["categories"][0].erase("sub_categories"); },
       "categories.0 ('afval') has no sub-categories"},
      {"empty sub-categories", [](json& j) { j["categories"][0]["sub_categories"] = json::array(); },
       "has no sub-categories"},
      {"sub-category not an object", [](json& j) { j["categories"][0]["sub_categories"].push_back(nullptr); },
       "categories.0.sub_categories.1 is not an object"},
      {"sub slug a number", [](json& j) { j["categories"][0]["sub_categories"][0]["slug"] = 7; },
       "categories.0.sub_categories.0"},
      {"same sub-category twice",
       [](json& j) { j["categories"][0]["sub_categories"].push_back(j["categories"][0]["sub_categories"][0]); },
       "slug 'grofvuil' is there twice"},
      {"name a text", [](json& j) { j["categories"][0]["name"] = "Afval"; }, "categories.0"},
      {"name in a language a number", [](json& j) { j["categories"][0]["name"]["en"] = 3; },
       "categories.0.name.en is not text"},
      {"handling message invalid UTF-8",
       [](json& j) { j["categories"][0]["sub_categories"][0]["handling_message"]["tr"] = "@invalid@"; },
       "not valid UTF-8"},
      {"Signalen path a number", [](json& j) { j["categories"][0]["sub_categories"][0]["signalen_sub_category"] = 12; },
       "categories.0.sub_categories.0"},
      {"Open311 code a list", [](json& j) { j["categories"][0]["sub_categories"][0]["open311_service_code"] = {1}; },
       "categories.0.sub_categories.0"},
      {"topics not a list", [](json& j) { j["question_topics"] = "parkeren"; }, "question_topics"},
      {"topic not an object", [](json& j) { j["question_topics"].push_back(1); }, "question_topics.1 is not an object"},
      {"topic without slug", [](json& j) { j["question_topics"][0].erase("slug"); }, "question_topics.0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    json j = small_tree();
    c.spoil(j);
    std::string text = j.dump();
    if (auto at = text.find("@invalid@"); at != std::string::npos)
      text.replace(at, 9, "\xff");  // dump() would refuse it
    Result<CategoryTree> tree = make_error(Errc::io, "not run");
    EXPECT_NO_THROW(tree = CategoryTree::parse(text, "odd.json"));
    EXPECT_FALSE(tree.ok());
    if (tree.ok()) continue;
    EXPECT_EQ(tree.error().code, Errc::invalid_value);
    EXPECT_NE(tree.error().message.find("odd.json: not a category tree of format 1"), std::string::npos)
        << tree.error().message;
    EXPECT_NE(tree.error().message.find(c.place), std::string::npos) << tree.error().message;
  }
  // What may be absent: names, messages, routing, topics (null reads as absent).
  json j = small_tree();
  j.erase("question_topics");
  j["categories"][0].erase("name");
  j["categories"][0]["sub_categories"][0]["open311_service_code"] = nullptr;
  j["categories"][0]["sub_categories"][0].erase("handling_message");
  auto tree = CategoryTree::parse(j.dump(), "lean.json");
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->find("afval/grofvuil")->open311_code, "");
  EXPECT_TRUE(tree->question_topics.empty());
}

// Odd shapes found by tests/fuzz/category_tree_fuzz (a slug that is an object threw out of the kiosk's
// reader) and by the contract servers' odd values in every field of the shipped file: an error, never an
// exception, and a tree that loads has a slug on every node.
TEST(categories_test, odd_files_are_errors_not_crashes) {
  for (const char* text :
       {R"({"format":1,"categories":[{"slug":{"nl":"Afval"},"sub_categories":[{"slug":"x"}]}]})",
        R"({"format":1,"categories":[5]})", R"({"format":"1","categories":[]})", R"({"format":1e300,"categories":[]})",
        "[]", "", "{",
        R"({"format":1,"categories":[{"slug":"afval","sub_categories":[null,{"slug":7}]}],"question_topics":[1]})"}) {
    Result<CategoryTree> tree = make_error(Errc::io, "not run");
    EXPECT_NO_THROW(tree = CategoryTree::parse(text, "odd.json")) << text;
    EXPECT_FALSE(tree.ok()) << text;
    if (!tree.ok()) {
      EXPECT_EQ(tree.error().code, Errc::invalid_value) << text;
    }
  }

  test::TempDir dir;
  auto file = dir / "tree.json";
  std::string shipped = shipped_text();
  int errors = 0, n = 0;
  for (const auto& path : test::ContractServer::field_paths(json::parse(shipped), 1))
    for (test::Odd odd : test::kOddities) {
      SCOPED_TRACE(path + " " + test::odd_name(odd));
      std::ofstream(file, std::ios::binary | std::ios::trunc)
          << test::spoil_answer(shipped, test::OddAnswer{"", path, odd});
      Result<CategoryTree> tree = make_error(Errc::io, "not loaded");
      EXPECT_NO_THROW(tree = CategoryTree::load(file));
      ++n;
      if (!tree) {
        ++errors;
        EXPECT_NE(tree.error().message.find("not a category tree"), std::string::npos) << tree.error().message;
        continue;
      }
      for (const auto& main : tree->categories) {
        EXPECT_FALSE(main.slug.empty());
        for (const auto& sub : main.children) {
          EXPECT_FALSE(sub.slug.empty());
          EXPECT_NO_THROW((void)tree->handling_message(main.slug + "/" + sub.slug, "tr"));
          EXPECT_NO_THROW((void)tree->handling_message(sub.slug, "xx"));
        }
      }
    }
  EXPECT_GT(errors, 20);
  EXPECT_GE(n, 100);
}

TEST(categories_test, a_missing_file_is_an_io_error) {
  test::TempDir dir;
  auto tree = CategoryTree::load(dir / "none.json");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.error().code, Errc::io);
  EXPECT_NE(tree.error().message.find("none.json: cannot read the category tree"), std::string::npos)
      << tree.error().message;
}

// Signalen's own Dutch promise replaces the shipped one; translations, unknown categories and entries
// that cannot be read leave the tree as it is.
TEST(categories_test, signalen_promises_replace_the_dutch_one_only) {
  auto tree = CategoryTree::parse(small_tree().dump(), "small.json");
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  json answer = json::parse(R"({"results":[
    {"slug":"afval","sub_categories":[{"slug":"grofvuil","handling_message":"Binnen 5 werkdagen."},
                                      {"slug":"onbekend","handling_message":"Nooit."},
                                      {"slug":3,"handling_message":"Oneven."},
                                      {"slug":"grofvuil","handling_message":null}]},
    {"slug":"wegen","sub_categories":[{"slug":"grofvuil","handling_message":"Elders."}]},
    {"slug":null,"sub_categories":5}, 7]})");
  EXPECT_EQ(tree->merge_signalen(answer), 1u);
  EXPECT_EQ(tree->handling_message("afval/grofvuil", "nl"), "Binnen 5 werkdagen.");
  EXPECT_EQ(tree->handling_message("afval/grofvuil", "en"), "Within 2 days.");
  EXPECT_EQ(tree->merge_signalen(answer), 0u);  // already merged
  EXPECT_EQ(tree->merge_signalen(json::array()), 0u);
}

}  // namespace

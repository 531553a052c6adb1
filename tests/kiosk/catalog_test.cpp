// Language catalogs: versioned format, every key in every language, placeholders kept, category tree
// complete in every language.
#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/categories.hpp"
#include "kiosk/sync/config.hpp"

namespace kiosk::test {
namespace {

std::vector<std::string> all_languages() { return {"nl", "en", "tr", "pl", "uk", "ar"}; }

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  for (std::size_t i = s.find('{'); i != std::string::npos; i = s.find('{', i + 1)) {
    auto c = s.find('}', i);
    if (c != std::string::npos) out.insert(s.substr(i, c - i + 1));
  }
  return out;
}

TEST(catalog_test, every_key_in_every_language) {
  auto cats = core::Catalogs::load(core::catalog_dir(), all_languages());
  ASSERT_TRUE(cats.ok()) << cats.error().message;
  for (const auto& lang : all_languages()) {
    auto missing = cats->missing_keys(lang);
    std::string list;
    for (const auto& k : missing) list += k + " ";
    EXPECT_TRUE(missing.empty()) << lang << " lacks: " << list;
  }
  const auto& nl = cats->get("nl");
  EXPECT_GT(nl.strings().size(), 100u);
  for (const auto& lang : all_languages()) {
    const auto& c = cats->get(lang);
    for (const auto& [key, text] : nl.strings()) {
      EXPECT_FALSE(c.get(key).empty()) << lang << " " << key;
      EXPECT_EQ(placeholders(c.get(key)), placeholders(text)) << lang << " " << key;
    }
  }
  EXPECT_EQ(cats->get("uk").get("language.name"), "Українська");
  EXPECT_EQ(cats->get("tr").get("language.name"), "Türkçe");
}

TEST(catalog_test, missing_keys_are_detected) {
  auto a = core::Catalog::parse(R"({"format":1,"language":"nl","strings":{"a":"x","b":"y"}})", "a");
  auto b = core::Catalog::parse(R"({"format":1,"language":"en","strings":{"a":"x"}})", "b");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->get("b"), "b");  // a missing key shows as itself
  auto bad = core::Catalog::parse(R"({"format":2,"language":"nl","strings":{}})", "c");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(core::fill("Nog {n} seconden", {{"n", "20"}}), "Nog 20 seconden");
}

TEST(catalog_test, category_tree_has_every_language) {
  auto tree = core::CategoryTree::load(core::CategoryTree::default_file());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  for (const auto& c : tree->categories) {
    for (const auto& lang : all_languages()) EXPECT_TRUE(c.name.count(lang)) << c.slug << " " << lang;
    for (const auto& s : c.children)
      for (const auto& lang : all_languages()) {
        EXPECT_TRUE(s.name.count(lang)) << s.slug << " " << lang;
        EXPECT_TRUE(s.handling_message.count(lang)) << s.slug << " " << lang;
      }
  }
  EXPECT_NE(tree->find("afval/grofvuil"), nullptr);
  EXPECT_EQ(tree->find("afval/none"), nullptr);
}

TEST(catalog_test, demo_polls_and_news_in_every_language) {
  Config c = demo_config();
  ASSERT_FALSE(c.polls.empty());
  ASSERT_FALSE(c.news.empty());
  for (const auto& lang : c.kiosk.languages) {
    EXPECT_TRUE(c.polls[0].question.by_language.count(lang)) << lang;
    for (const auto& n : c.news) EXPECT_TRUE(n.text.by_language.count(lang)) << lang;
  }
}

}  // namespace
}  // namespace kiosk::test

// Odd shapes in a category tree file are an error or an empty slug, never an exception (found by
// tests/fuzz/category_tree_fuzz: a slug that is an object threw out of CategoryTree::parse).
TEST(catalog_test, category_tree_of_the_wrong_shape_is_an_error) {
  for (const char* text : {R"({"format":1,"categories":[{"slug":{"nl":"Afval"},"sub_categories":[{"slug":"x"}]}]})",
                           R"({"format":1,"categories":[5]})", R"({"format":"1","categories":[]})",
                           R"({"format":1e300,"categories":[]})",
                           R"({"format":1,"categories":[{"slug":"afval","sub_categories":[null,{"slug":7}]}],"question_topics":[1]})"}) {
    kiosk::Result<kiosk::core::CategoryTree> tree = kiosk::make_error(kiosk::Errc::io, "not run");
    EXPECT_NO_THROW(tree = kiosk::core::CategoryTree::parse(text, "odd.json")) << text;
    if (tree.ok()) {
      for (const auto& c : tree->categories) EXPECT_FALSE(c.slug.empty()) << text;
    } else {
      EXPECT_EQ(tree.error().code, kiosk::Errc::invalid_value) << text;
    }
  }
  // The first one is refused: its only category has no slug.
  EXPECT_FALSE(kiosk::core::CategoryTree::parse(R"({"format":1,"categories":[{"slug":{"nl":"Afval"},"sub_categories":[{"slug":"x"}]}]})", "odd.json").ok());
}

// Language catalogs: versioned format, every key in every language, placeholders kept; the demo polls
// and news in every language. (The category tree: tests/sync/categories_test.cpp.)
#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/catalog.hpp"
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

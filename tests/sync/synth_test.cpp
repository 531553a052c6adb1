// Tests for the synthetic submission generator: deterministic, valid, varied, realistic mix, and its
// category slugs match the shipped category tree.
#include "kiosk/sync/synth.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "kiosk/sync/validate.hpp"

using namespace kiosk;

namespace {
nlohmann::json category_tree() {
  std::ifstream in(std::string(KIOSK_SOURCE_ASSETS_DIR) + "/categories/default.json");
  return nlohmann::json::parse(in);
}
}  // namespace

TEST(synth_test, same_seed_same_output_and_prefix_stable) {
  auto a = synth_submissions(5, 200);
  auto b = synth_submissions(5, 200);
  auto c = synth_submissions(6, 200);
  auto longer = synth_submissions(5, 400);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), longer.begin()));
}

TEST(synth_test, every_submission_is_valid_and_times_increase) {
  auto subs = synth_submissions(11, 3000);
  std::int64_t last = 0;
  for (auto s : subs) {
    auto errors = validate_all(s);
    ASSERT_TRUE(errors.empty()) << errors.front().message << " in " << to_json(s).dump();
    EXPECT_TRUE(s.uuid.empty());
    EXPECT_TRUE(s.reference.empty());
    EXPECT_GT(s.created_at_ms, last);
    last = s.created_at_ms;
    EXPECT_EQ(s.text, strip_controls(s.text, true));  // already normalised
  }
}

TEST(synth_test, language_and_kind_mix) {
  std::map<std::string, int> langs;
  std::map<Kind, int> kinds;
  const int n = 5000;
  for (const auto& s : synth_submissions(21, n)) {
    ++langs[s.language];
    ++kinds[s.kind];
  }
  EXPECT_NEAR(langs["nl"] / double(n), 0.60, 0.04);
  for (auto l : {"en", "tr", "pl", "uk", "ar"}) EXPECT_GT(langs[l], n / 50) << l;
  EXPECT_NEAR(kinds[Kind::report] / double(n), 0.45, 0.04);
  EXPECT_NEAR(kinds[Kind::question] / double(n), 0.35, 0.04);
  EXPECT_GT(kinds[Kind::idea], n / 20);
  EXPECT_GT(kinds[Kind::poll], n / 40);
}

TEST(synth_test, report_categories_exist_in_the_tree) {
  auto tree = category_tree();
  std::set<std::string> known;
  for (const auto& main : tree["categories"])
    for (const auto& sub : main["sub_categories"])
      known.insert(main["slug"].get<std::string>() + "/" + sub["slug"].get<std::string>());
  // A question's topic is stored as the topic's name in the screen language, as the kiosk does.
  std::set<std::string> topics;
  for (const auto& t : tree["question_topics"])
    for (const auto& [lang, name] : t["name"].items()) topics.insert(lang + ":" + name.get<std::string>());
  std::set<std::string> used;
  for (const auto& s : synth_submissions(3, 4000)) {
    if (s.kind == Kind::report) {
      EXPECT_TRUE(known.count(s.category)) << s.category;
      used.insert(s.category);
    }
    if (s.kind == Kind::question) {
      if (!s.topic.empty()) {
        EXPECT_TRUE(topics.count(s.language + ":" + s.topic)) << s.language << ":" << s.topic;
      }
    }
  }
  EXPECT_GT(used.size(), known.size() * 9 / 10);  // nearly every sub category appears
}

TEST(synth_test, category_tree_has_every_language) {
  auto tree = category_tree();
  const char* langs[] = {"nl", "en", "tr", "pl", "uk", "ar"};
  for (const auto& main : tree["categories"]) {
    for (auto l : langs) EXPECT_FALSE(main["name"].value(l, "").empty()) << main["slug"] << " " << l;
    for (const auto& sub : main["sub_categories"])
      for (auto l : langs) {
        EXPECT_FALSE(sub["name"].value(l, "").empty()) << sub["slug"] << " " << l;
        EXPECT_FALSE(sub["handling_message"].value(l, "").empty()) << sub["slug"] << " " << l;
      }
  }
}

TEST(synth_test, texts_are_varied) {
  std::set<std::string> texts;
  int with_text = 0;
  for (const auto& s : synth_submissions(8, 2000)) {
    if (!s.text.empty()) {
      ++with_text;
      texts.insert(s.text);
    }
  }
  EXPECT_GE(texts.size() * 10, static_cast<std::size_t>(with_text) * 8);
}

TEST(synth_test, phrase_halves_do_not_share_sentences) {
  SynthOptions even, odd;
  even.phrase_half = 0;
  odd.phrase_half = 1;
  std::set<std::string> a, b;
  auto first_sentence = [](const std::string& t) { return t.substr(0, t.find_first_of(".?") + 1); };
  // Dutch pools are large enough to split; a one-phrase pool serves both halves.
  for (const auto& s : synth_submissions(1, 500, even)) {
    if (s.kind == Kind::question && s.language == "nl") a.insert(first_sentence(s.text));
  }
  for (const auto& s : synth_submissions(1, 500, odd)) {
    if (s.kind == Kind::question && s.language == "nl") b.insert(first_sentence(s.text));
  }
  ASSERT_GT(a.size(), 5u);
  for (const auto& t : a) EXPECT_EQ(b.count(t), 0u) << t;
}

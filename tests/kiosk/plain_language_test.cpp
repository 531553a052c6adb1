// The plain-language lint (accessibility criterion A22, Dutch B1): its sentence and word rules, its word
// list format, and the Dutch catalog held to it.
#include "kiosk/core/plain_language.hpp"

#include <gtest/gtest.h>

namespace kiosk::test {
namespace {

core::PlainLanguageRules rules_with(std::vector<core::DifficultWord> words) {
  core::PlainLanguageRules r;
  r.difficult = std::move(words);
  return r;
}

TEST(plain_language_test, sentences_split_at_end_marks_and_line_breaks) {
  auto s = core::split_sentences("Klopt dit? Ja.\nKies een plek: hier of daar. Om 12.30 uur");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], "Klopt dit?");
  EXPECT_EQ(s[1], "Ja.");
  EXPECT_EQ(s[2], "Kies een plek:");
  EXPECT_EQ(s[3], "hier of daar.");
  EXPECT_EQ(s[4], "Om 12.30 uur");  // no space after the point: not a sentence end
}

TEST(plain_language_test, words_keep_hyphens_and_count_a_placeholder_once) {
  auto w = core::sentence_words("Wacht {n} seconden, e-mail naar naam@voorbeeld.nl… ja!");
  std::vector<std::string> want = {"Wacht", "{n}", "seconden", "e-mail", "naar", "naam", "voorbeeld", "nl", "ja"};
  EXPECT_EQ(w, want);
}

TEST(plain_language_test, a_long_sentence_and_a_difficult_word_are_found_with_the_fix) {
  core::Catalog nl("nl", {{"a.long", "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                                     "veertien vijftien zestien."},
                          {"a.ok", "Een korte zin. Nog een."},
                          {"a.word", "De gemeente mag mij Benaderen."},
                          {"a.phrase", "Uw melding is in behandeling."},
                          {"a.part", "Het is een anonieme melding."},
                          {"tech.x", "De gemeente mag mij benaderen."}});
  auto found = core::lint_plain_language(nl, rules_with({{"benaderen", "bellen of mailen"},
                                                         {"in behandeling", "we werken eraan"},
                                                         {"anoniem", "x"}}));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].key, "a.long");
  EXPECT_EQ(found[0].problem, "16 words (at most 15)");
  EXPECT_EQ(found[1].key, "a.phrase");
  EXPECT_EQ(found[2].key, "a.word");
  EXPECT_EQ(found[2].problem, "'benaderen': write 'bellen of mailen'");
}

TEST(plain_language_test, the_word_list_format_is_checked) {
  EXPECT_FALSE(core::parse_difficult_words("benaderen\tbellen\n", "x.tsv").ok());  // no header
  auto no_tab = core::parse_difficult_words("# plain-language word list, format 1\nbenaderen bellen\n", "x.tsv");
  ASSERT_FALSE(no_tab.ok());
  EXPECT_NE(no_tab.error().message.find("x.tsv:2"), std::string::npos) << no_tab.error().message;
  auto twice = core::parse_difficult_words("# plain-language word list, format 1\na\tb\n# c\n\nA\tc\n", "x.tsv");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("x.tsv:5"), std::string::npos) << twice.error().message;
  auto ok = core::parse_difficult_words("# plain-language word list, format 1\n# comment\nIndien\tals\n", "x.tsv");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].word, "indien");
}

// Every citizen-facing Dutch sentence is short and free of the listed difficult words.
TEST(plain_language_test, the_dutch_catalog_is_plain_language) {
  auto words = core::load_difficult_words(core::difficult_words_file("nl"));
  ASSERT_TRUE(words.ok()) << words.error().message;
  EXPECT_GT(words->size(), 40u);
  auto nl = core::Catalog::load(core::catalog_dir() / "nl.json");
  ASSERT_TRUE(nl.ok()) << nl.error().message;
  auto found = core::lint_plain_language(*nl, rules_with(*words));
  for (const auto& f : found) ADD_FAILURE() << f.key << ": \"" << f.sentence << "\": " << f.problem;
}

}  // namespace
}  // namespace kiosk::test

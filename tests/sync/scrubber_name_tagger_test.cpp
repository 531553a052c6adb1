// The scrubber's statistical name tagger (sync/privacy/name_tagger.cpp): the shipped model file, its parser
// (damaged and wrong-version files are refused with a typed error and the scrubber falls back to its rules),
// the spans it builds, and names without a cue or gazetteer entry that only the tagger finds.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../../sync/privacy/lists.hpp"
#include "../../sync/privacy/name_tagger.hpp"
#include "kiosk/sync/scrubber.hpp"

using namespace kiosk;
using privacy::NameTagger;
using privacy::TaggerError;
using privacy::TaggerFault;

namespace {

std::string shipped_path() { return std::string(KIOSK_SOURCE_ASSETS_DIR) + "/privacy/name_tagger.txt"; }

std::string shipped_text() {
  std::ifstream in(shipped_path(), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The names find_personal_data removes, joined by "|".
std::string names(std::string_view text) {
  std::string out;
  for (const PiiSpan& sp : find_personal_data(text))
    if (sp.kind == PiiKind::name)
      out += (out.empty() ? "" : "|") + std::string(text.substr(sp.begin, sp.end - sp.begin));
  return out;
}

// Switches the scanner's model for one test and back to the shipped one after it.
struct UseModel {
  explicit UseModel(const NameTagger* m) { privacy::use_name_tagger(m); }
  ~UseModel() { privacy::use_shipped_name_tagger(); }
};

}  // namespace

TEST(scrubber_name_tagger_test, shipped_model_loads_and_is_reported_ok) {
  TaggerError e{};
  const auto m = NameTagger::load(shipped_path(), &e);
  ASSERT_TRUE(m) << e.message;
  EXPECT_GT(m->threshold(), 0.0);
  EXPECT_LT(m->threshold(), 1.0);
  EXPECT_TRUE(privacy::name_tagger_status()) << privacy::name_tagger_status().error().message;
  EXPECT_TRUE(scrubber_model_status());
}

TEST(scrubber_name_tagger_test, serialise_and_parse_round_trip) {
  std::vector<float> w(256, 0.0f);
  w[3] = 1.5f;
  w[200] = -0.25f;
  const NameTagger m(8, 0.6, 0.4, w);
  TaggerError e{};
  const auto back = NameTagger::parse(m.serialise({"a comment"}), &e);
  ASSERT_TRUE(back) << e.message;
  EXPECT_EQ(back->bits(), 8);
  EXPECT_DOUBLE_EQ(back->threshold(), 0.6);
  EXPECT_DOUBLE_EQ(back->extend(), 0.4);
  EXPECT_EQ(back->weights(), w);
  // probability: the logistic of the summed weights of the features' buckets (modulo 2^bits)
  EXPECT_NEAR(back->probability({3, 3 + 256}), 1.0 / (1.0 + std::exp(-3.0)), 1e-9);
  EXPECT_NEAR(back->probability({200}), 1.0 / (1.0 + std::exp(0.25)), 1e-9);
}

TEST(scrubber_name_tagger_test, damaged_or_wrong_version_files_are_refused_with_their_fault) {
  const std::string good = shipped_text();
  ASSERT_FALSE(good.empty());
  const auto fault_of = [](const std::string& text) -> std::optional<TaggerFault> {
    TaggerError e{};
    if (NameTagger::parse(text, &e)) return std::nullopt;
    EXPECT_FALSE(e.message.empty());
    return e.fault;
  };
  EXPECT_EQ(fault_of(good), std::nullopt);
  // truncated in the middle of the weights, and without its last line
  EXPECT_EQ(fault_of(good.substr(0, good.size() / 2)), TaggerFault::damaged);
  EXPECT_EQ(fault_of(good.substr(0, good.rfind("end"))), TaggerFault::damaged);
  EXPECT_EQ(fault_of(""), TaggerFault::damaged);
  EXPECT_EQ(fault_of("not a model\n"), TaggerFault::damaged);
  // a newer format or another feature set
  std::string newer = good;
  newer.replace(newer.find("kiosk-name-tagger 1"), 19, "kiosk-name-tagger 2");
  EXPECT_EQ(fault_of(newer), TaggerFault::wrong_version);
  std::string other_features = good;
  other_features.replace(other_features.find("\nfeatures "), 11, "\nfeatures 9");
  EXPECT_EQ(fault_of(other_features), TaggerFault::wrong_version);
  // a weight that is no number, a bucket out of range, buckets out of order, trailing text
  const std::size_t first = good.find('\n', good.find("\nweights ") + 1) + 1;
  std::string bad = good;
  bad.insert(bad.find(' ', first) + 1, "x");
  EXPECT_EQ(fault_of(bad), TaggerFault::damaged);
  std::string out_of_range = good;
  out_of_range.insert(first, "9");
  out_of_range.insert(first, "99999999");
  EXPECT_EQ(fault_of(out_of_range), TaggerFault::damaged);
  EXPECT_EQ(fault_of(good + "1 0.5\n"), TaggerFault::damaged);
  TaggerError e{};
  EXPECT_FALSE(NameTagger::load("/nonexistent/name_tagger.txt", &e));
  EXPECT_EQ(e.fault, TaggerFault::missing);
}

// The scanner adds the model's names to the rules' (a union): a model whose weights favour the features of two
// words finds them where the rules find nothing; without a model the rules alone run.
TEST(scrubber_name_tagger_test, adds_the_models_names_to_the_rules) {
  const std::string text = "Gisteren heeft Zwanetje Oosterbroek de afvalbak omgegooid bij het station.";
  const std::string cued = "Mijn naam is Sanne de Groot, de lantaarnpaal doet het niet.";
  constexpr int kBits = 16;
  std::vector<float> w(std::size_t{1} << kBits, 0.0f);
  const privacy::Input in(text);
  for (const auto& t : privacy::tagger_tokens(in)) {
    const std::string word = text.substr(t.begin, t.end - t.begin);
    const float sign = word == "Zwanetje" || word == "Oosterbroek" ? 1.0f : -1.0f;
    for (std::uint32_t f : t.features) w[f & ((1u << kBits) - 1)] += sign;
  }
  const NameTagger model(kBits, 0.5, 0.5, std::move(w));
  {
    UseModel rules_only(nullptr);
    EXPECT_EQ(names(text), "");
    EXPECT_EQ(names(cued), "Sanne de Groot");
  }
  {
    UseModel tagger(&model);
    EXPECT_EQ(names(text), "Zwanetje Oosterbroek");
    EXPECT_EQ(names(cued), "Sanne de Groot");
  }
}

// A damaged model file among the assets: the scrubber reports it (not as missing word lists, which stop the
// public channel) and runs on its rules (in a fresh process, as
// the assets are read once per process).
TEST(scrubber_name_tagger_test, damaged_shipped_model_falls_back_to_the_rules) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "scrubber_name_tagger_test_assets";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy(std::string(KIOSK_SOURCE_ASSETS_DIR) + "/privacy", dir / "privacy",
                        std::filesystem::copy_options::recursive);
  const std::string text = shipped_text();
  std::ofstream(dir / "privacy" / "name_tagger.txt", std::ios::binary | std::ios::trunc)
      << text.substr(0, text.size() / 3);
  EXPECT_EXIT(
      {
        setenv("KIOSK_ASSETS_DIR", dir.c_str(), 1);
        const auto st = scrubber_model_status();
        const bool lists = scrubber_data_status().ok();  // the public channel keeps posting (rules only)
        const bool reported = !st && st.error().code == Errc::invalid_value &&
                              st.error().message.find("name tagger") != std::string::npos;
        const bool rules = names("Mijn naam is Sanne de Groot, de lantaarnpaal doet het niet.") == "Sanne de Groot";
        std::exit(reported && lists && rules ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  std::filesystem::remove_all(dir);
}

TEST(scrubber_name_tagger_test, spans_join_neighbouring_name_words_and_tussenvoegsels) {
  const std::string s = "Jan van der Berg, Piet en Kees";
  const privacy::Input in(s);
  const auto tokens = privacy::tagger_tokens(in);
  ASSERT_EQ(tokens.size(), 7u);
  // Jan, Berg, Piet, Kees tagged; van, der between two name words go with them; "en" does not
  const std::vector<double> p{0.9, 0.1, 0.1, 0.9, 0.9, 0.1, 0.9};
  privacy::Spans out;
  privacy::tagged_spans(s, tokens, p, 0.5, 0.5, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(s.substr(out[0].begin, out[0].end - out[0].begin), "Jan van der Berg");
  EXPECT_EQ(s.substr(out[1].begin, out[1].end - out[1].begin), "Piet");
  EXPECT_EQ(s.substr(out[2].begin, out[2].end - out[2].begin), "Kees");
}

// A street named after a person is a street (scrubber.hpp's decision): the words before a street word, joined by
// spaces and tussenvoegsels, are vetoed for the tagger however name-like they look.
TEST(scrubber_name_tagger_test, the_words_of_a_street_named_after_a_person_are_never_names) {
  const std::string s = "De Anne Frankstraat en de Johan de Wittlaan, Juliana laan en Kees Visser.";
  const privacy::Input in(s);
  std::string vetoed;
  for (const auto& t : privacy::tagger_tokens(in))
    if (t.never) vetoed += s.substr(t.begin, t.end - t.begin) + "|";
  EXPECT_NE(vetoed.find("Anne|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Johan|de|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Juliana|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Kees|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Visser|"), std::string::npos) << vetoed;
}

// A listed town is never a name for the tagger either ("the bus goes through Heerenveen, Joure and Sneek"; added after
// the eighth part was measured).
TEST(scrubber_name_tagger_test, a_listed_town_is_no_name) {
  EXPECT_EQ(scrub_personal_data("Busku wuxuu maraa Heerenveen, Joure iyo Sneek.").text,
            "Busku wuxuu maraa Heerenveen, Joure iyo Sneek.");
}

// A word with a Turkish locative ending after an apostrophe is a place ("Zwolle'de", in Zwolle; no name in the
// labelled set carries one), and a title after a name ("Abi", "Hanım") is no part of it: both vetoed for the tagger
// (added after the ninth part was measured).
TEST(scrubber_name_tagger_test, a_turkish_locative_and_a_title_after_a_name_are_never_names) {
  const std::string s = "Dün Zwolle'de Turgay Abi ve Şengül Hanım'ı gördüm, Ahmet'in evinde.";
  const privacy::Input in(s);
  std::string vetoed;
  for (const auto& t : privacy::tagger_tokens(in))
    if (t.never) vetoed += s.substr(t.begin, t.end - t.begin) + "|";
  EXPECT_NE(vetoed.find("Zwolle'de|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Abi|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Hanım'ı|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Turgay|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Ahmet'in|"), std::string::npos) << vetoed;
}

// A Latin word after a place preposition or a building's noun ("szkoła"), and a birth cue ("Urodzona"), are vetoed
// for the tagger too (added after the ninth part was measured).
TEST(scrubber_name_tagger_test, places_schools_and_birth_cues_are_never_names) {
  const std::string s = "Imię Beata. Urodzona w Bredzie, szkoła De Linde, ኣብ Steenbergen, Anna.";
  const privacy::Input in(s);
  std::string vetoed;
  for (const auto& t : privacy::tagger_tokens(in))
    if (t.never) vetoed += s.substr(t.begin, t.end - t.begin) + "|";
  EXPECT_NE(vetoed.find("Urodzona|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Bredzie|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Linde|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Steenbergen|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Beata|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Anna|"), std::string::npos) << vetoed;
}

// The name of a building after its noun ("het zwembad Krommerijn", [named_place]) and a street word right before a
// house number ("Grote Kerkhof 1") are vetoed for the tagger (the tagger retrained with part 9 took both; added after
// the ninth part was measured).
TEST(scrubber_name_tagger_test, a_buildings_name_and_a_street_before_its_number_are_never_names) {
  const std::string s = "Het zwembad Krommerijn is dicht, de ingang is aan de Grote Kerkhof 1 bij Petra Hol.";
  const privacy::Input in(s);
  std::string vetoed;
  for (const auto& t : privacy::tagger_tokens(in))
    if (t.never) vetoed += s.substr(t.begin, t.end - t.begin) + "|";
  EXPECT_NE(vetoed.find("Krommerijn|"), std::string::npos) << vetoed;
  EXPECT_NE(vetoed.find("Kerkhof|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Petra|"), std::string::npos) << vetoed;
  EXPECT_EQ(vetoed.find("Hol|"), std::string::npos) << vetoed;
}

namespace {
// The spans tagged_spans adds to `rules` (the rules' spans found before it), as text joined by "|".
std::string grown(const std::string& s, const std::vector<double>& p, const std::vector<std::string>& rule_names,
                  double threshold = 0.5, double extend = 0.1) {
  const privacy::Input in(s);
  const auto tokens = privacy::tagger_tokens(in);
  EXPECT_EQ(tokens.size(), p.size()) << s;
  if (tokens.size() != p.size()) return "";
  privacy::Spans out;
  for (const std::string& r : rule_names) {
    const std::size_t b = s.find(r);
    if (b != std::string::npos) out.push_back(PiiSpan{b, b + r.size(), PiiKind::name});
  }
  const std::size_t rules = out.size();
  privacy::tagged_spans(s, tokens, p, threshold, extend, out);
  std::string text;
  for (std::size_t i = rules; i < out.size(); ++i)
    text += (text.empty() ? "" : "|") + s.substr(out[i].begin, out[i].end - out[i].begin);
  return text;
}
// The words the tagger vetoes (TaggedToken::never), each followed by "|".
std::string vetoed(const std::string& s) {
  std::string v;
  for (const auto& t : privacy::tagger_tokens(privacy::Input(s)))
    if (t.never) v += s.substr(t.begin, t.end - t.begin) + "|";
  return v;
}
}  // namespace

// A name the rules found grows too: a name-shaped word next to it needs only the extension threshold ("Jelte" at 0.3
// before the rules' "Bakker"); the rules' own words alone are not added again (added after the seventeenth part was
// measured).
TEST(scrubber_name_tagger_test, a_name_the_rules_found_grows_over_its_neighbours) {
  EXPECT_EQ(grown("Inschrijving: Jelte Bakker graag", {0.0, 0.3, 0.2, 0.0}, {"Bakker"}), "Jelte Bakker");
  EXPECT_EQ(grown("Inschrijving: Jelte Bakker graag", {0.0, 0.05, 0.2, 0.0}, {"Bakker"}), "");
  EXPECT_EQ(grown("Inschrijving: jelte Bakker graag", {0.0, 0.3, 0.2, 0.0}, {"Bakker"}), "");  // not name-shaped
  // caseless words need at least 0.4 however low the model's extension threshold ("عبد الكريم غدا": tomorrow)
  EXPECT_EQ(grown("اتصلوا بالسيد عبد الكريم غدا", {0.0, 0.0, 0.0, 0.0, 0.3}, {"عبد الكريم"}), "");
  EXPECT_EQ(grown("أنا الطيب إبراهيم من هنا", {0.0, 0.45, 0.0, 0.0, 0.0}, {"إبراهيم"}), "الطيب إبراهيم");
}

// In capitals, a listed name next to a name in capitals goes with it ("RAMAZAN YÜCEL"; capitals are otherwise vetoed:
// "BRP", "ABNA"); after an article a capitalised phrase is a thing ("The Maternity Ward"); a name the rules found inside
// the first or last word keeps the rules' edges ("ንኣማኑኤል": the object prefix stays outside) (added after the
// seventeenth part was measured).
TEST(scrubber_name_tagger_test, capitals_articles_and_the_rules_edges) {
  EXPECT_EQ(grown("ARAYIN. RAMAZAN YÜCEL", {0.0, 0.0, 0.0}, {"YÜCEL"}), "RAMAZAN YÜCEL");
  EXPECT_EQ(grown("ARAYIN. BRP YÜCEL", {0.0, 0.0, 0.0}, {"YÜCEL"}), "");
  EXPECT_EQ(grown("The Maternity Ward, born here.", {0.0, 0.3, 0.9, 0.0, 0.0}, {}), "");
  EXPECT_EQ(grown("Ask Maternity Ward, born here.", {0.0, 0.3, 0.9, 0.0, 0.0}, {}), "Maternity Ward");
  EXPECT_EQ(grown("ሕቶ ኣሎኒ፡ ንኣማኑኤል ደውሉሉ።", {0.0, 0.0, 0.9, 0.0}, {"ኣማኑኤል"}), "ኣማኑኤል");
}

// The tagger's vetoes for a kunya's first word alone ("أم" is also "or") and for a word glued to digits (Arabic in
// Latin letters: "tse7at"); a listed name that ends like a street ("Bakker", "Adam") vetoes nothing before it (added
// after the seventeenth part was measured).
TEST(scrubber_name_tagger_test, kunya_words_arabizi_and_street_shaped_surnames) {
  EXPECT_NE(vetoed("هل الحديقة مفتوحة أم مغلقة").find("أم|"), std::string::npos);
  EXPECT_NE(vetoed("lbare7 sa7bti fatima tse7at").find("tse|"), std::string::npos);
  EXPECT_EQ(vetoed("lbare7 sa7bti fatima tse7at").find("fatima|"), std::string::npos);
  EXPECT_EQ(vetoed("Inschrijving: Jelte Bakker").find("Jelte|"), std::string::npos);
  EXPECT_EQ(vetoed("Bel Jan Adam Smith").find("Jan|"), std::string::npos);
  EXPECT_NE(vetoed("De Anne Frankstraat is dicht").find("Anne|"), std::string::npos);
}

// The outside lexicon (OpenTaal's Dutch dictionary, assets/privacy/lexicon/): read with the word lists, its persons
// and its places apart (feature set 2).
TEST(scrubber_name_tagger_test, the_opentaal_lexicon_is_read) {
  EXPECT_TRUE(privacy::word_list("dic_person").contains("jelte"));
  EXPECT_TRUE(privacy::word_list("dic_proper").contains("milsbeek"));
  EXPECT_FALSE(privacy::word_list("dic_person").contains("milsbeek"));
  EXPECT_EQ(privacy::kFeatureVersion, 2);
}

// A name grows across tussenvoegsels ("Sietske de Haan": 0.54, -, 0.23); the words before a street word are vetoed
// only for the endings of streets named after persons ("Anne Frankstraat"), or before a house number: "Hulshof",
// "Bloemhof" end like streets and are surnames (added after the eighteenth part was measured).
TEST(scrubber_name_tagger_test, across_tussenvoegsels_and_surnames_that_end_like_streets) {
  EXPECT_EQ(grown("woźna, Sietske de Haan, ale", {0.0, 0.9, 0.0, 0.23, 0.0}, {}), "Sietske de Haan");
  EXPECT_EQ(grown("woźna, Sietske de haan, ale", {0.0, 0.9, 0.0, 0.23, 0.0}, {}), "Sietske");
  EXPECT_EQ(vetoed("met een labeltje Hennie Bloemhof erop").find("Hennie|"), std::string::npos);
  EXPECT_NE(vetoed("Hij woont op de Hennie Bloemhof 12").find("Hennie|"), std::string::npos);
  EXPECT_NE(vetoed("de Anne Frankstraat is dicht").find("Anne|"), std::string::npos);
}

// A listed town right after a first name, capitalised, is the surname ("Wendelien Schothorst", "Albertus Bosch"); not
// before it, not after a preposition's word, not at a sentence's start (added after the nineteenth part was measured).
TEST(scrubber_name_tagger_test, a_listed_town_after_a_first_name_is_a_surname) {
  ASSERT_TRUE(privacy::word_list("town").contains("bosch"));
  EXPECT_EQ(grown("het graf van Albertus Bosch en", {0.0, 0.0, 0.0, 0.9, 0.3, 0.0}, {}), "Albertus Bosch");
  EXPECT_EQ(grown("het graf van Albertus Bosch en", {0.0, 0.0, 0.0, 0.9, 0.05, 0.0}, {}), "Albertus");
  EXPECT_EQ(grown("naar Bosch Albertus ging", {0.0, 0.3, 0.9, 0.0}, {}), "Albertus");
  EXPECT_EQ(grown("Ik heet Albertus. Bosch is mooi", {0.0, 0.0, 0.9, 0.3, 0.0, 0.0}, {}), "Albertus");
}

// A statistical name tagger (internal to sync/privacy/): a logistic-regression classifier over hashed token
// features (shape, script, affixes, neighbouring words, cue and gazetteer context, position), trained offline on
// the development parts of the labelled privacy set by bench/name_tagger_train.cpp. It finds names the rules
// miss (no cue, not in a gazetteer); the scrubber takes the union of both (find_tagged_names, scanners.hpp).
//
// The model is a versioned data file, <assets>/privacy/name_tagger.txt (format below, how it was made in its
// header). A missing, damaged or wrong-version file is refused with a typed error; the scrubber then runs on
// its rules only and scrubber_data_status() names the fault.
//
//   # comment lines (how the file was made)
//   kiosk-name-tagger 1        format version
//   features 1                 feature-set version (kFeatureVersion: the code that computes the features)
//   bits 17                    2^bits hashed feature buckets
//   threshold 0.6              a token with probability >= threshold is (part of) a name
//   extend 0.4                 a name-shaped word right next to a name needs only this (<= threshold)
//   weights N                  then N lines "<bucket> <weight>" (buckets ascending), then "end"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanners.hpp"

namespace kiosk::privacy {

inline constexpr int kTaggerFormatVersion = 1;
inline constexpr int kFeatureVersion = 2;  // 2: the OpenTaal lexicon ([dic_person], [dic_proper])

// One word of the text with its hashed features (bucket numbers before the modulo: any bits).
struct TaggedToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool tussenvoegsel = false;  // "van", "de": taken between two name words
  // The rules' vetoes, which the tagger keeps: a word that is never a name ([name_stop], sign-offs, institutions,
  // streets …, a word of a cue phrase: "راجلي") or in capitals only ("ABNA", "BRP"), and a name after a public title or a saint ("wethouder K.
  // Smit", "Saint Michael"): public, not a citizen's.
  bool never = false;
  bool after_title = false;
  bool capitalised = false;     // a capital first letter (no initial)
  bool caseless = false;        // Arabic or Ge'ez
  bool institution = false;     // "Buurtteam", "Gemeente"
  bool sentence_start = false;  // the word starts a sentence
  bool capitals = false;        // in capitals only ("RAMAZAN")
  bool listed = false;          // in a name gazetteer or the lexicon's [dic_person], whatever the copy's features
  bool town_only = false;       // vetoed as a listed town and for nothing else (a surname too after a first name)
  std::vector<std::uint32_t> features;
};
// The words of the text and their features (shared by the scanner and the trainer). The trainer also asks for
// them as if no word were in the gazetteer: the gazetteers were written with the training parts in view, so
// there nearly every name is listed, on new text not; a model trained on both copies learns the shape and
// context of names, not only the list.
std::vector<TaggedToken> tagger_tokens(const Input& in, bool gazetteer = true);

enum class TaggerFault { missing, damaged, wrong_version };
struct TaggerError {
  TaggerFault fault;
  std::string message;
};

class NameTagger {
 public:
  // A model from its file text; nullopt and *error on a fault.
  static std::optional<NameTagger> parse(std::string_view text, TaggerError* error);
  static std::optional<NameTagger> load(const std::string& path, TaggerError* error);
  // A model from trained weights (the trainer); weights.size() must be 2^bits.
  NameTagger(int bits, double threshold, double extend, std::vector<float> weights);

  double probability(const std::vector<std::uint32_t>& features) const;
  double threshold() const { return threshold_; }
  double extend() const { return extend_; }
  int bits() const { return bits_; }
  const std::vector<float>& weights() const { return weights_; }
  // The file text (format above) with the given comment lines first.
  std::string serialise(const std::vector<std::string>& comments) const;

 private:
  int bits_ = 0;
  double threshold_ = 0.5;
  double extend_ = 0.5;
  std::vector<float> weights_;
};

// The name spans of the tokens whose probability is >= threshold, and of capitalised or caseless words right
// next to them (one space) whose probability is >= extend: neighbouring name words (only spaces, a dot or a
// hyphen between them) are one span, a tussenvoegsel between two name words goes with them; the rules'
// vetoes hold (TaggedToken::never, a span after a title is dropped).
void tagged_spans(std::string_view s, const std::vector<TaggedToken>& tokens, const std::vector<double>& probability,
                  double threshold, double extend, Spans& out);

// The model the scanner uses: the shipped one (read once at first use), or for tools and tests another one or
// none (rules only). Not to be switched while another thread scrubs.
void use_name_tagger(const NameTagger* model);  // nullptr: rules only
void use_shipped_name_tagger();
// ok, or the fault of the shipped model (Errc::io when missing, Errc::invalid_value when damaged or of
// another version).
Result<void> name_tagger_status();

}  // namespace kiosk::privacy

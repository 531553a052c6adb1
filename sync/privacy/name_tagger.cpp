// The statistical name tagger: features, the model file, inference and the scanner. See name_tagger.hpp.
#include "name_tagger.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>

#include "kiosk/sync/config.hpp"  // assets_dir()
#include "lists.hpp"

namespace kiosk::privacy {
namespace {

// FNV-1a over the feature's name and value: the bucket before the modulo.
struct Hash {
  std::uint32_t h = 2166136261u;
  Hash& add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 16777619u;
    }
    return *this;
  }
};
std::uint32_t feature(std::string_view name, std::string_view value = {}) {
  return Hash{}.add(name).add("\x1f").add(value).h;
}
std::uint32_t feature2(std::string_view name, std::string_view a, std::string_view b) {
  return Hash{}.add(name).add("\x1f").add(a).add("\x1f").add(b).h;
}

// The word's shape: X capitalised, x lower-case Latin, y lower-case Cyrillic, I initial, R Arabic, E Ge'ez.
std::string_view shape(const Word& w) {
  if (w.initial) return "I";
  if (w.caseless) return w.arabic ? "R" : "E";
  if (w.upper) return w.cyrillic ? "Y" : "X";
  return w.cyrillic ? "y" : "x";
}

// The first or last n code points of s.
std::string_view prefix_cp(std::string_view s, int n) {
  std::size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) i += std::max<std::size_t>(at(s, i).len, 1);
  return s.substr(0, i);
}
std::string_view suffix_cp(std::string_view s, int n) {
  std::size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) i -= std::max<std::size_t>(before(s, i).len, 1);
  return s.substr(i);
}
std::size_t length_cp(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += std::max<std::size_t>(at(s, i).len, 1)) ++n;
  return n;
}

// What stands between two words: "" (spaces), "nl" (a line break), or the first punctuation mark.
std::string gap_kind(std::string_view s, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e;) {
    const Cp c = at(s, i);
    if (is_line_break(c.cp)) return "nl";
    if (!is_space(c.cp)) return std::string(s.substr(i, std::max<std::size_t>(c.len, 1)));
    i += std::max<std::size_t>(c.len, 1);
  }
  return "";
}

// The cue lists whose position relative to a word is a feature.
constexpr std::array<std::string_view, 8> kCueLists{"name",    "name_weak",     "relation", "honorific",
                                                    "signoff", "contact_label", "self",     "owner"};

bool gazetteer_word(std::string_view f) {
  static const WordSet& first = word_list("first");
  static const WordSet& surname = word_list("surname");
  return first.contains(f) || surname.contains(f);
}

// A person's name in the outside lexicon (OpenTaal's [dic_person]).
bool lexicon_person(std::string_view f) {
  static const WordSet& person = word_list("dic_person");
  return person.contains(f);
}

std::atomic<const NameTagger*> g_model{nullptr};
std::atomic<bool> g_overridden{false};

struct Shipped {
  std::optional<NameTagger> model;
  std::optional<TaggerError> error;
};
const Shipped& shipped() {
  static const Shipped s = [] {
    Shipped r;
    TaggerError e{};
    const auto path = std::filesystem::path(std::string(assets_dir())) / "privacy" / "name_tagger.txt";
    r.model = NameTagger::load(path.string(), &e);
    if (!r.model) r.error = e;
    return r;
  }();
  return s;
}

const NameTagger* current_model() {
  if (g_overridden.load(std::memory_order_acquire)) return g_model.load(std::memory_order_acquire);
  const Shipped& s = shipped();
  return s.model ? &*s.model : nullptr;
}

}  // namespace

std::vector<TaggedToken> tagger_tokens(const Input& in, bool use_gazetteer) {
  const std::string_view s = in.s;
  std::vector<Word> words;
  for_each_word(s, [&](const Word& w) {
    words.push_back(w);
    return w.end;
  });
  const std::size_t n = words.size();
  const auto gazetteer = [&](std::string_view f) { return use_gazetteer && gazetteer_word(f); };
  std::vector<std::string> folded(n);
  for (std::size_t i = 0; i < n; ++i) folded[i] = fold_word(s, words[i]);

  // Cue context: the list of a cue that ends right before a word (only spaces and punctuation between), and
  // of a cue the word is part of.
  std::vector<std::vector<std::uint32_t>> cue_features(n);
  std::vector<int> since_signoff(n, -1);
  std::vector<bool> in_cue(n, false);
  for (std::size_t li = 0; li < kCueLists.size(); ++li) {
    const std::string_view list = kCueLists[li];
    for_each_cue(in.f, word_list(list), [&](std::size_t b, std::size_t e) {
      std::size_t k = 0;
      while (k < n && words[k].begin < e) {
        if (words[k].begin >= b && words[k].end <= e) {
          cue_features[k].push_back(feature("in-cue", list));
          in_cue[k] = true;
        }
        ++k;
      }
      if (k < n) {
        bool word_between = false;
        for (std::size_t i = e; i < words[k].begin; i += std::max<std::size_t>(at(s, i).len, 1))
          if (is_alnum(at(s, i).cp)) word_between = true;
        if (!word_between) {
          cue_features[k].push_back(feature("cue-1", list));
          if (k + 1 < n) cue_features[k + 1].push_back(feature("cue-2", list));
          if (k + 2 < n) cue_features[k + 2].push_back(feature("cue-3", list));
          if (list == "signoff")
            for (std::size_t j = k; j < n && j < k + 4; ++j)
              since_signoff[j] = since_signoff[j] < 0 ? static_cast<int>(j - k) : since_signoff[j];
        }
      }
      // A cue right after the word ("Jan hier", "Ahmed, my neighbour")
      if (b > 0) {
        std::size_t j = n;
        while (j > 0 && words[j - 1].end > b) --j;
        if (j > 0 && gap_kind(s, words[j - 1].end, b).size() <= 1)
          cue_features[j - 1].push_back(feature("cue+1", list));
      }
    });
  }

  const bool other_script = mostly_other_script(s);
  static const WordSet& tv = word_list("tussenvoegsel");
  static const WordSet& titles = word_list("title");
  static const WordSet& towns = word_list("town");
  const auto has_line_break = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (s[i] == '\n') return true;
    return false;
  };
  const std::size_t last_line = s.rfind('\n') == npos ? 0 : s.rfind('\n');

  std::vector<TaggedToken> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Word& w = words[i];
    const std::string& f = folded[i];
    TaggedToken& t = out[i];
    t.begin = w.begin;
    t.end = w.end;
    t.tussenvoegsel = tv.contains(f) && !w.initial;
    const bool stop = name_stop(f);  // also a feature
    // (a listed town is a place, however it looks: "tussen Dokkum en Franeker")
    const bool apostrophe = f.find('\'') != npos;
    const bool town = towns.contains(apostrophe ? without_case_ending(f) : f);
    t.never = stop || all_capitals(s, w) || titles.contains(f) || in_cue[i];
    // a word with a Turkish locative ending is a place ("Zwolle'de"), a title after a name is none ("Turgay Abi",
    // "Şengül Hanım'ı") (added after the ninth part was measured)
    static const WordSet& honorific_after = word_list("honorific_after");
    static const WordSet& dob_cue = word_list("dob");
    static const WordSet& dob_after = word_list("dob_after");
    if (w.upper && apostrophe && case_ending_at(f, "locative_ending") != npos) t.never = true;
    if (i > 0 && w.upper && words[i - 1].upper && honorific_after.contains(apostrophe ? without_case_ending(f) : f) &&
        !name_stop(folded[i - 1]))
      t.never = true;
    // a Latin word after a place preposition or a building's noun (through tussenvoegsels: "school De Linde"), a birth
    // cue ("Beata. Urodzona") (added after the ninth part was measured)
    if (w.upper && !w.caseless && !w.cyrillic && i > 0) {
      static const WordSet& place_prepositions = word_list("town_preposition");
      static const WordSet& buildings = word_list("named_place");
      const auto spaced = [&](std::size_t a) {  // only spaces between word a and the next
        return skip_hspace(s, words[a].end) == words[a + 1].begin;
      };
      std::size_t j = i - 1;
      while (j > 0 && out[j].tussenvoegsel && spaced(j) && i - j < 4) --j;
      if ((place_prepositions.contains(folded[i - 1]) && spaced(i - 1)) ||
          ((buildings.contains(folded[j]) || is_institution(folded[j])) && spaced(j) &&
           (j + 1 == i ||
            out[j + 1].tussenvoegsel)))  // also an institution's noun ("Apotheek De Gaper"; after part 10)
        t.never = true;
    }
    if (dob_cue.contains(f) || dob_after.contains(f)) t.never = true;
    // a number said in lower case ("one two … seven eight"; added after the twenty-ninth training)
    if (!w.upper && !w.caseless && spoken_digit(f) >= 0) t.never = true;
    // a kunya's first word alone ("أم" is also "or"; the rules take "أم أحمد" whole), a word glued to digits (Arabic
    // in Latin letters: "tse7at", "sa7bti") (added after the seventeenth part was measured)
    static const WordSet& kunya = word_list("kunya");
    if (kunya.contains(f) || (w.end < s.size() && is_digit_at(s, w.end)) ||
        (w.begin > 0 && is_digit_at(s, w.begin - 1)))
      t.never = true;
    // after a title, also through initials and tussenvoegsels ("wethouder K. Smit", "burgemeester van Zanen")
    t.after_title = i > 0 && (titles.contains(folded[i - 1]) ||
                              ((words[i - 1].initial || out[i - 1].tussenvoegsel) && out[i - 1].after_title));
    t.capitalised = w.upper && !w.initial;
    t.caseless = w.caseless;
    t.institution = is_institution(f);
    // a listed town and nothing else against it: a surname too after a first name ("Wendelien Schothorst", "Albertus
    // Bosch"; tagged_spans; added after the nineteenth part was measured)
    t.town_only = town && !t.never;
    t.never = t.never || town;
    t.sentence_start = sentence_start(s, w.begin);
    t.capitals = all_capitals(s, w);
    t.listed = gazetteer_word(f) || lexicon_person(f);
    auto& x = t.features;
    x.reserve(48);
    const std::string_view sh = shape(w);
    const std::string_view psh = i > 0 ? shape(words[i - 1]) : "^";
    const std::string_view nsh = i + 1 < n ? shape(words[i + 1]) : "$";
    const std::string_view pw = i > 0 ? std::string_view(folded[i - 1]) : "^";
    const std::string_view nw = i + 1 < n ? std::string_view(folded[i + 1]) : "$";
    const std::string_view pw2 = i > 1 ? std::string_view(folded[i - 2]) : "^";
    const std::string_view nw2 = i + 2 < n ? std::string_view(folded[i + 2]) : "$";
    const std::string before_gap = i > 0 ? gap_kind(s, words[i - 1].end, w.begin) : "^";
    const std::string after_gap = i + 1 < n ? gap_kind(s, w.end, words[i + 1].begin) : "$";
    const bool known = gazetteer(f);
    x.push_back(feature("bias"));
    x.push_back(feature("w", f));
    x.push_back(feature("sh", sh));
    x.push_back(feature2("sh3", std::string(psh) + std::string(sh), nsh));
    x.push_back(feature("p2", prefix_cp(f, 2)));
    x.push_back(feature("p3", prefix_cp(f, 3)));
    x.push_back(feature("s2", suffix_cp(f, 2)));
    x.push_back(feature("s3", suffix_cp(f, 3)));
    x.push_back(feature("s4", suffix_cp(f, 4)));
    x.push_back(feature("len", std::to_string(std::min<std::size_t>(length_cp(f), 12))));
    x.push_back(feature2("pw", pw, ""));
    x.push_back(feature2("nw", nw, ""));
    x.push_back(feature2("pw2", pw2, ""));
    x.push_back(feature2("nw2", nw2, ""));
    x.push_back(feature2("pw|sh", pw, sh));
    x.push_back(feature2("nw|sh", nw, sh));
    x.push_back(feature2("pw2|pw", pw2, pw));
    x.push_back(feature2("gap<", before_gap, sh));
    x.push_back(feature2("gap>", after_gap, sh));
    x.push_back(feature2("gaps", before_gap, after_gap));
    if (known) x.push_back(feature("known", sh));
    // an outside lexicon, written apart from the labelled parts (OpenTaal's Dutch dictionary: a person's name, or a
    // place, street or brand; feature set 2, added after the seventeenth part was measured)
    static const WordSet& dic_proper = word_list("dic_proper");
    const std::string_view dic = lexicon_person(f) ? "person" : dic_proper.contains(f) ? "proper" : "none";
    x.push_back(feature2("dic", dic, sh));
    if (i > 0) x.push_back(feature2("dic-1", lexicon_person(folded[i - 1]) ? "person" : "other", sh));
    if (i + 1 < n) x.push_back(feature2("dic+1", lexicon_person(folded[i + 1]) ? "person" : "other", sh));
    // A case ending after an apostrophe ("Emre'nin", "Haarlem'de"): the word before it, and the ending.
    if (const std::size_t ap = f.find('\''); ap != npos && ap > 0) {
      const std::string_view base = std::string_view(f).substr(0, ap);
      x.push_back(feature("base", base));
      x.push_back(feature("ending", std::string_view(f).substr(ap)));
      if (gazetteer(base)) x.push_back(feature("known-base", sh));
    }
    if (i > 0 && gazetteer(folded[i - 1])) x.push_back(feature("known-1", sh));
    if (i + 1 < n && gazetteer(folded[i + 1])) x.push_back(feature("known+1", sh));
    if (stop) x.push_back(feature("stop"));
    if (t.tussenvoegsel) x.push_back(feature("tv"));
    if (i > 0 && tv.contains(folded[i - 1])) x.push_back(feature("tv-1", sh));
    if (t.sentence_start) x.push_back(feature("sentence-start", sh));
    if (i == 0) x.push_back(feature("first-word"));
    if (i + 1 == n) x.push_back(feature("last-word", sh));
    if (w.begin > last_line && last_line > 0) x.push_back(feature("last-line", sh));
    if (i > 0 && has_line_break(words[i - 1].end, w.begin)) x.push_back(feature("line-start", sh));
    if (other_script && !w.caseless && !w.cyrillic) x.push_back(feature("latin-in-other-script", sh));
    if (since_signoff[i] >= 0) x.push_back(feature2("signoff", std::to_string(since_signoff[i]), sh));
    for (std::uint32_t c : cue_features[i]) {
      x.push_back(c);
      x.push_back(Hash{.h = c}.add(sh).h);  // the cue with the word's shape
    }
  }
  // A street named after a person is a street (the rules' decision, scrubber.hpp): the words before a
  // capitalised street word, joined by spaces and tussenvoegsels, are no name ("Anne Frankstraat", "Johan de
  // Wittlaan", "Juliana laan").
  const auto street_word = [&](std::size_t k) {  // capitalised, or a street word of its own ("Juliana laan")
    return ends_in_street_word(folded[k]) && (words[k].upper || word_list("street_suffix").contains(folded[k]));
  };
  for (std::size_t k = 1; k < n; ++k) {
    if (!street_word(k)) continue;
    // the street word itself right before a house number ("Grote Kerkhof 1"; no name in the labelled sets ends in a
    // street word before a number; added after the ninth part was measured)
    if (const std::size_t d = skip_hspace(s, words[k].end); d > words[k].end && is_digit_at(s, d)) {
      out[k].never = true;
      out[k].town_only = false;
    }
    // A listed name that ends like a street ("Bakker": akker, "Groeneveld", "Adam": dam) is a name: "Jelte Bakker"
    // (added after the seventeenth part was measured). A word with an ending that is also a surname's ("Hulshof",
    // "Bloemhof", "Brinkhorst": [street_suffix_named] lists the endings of streets named after persons, "straat",
    // "laan", "plein") is a street only before its number (added after the eighteenth part was measured).
    static const WordSet& named = word_list("street_suffix_named");
    const bool named_ending = named.any_suffix_of(folded[k]);
    if (gazetteer_word(folded[k]) || lexicon_person(folded[k]) || (!named_ending && !out[k].never)) continue;
    for (std::size_t i = k; i-- > 0;) {
      if (s.substr(words[i].end, words[i + 1].begin - words[i].end).find_first_not_of(" -") != npos) break;
      if (!words[i].upper && !out[i].tussenvoegsel) break;
      out[i].never = true;
      out[i].town_only = false;
      if (k - i >= 4) break;
    }
  }
  return out;
}

NameTagger::NameTagger(int bits, double threshold, double extend, std::vector<float> weights)
    : bits_(bits), threshold_(threshold), extend_(extend), weights_(std::move(weights)) {}

double NameTagger::probability(const std::vector<std::uint32_t>& features) const {
  const std::uint32_t mask = (1u << bits_) - 1;
  double z = 0;
  for (std::uint32_t f : features) z += weights_[f & mask];
  return 1.0 / (1.0 + std::exp(-z));
}

std::string NameTagger::serialise(const std::vector<std::string>& comments) const {
  std::ostringstream o;
  for (const std::string& c : comments) o << "# " << c << '\n';
  std::size_t nonzero = 0;
  for (float w : weights_)
    if (w != 0.0f) ++nonzero;
  char line[64];
  char ext[32];
  std::snprintf(line, sizeof line, "%.4f", threshold_);
  std::snprintf(ext, sizeof ext, "%.4f", extend_);
  o << "kiosk-name-tagger " << kTaggerFormatVersion << "\nfeatures " << kFeatureVersion << "\nbits " << bits_
    << "\nthreshold " << line << "\nextend " << ext << "\nweights " << nonzero << '\n';
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    if (weights_[i] == 0.0f) continue;
    std::snprintf(line, sizeof line, "%zu %.5g\n", i, static_cast<double>(weights_[i]));
    o << line;
  }
  o << "end\n";
  return o.str();
}

std::optional<NameTagger> NameTagger::parse(std::string_view text, TaggerError* error) {
  const auto fail = [&](TaggerFault fault, std::string message) -> std::optional<NameTagger> {
    if (error) *error = TaggerError{fault, std::move(message)};
    return std::nullopt;
  };
  std::size_t pos = 0;
  int line_no = 0;
  // The next line that is not a comment; nullopt at the end.
  const auto next_line = [&]() -> std::optional<std::string_view> {
    while (pos < text.size()) {
      const std::size_t e = std::min(text.find('\n', pos), text.size());
      std::string_view l = text.substr(pos, e - pos);
      pos = e + 1;
      ++line_no;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (l.empty() || l.front() == '#') continue;
      return l;
    }
    return std::nullopt;
  };
  const auto number = [](std::string_view s, auto& v) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
  };
  // "<key> <value>"
  const auto header = [&](std::string_view key, auto& v) {
    const auto l = next_line();
    if (!l || l->substr(0, key.size()) != key || l->size() <= key.size() + 1 || (*l)[key.size()] != ' ') return false;
    return number(l->substr(key.size() + 1), v);
  };
  int format = 0, features = 0, bits = 0;
  double threshold = 0, extend = 0;
  std::size_t count = 0;
  if (!header("kiosk-name-tagger", format)) return fail(TaggerFault::damaged, "not a name-tagger model file");
  if (format != kTaggerFormatVersion)
    return fail(TaggerFault::wrong_version, "model format " + std::to_string(format) + ", this kiosk reads " +
                                                std::to_string(kTaggerFormatVersion));
  if (!header("features", features)) return fail(TaggerFault::damaged, "no feature-set version");
  if (features != kFeatureVersion)
    return fail(TaggerFault::wrong_version,
                "feature set " + std::to_string(features) + ", this kiosk computes " + std::to_string(kFeatureVersion));
  if (!header("bits", bits) || bits < 8 || bits > 22) return fail(TaggerFault::damaged, "bad bucket count");
  if (!header("threshold", threshold) || !(threshold > 0.0 && threshold < 1.0))
    return fail(TaggerFault::damaged, "bad threshold");
  if (!header("extend", extend) || !(extend > 0.0 && extend <= threshold))
    return fail(TaggerFault::damaged, "bad extension threshold");
  const std::size_t buckets = std::size_t{1} << bits;
  if (!header("weights", count) || count > buckets) return fail(TaggerFault::damaged, "bad weight count");
  std::vector<float> w(buckets, 0.0f);
  std::size_t previous = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const auto l = next_line();
    const std::size_t sp = l ? l->find(' ') : npos;
    std::size_t bucket = 0;
    float value = 0;
    if (sp == npos || !number(l->substr(0, sp), bucket) || !number(l->substr(sp + 1), value) || bucket >= buckets ||
        (k > 0 && bucket <= previous) || !std::isfinite(value) || std::fabs(value) > 1000.0f)
      return fail(TaggerFault::damaged, "bad weight at line " + std::to_string(line_no));
    w[bucket] = value;
    previous = bucket;
  }
  const auto end = next_line();
  if (!end || *end != "end" || next_line()) return fail(TaggerFault::damaged, "truncated or trailing text");
  return NameTagger(bits, threshold, extend, std::move(w));
}

std::optional<NameTagger> NameTagger::load(const std::string& path, TaggerError* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = TaggerError{TaggerFault::missing, "cannot read " + path};
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto m = parse(text.str(), error);
  if (!m && error) error->message = path + ": " + error->message;
  return m;
}

// A caseless word (Arabic, Ge'ez) next to a name needs at least this however low the model's extension threshold: with
// no capital to tell a name from a word, "غدا" (tomorrow) after "عبد الكريم" was taken at 0.1. Eighteen-fold
// cross-validation at threshold 0.4 and extension 0.1: recall 0.982 at 0.83 % false removals (max. language 1.36 %)
// without the floor, 0.981 at 0.80 % (1.26 %) with it (added after the seventeenth part was measured).
constexpr double kCaselessExtendFloor = 0.4;
// A sentence's first word next to a name likewise: every sentence starts with a capital ("Toplantıya Turgay Abi …", to
// the meeting, at 0.10). Twenty-one-fold cross-validation: no change of recall or false removals at three decimals, so
// the unit tests' example decides (added after the twentieth part was measured).
constexpr double kSentenceStartExtendFloor = 0.25;

void tagged_spans(std::string_view s, const std::vector<TaggedToken>& tokens, const std::vector<double>& probability,
                  double threshold, double extend, Spans& out) {
  const std::size_t n = tokens.size();
  std::vector<bool> on(n);
  for (std::size_t i = 0; i < n; ++i) on[i] = probability[i] >= threshold && !tokens[i].never;
  // A name the rules found is a name too, for growing: "Jelte Bakker" when a rule took "Bakker" (a gazetteer surname)
  // and the tagger gave "Jelte" only 0.45 (added after the seventeenth part was measured: sixteen of its 52 missed
  // names were found in part). Its words are not emitted again.
  std::vector<bool> ruled(n, false);
  std::vector<PiiSpan> rule_names;
  for (const PiiSpan& sp : out)
    if (sp.kind == PiiKind::name) rule_names.push_back(sp);
  for (const PiiSpan& sp : rule_names)
    for (std::size_t i = 0; i < n; ++i)
      if (tokens[i].begin >= sp.begin && tokens[i].end <= sp.end) ruled[i] = true;
  for (std::size_t i = 0; i < n; ++i) on[i] = on[i] || ruled[i];
  // A name word next to a name (only a space between) needs less: "Ayşenur Kahraman" (0.31, 0.82).
  const auto name_shaped = [&](std::size_t i) {
    return !tokens[i].never && !tokens[i].tussenvoegsel &&
           probability[i] >= (tokens[i].caseless         ? std::max(extend, kCaselessExtendFloor)
                              : tokens[i].sentence_start ? std::max(extend, kSentenceStartExtendFloor)
                                                         : extend) &&
           (tokens[i].capitalised || tokens[i].caseless);
  };
  const auto spaced = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i)
      if (s[i] != ' ') return false;
    return true;
  };
  // In capitals, a listed name next to a name in capitals ("RAMAZAN YÜCEL": capitals are vetoed, "ABNA", "BRP";
  // added after the seventeenth part was measured).
  // A listed town right after a first name, capitalised, is the surname ("Wendelien Schothorst"; added after the
  // nineteenth part was measured).
  const auto grows = [&](std::size_t from, std::size_t to) {
    return name_shaped(to) ||
           (tokens[from].capitals && tokens[to].capitals && tokens[to].listed && !tokens[to].tussenvoegsel &&
            !tokens[to].after_title && !tokens[to].institution) ||
           (to == from + 1 && tokens[to].town_only && tokens[to].capitalised && !tokens[from].caseless &&
            !tokens[to].sentence_start && probability[to] >= extend);
  };
  // Also across tussenvoegsels: "Sietske de Haan" (0.54, -, 0.23; added after the eighteenth part was measured).
  const auto across = [&](std::size_t from, std::size_t j, int step) {  // the word after the tussenvoegsels from j
    for (int k = 0; k < 3 && tokens[j].tussenvoegsel && !on[j]; ++k) {
      const std::size_t a = step > 0 ? j : j - 1, b = step > 0 ? j + 1 : j;
      if ((step > 0 ? j + 1 >= n : j == 0) || !spaced(tokens[a].end, tokens[b].begin)) return n;
      j = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(j) + step);
    }
    return j == from ? n : j;
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {  // left to right, then right to left: a chain grows both ways
    if (!on[i] || !spaced(tokens[i].end, tokens[i + 1].begin)) continue;
    if (!on[i + 1] && grows(i, i + 1)) on[i + 1] = true;
    if (const std::size_t j = across(i, i + 1, 1); j < n && j > i + 1 && !on[j] && grows(i, j)) on[j] = true;
  }
  for (std::size_t i = n; i-- > 1;) {
    if (!on[i] || !spaced(tokens[i - 1].end, tokens[i].begin)) continue;
    if (!on[i - 1] && grows(i, i - 1)) on[i - 1] = true;
    if (const std::size_t j = across(i, i - 1, -1); j < n && j + 1 < i && !on[j] && grows(i, j)) on[j] = true;
  }
  // A caseless word between two name words, a middle name, needs only the extension ("عبده قائد الحميري": 0.77, 0.39,
  // 0.64; added after the twenty-fourth part was measured, when retraining moved it under the caseless floor).
  for (std::size_t i = 1; i + 1 < n; ++i)
    if (!on[i] && on[i - 1] && on[i + 1] && tokens[i].caseless && !tokens[i].never && !tokens[i].tussenvoegsel &&
        probability[i] >= extend && spaced(tokens[i - 1].end, tokens[i].begin) &&
        spaced(tokens[i].end, tokens[i + 1].begin))
      on[i] = true;
  for (std::size_t i = 1; i + 1 < n; ++i)
    if (!on[i] && tokens[i].tussenvoegsel && on[i - 1]) {
      std::size_t j = i;
      while (j + 1 < n && tokens[j].tussenvoegsel && j < i + 3) ++j;
      if (on[j])
        std::fill(on.begin() + static_cast<std::ptrdiff_t>(i), on.begin() + static_cast<std::ptrdiff_t>(j), true);
    }
  // Only spaces, a dot or a hyphen between two name words: one span.
  const auto joins = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i)
      if (s[i] != ' ' && s[i] != '.' && s[i] != '-') return false;
    return true;
  };
  for (std::size_t i = 0; i < n;) {
    if (!on[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < n && on[j + 1] && joins(tokens[j].end, tokens[j + 1].begin)) ++j;
    // The tail of a longer capitalised phrase the tagger did not take ("Buurtteam Noordoost"): an organisation or
    // a place, not a name (a sign-off or honorific before a name is no such phrase, an institution is).
    const bool tail = i > 0 && !on[i - 1] && (!tokens[i - 1].never || tokens[i - 1].institution) &&
                      tokens[i - 1].capitalised && !tokens[i - 1].sentence_start &&
                      joins(tokens[i - 1].end, tokens[i].begin);
    // After an article, a capitalised phrase names a thing or a place: "The Maternity Ward" (added after the
    // seventeenth part was measured, when the extension threshold fell to 0.1).
    static const WordSet& articles = word_list("article");
    const bool after_article =
        i > 0 && tokens[i].capitalised &&
        articles.contains(fold_str(s.substr(tokens[i - 1].begin, tokens[i - 1].end - tokens[i - 1].begin))) &&
        joins(tokens[i - 1].end, tokens[i].begin);
    bool all_ruled = true;
    for (std::size_t k = i; k <= j; ++k) all_ruled = all_ruled && ruled[k];
    // A name the rules found inside the first or last word keeps the rules' edges: a glued proclitic or "and" stays
    // outside ("ንኣማኑኤል": ኣማኑኤል, "ونور") (added after the seventeenth part was measured).
    std::size_t b = tokens[i].begin, e = tokens[j].end;
    for (const PiiSpan& sp : rule_names) {
      if (sp.begin > b && sp.begin < tokens[i].end) b = sp.begin;
      if (sp.end < e && sp.end > tokens[j].begin) e = sp.end;
    }
    if (!tokens[i].after_title && !tail && !after_article && !all_ruled)
      add(out, b, e, PiiKind::name);  // an initial's word ends after its dot
    i = j + 1;
  }
}

void use_name_tagger(const NameTagger* model) {
  g_model.store(model, std::memory_order_release);
  g_overridden.store(true, std::memory_order_release);
}

void use_shipped_name_tagger() { g_overridden.store(false, std::memory_order_release); }

Result<void> name_tagger_status() {  // scrubber_model_status() (scrubber.cpp)
  const Shipped& s = shipped();
  if (!s.error) return {};
  return make_error(s.error->fault == TaggerFault::missing ? Errc::io : Errc::invalid_value,
                    "the name tagger's model is not used (" + s.error->message +
                        "): names without a cue or gazetteer entry are found by the rules only");
}

void find_tagged_names(const Input& in, Spans& out) {
  const NameTagger* model = current_model();
  if (!model) return;
  const std::vector<TaggedToken> tokens = tagger_tokens(in);
  std::vector<double> p(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) p[i] = model->probability(tokens[i].features);
  tagged_spans(in.s, tokens, p, model->threshold(), model->extend(), out);
}

}  // namespace kiosk::privacy

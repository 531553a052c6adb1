// Trainer of the scrubber's statistical name tagger (sync/privacy/name_tagger.hpp): logistic regression over the
// tagger's hashed token features, trained by averaged stochastic gradient descent (fixed seed, own shuffle:
// the same file on every machine with the same compiler) on the development parts of the labelled privacy set
// (tests/data/privacy/, scrubber_eval::development_parts(); never the held-out part after them).
//
//   name_tagger_train --cv                      N-fold cross-validation over the N development parts (train on N-1,
//                                               measure on the other one): the tagger alone and rules + tagger, per
//                                               threshold, per kind and per language
//   name_tagger_train --write FILE [--threshold T]
//                                               trains on all development parts and writes the model file
//   options: --epochs N (5), --seed S (14), --bits B (17), --threshold T (0.5), --extend E (0.5: a name-shaped
//            word next to a name needs only E), --positive-weight W (1),
//            --listed-only (train without the copy of the tokens that has no gazetteer features),
//            --misses (--cv: the names the tagger alone misses, with its probabilities)
//
// A token is positive when it lies inside a labelled name; tokens inside other labelled kinds are left out of
// training (the other scanners remove them anyway).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../sync/privacy/name_tagger.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "scrubber_eval.hpp"

using namespace kiosk;
namespace fs = std::filesystem;
using privacy::TaggedToken;

namespace {

struct Options {
  int epochs = 5;
  std::uint32_t seed = 14;
  int bits = 17;
  double threshold = 0.5;
  double extend = 0.5;  // the extension threshold (a name word next to a name); never above the threshold
  double positive_weight = 1.0;
  bool misses = false;
  bool unlisted =
      true;  // also train on the tokens as if no word were in the gazetteer (--listed-only: not)  // --cv: print the names the tagger alone misses at the threshold
};

struct Prepared {
  std::vector<TaggedToken> tokens;
  std::vector<TaggedToken> unlisted;  // the same tokens as if no word were in the gazetteer
  std::vector<int> label;             // 1 name, 0 not, -1 left out (inside another labelled kind)
  std::vector<PiiSpan> rules;
};

struct Part {
  std::string name;
  std::vector<scrubber_eval::Snippet> set;
  std::vector<Prepared> prepared;
};

Prepared prepare(const scrubber_eval::Snippet& sn) {
  Prepared p;
  const privacy::Input in(sn.text);
  p.tokens = privacy::tagger_tokens(in);
  p.unlisted = privacy::tagger_tokens(in, false);
  p.rules = find_personal_data(sn.text);  // with use_name_tagger(nullptr): the rules only
  p.label.assign(p.tokens.size(), 0);
  for (const auto& [kind, span] : sn.pii)
    for (std::size_t b = sn.text.find(span); b != std::string::npos; b = sn.text.find(span, b + 1))
      for (std::size_t i = 0; i < p.tokens.size(); ++i) {
        const TaggedToken& t = p.tokens[i];
        if (t.begin < b || t.end > b + span.size()) continue;
        if (kind == PiiKind::name) p.label[i] = 1;
        else if (p.label[i] == 0) p.label[i] = -1;
      }
  return p;
}

// Averaged SGD on the logistic loss.
privacy::NameTagger train(const std::vector<const Prepared*>& data, const Options& o) {
  struct Example {
    const std::vector<std::uint32_t>* f;
    int y;
  };
  std::vector<Example> ex;
  for (const Prepared* p : data)
    for (std::size_t i = 0; i < p->tokens.size(); ++i)
      if (p->label[i] >= 0) {
        ex.push_back({&p->tokens[i].features, p->label[i]});
        if (o.unlisted) ex.push_back({&p->unlisted[i].features, p->label[i]});
      }
  const std::size_t buckets = std::size_t{1} << o.bits;
  const std::uint32_t mask = static_cast<std::uint32_t>(buckets - 1);
  std::vector<double> w(buckets, 0.0), u(buckets, 0.0);
  std::mt19937 rng(o.seed);
  double c = 1;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    for (std::size_t i = ex.size(); i > 1; --i) {  // Fisher-Yates with the engine's raw output (portable)
      const std::size_t j = rng() % i;
      std::swap(ex[i - 1], ex[j]);
    }
    const double eta = 0.2 / (1.0 + epoch);
    for (const Example& e : ex) {
      double z = 0;
      for (std::uint32_t f : *e.f) z += w[f & mask];
      const double p = 1.0 / (1.0 + std::exp(-z));
      const double g = (p - e.y) * (e.y ? o.positive_weight : 1.0) * eta;
      for (std::uint32_t f : *e.f) {
        w[f & mask] -= g;
        u[f & mask] -= c * g;
      }
      c += 1;
    }
  }
  std::vector<float> avg(buckets);
  for (std::size_t i = 0; i < buckets; ++i) {
    const double v = w[i] - u[i] / c;
    avg[i] = std::fabs(v) < 1e-4 ? 0.0f : static_cast<float>(std::round(v * 1e4) / 1e4);
  }
  return privacy::NameTagger(o.bits, o.threshold, std::min(o.threshold, o.extend), std::move(avg));
}

void merge(scrubber_eval::Report& into, const scrubber_eval::Report& r) {
  const auto add_count = [](scrubber_eval::Count& a, const scrubber_eval::Count& b) {
    a.labelled += b.labelled;
    a.found += b.found;
  };
  const auto add_lang = [&](scrubber_eval::LangFigures& a, const scrubber_eval::LangFigures& b) {
    add_count(a.spans, b.spans);
    a.outside += b.outside;
    a.removed_outside += b.removed_outside;
    a.snippets += b.snippets;
    a.clean += b.clean;
    a.clean_touched += b.clean_touched;
  };
  for (const auto& [k, c] : r.by_kind) add_count(into.by_kind[k], c);
  for (const auto& [l, f] : r.by_lang) add_lang(into.by_lang[l], f);
  add_lang(into.total, r.total);
}

// The fold's figures at threshold t: the tagger alone (with_rules false) or rules + tagger.
scrubber_eval::Report measure(const Part& part, const std::vector<std::vector<double>>& prob, double t, double extend,
                              bool with_rules) {
  return scrubber_eval::evaluate(part.set, [&](std::size_t i, const scrubber_eval::Snippet& sn) {
    std::vector<PiiSpan> spans = with_rules ? part.prepared[i].rules : std::vector<PiiSpan>{};
    privacy::tagged_spans(sn.text, part.prepared[i].tokens, prob[i], t, std::min(t, extend),
                          spans);  // (tokens: only their offsets)
    return spans;
  });
}

// The names only (other kinds' labels left out): the per-language recall of the report is the names' recall.
// Its false-removal figures mean nothing (other kinds count as outside).
scrubber_eval::Report measure_names(const Part& part, const std::vector<std::vector<double>>& prob, double t,
                                    double extend, bool with_rules) {
  std::vector<scrubber_eval::Snippet> names = part.set;
  for (auto& sn : names) std::erase_if(sn.pii, [](const auto& p) { return p.first != PiiKind::name; });
  return scrubber_eval::evaluate(names, [&](std::size_t i, const scrubber_eval::Snippet& sn) {
    std::vector<PiiSpan> spans = with_rules ? part.prepared[i].rules : std::vector<PiiSpan>{};
    privacy::tagged_spans(sn.text, part.prepared[i].tokens, prob[i], t, std::min(t, extend), spans);
    return spans;
  });
}

void print_name_recall(const std::string& title, const scrubber_eval::Report& r) {
  std::printf("%s: name recall by language:", title.c_str());
  for (const auto& [lang, f] : r.by_lang)
    if (f.spans.labelled) std::printf(" %s %.3f (%zu)", lang.c_str(), f.spans.recall(), f.spans.labelled);
  std::printf("\n");
}

double max_lang_false_removals(const scrubber_eval::Report& r) {
  double m = 0;
  for (const auto& [l, f] : r.by_lang) m = std::max(m, f.false_removals());
  return m;
}

int cross_validate(std::vector<Part>& parts, const Options& o) {
  const std::vector<double> thresholds{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0};  // 2.0: the tagger off
  // unlisted: the tagger alone with no word of the fold in the gazetteer (as names in new text mostly are not)
  std::vector<scrubber_eval::Report> alone(thresholds.size()), both(thresholds.size()), unlisted(thresholds.size());
  std::vector<scrubber_eval::Report> names_alone(thresholds.size()), names_unlisted(thresholds.size()),
      names_both(thresholds.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    std::vector<const Prepared*> data;
    for (std::size_t j = 0; j < parts.size(); ++j)
      if (j != k)
        for (const Prepared& p : parts[j].prepared) data.push_back(&p);
    const privacy::NameTagger model = train(data, o);
    std::vector<std::vector<double>> prob, prob_unlisted;
    for (const Prepared& p : parts[k].prepared) {
      std::vector<double> q, r;
      for (const TaggedToken& t : p.tokens) q.push_back(model.probability(t.features));
      for (const TaggedToken& t : p.unlisted) r.push_back(model.probability(t.features));
      prob.push_back(std::move(q));
      prob_unlisted.push_back(std::move(r));
    }
    std::printf("fold %s (trained on the other parts):\n", parts[k].name.c_str());
    for (std::size_t ti = 0; ti < thresholds.size(); ++ti) {
      const auto a = measure(parts[k], prob, thresholds[ti], o.extend, false);
      const auto b = measure(parts[k], prob, thresholds[ti], o.extend, true);
      std::printf("  t=%.2f  tagger alone: names %.3f, false rem. %.2f %%  | rules+tagger: all %.3f, names %.3f, "
                  "false rem. %.2f %% (max lang %.2f %%), clean touched %zu/%zu\n",
                  thresholds[ti], a.by_kind.count("name") ? a.by_kind.at("name").recall() : 1.0,
                  100 * a.total.false_removals(), b.total.spans.recall(),
                  b.by_kind.count("name") ? b.by_kind.at("name").recall() : 1.0, 100 * b.total.false_removals(),
                  100 * max_lang_false_removals(b), b.total.clean_touched, b.total.clean);
      if (o.misses && std::fabs(thresholds[ti] - o.threshold) < 1e-9)
        for (const auto& m : a.misses)
          if (m.kind == PiiKind::name) {
            std::printf("    tagger missed %s: %s\n     ", m.id.c_str(), m.span.c_str());
            for (std::size_t i = 0; i < parts[k].set.size(); ++i) {
              if (parts[k].set[i].id != m.id) continue;
              const auto& p = parts[k].prepared[i];
              for (std::size_t j = 0; j < p.tokens.size(); ++j)
                std::printf(" %s/%.2f",
                            parts[k].set[i].text.substr(p.tokens[j].begin, p.tokens[j].end - p.tokens[j].begin).c_str(),
                            prob[i][j]);
              std::printf("\n");
            }
          }
      merge(alone[ti], a);
      merge(unlisted[ti], measure(parts[k], prob_unlisted, thresholds[ti], o.extend, false));
      merge(names_alone[ti], measure_names(parts[k], prob, thresholds[ti], o.extend, false));
      merge(names_unlisted[ti], measure_names(parts[k], prob_unlisted, thresholds[ti], o.extend, false));
      merge(names_both[ti], measure_names(parts[k], prob, thresholds[ti], o.extend, true));
      merge(both[ti], b);
    }
  }
  std::printf("\npooled over the twenty-five folds:\n");
  for (std::size_t ti = 0; ti < thresholds.size(); ++ti)
    std::printf("  t=%.2f  tagger alone: names %.3f (unlisted %.3f), false rem. %.2f %% (max lang %.2f %%) | "
                "rules+tagger: all %.3f, names %.3f, false rem. %.2f %% (max lang %.2f %%), clean touched %zu/%zu\n",
                thresholds[ti], alone[ti].by_kind.at("name").recall(), unlisted[ti].by_kind.at("name").recall(),
                100 * alone[ti].total.false_removals(), 100 * max_lang_false_removals(alone[ti]),
                both[ti].total.spans.recall(), both[ti].by_kind.at("name").recall(),
                100 * both[ti].total.false_removals(), 100 * max_lang_false_removals(both[ti]),
                both[ti].total.clean_touched, both[ti].total.clean);
  for (std::size_t ti = 0; ti < thresholds.size(); ++ti) {
    if (std::fabs(thresholds[ti] - o.threshold) > 1e-9) continue;
    scrubber_eval::print(stdout, "cross-validation, tagger alone at t=" + std::to_string(o.threshold), alone[ti]);
    print_name_recall("tagger alone", names_alone[ti]);
    print_name_recall("tagger alone, no word in the gazetteer", names_unlisted[ti]);
    print_name_recall("rules + tagger", names_both[ti]);
    print_name_recall("rules only", names_both.back());
    scrubber_eval::print(stdout, "cross-validation, tagger alone, no word in the gazetteer", unlisted[ti]);
    scrubber_eval::print(stdout, "cross-validation, rules + tagger at t=" + std::to_string(o.threshold), both[ti]);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  bool cv = false;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--cv") {
      cv = true;
    } else if (a == "--extend") {
      o.extend = std::stod(value());
    } else if (a == "--listed-only") {
      o.unlisted = false;
    } else if (a == "--misses") {
      o.misses = true;
    } else if (a == "--write") {
      out = value();
    } else if (a == "--epochs") {
      o.epochs = std::stoi(value());
    } else if (a == "--seed") {
      o.seed = static_cast<std::uint32_t>(std::stoul(value()));
    } else if (a == "--bits") {
      o.bits = std::stoi(value());
    } else if (a == "--threshold") {
      o.threshold = std::stod(value());
    } else if (a == "--positive-weight") {
      o.positive_weight = std::stod(value());
    } else {
      std::fprintf(stderr, "usage: name_tagger_train (--cv | --write FILE) [--epochs N] [--seed S] [--bits B] "
                           "[--threshold T] [--extend E] [--positive-weight W] [--listed-only] [--misses]\n");
      return 2;
    }
  }
  if (!cv && out.empty()) {
    std::fprintf(stderr, "name_tagger_train: --cv or --write FILE\n");
    return 2;
  }
  if (auto st = scrubber_data_status(); !st) {
    std::fprintf(stderr, "%s\n", st.error().message.c_str());  // the features read the word lists
    return 6;
  }
  privacy::use_name_tagger(nullptr);  // the rules' spans without any model
  const fs::path data = fs::path(KIOSK_SOURCE_ASSETS_DIR).parent_path() / "tests" / "data" / "privacy";
  std::vector<Part> parts;
  for (const std::string& name : scrubber_eval::development_parts()) {
    auto set = scrubber_eval::load((data / name).string());
    if (!set) {
      std::fprintf(stderr, "%s\n", set.error().message.c_str());
      return 3;
    }
    Part p{name, std::move(*set), {}};
    for (const auto& sn : p.set) p.prepared.push_back(prepare(sn));
    parts.push_back(std::move(p));
  }
  if (cv) return cross_validate(parts, o);

  std::vector<const Prepared*> all;
  std::size_t tokens = 0, names = 0;
  for (const Part& p : parts)
    for (const Prepared& q : p.prepared) {
      all.push_back(&q);
      tokens += q.tokens.size();
      for (int l : q.label) names += l == 1;
    }
  const privacy::NameTagger model = train(all, o);
  char opts[160];
  std::snprintf(opts, sizeof opts,
                "--epochs %d --seed %u --bits %d --threshold %.2f --extend %.2f --positive-weight %.2f%s", o.epochs,
                o.seed, o.bits, o.threshold, o.extend, o.positive_weight, o.unlisted ? "" : " --listed-only");
  const std::vector<std::string> comments{
      "The scrubber's statistical name tagger (sync/privacy/name_tagger.hpp): logistic-regression weights over",
      "hashed token features, trained by averaged SGD. Made from the repository, nothing else:",
      std::string("  build/noui/bench/name_tagger_train --write assets/privacy/name_tagger.txt ") + opts,
      "Trained on tests/data/privacy/ " + scrubber_eval::part_name(0) + " … " +
          scrubber_eval::part_name(scrubber_eval::kDevelopmentParts - 1) + " (" + std::to_string(tokens) + " tokens, " +
          std::to_string(names) + " inside names); never on " + scrubber_eval::held_out_part() + " or later parts.",
      "Threshold and extension chosen by " + std::to_string(scrubber_eval::kDevelopmentParts) +
          "-fold cross-validation over those parts (name_tagger_train --cv).",
      "Licence: as the repository (derived from its own labelled set)."};
  std::ofstream f(out, std::ios::binary);
  f << model.serialise(comments);
  if (!f) {
    std::fprintf(stderr, "cannot write %s\n", out.c_str());
    return 7;
  }
  std::printf("wrote %s (%zu tokens, %zu in names)\n", out.c_str(), tokens, names);
  return 0;
}

// Review: exactly what will be sent, and to whom, before the citizen sends it: the whole text (the page
// scrolls when it is long).
#include "kiosk/sync/submission.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_review(Ui& ui) {
  bool report = ui.s.screen() == core::Screen::report_review;
  ImVec2 p = begin_screen(ui, report ? "report_review" : "question_review", ui.t("review.title"));
  Submission d = ui.s.draft();
  const float W = ui.display.x - 2 * ui.m.pad;
  // Label beside the value; in large text (one column) above it.
  const bool stacked = ui.m.one_column || W < ui.m.target * 10;
  const float label_w = stacked ? 0 : W * 0.25f;
  float y = p.y + instructions(ui, "review.hint", p) + ui.m.gap;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // personal: the citizen's own words or contact details (speech mode reads them only with their opt-in).
  auto row = [&](const char* key, const std::string& value, bool personal = false) {
    float lh = text(ui, ui.t(key), ImVec2(p.x, y), stacked ? W : label_w - ui.m.gap, theme::kMuted, ui.fonts.body);
    if (stacked) y += lh;
    float h = text(ui, value, ImVec2(p.x + label_w, y), W - label_w, theme::kText, ui.fonts.body);
    ui.registry.items().back().personal = personal;
    y += std::max(h, ui.fonts.body->FontSize) + ui.m.gap;
    dl->AddLine(ImVec2(p.x, y - ui.m.gap * 0.5f), ImVec2(p.x + W, y - ui.m.gap * 0.5f), theme::col(theme::kTilePressed),
                1);
  };
  if (report) {
    const CategoryNode* main = ui.s.tree().main(ui.s.report().main);
    const CategoryNode* sub = ui.s.tree().find(d.category);
    if (main && sub) row("review.category", text_in(main->name, ui.lang()) + ": " + text_in(sub->name, ui.lang()));
    row("review.location", d.location.text, ui.s.report().location.kind == core::LocationChoice::typed_in);
  } else {
    row("review.category", d.topic);
  }
  row("review.text", d.text, true);
  std::string contact;
  if (d.contact.empty()) contact = ui.t("review.anonymous");
  else contact = d.contact.email + (d.contact.email.empty() || d.contact.phone.empty() ? "" : ", ") + d.contact.phone;
  row("review.contact", contact, !d.contact.empty());
  if (!report && ui.s.question_has_publish_step()) {
    row("review.public", ui.t(d.consents.publish ? "review.yes" : "review.no"));
    // What the public will see: the text with personal data replaced.
    if (d.consents.publish) row("question.publish.preview", ui.s.public_preview(), true);
  }
  std::string to;
  for (const auto& c : d.channels) to += (to.empty() ? "" : "\n") + ui.t("review.channel." + c);
  row("review.to", ui.s.config().kiosk.municipality + ":\n" + to);
  if (d.assisted) row("review.assisted", ui.t("review.yes"));
  y += read_details_control(ui, ImVec2(p.x, y), W);  // speech mode: hear the rows marked personal
  for (const auto& e : ui.s.errors())
    if (e.field.empty()) y += field_error(ui, "", ImVec2(p.x, y), W);
  if (bottom_action(ui, "review.send", ui.t("review.send"))) ui.s.submit();
  end_screen(ui);
}

}  // namespace kiosk::ui

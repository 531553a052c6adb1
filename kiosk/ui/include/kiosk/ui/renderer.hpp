// The project's own Dear ImGui renderer for SDL_Renderer (SDL >= 2.0.18: SDL_RenderGeometryRaw). Debian's
// libimgui-dev ships no compiled SDL_Renderer backend, and its example source lives in /usr/share/doc,
// which minimal images drop; this small one is owned and tested here.
#pragma once

struct SDL_Renderer;
struct SDL_Texture;
struct ImDrawData;
struct ImFontAtlas;

namespace kiosk::ui {

class ImGuiRenderer {
 public:
  explicit ImGuiRenderer(SDL_Renderer* renderer) : m_renderer(renderer) {}
  ImGuiRenderer(const ImGuiRenderer&) = delete;
  ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;
  ~ImGuiRenderer();

  // (Re)uploads the atlas texture and sets its texture id; then frees the atlas's CPU pixel copy.
  bool upload_fonts(ImFontAtlas& atlas);
  void render(ImDrawData* data);
  SDL_Renderer* sdl() const { return m_renderer; }

 private:
  SDL_Renderer* m_renderer;
  SDL_Texture* m_font = nullptr;
};

}  // namespace kiosk::ui

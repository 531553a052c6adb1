#include "kiosk/ui/renderer.hpp"

#include <SDL.h>
#include <imgui.h>

namespace kiosk::ui {

ImGuiRenderer::~ImGuiRenderer() {
  if (m_font) SDL_DestroyTexture(m_font);
}

bool ImGuiRenderer::upload_fonts(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  if (!pixels) return false;
  if (m_font) SDL_DestroyTexture(m_font);
  m_font = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!m_font) return false;
  SDL_UpdateTexture(m_font, nullptr, pixels, 4 * w);
  SDL_SetTextureBlendMode(m_font, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(m_font, SDL_ScaleModeLinear);
  atlas.SetTexID(static_cast<ImTextureID>(m_font));
  atlas.ClearTexData();  // ~10 MiB of CPU copies: the texture has the pixels now
  return true;
}

void ImGuiRenderer::render(ImDrawData* data) {
  if (!data || data->CmdListsCount == 0) return;
  SDL_Rect old_clip;
  SDL_bool had_clip = SDL_RenderIsClipEnabled(m_renderer);
  SDL_RenderGetClipRect(m_renderer, &old_clip);
  const ImVec2 off = data->DisplayPos;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (int c = 0; c < list->CmdBuffer.Size; ++c) {
      const ImDrawCmd& cmd = list->CmdBuffer[c];
      if (cmd.UserCallback) {
        cmd.UserCallback(list, &cmd);
        continue;
      }
      ImVec2 cmin(cmd.ClipRect.x - off.x, cmd.ClipRect.y - off.y);
      ImVec2 cmax(cmd.ClipRect.z - off.x, cmd.ClipRect.w - off.y);
      if (cmax.x <= cmin.x || cmax.y <= cmin.y) continue;
      SDL_Rect r{static_cast<int>(cmin.x), static_cast<int>(cmin.y), static_cast<int>(cmax.x - cmin.x),
                 static_cast<int>(cmax.y - cmin.y)};
      SDL_RenderSetClipRect(m_renderer, &r);
      const ImDrawVert* v = vtx + cmd.VtxOffset;
      const int stride = static_cast<int>(sizeof(ImDrawVert));
      SDL_RenderGeometryRaw(
          m_renderer, static_cast<SDL_Texture*>(cmd.GetTexID()),
          reinterpret_cast<const float*>(reinterpret_cast<const char*>(v) + IM_OFFSETOF(ImDrawVert, pos)), stride,
          reinterpret_cast<const SDL_Color*>(reinterpret_cast<const char*>(v) + IM_OFFSETOF(ImDrawVert, col)), stride,
          reinterpret_cast<const float*>(reinterpret_cast<const char*>(v) + IM_OFFSETOF(ImDrawVert, uv)), stride,
          list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), idx + cmd.IdxOffset, static_cast<int>(cmd.ElemCount),
          static_cast<int>(sizeof(ImDrawIdx)));
    }
  }
  SDL_RenderSetClipRect(m_renderer, had_clip ? &old_clip : nullptr);
}

}  // namespace kiosk::ui

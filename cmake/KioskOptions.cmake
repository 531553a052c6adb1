# Compiler flags shared by every kiosk target: warnings on, optional sanitizers.
add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers
  # GCC 12 reports false positives through std::variant/std::optional at -O2 (GCC bug 105562 and kin).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
if(KIOSK_WERROR)
  target_compile_options(kiosk_warnings INTERFACE -Werror)
endif()

if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=${KIOSK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${KIOSK_SANITIZE})
endif()

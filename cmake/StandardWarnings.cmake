# Warnings for timecite's own targets, in one INTERFACE target (as ccache does).
# -Werror is not set here: the `dev` preset adds it through CMAKE_CXX_FLAGS, so a
# user building with another compiler is not stopped by a new warning.
add_library(timecite_warnings INTERFACE)
target_compile_options(timecite_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
add_library(timecite::warnings ALIAS timecite_warnings)

# Manual pages, generated at build time (target `man`, part of `all` when
# help2man is found): timecite(1) and timecite-<subcommand>(1) from the
# program's --help (cmake/GenerateMan.cmake), and timecite.toml(5) from
# docs/man/timecite.toml.5 (written by hand from configs/timecite.toml and
# common/config.h). Installed gzipped to share/man/man1 and man5.
option(TIMECITE_MAN "Generate the manual pages with help2man (Debian package help2man)" ON)
if(NOT TIMECITE_MAN)
  return()
endif()
find_program(HELP2MAN_EXECUTABLE help2man)
if(NOT HELP2MAN_EXECUTABLE)
  message(WARNING "help2man not found: no manual pages (install the Debian package help2man, "
    "scripts/install-deps.sh does, or configure with -DTIMECITE_MAN=OFF)")
  return()
endif()

set(man_dir ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${man_dir}/man1.stamp
  COMMAND ${CMAKE_COMMAND} -DTIMECITE=$<TARGET_FILE:timecite> -DHELP2MAN=${HELP2MAN_EXECUTABLE}
    -DGZIP=${GZIP_EXECUTABLE} -DVERSION=${PROJECT_VERSION} -DOUT=${man_dir}/pages
    -P ${PROJECT_SOURCE_DIR}/cmake/GenerateMan.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${man_dir}/man1.stamp
  DEPENDS timecite ${PROJECT_SOURCE_DIR}/cmake/GenerateMan.cmake
  COMMENT "Generating the manual pages (help2man over timecite --help)"
  VERBATIM)
add_custom_command(
  OUTPUT ${man_dir}/man5/timecite.toml.5.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${man_dir}/man5
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/docs/man/timecite.toml.5 ${man_dir}/man5/
  COMMAND ${GZIP_EXECUTABLE} -9nf ${man_dir}/man5/timecite.toml.5
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/timecite.toml.5
  COMMENT "Compressing timecite.toml(5)"
  VERBATIM)
add_custom_target(man ALL DEPENDS ${man_dir}/man1.stamp ${man_dir}/man5/timecite.toml.5.gz)

install(DIRECTORY ${man_dir}/pages/man1 DESTINATION ${CMAKE_INSTALL_MANDIR})
install(FILES ${man_dir}/man5/timecite.toml.5.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)

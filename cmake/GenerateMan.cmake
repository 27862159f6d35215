# cmake -P GenerateMan.cmake: writes the manual pages of timecite and of each
# of its subcommands with help2man, from the program's own --help (so a page
# says what --help says), gzipped as Debian ships them. Run at build time by
# the `man` target (cmake/Man.cmake); nothing generated is committed.
#
#   -DTIMECITE=<the built program> -DHELP2MAN=<help2man> -DGZIP=<gzip>
#   -DVERSION=<x.y.z> -DOUT=<dir> -DSEE_ALSO=<timecite.toml.5 source, for names>
#
# The subcommands and their one-line descriptions are read from the
# "Subcommands:" section of `timecite --help` (CLI11's layout: two spaces, the
# name, spaces, the description), so a new subcommand gets its page without
# editing this file. Pages are named as git names its own: timecite-check(1).
foreach(v TIMECITE HELP2MAN GZIP VERSION OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "GenerateMan.cmake: -D${v}= is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/man1 ${OUT}/wrappers)

execute_process(COMMAND ${TIMECITE} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TIMECITE} --help exited ${rc}")
endif()
# A ";" would split CMake's lists below; in a NAME line "," reads the same.
string(REPLACE ";" "," help "${help}")
string(REGEX MATCH "\nSubcommands:\n(  [^\n]*\n)+" section "${help}")
if(section STREQUAL "")
  message(FATAL_ERROR "no Subcommands: section in `timecite --help`:\n${help}")
endif()
string(REGEX MATCHALL "\n  [a-z][a-z-]*  +[^\n]*" lines "${section}")
set(names)
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n  ([a-z][a-z-]*)  +(.*)$" "\\1" name "${line}")
  string(REGEX REPLACE "^\n  ([a-z][a-z-]*)  +(.*)$" "\\2" what "${line}")
  # NAME section: lower-case first letter, no final full stop (man-pages(7)).
  string(REGEX REPLACE "\\.$" "" what "${what}")
  list(APPEND names ${name})
  set(what_${name} "${what}")
endforeach()

# SEE ALSO, shared by every page.
set(see_also "timecite(1)")
foreach(name IN LISTS names)
  string(APPEND see_also ", timecite-${name}(1)")
endforeach()
string(APPEND see_also ", timecite.toml(5)")
file(WRITE ${OUT}/see-also.h2m "[SEE ALSO]\n${see_also}\n.PP\nThe README and docs/ of the source tree; a commented timecite.toml, the site profiles and an example report in /usr/share/doc/timecite/examples.\n")

function(run_help2man page name_line program)
  execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr
      --version-string=${VERSION} --section=1 --source=timecite
      --manual=timecite --name=${name_line}
      --include=${OUT}/see-also.h2m --output=${OUT}/man1/${page}.1 ${program}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man for ${page} failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND ${GZIP} -9nf ${OUT}/man1/${page}.1 RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page}.1 failed")
  endif()
endfunction()

run_help2man(timecite "check and resolve citations into UN meeting recordings and UN documents"
  ${TIMECITE})
# help2man runs `PROGRAM --help`; a subcommand's page runs a two-line wrapper
# named timecite-NAME that calls `timecite NAME --help`, which also gives the
# page its name.
foreach(name IN LISTS names)
  set(wrapper ${OUT}/wrappers/timecite-${name})
  file(WRITE ${wrapper} "#!/bin/sh\nexec '${TIMECITE}' ${name} \"$@\"\n")
  file(CHMOD ${wrapper} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  run_help2man(timecite-${name} "${what_${name}}" ${wrapper})
endforeach()
file(REMOVE_RECURSE ${OUT}/wrappers)
list(LENGTH names n)
message(STATUS "man pages: timecite and ${n} subcommands (${names})")

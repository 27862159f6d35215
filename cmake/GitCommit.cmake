# TIMECITE_GIT_COMMIT: the commit the build is made from, for `timecite
# --version`. Read at configure time with `git rev-parse --short=12 HEAD`;
# CMake configures again when HEAD moves (a commit, a checkout), so the name
# follows the tree. Local changes not yet committed are not marked.
# Without git or a .git (a source tarball), it is "unknown" unless given:
#   cmake -DTIMECITE_GIT_COMMIT=<hash> ...
# Writes ${PROJECT_BINARY_DIR}/generated/timecite/build_commit.h, which only
# cli/main.cc includes (a new commit rebuilds one file).
set(TIMECITE_GIT_COMMIT "" CACHE STRING
  "Commit to name in --version when the source tree has no .git (default: git rev-parse)")
set(timecite_commit "${TIMECITE_GIT_COMMIT}")
if(timecite_commit STREQUAL "")
  set(timecite_commit "unknown")
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      OUTPUT_VARIABLE head RESULT_VARIABLE rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
      set(timecite_commit "${head}")
      # Re-run CMake when HEAD or the branch it names moves. In a worktree
      # .git is a file; --git-path finds the real places.
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path HEAD
          --symbolic-full-name HEAD
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        OUTPUT_VARIABLE paths ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
      string(REPLACE "\n" ";" paths "${paths}")
      list(GET paths 0 head_file)
      get_filename_component(head_file "${head_file}" ABSOLUTE BASE_DIR ${PROJECT_SOURCE_DIR})
      set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
        "${head_file}")
      list(LENGTH paths n)
      if(n GREATER 1)
        list(GET paths 1 ref)
        execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path "${ref}"
          WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
          OUTPUT_VARIABLE ref_file ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
        get_filename_component(ref_file "${ref_file}" ABSOLUTE BASE_DIR ${PROJECT_SOURCE_DIR})
        if(EXISTS "${ref_file}")
          set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
            "${ref_file}")
        endif()
      endif()
    endif()
  endif()
endif()
configure_file(${PROJECT_SOURCE_DIR}/common/build_commit.h.in
  ${PROJECT_BINARY_DIR}/generated/timecite/build_commit.h @ONLY)

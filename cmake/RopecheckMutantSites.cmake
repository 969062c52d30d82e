# Which sources differ between a layer and its mutant twin.
#
# A translation unit depends on ROPECHECK_MUTANTS only if it, or a project header it
# includes (transitively), mentions a mutant switch (ROPECHECK_MUTANT(...),
# ROPECHECK_MUTANT_IF(...) or the macro ROPECHECK_MUTANTS itself). Only those are
# compiled twice; the twin reuses the ordinary objects of every other source. It
# must be the transitive closure: a header with a site inside an inline function or
# a template (src/rope/kernel_definitions.hpp, ...) compiled one way in the ordinary
# objects and the other way in the twin's would be two different definitions of one
# entity (an ODR violation; the linker keeps either). The match is textual and
# errs on the safe side (a mention in a comment counts). numeric/mutant.hpp, which
# defines the macros, is exempt: what it declares under ROPECHECK_MUTANTS is a
# non-inline function, the same entity in both modes.
#
# Every file read becomes a configure dependency, so adding a site or an include
# re-runs this analysis. CTest `mutant_twin_objects` checks the result against the
# headers the compiler actually read (ninja's dependency log).

set(ROPECHECK_MUTANT_MACRO_HEADER "${PROJECT_SOURCE_DIR}/include/ropecheck/numeric/mutant.hpp")

# The facts of one file, read once: whether it mentions a switch itself, and the
# project files it includes ("..." beside it, or under include/).
function(_ropecheck_file_facts file site_var includes_var)
  get_property(known GLOBAL PROPERTY "ropecheck_site:${file}" SET)
  if(NOT known)
    set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
    file(READ "${file}" text)
    set(site OFF)
    if(NOT file STREQUAL ROPECHECK_MUTANT_MACRO_HEADER AND text MATCHES "ROPECHECK_MUTANT")
      set(site ON)
    endif()
    get_filename_component(dir "${file}" DIRECTORY)
    string(REGEX MATCHALL "#[ \t]*include[ \t]*[\"<][^\">]+[\">]" lines "${text}")
    set(included "")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE ".*[\"<]([^\">]+)[\">]$" "\\1" name "${line}")
      foreach(candidate "${dir}/${name}" "${PROJECT_SOURCE_DIR}/include/${name}")
        if(EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
          get_filename_component(candidate "${candidate}" REALPATH)
          list(APPEND included "${candidate}")
          break()
        endif()
      endforeach()
    endforeach()
    set_property(GLOBAL PROPERTY "ropecheck_site:${file}" ${site})
    set_property(GLOBAL PROPERTY "ropecheck_includes:${file}" "${included}")
  endif()
  get_property(site GLOBAL PROPERTY "ropecheck_site:${file}")
  get_property(included GLOBAL PROPERTY "ropecheck_includes:${file}")
  set(${site_var} ${site} PARENT_SCOPE)
  set(${includes_var} "${included}" PARENT_SCOPE)
endfunction()

# Whether the translation unit of `source` reaches a switch: a walk over its includes.
function(_ropecheck_reaches_mutant_site source out)
  set(pending "${source}")
  set(seen "")
  while(pending)
    list(POP_FRONT pending file)
    if(file IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${file}")
    _ropecheck_file_facts("${file}" site included)
    if(site)
      set(${out} ON PARENT_SCOPE)
      return()
    endif()
    list(APPEND pending ${included})
  endwhile()
  set(${out} OFF PARENT_SCOPE)
endfunction()

# ropecheck_split_by_mutant_sites(SITES_VAR PLAIN_VAR source...): the sources whose
# translation unit reaches a mutant switch, and the others.
function(ropecheck_split_by_mutant_sites sites_var plain_var)
  set(sites "")
  set(plain "")
  foreach(source IN LISTS ARGN)
    get_filename_component(path "${source}" REALPATH BASE_DIR "${PROJECT_SOURCE_DIR}")
    if(NOT EXISTS "${path}")
      # Generated at build time (the claims' registration list): nothing to read yet, so
      # the safe side: each twin compiles its own copy.
      set(reached ON)
    else()
      _ropecheck_reaches_mutant_site("${path}" reached)
    endif()
    if(reached)
      list(APPEND sites "${source}")
    else()
      list(APPEND plain "${source}")
    endif()
  endforeach()
  set(${sites_var} "${sites}" PARENT_SCOPE)
  set(${plain_var} "${plain}" PARENT_SCOPE)
endfunction()

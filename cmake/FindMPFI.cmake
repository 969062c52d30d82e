# FindMPFI: the interval library MPFI and the two libraries under it, MPFR and GMP.
# Defines the imported targets MPFI::MPFI (linking MPFR::MPFR, which links GMP::GMP),
# so that the installed ropecheck package names its dependencies by target, not by the
# absolute paths of the machine it was built on. Used by the build and by
# ropecheckConfig.cmake (find_dependency(MPFI)).
find_path(MPFI_INCLUDE_DIR mpfi.h)
find_path(MPFR_INCLUDE_DIR mpfr.h)
find_path(GMP_INCLUDE_DIR gmp.h)
find_library(MPFI_LIBRARY mpfi)
find_library(MPFR_LIBRARY mpfr)
find_library(GMP_LIBRARY gmp)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MPFI REQUIRED_VARS
  MPFI_LIBRARY MPFI_INCLUDE_DIR MPFR_LIBRARY MPFR_INCLUDE_DIR GMP_LIBRARY GMP_INCLUDE_DIR)

if(MPFI_FOUND)
  foreach(lib GMP MPFR MPFI)
    if(NOT TARGET ${lib}::${lib})
      add_library(${lib}::${lib} UNKNOWN IMPORTED)
      set_target_properties(${lib}::${lib} PROPERTIES
        IMPORTED_LOCATION "${${lib}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${${lib}_INCLUDE_DIR}")
    endif()
  endforeach()
  set_property(TARGET MPFR::MPFR APPEND PROPERTY INTERFACE_LINK_LIBRARIES GMP::GMP)
  set_property(TARGET MPFI::MPFI APPEND PROPERTY INTERFACE_LINK_LIBRARIES MPFR::MPFR)
endif()
mark_as_advanced(MPFI_INCLUDE_DIR MPFR_INCLUDE_DIR GMP_INCLUDE_DIR MPFI_LIBRARY MPFR_LIBRARY GMP_LIBRARY)

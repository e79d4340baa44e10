# The nnaccel SDK (docs/sdk.md): what `cmake --install` puts in place and what the build tree
# exports, so that an application or a generated project finds the prebuilt driver, HALs and
# simulation runtime with find_package(nnaccel CONFIG) or pkg-config.
#
#   <prefix>/bin/nngen, nn-run
#   <prefix>/include/nndriver, nnhal, nnsimrt
#   <prefix>/<libdir>/libnndriver.a, libnnhal_*.a, ...
#   <prefix>/<libdir>/cmake/nnaccel/nnaccelConfig.cmake (+ Version, Targets)
#   <prefix>/<libdir>/pkgconfig/libnndriver.pc, libnnhal_<hal>.pc
#   <prefix>/share/nnaccel/nn_sim_plugin.map
#   <prefix>/share/nnaccel/kit/... the bare-metal source kit `nngen qemu` builds its image from
# and the build tree: <build>/nnaccelConfig.cmake (+ Version, Targets) for -Dnnaccel_DIR=<build>.
#
# Included at the end of the top CMakeLists.txt: a target is part of the SDK when it exists in
# this configuration (a cross build has no nngen, a target without libxml2 no hwh reader).
include(CMakePackageConfigHelpers)

# target -> name after `nnaccel::`
set(nnaccel_sdk_names
  nndriver_api=nndriver_api nnhal_api=hal_api
  nndriver=nndriver nndriver_text=nndriver_text nnruntime=nnruntime
  nnhal_dma_pool=hal_dma_pool nnhal_mock=hal_mock nnhal_sim=hal_sim nnhal_uio=hal_uio
  nnhal_devmem=hal_devmem nnhwh=hwh
  nnnpy=npy nnsimrt=simrt nnsim_plugin=sim_plugin nnsim_main=sim_main
  nngen=nngen nn-run=nn-run)
set(nnaccel_sdk_targets)
set(nnaccel_sdk_libraries)  # static libraries, for the pkg-config files
foreach(pair ${nnaccel_sdk_names})
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 target)
  list(GET pair 1 export_name)
  if(NOT TARGET ${target})
    continue()
  endif()
  list(APPEND nnaccel_sdk_targets ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "STATIC_LIBRARY")
    list(APPEND nnaccel_sdk_libraries ${target})
    # Generated projects link these into their device library (a shared object).
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    if(NNACCEL_SANITIZE)
      # Instrumented code needs the sanitizer runtimes in whatever links it (a generated project
      # of a sanitizer build does not compile with the flags itself).
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_OPTIONS
        -fsanitize=address,undefined)
    endif()
  endif()
  # The folders' CMakeLists.txt name their public include directories by their place in this
  # tree; an installed SDK has them under <prefix>/include instead (INCLUDES DESTINATION below).
  get_target_property(dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
  if(dirs)
    set(wrapped)
    foreach(d ${dirs})
      if(NOT d MATCHES "^\\$<" AND (d MATCHES "^${PROJECT_SOURCE_DIR}/" OR d MATCHES "^${PROJECT_BINARY_DIR}/"))
        set(d "$<BUILD_INTERFACE:${d}>")
      endif()
      list(APPEND wrapped "${d}")
    endforeach()
    set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${wrapped}")
  endif()
endforeach()

# One target builds everything a generated project links, so `nngen` from this build tree can be
# used as soon as it is built (its projects find this tree's nnaccelConfig.cmake).
set(nnaccel_sdk_link_targets)
foreach(target nndriver nnhal_mock nnhal_dma_pool nnhal_sim nnsimrt nnsim_plugin nnsim_main nnnpy)
  if(TARGET ${target})
    list(APPEND nnaccel_sdk_link_targets ${target})
  endif()
endforeach()
add_custom_target(nnaccel_sdk)
add_dependencies(nnaccel_sdk ${nnaccel_sdk_link_targets})
if(TARGET nngen)
  add_dependencies(nngen nnaccel_sdk)
  # Where nngen finds the SDK it belongs to (the hint it writes into generated projects): the
  # build tree holds nnaccelConfig.cmake one level above bin/, an install this folder relative to
  # <prefix>/bin.
  file(RELATIVE_PATH nnaccel_config_rel ${CMAKE_INSTALL_FULL_BINDIR}
       ${CMAKE_INSTALL_FULL_LIBDIR}/cmake/nnaccel)
  # (On the one source that uses it: a definition for all of nngen_core would rebuild it all.)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/generator/src/backend/sdk_location.cpp
    DIRECTORY ${PROJECT_SOURCE_DIR}/generator
    PROPERTIES COMPILE_DEFINITIONS "NNACCEL_SDK_CONFIG_FROM_BIN=\"${nnaccel_config_rel}\"")
  # Where `nngen qemu` finds the bare-metal kit (below): this source tree for a build-tree nngen,
  # <prefix>/share/nnaccel/kit relative to <prefix>/bin for an installed one.
  file(RELATIVE_PATH nnaccel_kit_rel ${CMAKE_INSTALL_FULL_BINDIR}
       ${CMAKE_INSTALL_FULL_DATADIR}/nnaccel/kit)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/generator/src/backend/kit_location.cpp
    DIRECTORY ${PROJECT_SOURCE_DIR}/generator
    PROPERTIES COMPILE_DEFINITIONS
      "NNACCEL_KIT_FROM_BIN=\"${nnaccel_kit_rel}\";NNACCEL_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\"")
endif()

# The bare-metal source kit (docs/baremetal.md): the image project sdk-apps/baremetal-test is
# compiled from sources with a cross compiler, never from this build's host libraries, so an
# install carries exactly the folders it reads, in the source tree's layout, under
# share/nnaccel/kit (what `nngen qemu` of an installed nngen uses, and what a Vitis workspace
# imports).
set(nnaccel_kit_dirs
  driver/include driver/src hal/include hal/common hal/sim hal/baremetal generator/hlslib
  boards/baremetal sdk-apps/baremetal-test)
foreach(dir ${nnaccel_kit_dirs})
  get_filename_component(parent ${dir} DIRECTORY)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/nnaccel/kit/${parent}
    COMPONENT kit PATTERN ".*" EXCLUDE)
endforeach()

install(TARGETS ${nnaccel_sdk_targets} EXPORT nnaccelTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The Python binding: libnnaccel.so (not an exported CMake target: only ctypes loads it) and the
# pure-Python package beside the kit (docs/python.md: copy both to the board).
if(TARGET nnaccel_py)
  install(TARGETS nnaccel_py LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/nnaccel
    DESTINATION ${CMAKE_INSTALL_DATADIR}/nnaccel/python PATTERN "__pycache__" EXCLUDE)
  install(FILES ${PROJECT_SOURCE_DIR}/python/pyproject.toml ${PROJECT_SOURCE_DIR}/python/README.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/nnaccel/python)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/driver/include/nndriver ${PROJECT_SOURCE_DIR}/hal/include/nnhal
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
if(TARGET nnsimrt)
  install(FILES ${PROJECT_SOURCE_DIR}/generator/simrt/virtual_board.h
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nnsimrt)
  set_property(TARGET nnsimrt APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES
    "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/nnsimrt>")
endif()
if(TARGET nnsim_plugin)
  install(FILES ${PROJECT_SOURCE_DIR}/generator/simrt/nn_sim_plugin.map
    DESTINATION ${CMAKE_INSTALL_DATADIR}/nnaccel)
endif()

# Package dependencies of what was built, for the config file.
set(NNACCEL_CONFIG_DEPENDENCIES "")
if(TARGET nnnpy)
  string(APPEND NNACCEL_CONFIG_DEPENDENCIES "find_dependency(ZLIB)\n")
endif()
if(TARGET nnhwh)
  string(APPEND NNACCEL_CONFIG_DEPENDENCIES "find_dependency(LibXml2)\n")
endif()
if(TARGET nnruntime)
  string(APPEND NNACCEL_CONFIG_DEPENDENCIES "find_dependency(Threads)\n")
endif()
set(NNACCEL_CONFIG_TARGETS "")
foreach(target ${nnaccel_sdk_targets})
  get_target_property(export_name ${target} EXPORT_NAME)
  string(APPEND NNACCEL_CONFIG_TARGETS " ${export_name}")
endforeach()

set(nnaccel_config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/nnaccel)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/nnaccelConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sdk/nnaccelConfig.cmake INSTALL_DESTINATION ${nnaccel_config_dir})
# 0.x: a minor version may change the runtime's interfaces (generated projects ask for the exact
# version of the nngen that wrote them).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nnaccelConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(EXPORT nnaccelTargets NAMESPACE nnaccel:: DESTINATION ${nnaccel_config_dir})
install(FILES ${PROJECT_BINARY_DIR}/sdk/nnaccelConfig.cmake
  ${PROJECT_BINARY_DIR}/nnaccelConfigVersion.cmake DESTINATION ${nnaccel_config_dir})

# The build tree as an SDK: same config, targets pointing at this tree's sources and libraries.
export(EXPORT nnaccelTargets NAMESPACE nnaccel:: FILE ${PROJECT_BINARY_DIR}/nnaccelTargets.cmake)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/nnaccelConfig.cmake.in
  ${PROJECT_BINARY_DIR}/nnaccelConfig.cmake INSTALL_DESTINATION ${PROJECT_BINARY_DIR}
  INSTALL_PREFIX ${PROJECT_BINARY_DIR})

# pkg-config: relocatable like the CMake package (the prefix is found from the .pc file's own
# folder), so `cmake --install --prefix P` and a copied install tree work.
file(RELATIVE_PATH NNACCEL_PC_PREFIX_FROM_PCDIR ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
file(RELATIVE_PATH NNACCEL_PC_LIBDIR ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_LIBDIR})
file(RELATIVE_PATH NNACCEL_PC_INCLUDEDIR ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_INCLUDEDIR})
# libnndriver.pc, and one file per HAL library (libnnhal_mock.pc, libnnhal_sim.pc, ...), each
# standalone (the HALs do not need the driver; an application lists both; a HAL on the shared
# DMA pool names libnnhal_dma_pool too).
foreach(target ${nnaccel_sdk_libraries})
  if(target STREQUAL "nndriver")
    set(NNACCEL_PC_DESCRIPTION "nnaccel driver: runs a generated accelerator through an nn_hal")
  elseif(target STREQUAL "nnhal_dma_pool")
    set(NNACCEL_PC_DESCRIPTION "nnaccel DMA pool: the HALs' first-fit 64-byte allocator (nnhal/nn_dma_pool.h)")
  elseif(target MATCHES "^nnhal_(.*)$")
    set(NNACCEL_PC_DESCRIPTION "nnaccel HAL backend '${CMAKE_MATCH_1}' (nnhal/nn_hal_${CMAKE_MATCH_1}.h)")
  else()
    continue()
  endif()
  set(NNACCEL_PC_NAME lib${target})
  set(NNACCEL_PC_LIBS "-l${target}")
  # Static archives: a HAL built on the shared pool needs it after itself on the link line.
  get_target_property(links ${target} LINK_LIBRARIES)
  if(links AND "nnhal_dma_pool" IN_LIST links)
    string(APPEND NNACCEL_PC_LIBS " -lnnhal_dma_pool")
  endif()
  configure_file(${CMAKE_CURRENT_LIST_DIR}/nnaccel.pc.in ${PROJECT_BINARY_DIR}/sdk/lib${target}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/sdk/lib${target}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

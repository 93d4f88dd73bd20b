# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors

# atrium_set_warnings(<target>): the warning set every first-party target builds with.
function(atrium_set_warnings target)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                                 -Wcast-align -Wformat=2 -Wimplicit-fallthrough)
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            target_compile_options(${target} PRIVATE -Wshadow=local)
            if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
                # GCC 12 reports these from inlined standard-library code at -O3 where there is no overflow
                # (GCC bugs 105329, 105651); the sanitizer builds check the real thing.
                target_compile_options(${target} PRIVATE -Wno-stringop-overflow -Wno-array-bounds -Wno-restrict)
            endif()
        else()
            target_compile_options(${target} PRIVATE -Wshadow-uncaptured-local)
        endif()
        if(ATRIUM_ENABLE_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    elseif(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive-)
        if(ATRIUM_ENABLE_WERROR)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    endif()
endfunction()

# atrium_engine_library(<target> SOURCES ... [LIBS ...]): one Qt-free engine component.
function(atrium_engine_library target)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(${target} STATIC ${ARG_SOURCES})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/engine/include" "${PROJECT_SOURCE_DIR}/engine/src")
    target_link_libraries(${target} PUBLIC ${ARG_LIBS})
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    if(ATRIUM_ENABLE_NATIVE)
        target_compile_options(${target} PRIVATE -march=native)
    endif()
    atrium_set_warnings(${target})
endfunction()

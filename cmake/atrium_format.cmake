# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors

# format / format-check: clang-format 14 over first-party sources. GLOB feeds only these targets.
find_program(ATRIUM_CLANG_FORMAT NAMES clang-format-14 clang-format)
if(ATRIUM_CLANG_FORMAT)
    file(GLOB_RECURSE ATRIUM_FORMAT_FILES CONFIGURE_DEPENDS
         "${PROJECT_SOURCE_DIR}/engine/*.h" "${PROJECT_SOURCE_DIR}/engine/*.cpp"
         "${PROJECT_SOURCE_DIR}/app/*.h" "${PROJECT_SOURCE_DIR}/app/*.cpp"
         "${PROJECT_SOURCE_DIR}/ui/*.h" "${PROJECT_SOURCE_DIR}/ui/*.cpp"
         "${PROJECT_SOURCE_DIR}/tests/*.h" "${PROJECT_SOURCE_DIR}/tests/*.cpp"
         "${PROJECT_SOURCE_DIR}/shaders/*.h")
    # Generated tables (gen_unicode_data.py writes them) and third-party packages stay as they are.
    list(FILTER ATRIUM_FORMAT_FILES EXCLUDE REGEX "/unicode_[a-z]+_data\\.cpp$|/node_modules/")
    add_custom_target(format COMMAND ${ATRIUM_CLANG_FORMAT} -i ${ATRIUM_FORMAT_FILES}
                      COMMENT "clang-format: rewriting sources" VERBATIM)
    add_custom_target(format-check COMMAND ${ATRIUM_CLANG_FORMAT} --dry-run --Werror ${ATRIUM_FORMAT_FILES}
                      COMMENT "clang-format: checking sources" VERBATIM)
endif()

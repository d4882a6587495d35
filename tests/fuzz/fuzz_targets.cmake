# The fuzz targets (issue 9), one per parser of untrusted input, and how the clang fuzz build
# makes a libFuzzer binary of each. Included by tests/fuzz/CMakeLists.txt (the g++ replay test)
# and by fuzz_build.cmake (scripts/fuzz).

set(BROADSHEET_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
# "name function libraries...": one line per target; fuzz_replay.cpp keeps the same table.
set(BROADSHEET_FUZZ_TARGETS
  "request_target FuzzRequestTarget bs_http"
  "form FuzzForm bs_http"
  "multipart FuzzMultipart bs_http"
  "cookie FuzzCookie bs_http bs_security"
  "forwarded FuzzForwarded bs_security"
  "allowed_hosts FuzzAllowedHosts bs_site"
  "captcha_token FuzzCaptchaToken bs_security"
  "front_matter FuzzFrontMatter bs_news"
  "markdown FuzzMarkdown bs_render"
  "comment_text FuzzCommentText bs_render"
  "site_document FuzzSiteDocument bs_cli"
  "desk_fields FuzzDeskFields bs_security"
  "html_markdown FuzzHtmlMarkdown bs_import bs_render"
  "wxr FuzzWxr bs_import"
  "sql_dump FuzzSqlDump bs_import"
  "json_reader FuzzJsonReader bs_cli")

# The target names, for the replay tests.
function(broadsheet_fuzz_names out)
  set(names "")
  foreach(line IN LISTS BROADSHEET_FUZZ_TARGETS)
    separate_arguments(fields UNIX_COMMAND "${line}")
    list(GET fields 0 name)
    list(APPEND names ${name})
  endforeach()
  set(${out} ${names} PARENT_SCOPE)
endfunction()

# fuzz_<name> for every target in build/fuzz/tests/fuzz/, each linking only its own libraries.
# Called deferred from the top-level directory (fuzz_build.cmake), once the libraries exist.
function(broadsheet_libfuzzer_binaries)
  foreach(line IN LISTS BROADSHEET_FUZZ_TARGETS)
    separate_arguments(fields UNIX_COMMAND "${line}")
    list(POP_FRONT fields name function)
    add_executable(fuzz_${name} ${BROADSHEET_FUZZ_DIR}/libfuzzer_entry.cpp
      ${BROADSHEET_FUZZ_DIR}/${name}_fuzz.cpp)
    target_compile_definitions(fuzz_${name} PRIVATE BROADSHEET_FUZZ_FUNCTION=${function})
    target_link_libraries(fuzz_${name} PRIVATE ${fields} PkgConfig::SODIUM)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_${name} PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/fuzz)
    broadsheet_warnings(fuzz_${name})
  endforeach()
endfunction()

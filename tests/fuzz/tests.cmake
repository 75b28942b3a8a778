# tests/fuzz — every tests/fuzz/fuzz_<name>.c defines LLVMFuzzerTestOneInput()
# (sl_fuzz.h) and has a seed corpus in tests/fuzz/corpus/<name>/.
#
# Normal build (GCC or clang): fuzz_<name> is the target linked with
# replay_main.c, and ctest test fuzz_<name> (label "fuzz") runs it over every
# file of the corpus, so seeds and kept crashers are regression tests.
# SL_FUZZ=ON (clang): fuzz_<name> is a real libFuzzer binary and the ctest
# test replays the corpus with -runs=0; tests/fuzz/run-fuzz.sh fuzzes.
set(SL_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

file(GLOB SL_FUZZ_SOURCES CONFIGURE_DEPENDS ${SL_FUZZ_DIR}/fuzz_*.c)
list(SORT SL_FUZZ_SOURCES)

# One target builds them all: cmake --build build-fuzz --target fuzzers
add_custom_target(fuzzers)

foreach(src ${SL_FUZZ_SOURCES})
	get_filename_component(target ${src} NAME_WE)
	string(REGEX REPLACE "^fuzz_" "" corpus ${target})
	if(SL_FUZZ)
		add_executable(${target} ${src})
		target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
		target_link_options(${target} PRIVATE -fsanitize=fuzzer)
		set(replay_args -runs=0)
	else()
		add_executable(${target} ${src} ${SL_FUZZ_DIR}/replay_main.c)
		set(replay_args)
	endif()
	target_include_directories(${target} PRIVATE ${SL_FUZZ_DIR}
	    ${SL_FUZZ_DIR}/../helpers)
	target_link_libraries(${target} PRIVATE sl_core)
	sl_target_warnings(${target})
	# LLVMFuzzerTestOneInput's prototype is libFuzzer's, not ours.
	target_compile_options(${target} PRIVATE -Wno-missing-prototypes)
	add_dependencies(fuzzers ${target})

	add_test(NAME ${target} COMMAND ${target} ${replay_args}
	    ${SL_FUZZ_DIR}/corpus/${corpus})
	set_tests_properties(${target} PROPERTIES LABELS fuzz
	    ENVIRONMENT "${SL_TEST_ENV}")
endforeach()

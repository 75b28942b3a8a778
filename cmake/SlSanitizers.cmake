# SL_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target.
# SL_FUZZ=ON (clang only): the same sanitizers plus libFuzzer's coverage
# instrumentation (-fsanitize=fuzzer-no-link) on every target; the fuzz
# targets themselves link -fsanitize=fuzzer (tests/fuzz/tests.cmake).
if(SL_FUZZ)
	if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
		message(FATAL_ERROR "SL_FUZZ=ON needs clang: "
		    "CC=clang cmake -S . -B build-fuzz -DSL_FUZZ=ON -DSL_SANITIZE=ON")
	endif()
	set(SL_SANITIZE ON)
	add_compile_options(-fsanitize=fuzzer-no-link)
	add_link_options(-fsanitize=fuzzer-no-link)
endif()
if(SL_SANITIZE)
	add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
	    -fno-omit-frame-pointer)
	add_link_options(-fsanitize=address,undefined)
endif()

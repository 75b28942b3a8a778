# The curated warning list, applied per target (libssh CompilerChecks style).
set(SL_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes -Wstrict-prototypes
    -Wold-style-definition -Wwrite-strings -Wformat=2 -Wformat-security
    -Wpointer-arith -Wvla -Wimplicit-fallthrough
    -Werror=implicit-function-declaration
    -fstack-protector-strong -fstack-clash-protection)

function(sl_target_warnings target)
	target_compile_options(${target} PRIVATE ${SL_WARNING_FLAGS})
	if(SL_WERROR)
		target_compile_options(${target} PRIVATE -Werror)
	endif()
	if(NOT SL_SANITIZE AND NOT SL_FUZZ)
		target_compile_definitions(${target} PRIVATE
		    $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
	endif()
endfunction()

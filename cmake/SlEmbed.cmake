# sl_embed(OUT COLLECTOR file RULES files...): turns the collector script and
# the default rule files into C arrays so the binary is self-contained.
function(sl_embed out)
	cmake_parse_arguments(E "" "COLLECTOR" "RULES" ${ARGN})
	add_custom_command(OUTPUT ${out}
	    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DCOLLECTOR=${E_COLLECTOR}
	        "-DRULES=${E_RULES}" -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SlEmbedRun.cmake
	    DEPENDS ${E_COLLECTOR} ${E_RULES}
	        ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SlEmbedRun.cmake
	    COMMENT "Embedding collector and rules"
	    VERBATIM)
endfunction()

# SPDX-License-Identifier: MIT
# gen_completion.cmake - cmake -P script that writes the bash completion
# from srec.bash.in, filling in what must not be copied by hand:
#   @SREC_COMMANDS@   the commands of `srec --help`
#   @SREC_OPTIONS@    a case arm per command: the options of its --help
#   @SREC_SYSCALLS@   the syscall names of the arch's syscalls.tbl
# Variables: SREC (the built binary), TBL, TEMPLATE, OUT.
foreach(v SREC TBL TEMPLATE OUT)
	if(NOT DEFINED ${v})
		message(FATAL_ERROR "gen_completion.cmake: ${v} is not set")
	endif()
endforeach()

# srec_help(ARGS VAR): the output of `srec ARGS --help`, as lines.
function(srec_help args var)
	execute_process(COMMAND ${SREC} ${args} --help
		OUTPUT_VARIABLE out RESULT_VARIABLE rc)
	if(NOT rc EQUAL 0)
		message(FATAL_ERROR "${SREC} ${args} --help failed (${rc})")
	endif()
	string(REPLACE ";" "," out "${out}")
	string(REPLACE "\n" ";" out "${out}")
	set(${var} "${out}" PARENT_SCOPE)
endfunction()

srec_help("" top)
set(commands)
set(in_commands OFF)
foreach(line IN LISTS top)
	if(line STREQUAL "commands:")
		set(in_commands ON)
	elseif(in_commands AND line MATCHES "^  ([a-z]+) ")
		list(APPEND commands ${CMAKE_MATCH_1})
	elseif(in_commands)
		set(in_commands OFF)
	endif()
endforeach()
if(NOT commands)
	message(FATAL_ERROR "no commands in `${SREC} --help`")
endif()
list(JOIN commands " " SREC_COMMANDS)

# An option line of --help: "  -o, --output FILE   text"; the options
# are the -x and --long words at its start (2 or 6 spaces in; the
# wrapped lines of a description are further in).
set(SREC_OPTIONS "")
foreach(cmd IN LISTS commands)
	srec_help(${cmd} help)
	set(opts)
	set(in_opts OFF)
	foreach(line IN LISTS help)
		if(line STREQUAL "options:")
			set(in_opts ON)
		elseif(in_opts AND line MATCHES "^  (    )?(-[^ ,]+(, --[^ ]+)?)")
			string(REPLACE "," "" words "${CMAKE_MATCH_2}")
			separate_arguments(words UNIX_COMMAND "${words}")
			list(APPEND opts ${words})
		endif()
	endforeach()
	list(JOIN opts " " opts)
	string(APPEND SREC_OPTIONS "\t${cmd}) echo \"${opts}\" ;;\n")
endforeach()

# Rows of the table start with their number; the name follows.
file(STRINGS ${TBL} rows REGEX "^[0-9]+[ \t]")
set(names)
foreach(row IN LISTS rows)
	string(REGEX REPLACE "^[0-9]+[ \t]+([^ \t]+).*" "\\1" name "${row}")
	list(APPEND names ${name})
endforeach()
list(SORT names)
list(JOIN names " " SREC_SYSCALLS)

configure_file(${TEMPLATE} ${OUT} @ONLY)

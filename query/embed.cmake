# SPDX-License-Identifier: MIT
# embed.cmake - turn a text file into a C string, so that a document the
# code executes (schemas/query.sql) is compiled in and cannot drift.
#   cmake -DIN=file.sql -DOUT=file.c -DNAME=symbol -P embed.cmake
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)"
	"\\1\n" hex "${hex}")
file(WRITE ${OUT} "/* Generated from ${IN} by embed.cmake; do not edit. */\n"
	"const char ${NAME}[] = {\n${hex}0 };\n")

// SPDX-License-Identifier: MIT
/*
 * xlat.c - lookups in the value-name tables generated from sys/xlat/NAME.in
 * (xlat_gen.c): one value's name, a bit set's names in table order, and
 * the prefix strace shows for a value no name covers.
 */
#include "sys_int.h"

static const struct srec_sys_xlat_table *table_get(unsigned table)
{
	if (table == SREC_XLAT_NONE || table >= SREC_XLAT_COUNT)
		return NULL;
	return &srec_sys_xlat_tables[table];
}

const char *xlat_name(unsigned table, uint64_t v)
{
	const struct srec_sys_xlat_table *t = table_get(table);
	unsigned i;

	if (!t)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (t->e[i].val == v)
			return t->e[i].name;
	return NULL;
}

/*
 * Greedy in table order, as strace does: an entry is printed when all its
 * bits are still set, and its bits are then used up, so a name covering
 * several bits (O_SYNC, MAP_SHARED_VALIDATE) must come before their parts.
 */
uint64_t xlat_flags(struct srec_buf *out, unsigned table, uint64_t v)
{
	const struct srec_sys_xlat_table *t = table_get(table);
	bool first = true;
	unsigned i;

	if (!t)
		return v;
	for (i = 0; i < t->n && v; i++) {
		uint64_t bits = t->e[i].val;

		if (!bits || (v & bits) != bits)
			continue;
		if (!first)
			srec_buf_addc(out, '|');
		srec_buf_adds(out, t->e[i].name);
		first = false;
		v &= ~bits;
	}
	return v;
}

const char *xlat_unknown(unsigned table)
{
	const struct srec_sys_xlat_table *t = table_get(table);

	return t ? t->unknown : "";
}

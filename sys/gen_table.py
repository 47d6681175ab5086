#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_table.py - turn arch/<arch>/syscalls.tbl into C.

Usage: gen_table.py TABLE OUTDIR

Writes OUTDIR/syscalls_gen.h (enum srec_sys_struct and the declarations
table.c uses), OUTDIR/syscalls_gen.c (the rows indexed by number, the
rows' numbers sorted by name, the struct sizes) and OUTDIR/agent_rows_gen.h
(what the in-process agent needs of each row: its route and how to size the
memory of its arguments; freestanding C for agent/).  The row syntax is
described at the top of the .tbl file.  Any mistake in the table stops
the build with `file:line: message`, so a bad row never reaches C.
"""

import os
import re
import sys

# Every argument kind of enum srec_sys_arg_kind (srec_sys.h), lower case,
# with what its row must say: 'len' an argument index, 'struct' a struct
# type, 'xlat' a value-name table.  A default type is used when the row
# names none.
KINDS = {
    'none': {}, 'int': {}, 'uint': {}, 'hex': {}, 'oct': {}, 'ptr': {},
    'fd': {}, 'dirfd': {}, 'pid': {}, 'uid': {}, 'signal': {}, 'mode': {},
    'flags': {'xlat': None}, 'enum': {'xlat': None},
    'path': {}, 'str': {}, 'strarray': {},
    'in_buf': {'len': True}, 'out_buf': {},
    'out_buf_len': {'len': True}, 'out_str': {},
    'in_struct': {'struct': None}, 'out_struct': {'struct': None},
    'inout_struct': {'struct': None},
    'in_struct_len': {'struct': None, 'len': True},
    'out_struct_len': {'struct': None, 'len': True},
    'in_array': {'struct': None, 'len': True},
    'out_array': {'struct': None},
    'out_array_len': {'struct': None, 'len': True},
    'in_iov': {'struct': 'iovec', 'len': True},
    'out_iov': {'struct': 'iovec', 'len': True},
    'in_sockaddr': {'struct': 'sockaddr', 'len': True},
    'out_sockaddr': {'struct': 'sockaddr', 'len': True},
    'socklen_ptr': {},
    'in_msghdr': {'struct': 'msghdr'}, 'out_msghdr': {'struct': 'msghdr'},
    'in_mmsghdr': {'struct': 'mmsghdr', 'len': True},
    'out_mmsghdr': {'struct': 'mmsghdr', 'len': True},
    'pollfd': {'struct': 'pollfd', 'len': True},
    'fdset': {'len': True},
    'ioctl_arg': {}, 'fcntl_arg': {}, 'special': {},
}

# A return value is a number: only the scalar kinds describe one.
RET_KINDS = ('none', 'int', 'uint', 'hex', 'oct', 'ptr', 'fd', 'pid',
             'uid', 'signal', 'mode')

CLASSES = ('file', 'desc', 'process', 'network', 'signal', 'memory',
           'ipc', 'creds', 'clock', 'stat')

REPLAY = ('emulate', 'execute')

ROUTES = ('agent', 'ptrace')

# The argument kinds the agent copies itself (agent/regions.c), with the
# AGENT_ARG_* rule each becomes; a row routed to the agent uses no other.
AGENT_KINDS = {
    'none': 'NONE', 'int': 'NONE', 'uint': 'NONE', 'hex': 'NONE',
    'oct': 'NONE', 'ptr': 'NONE', 'fd': 'NONE', 'dirfd': 'NONE',
    'pid': 'NONE', 'uid': 'NONE', 'signal': 'NONE', 'mode': 'NONE',
    'flags': 'NONE', 'enum': 'NONE',
    'path': 'PATH', 'str': 'STR',
    'in_buf': 'IN_LEN', 'in_struct_len': 'IN_LEN',
    'in_struct': 'IN_FIXED', 'inout_struct': 'INOUT_FIXED',
    'in_array': 'IN_ARRAY',
    'out_buf': 'OUT_RET', 'out_str': 'OUT_RET',
    'out_buf_len': 'OUT_LEN', 'out_struct_len': 'OUT_LEN',
    'out_struct': 'OUT_FIXED',
    'out_array': 'OUT_ARRAY_RET', 'out_array_len': 'OUT_ARRAY_LEN',
}

NAME_RE = re.compile(r'^[a-z_][a-z0-9_]*$')
ARG_RE = re.compile(r'^([a-z_][a-z0-9_]*):([a-z_]+)(?:/([a-z0-9_]+))?'
                    r'(?:@([0-9]+))?$')


class TableError(Exception):
    pass


class Table:
    def __init__(self):
        self.structs = []      # [(name, size)] in file order
        self.struct_idx = {}   # name -> SREC_STRUCT_* value
        self.xlats = set()
        self.rows = {}         # nr -> row dict
        self.names = {}        # name -> nr


def fail(path, line, msg):
    raise TableError('%s:%d: %s' % (path, line, msg))


def parse_arg(path, line, tok, nargs, index, table):
    m = ARG_RE.match(tok)
    if not m:
        fail(path, line, "bad argument '%s' (want name:kind[/type][@len])"
             % tok)
    aname, kind, typ, lenarg = m.groups()
    if kind not in KINDS:
        fail(path, line, "unknown argument kind '%s'" % kind)
    need = KINDS[kind]
    arg = {'name': aname, 'kind': kind, 'len': 0, 'type': None}
    if 'len' in need:
        if lenarg is None:
            fail(path, line, "argument '%s' (%s) needs @len" % (aname, kind))
        n = int(lenarg)
        if n >= nargs or n == index:
            fail(path, line, "argument '%s': bad length argument index %d"
                 % (aname, n))
        arg['len'] = n
    elif lenarg is not None:
        fail(path, line, "argument '%s' (%s) takes no @len" % (aname, kind))
    if 'struct' in need:
        typ = typ or need['struct']
        if typ is None:
            fail(path, line, "argument '%s' (%s) needs /struct"
                 % (aname, kind))
        if typ not in table.struct_idx:
            fail(path, line, "unknown struct '%s'" % typ)
        # Nothing would bound a struct whose size only the call gives.
        if table.structs[table.struct_idx[typ] - 1][1] == 0 and \
           'len' not in need:
            fail(path, line, "argument '%s': struct '%s' has no fixed "
                 "size, so %s needs a _len kind" % (aname, typ, kind))
        arg['type'] = ('struct', typ)
    elif 'xlat' in need:
        if typ is None:
            fail(path, line, "argument '%s' (%s) needs /xlat"
                 % (aname, kind))
        if typ not in table.xlats:
            fail(path, line, "undeclared xlat '%s'" % typ)
        arg['type'] = ('xlat', typ)
    elif typ is not None:
        fail(path, line, "argument '%s' (%s) takes no /type" % (aname, kind))
    return arg


def parse_row(path, line, toks, table):
    if len(toks) < 7:
        fail(path, line, 'a row needs NR NAME NARGS REPLAY ROUTE CLASSES '
             'RET')
    nr_s, name, nargs_s, replay, route, classes, ret = toks[:7]
    args = toks[7:]
    if not nr_s.isdigit() or int(nr_s) > 0xffff:
        fail(path, line, "bad syscall number '%s'" % nr_s)
    nr = int(nr_s)
    if not NAME_RE.match(name):
        fail(path, line, "bad syscall name '%s'" % name)
    if nr in table.rows:
        fail(path, line, 'duplicate number %d (also line %d)'
             % (nr, table.rows[nr]['line']))
    if name in table.names:
        fail(path, line, "duplicate name '%s' (also number %d)"
             % (name, table.names[name]))
    if not nargs_s.isdigit() or int(nargs_s) > 6:
        fail(path, line, "bad argument count '%s'" % nargs_s)
    nargs = int(nargs_s)
    if nargs != len(args):
        fail(path, line, '%s: argument count %d but %d arguments described'
             % (name, nargs, len(args)))
    if replay not in REPLAY:
        fail(path, line, "bad replay rule '%s' (emulate or execute)"
             % replay)
    if route not in ROUTES:
        fail(path, line, "bad route '%s' (agent or ptrace)" % route)
    cls = []
    if classes != '-':
        for c in classes.split(','):
            if c not in CLASSES:
                fail(path, line, "unknown class '%s'" % c)
            cls.append(c)
    if ret not in RET_KINDS:
        fail(path, line, "bad return kind '%s'" % ret)
    parsed = [parse_arg(path, line, a, nargs, i, table)
              for i, a in enumerate(args)]
    seen = set()
    for a in parsed:
        if a['name'] in seen:
            fail(path, line, "%s: two arguments named '%s'"
                 % (name, a['name']))
        seen.add(a['name'])
        if route == 'agent' and a['kind'] not in AGENT_KINDS:
            fail(path, line, "%s: argument '%s' (%s) is no kind the agent "
                 "copies: route it through ptrace" % (name, a['name'],
                                                      a['kind']))
    table.rows[nr] = {'nr': nr, 'name': name, 'replay': replay,
                      'route': route, 'classes': cls, 'ret': ret,
                      'args': parsed, 'line': line}
    table.names[name] = nr


def parse(path):
    table = Table()
    with open(path, encoding='utf-8') as f:
        for line, text in enumerate(f, 1):
            toks = text.split('#', 1)[0].split()
            if not toks:
                continue
            if toks[0] == 'struct':
                if len(toks) != 3 or not NAME_RE.match(toks[1]) or \
                   not toks[2].isdigit():
                    fail(path, line, 'want: struct NAME SIZE')
                if toks[1] in table.struct_idx:
                    fail(path, line, "duplicate struct '%s'" % toks[1])
                if table.rows:
                    fail(path, line, 'struct rows come before syscalls')
                table.structs.append((toks[1], int(toks[2])))
                table.struct_idx[toks[1]] = len(table.structs)
            elif toks[0] == 'xlat':
                if len(toks) < 2:
                    fail(path, line, 'want: xlat NAME...')
                if table.rows:
                    fail(path, line, 'xlat rows come before syscalls')
                for x in toks[1:]:
                    if not NAME_RE.match(x) or x in table.xlats:
                        fail(path, line, "bad or duplicate xlat '%s'" % x)
                    table.xlats.add(x)
            else:
                parse_row(path, line, toks, table)
    if not table.rows:
        fail(path, 1, 'no syscall rows')
    return table


def c_arg(a):
    typ = '0'
    if a['type']:
        space, name = a['type']
        typ = ('SREC_STRUCT_' if space == 'struct' else 'SREC_XLAT_') + \
            name.upper()
    return '{ SREC_ARG_%s, %d, %s }' % (a['kind'].upper(), a['len'], typ)


def write_file(path, text):
    """Write through a temporary file so an interrupted build never
    leaves half a table behind."""
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def gen_header(table, src):
    limit = max(table.rows) + 1
    out = ['/* Generated by sys/gen_table.py from %s: do not edit. */' % src,
           '#ifndef SREC_SYSCALLS_GEN_H', '#define SREC_SYSCALLS_GEN_H', '',
           '#include <stddef.h>', '#include <stdint.h>', '',
           '#include "srec_sys.h"', '',
           '/* Struct types named by the table, one per `struct` row. */',
           'enum srec_sys_struct {', '\tSREC_STRUCT_NONE = 0,']
    out += ['\tSREC_STRUCT_%s,' % n.upper() for n, _ in table.structs]
    out += ['\tSREC_STRUCT_COUNT', '};', '',
            '/* One past the highest syscall number; rows in the table. */',
            '#define SYS_NR_LIMIT %du' % limit,
            '#define SYS_ROWS %du' % len(table.rows), '',
            '/* Rows by number; a number without a row has name NULL. */',
            'extern const struct srec_sys_entry sys_rows[SYS_NR_LIMIT];',
            '/* The rows\' numbers in strcmp() order of their names. */',
            'extern const uint16_t sys_by_name[SYS_ROWS];',
            '/* Bytes of each struct type (0: the call gives the size). */',
            'extern const size_t sys_struct_sizes[SREC_STRUCT_COUNT];',
            '', '#endif', '']
    return '\n'.join(out)


def gen_source(table, src):
    limit = max(table.rows) + 1
    out = ['/* Generated by sys/gen_table.py from %s: do not edit. */' % src,
           '#include "sys_int.h"', '',
           'const struct srec_sys_entry sys_rows[SYS_NR_LIMIT] = {']
    for nr in sorted(table.rows):
        r = table.rows[nr]
        cls = '|'.join('SREC_SC_' + c.upper() for c in r['classes']) or '0'
        out.append('\t[%d] = { "%s", %d, %d, SREC_REPLAY_%s, SREC_ROUTE_%s,'
                   % (nr, r['name'], nr, len(r['args']),
                      r['replay'].upper(), r['route'].upper()))
        out.append('\t\tSREC_ARG_%s,' % r['ret'].upper())
        out.append('\t\t%s,' % cls)
        if r['args']:
            out.append('\t\t{ %s } },' %
                       ',\n\t\t  '.join(c_arg(a) for a in r['args']))
        else:
            out.append('\t\t{ { 0 } } },')
    out += ['};', '', 'const uint16_t sys_by_name[SYS_ROWS] = {']
    by_name = sorted(table.rows.values(), key=lambda r: r['name'].encode())
    out += ['\t%d, /* %s */' % (r['nr'], r['name']) for r in by_name]
    out += ['};', '', 'const size_t sys_struct_sizes[SREC_STRUCT_COUNT] = {']
    out += ['\t[SREC_STRUCT_%s] = %d,' % (n.upper(), s)
            for n, s in table.structs]
    out += ['};', '']
    return '\n'.join(out)


def gen_agent_rows(table, src):
    """The agent's view of the table: plain data, no pointers (the agent
    is loaded anywhere without relocations), indexed by number."""
    limit = max(table.rows) + 1
    out = ['/* Generated by sys/gen_table.py from %s: do not edit. */' % src,
           '#ifndef AGENT_ROWS_GEN_H', '#define AGENT_ROWS_GEN_H', '',
           '/* One past the highest syscall number. */',
           '#define AGENT_NR_LIMIT %du' % limit, '',
           'static const struct agent_row agent_rows[AGENT_NR_LIMIT] = {']
    for nr in sorted(table.rows):
        r = table.rows[nr]
        if r['route'] != 'agent':
            continue
        args = []
        for a in r['args']:
            size = 0
            if a['type'] and a['type'][0] == 'struct':
                size = table.structs[table.struct_idx[a['type'][1]] - 1][1]
            args.append('{ AGENT_ARG_%s, %d, %d }' %
                        (AGENT_KINDS[a['kind']], a['len'], size))
        out.append('\t[%d] = { 1, %d, { %s } }, /* %s */' %
                   (nr, len(r['args']), ', '.join(args) or '{ 0 }',
                    r['name']))
    out += ['};', '', '#endif', '']
    return '\n'.join(out)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write('usage: gen_table.py TABLE OUTDIR\n')
        return 2
    path, outdir = argv[1], argv[2]
    try:
        table = parse(path)
    except TableError as e:
        sys.stderr.write('%s\n' % e)
        return 1
    src = os.path.relpath(path, os.path.join(os.path.dirname(
        os.path.abspath(__file__)), '..'))
    write_file(os.path.join(outdir, 'syscalls_gen.h'),
                     gen_header(table, src))
    write_file(os.path.join(outdir, 'syscalls_gen.c'),
                     gen_source(table, src))
    write_file(os.path.join(outdir, 'agent_rows_gen.h'),
                     gen_agent_rows(table, src))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

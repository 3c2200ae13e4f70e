#!/usr/bin/env python3
"""GNU FriBidi as an oracle for bitext's layout engine, driven through its C library (ctypes).

Protocol (used by tests/layout_fribidi.rs): one JSON request per input line,

    {"dir": "rtl"|"ltr", "text": "...", "breaks": [line starts after the first, in code points],
     "shape": true|false}

and one JSON answer per output line, {"lines": ["visual line", ...]}. For each paragraph the
levels are resolved once (fribidi_get_par_embedding_levels_ex, with brackets), Arabic is joined
and shaped in logical order (fribidi_join_arabic + fribidi_shape with presentation forms, the
mandatory ligatures and mirroring), then every line given by `breaks` is reordered on its own
(fribidi_reorder_line with REORDER_NSM, so marks stay after their base). FriBidi keeps the string
length, leaving U+FEFF where a lam-alef ligature swallowed its alef; those fillers and the
logical-end spaces and tabs of every line are removed. Everything else (bidi controls, ZWJ, ZWNJ) is left
in, so that the Rust side states each difference it forgives.

`--check` exits 0 when libfribidi can be loaded, 1 otherwise.
"""
import ctypes
import ctypes.util
import json
import sys

REORDER_NSM = 0x00000002
SHAPE_MIRRORING = 0x00000001
SHAPE_ARAB_PRES = 0x00000100
SHAPE_ARAB_LIGA = 0x00000200
PAR_LTR = 0x00000110
PAR_RTL = 0x00000111
FILLER = 0xFEFF


def load():
    name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
    lib = ctypes.CDLL(name)
    lib.fribidi_get_par_embedding_levels_ex.restype = ctypes.c_int8
    lib.fribidi_reorder_line.restype = ctypes.c_int8
    return lib


def visual_lines(lib, direction, text, breaks, shape):
    codes = [ord(c) for c in text]
    n = len(codes)
    if n == 0:
        return [""]
    u32, i8, u8 = ctypes.c_uint32, ctypes.c_int8, ctypes.c_uint8
    chars = (u32 * n)(*codes)
    types = (u32 * n)()
    brackets = (u32 * n)()
    levels = (i8 * n)()
    joining = (u8 * n)()
    lib.fribidi_get_bidi_types(chars, n, types)
    lib.fribidi_get_bracket_types(chars, n, types, brackets)
    base = u32(PAR_RTL if direction == "rtl" else PAR_LTR)
    if lib.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(base), levels) == 0:
        raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
    flags = REORDER_NSM | SHAPE_MIRRORING
    if shape:
        flags |= SHAPE_ARAB_PRES | SHAPE_ARAB_LIGA
    lib.fribidi_get_joining_types(chars, n, joining)
    lib.fribidi_join_arabic(types, n, levels, joining)
    lib.fribidi_shape(u32(flags), levels, n, joining, chars)
    starts = [0] + [b for b in breaks if 0 < b < n]
    ends = starts[1:] + [n]
    rtl = base.value & 1
    out = []
    for start, end in zip(starts, ends):
        lib.fribidi_reorder_line(u32(flags), types, end - start, start, base, levels, chars, None)
        line = "".join(chr(chars[k]) for k in range(start, end) if chars[k] != FILLER)
        # Logical-end spaces and tabs sit on the visual left of an RTL line, the right of an
        # LTR one.
        out.append(line.lstrip(" \t") if rtl else line.rstrip(" \t"))
    return out


def main():
    try:
        lib = load()
    except OSError as err:
        print("libfribidi not found: %s" % err, file=sys.stderr)
        return 1
    if "--check" in sys.argv[1:]:
        return 0
    for raw in sys.stdin:
        if not raw.strip():
            continue
        req = json.loads(raw)
        lines = visual_lines(lib, req["dir"], req["text"], req.get("breaks", []), req.get("shape", True))
        sys.stdout.write(json.dumps({"lines": lines}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""GNU FriBidi as an oracle for bitext's layout engine, driven through its C library (ctypes).

Protocol (used by tests/layout/fribidi.rs): one JSON request per input line,

    {"dir": "rtl"|"ltr", "text": "...", "breaks": [line starts after the first, in code points],
     "shape": true|false}

and one JSON answer per output line, {"lines": ["visual line", ...], "levels": [...]}, the
levels being FriBidi's resolved paragraph levels, one per code point. For each paragraph the
levels are resolved once (fribidi_get_par_embedding_levels_ex, with brackets), Arabic is joined
and shaped in logical order (fribidi_join_arabic + fribidi_shape with presentation forms, the
mandatory ligatures and mirroring), then every line given by `breaks` is reordered on its own
(fribidi_reorder_line with REORDER_NSM, so marks stay after their base). FriBidi keeps the string
length, leaving U+FEFF where a lam-alef ligature swallowed its alef; those fillers and the
spaces and tabs at the logical end of every line are removed (found in logical order, through the
map fribidi_reorder_line fills, not by trimming one visual side: inside an isolate a space can sit
at the visual edge without being at the logical end). Everything else (bidi controls, ZWJ, ZWNJ) is left
in, so that the Rust side states each difference it forgives.

Where libfribidi and bitext disagree on the paragraph levels, a third implementation settles it:
when ICU's libicuuc is installed, each answer also carries "icu_levels" (ICU's ubidi, per code
point, with rule L1 applied to the paragraph as one line), else null.

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


def load_icu():
    """ICU's ubidi functions, whatever the version suffix of their symbols, or None."""
    name = ctypes.util.find_library("icuuc")
    if not name:
        return None
    try:
        icu = ctypes.CDLL(name)
    except OSError:
        return None
    for suffix in [""] + ["_%d" % v for v in range(60, 90)]:
        try:
            fns = {n: getattr(icu, n + suffix) for n in ("ubidi_open", "ubidi_setPara", "ubidi_getLevels", "ubidi_close")}
        except AttributeError:
            continue
        fns["ubidi_open"].restype = ctypes.c_void_p
        fns["ubidi_getLevels"].restype = ctypes.POINTER(ctypes.c_uint8)
        fns["ubidi_setPara"].argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_uint8,
                                         ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        fns["ubidi_getLevels"].argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        fns["ubidi_close"].argtypes = [ctypes.c_void_p]
        return fns
    return None


def icu_levels(icu, direction, text):
    """ICU's resolved levels, one per code point (L1 applied to the paragraph as one line)."""
    if icu is None or not text:
        return None
    units = text.encode("utf-16-le")
    n = len(units) // 2
    buf = ctypes.create_string_buffer(units, len(units))
    err = ctypes.c_int(0)
    bidi = icu["ubidi_open"]()
    try:
        icu["ubidi_setPara"](bidi, buf, n, 1 if direction == "rtl" else 0, None, ctypes.byref(err))
        if err.value > 0:
            return None
        levels = icu["ubidi_getLevels"](bidi, ctypes.byref(err))
        if err.value > 0:
            return None
        out, k = [], 0
        for c in text:
            out.append(levels[k])
            k += 2 if ord(c) > 0xFFFF else 1
        return out
    finally:
        icu["ubidi_close"](bidi)


def visual_lines(lib, direction, text, breaks, shape):
    codes = [ord(c) for c in text]
    n = len(codes)
    if n == 0:
        return [""], []
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
    par_levels = list(levels)
    starts = [0] + [b for b in breaks if 0 < b < n]
    ends = starts[1:] + [n]
    out = []
    vis_map = (ctypes.c_int * n)(*range(n))
    for start, end in zip(starts, ends):
        # Spaces and tabs at the logical end of the line (possibly mixed with invisible
        # controls) are not shown: find where they begin, before reordering.
        cut = end
        while cut > start and (codes[cut - 1] in (0x20, 0x09) or invisible(codes[cut - 1])):
            cut -= 1
        lib.fribidi_reorder_line(u32(flags), types, end - start, start, base, levels, chars, vis_map)
        line = "".join(
            chr(chars[k])
            for k in range(start, end)
            if chars[k] != FILLER and not (vis_map[k] >= cut and codes[vis_map[k]] in (0x20, 0x09))
        )
        out.append(line)
    return out, par_levels


def invisible(code):
    """Bidi controls and zero-width format characters (they take no cell)."""
    return (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or 0x200B <= code <= 0x200F
            or code in (0x061C, 0x00AD, 0x2060, 0xFEFF))


def main():
    try:
        lib = load()
    except OSError as err:
        print("libfribidi not found: %s" % err, file=sys.stderr)
        return 1
    if "--check" in sys.argv[1:]:
        return 0
    icu = load_icu()
    for raw in sys.stdin:
        if not raw.strip():
            continue
        req = json.loads(raw)
        lines, levels = visual_lines(
            lib, req["dir"], req["text"], req.get("breaks", []), req.get("shape", True)
        )
        answer = {"lines": lines, "levels": levels, "icu_levels": None}
        if levels and req.get("icu", False):
            answer["icu_levels"] = icu_levels(icu, req["dir"], req["text"])
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

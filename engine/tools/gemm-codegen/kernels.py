# Emits the GEMM micro-kernels (Java) for one dtype: python3 kernels.py FloatVector float. Used by generate.py.
import sys
# Emits the micro-kernels for each allowed tile shape (rows x vectors) for one dtype.
SHAPES = [(4, 2), (6, 2), (8, 2), (4, 3), (8, 3)]  # must equal GemmTile.ALLOWED (and the switches in the template)
UNROLL = 2  # depth steps per trip of the main loop (a 1-step loop takes the odd last step)


def rows_per_block(mr, nv):
    """Rows between two guards: at most 2 broadcasts live (1 with 3 vectors per row); 4x2 needs none."""
    if (mr, nv) == (4, 2):
        return mr
    return 2 if nv == 2 else 1


def step(o, mr, nv, V, g, rows, s, guards, indent):
    """One depth step s of the unrolled body: nv B loads, then per row a broadcast and nv FMAs."""
    pad = " " * indent
    n = "" if s == 0 else f"_{s}"  # each step's own names: Java has no shadowing in one block

    def guard():
        guards[0] += 1
        o.append(f"{pad}if (p == guard + {guards[0]}) {{ // never true: splits the loop body (see class javadoc)")
        o.append(f"{pad}    tile[0] = 0;")
        o.append(f"{pad}}}")

    if s > 0 and g < mr:  # also between steps, or the next step's loads are hoisted above this one's FMAs
        guard()
    for v in range(nv):
        off = s * nv + v
        idx = "bi" if off == 0 else ("bi + L" if off == 1 else f"bi + {off} * L")
        o.append(f"{pad}{V} b{v}{n} = {V}.fromArray(S, bp, {idx});")
    for r in range(mr):
        if r > 0 and r % g == 0:
            guard()
        if rows:
            idx = ("ao + p" if r == 0 else f"a{r} + p") + ("" if s == 0 else f" + {s}")
            src = f"a[{idx}]"
        else:
            off = s * mr + r
            src = "ap[ai]" if off == 0 else f"ap[ai + {off}]"
        o.append(f"{pad}{V} x{r}{n} = {V}.broadcast(S, {src});")
        o.append(pad + " ".join(f"c{r}{v} = x{r}{n}.fma(b{v}{n}, c{r}{v});" for v in range(nv)))


def kernel(mr, nv, V, T, rows):
    g = rows_per_block(mr, nv)
    o = []
    name = f"r{mr}x{nv}" if rows else f"k{mr}x{nv}"
    if rows:
        o.append(f"    /** {{@link #k{mr}x{nv}}} reading row r of A at a[ao + r·lda + p]. */")
        o.append(f"    static void {name}(int kc, {T}[] a, int ao, int lda, {T}[] bp, int bo, {T}[] tile) {{")
    else:
        guards = '' if g >= mr else f'; a guard every {g} row' + ('s' if g > 1 else '')
        o.append(f"    /** The {mr} × {nv}-vector tile{guards}, {UNROLL} depth steps per trip. */")
        o.append(f"    static void {name}(int kc, {T}[] ap, int ao, {T}[] bp, int bo, {T}[] tile) {{")
    o.append(f"        final int nr = {nv} * L;")
    if rows:
        for r in range(1, mr):
            o.append(f"        final int a{r} = ao + {r} * lda;")
    accs = [f"c{r}{v}" for r in range(mr) for v in range(nv)]
    o.append(f"        {V} {accs[0]} = {V}.zero(S);")
    for i in range(1, len(accs), 8):
        o.append(f"        {V} " + ", ".join(f"{a} = {accs[0]}" for a in accs[i:i + 8]) + ";")
    o.append("        int p = 0;")
    guards = [0]
    loops = [(UNROLL, f"p < kc - {UNROLL - 1}", f"p += {UNROLL}")] + ([(1, "p < kc", "p++")] if UNROLL > 1 else [])
    for u, cond, inc in loops:
        o.append(f"        for (; {cond}; {inc}) {{")
        if not rows:
            o.append(f"            int ai = ao + p * {mr};")
        o.append(f"            int bi = bo + p * nr;")
        for s in range(u):
            step(o, mr, nv, V, g, rows, s, guards, 12)
        o.append("        }")
    for r in range(mr):
        parts = []
        for v in range(nv):
            k = r * nv + v
            idx = "0" if k == 0 else ("L" if k == 1 else f"{k} * L")
            parts.append(f"c{r}{v}.intoArray(tile, {idx});")
        o.append("        " + " ".join(parts))
    o.append("    }")
    return "\n".join(o)


V, T = sys.argv[1], sys.argv[2]
print("\n\n".join(kernel(mr, nv, V, T, False) for mr, nv in SHAPES))
print()
print("\n\n".join(kernel(mr, nv, V, T, True) for mr, nv in SHAPES))

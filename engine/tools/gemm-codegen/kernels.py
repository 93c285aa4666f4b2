# Emits the GEMM micro-kernels (Java) for one dtype: python3 kernels.py FloatVector float. Used by generate.py.
import sys
# Emits the micro-kernels for each allowed tile shape (rows x vectors) for one dtype.
SHAPES = [(4, 2), (6, 2), (8, 2), (4, 3), (8, 3)]  # must equal GemmTile.ALLOWED (and the switches in the template)
def rows_per_block(mr, nv):
    if (mr, nv) == (4, 2):
        return mr
    return 2 if nv == 2 else 1

def kernel(mr, nv, V, T):
    g = rows_per_block(mr, nv)
    o = []
    o.append(f"    /** The {mr} × {nv}-vector tile{'' if g >= mr else f'; a guard every {g} row' + ('s' if g > 1 else '')}. */")
    o.append(f"    static void k{mr}x{nv}(int kc, {T}[] ap, int ao, {T}[] bp, int bo, {T}[] tile) {{")
    o.append(f"        final int nr = {nv} * L;")
    accs = [f"c{r}{v}" for r in range(mr) for v in range(nv)]
    o.append(f"        {V} {accs[0]} = {V}.zero(S);")
    for i in range(1, len(accs), 8):
        o.append(f"        {V} " + ", ".join(f"{a} = {accs[0]}" for a in accs[i:i + 8]) + ";")
    o.append(f"        for (int p = 0; p < kc; p++) {{")
    o.append(f"            int ai = ao + p * {mr};")
    o.append(f"            int bi = bo + p * nr;")
    for v in range(nv):
        off = "" if v == 0 else (" + L" if v == 1 else f" + {v} * L")
        o.append(f"            {V} b{v} = {V}.fromArray(S, bp, bi{off});")
    for r in range(mr):
        if r > 0 and r % g == 0:
            o.append(f"            if (p == guard + {r}) {{ // never true: splits the loop body (see class javadoc)")
            o.append(f"                tile[0] = 0;")
            o.append(f"            }}")
        idx = "ai" if r == 0 else f"ai + {r}"
        o.append(f"            {V} x{r} = {V}.broadcast(S, ap[{idx}]);")
        o.append("            " + " ".join(f"c{r}{v} = x{r}.fma(b{v}, c{r}{v});" for v in range(nv)))
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

def rows_kernel(mr, nv, V, T):
    k = kernel(mr, nv, V, T)
    k = k.replace(f"static void k{mr}x{nv}(int kc, {T}[] ap, int ao, {T}[] bp, int bo, {T}[] tile) {{",
                  f"static void r{mr}x{nv}(int kc, {T}[] a, int ao, int lda, {T}[] bp, int bo, {T}[] tile) {{")
    k = k.replace(f"    /** The {mr} × {nv}-vector tile", f"    /** {{@link #k{mr}x{nv}}} reading row r of A at a[ao + r·lda + p]")
    k = k.replace(f"            int ai = ao + p * {mr};\n", "")
    decl = "".join(f"        final int a{r} = ao + {r} * lda;\n" for r in range(1, mr))
    k = k.replace(f"        final int nr = {nv} * L;\n", f"        final int nr = {nv} * L;\n" + decl)
    k = k.replace("ap[ai]", "a[ao + p]")
    for r in range(1, mr):
        k = k.replace(f"ap[ai + {r}]", f"a[a{r} + p]")
    return k

V, T = sys.argv[1], sys.argv[2]
print("\n\n".join(kernel(mr, nv, V, T) for mr, nv in SHAPES))
print()
print("\n\n".join(rows_kernel(mr, nv, V, T) for mr, nv in SHAPES))

#!/usr/bin/env python3
"""Writes engine/src/main/java/org/vecgrad/engine/kernel/gemm/GemmF32.java and GemmF64.java from
GemmTemplate.java.in and the micro-kernels of kernels.py (one per tile shape, p-major and by rows).
The two Java files are generated: edit the template or kernels.py, run this script, commit all three.
Usage: python3 engine/tools/gemm-codegen/generate.py"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'src', 'main', 'java', 'org', 'vecgrad', 'engine', 'kernel', 'gemm')
tpl = open(os.path.join(HERE, 'GemmTemplate.java.in'), encoding='utf-8').read()
for cls, other, othert, dt, V, T, BOX, SP, ZT, ZB, BOXS, ONE, ONEZ in [
    ('GemmF32', 'GemmF64', 'double', 'F32', 'FloatVector', 'float', 'Float', 'F', 'int', 'Ints', 'Floats', 'f', 'f'),
    ('GemmF64', 'GemmF32', 'float', 'F64', 'DoubleVector', 'double', 'Double', 'D', 'long', 'Longs', 'Doubles', '.0',
     '.0')]:
    k = subprocess.run([sys.executable, os.path.join(HERE, 'kernels.py'), V, T], capture_output=True, text=True,
                       check=True).stdout.rstrip('\n')
    s = tpl
    for a, b in [('@CLS@', cls), ('@OTHER@', other), ('@OTHERT@', othert), ('@DT@', dt), ('@V@', V), ('@T@', T),
                 ('@BOX@', BOX), ('@SP@', SP), ('@ZT@', ZT), ('@ZB@', ZB), ('@BOXS@', BOXS), ('@ONEZ@', ONEZ),
                 ('@ONE@', ONE), ('@KERNELS@', k)]:
        s = s.replace(a, b)
    with open(os.path.join(OUT, cls + '.java'), 'w', encoding='utf-8') as f:
        f.write(s)

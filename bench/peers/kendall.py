#!/usr/bin/env python3
"""Peer for the Kendall row of bench/relate.bench.mjs: scipy.stats.kendalltau (tau-b) on the same pairs.

Usage: python3 bench/peers/kendall.py PAIRS.f64 [ROUNDS]
PAIRS.f64 holds n float64 x values then n float64 y values (little-endian), as written by
bench/relate.bench.mjs, which calls this script once per round, alternated with cx-metrics.
Without a file, it draws 1e6 correlated normal pairs itself (standalone use).
Prints one JSON line: CPU milliseconds (time.process_time) of each kendalltau call, tau, p, versions.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats

if len(sys.argv) > 1:
    data = np.fromfile(sys.argv[1], dtype="<f8")
    n = data.size // 2
    x, y = data[:n], data[n:]
else:
    rng = np.random.default_rng(99)
    x = rng.standard_normal(1_000_000)
    y = 0.3 * x + rng.standard_normal(x.size)
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ms = []
for _ in range(rounds):
    t0 = time.process_time()
    res = stats.kendalltau(x, y)
    ms.append((time.process_time() - t0) * 1000)
print(json.dumps({"ms": ms, "tau": float(res.statistic), "p": float(res.pvalue), "n": int(x.size),
                  "scipy": scipy.__version__, "numpy": np.__version__}))

#!/usr/bin/env python3
"""Peer for the CSV row of bench/file.bench.mjs: pandas read_csv(usecols) + groupby, NPS by channel.

Usage: python3 bench/peers/csv_nps.py ANSWERS.csv [ROUNDS]
The CSV is the one bench/file.bench.mjs writes (channel, day, score, csat, solved), which calls this
script once per round, alternated with cx-metrics. Prints one JSON line: CPU milliseconds
(time.process_time, interpreter start and imports excluded) of each round, the NPS of "web", versions.
"""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ms = []
nps = None
for _ in range(rounds):
    t0 = time.process_time()
    df = pd.read_csv(path, usecols=["channel", "score"])
    s = df["score"]
    g = pd.DataFrame({"channel": df["channel"], "p": (s >= 9).astype("int64"), "d": (s <= 6).astype("int64"), "n": s.notna().astype("int64")}).groupby("channel", observed=True).sum()
    web = g.loc["web"]
    nps = 100.0 * (web["p"] - web["d"]) / web["n"]
    ms.append(1000 * (time.process_time() - t0))
print(json.dumps({"ms": ms, "nps_web": float(nps), "pandas": pd.__version__, "python": sys.version.split()[0]}))

#!/usr/bin/env python3
"""Peer of the customerLifetimeValue bench (bench/value.bench.mjs): the Python package lifetimes.

Run: python3 bench/peers/clv.py [customers=100000]

The same work as the bench: CDNOW_master (test/fixtures/data) summarized in weeks (calibration end
1997-09-30), its 23,570 customers resampled to `customers` with replacement, the published CDNOW
parameters (BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426; Gamma-Gamma p 6.25, q 3.74, v 15.44),
52 weekly steps discounted at 1% a month (0.01 / 4.345 a week). lifetimes steps in units of
`factor` time units (freq "M" gives factor 1.0), so with the data in weeks
`customer_lifetime_value(..., time=52, freq="M")` takes one-week steps, as customerLifetimeValue
does. Prints the CPU time (time.process_time) of the median of 3 rounds.

lifetimes is not a dependency: without it the script says so and exits 0 (skipped, not failed).
"""
import sys
import time
from pathlib import Path

try:
    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
except ImportError as e:  # lifetimes (or pandas) absent
    print(f"skipped: {e.name} is not installed (pip install lifetimes to run this peer)")
    sys.exit(0)

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ROOT = Path(__file__).resolve().parents[2]
rows = pd.read_csv(ROOT / "test/fixtures/data/CDNOW_master.txt", sep=r"\s+", header=None, skiprows=1, names=["id", "date", "cds", "value"])
rows["date"] = pd.to_datetime(rows["date"].astype(str), format="%Y%m%d")
cal_end = pd.Timestamp("1997-09-30")
rows = rows[rows["date"] <= cal_end]
# same-day purchases merged (values summed), as rfmSummary does
daily = rows.groupby(["id", "date"], as_index=False)["value"].sum()
g = daily.groupby("id")
first = g["date"].min()
last = g["date"].max()
x = g["date"].count() - 1
total = g["value"].sum()
first_value = daily.merge(first.rename("first"), left_on="id", right_index=True).query("date == first").set_index("id")["value"]
summary = pd.DataFrame({
    "frequency": x,
    "recency": (last - first).dt.days / 7,
    "T": (cal_end - first).dt.days / 7,
    "monetary_value": np.where(x > 0, (total - first_value) / x.clip(lower=1), 0.0),
})
rng = np.random.default_rng(5)
s = summary.iloc[rng.integers(0, len(summary), N)].reset_index(drop=True)

bgf = BetaGeoFitter()
bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
ggf = GammaGammaFitter()
ggf.params_ = pd.Series({"p": 6.25, "q": 3.74, "v": 15.44})

times = []
for _ in range(3):
    t0 = time.process_time()
    clv = ggf.customer_lifetime_value(bgf, s["frequency"], s["recency"], s["T"], s["monetary_value"], time=52, discount_rate=0.01 / 4.345, freq="M")
    times.append(time.process_time() - t0)
times.sort()
print(f"lifetimes customer_lifetime_value, {N} customers, 52 weekly steps: {times[1] * 1e3:.0f} ms CPU (median of 3); total {clv.sum():.6g}")

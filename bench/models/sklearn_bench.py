"""Reference figures for bench/models/run.ts: scikit-learn and XGBoost on the same split.

Usage: /usr/bin/python3 sklearn_bench.py SPEC.json
SPEC: {"train": csv, "valid": csv, "target": col, "positive": value, "features": [{"name", "kind"}], "seed": n,
       "cpuRepeat": n (optional)}
Prints one JSON object: {model: {auc, ks, seconds, peakRssMb}}.
With cpuRepeat, only HistGradientBoostingClassifier is fitted, cpuRepeat times, and the object is
{"sklearn_hgb": {auc, iterations, cpuSeconds: [...]}}: process CPU time (user + system) of each fit,
comparable with bench/models/gbdt-fit-cpu.ts. Run it with OMP_NUM_THREADS=1: our trainer is single
threaded, and idle OpenMP threads spin, which would bill their waiting as CPU time.
"""
import csv
import json
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, roc_curve

MISSING = {"", "NA", "?"}


def read(path, spec, categories=None):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    index = {name: i for i, name in enumerate(header)}
    y = np.array([1 if r[index[spec["target"]]].strip() == spec["positive"] else 0 for r in body])
    if categories is None:
        categories = {}
        for f in spec["features"]:
            if f["kind"] == "categorical":
                values = sorted({r[index[f["name"]]].strip() for r in body} - MISSING)
                categories[f["name"]] = {v: k for k, v in enumerate(values)}
    columns = []
    for f in spec["features"]:
        raw = [r[index[f["name"]]].strip() for r in body]
        if f["kind"] == "numeric":
            columns.append([np.nan if v in MISSING else float(v) for v in raw])
        else:
            codes = categories[f["name"]]
            columns.append([codes.get(v, np.nan) if v not in MISSING else np.nan for v in raw])
    return np.array(columns, dtype=float).T, y, categories


def ks(y, p):
    fpr, tpr, _ = roc_curve(y, p)
    return float(np.max(tpr - fpr))


def one_hot(x, spec, categories, stats=None):
    """Standardised numerics (mean-imputed, plus a missing flag) and one-hot categoricals."""
    parts = []
    fitted = stats is None
    stats = stats or {}
    for j, f in enumerate(spec["features"]):
        col = x[:, j]
        if f["kind"] == "numeric":
            miss = np.isnan(col)
            if fitted:
                mean = np.nanmean(col) if (~miss).any() else 0.0
                std = np.nanstd(col) or 1.0
                stats[f["name"]] = (mean, std, bool(miss.any()))
            mean, std, has_missing = stats[f["name"]]
            parts.append(((np.where(miss, mean, col) - mean) / std)[:, None])
            if has_missing:
                parts.append(miss[:, None].astype(float))
        else:
            k = len(categories[f["name"]])
            block = np.zeros((len(col), k + 1))
            codes = np.where(np.isnan(col), k, col).astype(int)
            block[np.arange(len(col)), codes] = 1.0
            parts.append(block)
    return np.hstack(parts), stats


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_times(spec, x_train, y_train, x_valid, y_valid, mask):
    cpu = []
    for _ in range(spec["cpuRepeat"]):
        start = time.process_time()
        hgb = HistGradientBoostingClassifier(
            categorical_features=mask if mask.any() else None, random_state=spec["seed"]
        ).fit(x_train, y_train)
        cpu.append(time.process_time() - start)
    p = hgb.predict_proba(x_valid)[:, 1]
    return {"sklearn_hgb": {"auc": roc_auc_score(y_valid, p), "iterations": int(hgb.n_iter_), "cpuSeconds": cpu}}


def main():
    spec = json.load(open(sys.argv[1]))
    x_train, y_train, categories = read(spec["train"], spec)
    x_valid, y_valid, _ = read(spec["valid"], spec, categories)
    mask = np.array([f["kind"] == "categorical" for f in spec["features"]])
    if spec.get("cpuRepeat"):
        print(json.dumps(cpu_times(spec, x_train, y_train, x_valid, y_valid, mask)))
        return
    out = {}

    oh_train, stats = one_hot(x_train, spec, categories)
    oh_valid, _ = one_hot(x_valid, spec, categories, stats)
    start = time.perf_counter()
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(oh_train, y_train)
    seconds = time.perf_counter() - start
    p = lr.predict_proba(oh_valid)[:, 1]
    out["sklearn_logistic_onehot"] = {"auc": roc_auc_score(y_valid, p), "ks": ks(y_valid, p), "seconds": seconds, "peakRssMb": peak_mb()}

    start = time.perf_counter()
    hgb = HistGradientBoostingClassifier(
        categorical_features=mask if mask.any() else None, random_state=spec["seed"]
    ).fit(x_train, y_train)
    seconds = time.perf_counter() - start
    p = hgb.predict_proba(x_valid)[:, 1]
    out["sklearn_hgb"] = {"auc": roc_auc_score(y_valid, p), "ks": ks(y_valid, p), "seconds": seconds, "iterations": int(hgb.n_iter_), "peakRssMb": peak_mb()}

    try:
        import xgboost

        start = time.perf_counter()
        model = xgboost.XGBClassifier(
            n_estimators=500, learning_rate=0.1, max_depth=6, tree_method="hist", early_stopping_rounds=20,
            random_state=spec["seed"], n_jobs=2, eval_metric="logloss",
        )
        model.fit(oh_train, y_train, eval_set=[(oh_valid, y_valid)], verbose=False)
        seconds = time.perf_counter() - start
        p = model.predict_proba(oh_valid)[:, 1]
        out["xgboost_hist"] = {"auc": roc_auc_score(y_valid, p), "ks": ks(y_valid, p), "seconds": seconds, "iterations": int(model.best_iteration) + 1, "peakRssMb": peak_mb()}
    except ImportError:
        pass
    print(json.dumps(out))


if __name__ == "__main__":
    main()

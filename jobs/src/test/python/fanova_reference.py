"""Optuna's fANOVA importance (Debian's python3-optuna 3.1.0 with python3-sklearn) of a table of runs.

Reads JSON on stdin: {"params": [{"key": k, "choices": [...]} or {"key": k, "low": lo, "high": hi,
"integer": bool}], "values": [[v, ...], ...], "metric": [m, ...], "seed": s}; prints {"key": importance}
as JSON, largest first, from optuna.importance.FanovaImportanceEvaluator (64 trees, max depth 64).
"""
import json
import sys

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.ERROR)
table = json.load(sys.stdin)
distributions = {}
for p in table["params"]:
    if "choices" in p:
        distributions[p["key"]] = CategoricalDistribution(p["choices"])
    elif p["integer"]:
        distributions[p["key"]] = IntDistribution(int(p["low"]), int(p["high"]))
    else:
        distributions[p["key"]] = FloatDistribution(p["low"], p["high"])
study = optuna.create_study()
for values, metric in zip(table["values"], table["metric"]):
    params = {p["key"]: v for p, v in zip(table["params"], values)}
    study.add_trial(optuna.trial.create_trial(params=params, distributions=distributions, value=metric))
importances = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=table["seed"]))
print(json.dumps(dict(importances)))

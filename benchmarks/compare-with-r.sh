#!/usr/bin/env bash
# Runs R's forecast package (benchmarks/r/forecast_peer.R) and demandcast's benchmark on the same
# series and splits, one after the other, and prints both side by side: accuracy, wall time and
# the ratio of series per second of demandcast's automatic selection to each R method.
#
#   benchmarks/compare-with-r.sh --dataset m3|m4-weekly|carparts|nn5 [--data-dir DIR] [--cores 2]
#                                [--r-methods ets,auto.arima,thetaf,stlf,snaive] [--methods LIST]
#                                [--limit N]
#
# R's default methods are ets, auto.arima, thetaf, stlf and snaive (plus croston for carparts).
#
# Needs R with the forecast package (installed from Debian when run as root; otherwise: sudo apt-get
# install -y --no-install-recommends r-base-core r-cran-forecast). Writes benchmark-<dataset>.csv (both sides, one row per method) and keeps R's
# raw forecasts and timings under benchmark-out/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dataset="" data_dir="../shared/data" cores=2 r_methods="" methods="" limit=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset) dataset="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --r-methods) r_methods="$2"; shift 2 ;;
    --methods) methods="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-with-r.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$dataset" ]; then
  echo "compare-with-r.sh: --dataset m3|m4-weekly|carparts|nn5 is required" >&2; exit 2
fi
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(forecast)' >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "compare-with-r.sh: R's forecast package is missing; install it with" >&2
    echo "  sudo apt-get install -y --no-install-recommends r-base-core r-cran-forecast" >&2
    exit 127
  fi
  echo "compare-with-r.sh: installing R's forecast package from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends r-base-core r-cran-forecast
fi

out="benchmark-out"
mkdir -p "$out"
r_args=(--dataset "$dataset" --data-dir "$data_dir" --cores "$cores"
        --out-forecasts "$out/r-$dataset-forecasts.csv" --out-times "$out/r-$dataset-times.csv")
[ -n "$r_methods" ] && r_args+=(--methods "$r_methods")
[ -n "$limit" ] && r_args+=(--limit "$limit")
echo "== R forecast package on $dataset ($cores cores)" >&2
Rscript "$ROOT/benchmarks/r/forecast_peer.R" "${r_args[@]}" >&2

d_args=(benchmark --dataset "$dataset" --data-dir "$data_dir" --threads "$cores"
        --peer-forecasts "$out/r-$dataset-forecasts.csv" --peer-times "$out/r-$dataset-times.csv"
        --out "benchmark-$dataset.csv")
[ -n "$methods" ] && d_args+=(--methods "$methods")
[ -n "$limit" ] && d_args+=(--limit "$limit")
echo "== demandcast on $dataset ($cores threads)" >&2
"$ROOT/demandcast" "${d_args[@]}"

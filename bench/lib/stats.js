// Small statistics for benchmark samples: medians with their spread, paired ratios, a log-log fit.
'use strict';

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
function quantile(values, q) {
  if (!values.length) return NaN;
  const list = sorted(values);
  const position = (list.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return list[low] + (list[high] - list[low]) * (position - low);
}

function median(values) {
  return quantile(values, 0.5);
}

/** Median, quartiles and extremes of a sample. */
function describe(values) {
  const list = sorted(values);
  return {
    n: list.length,
    median: quantile(list, 0.5),
    q1: quantile(list, 0.25),
    q3: quantile(list, 0.75),
    min: list[0],
    max: list[list.length - 1],
  };
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "123.4 ms (IQR 120.1–125.0, range 118.2–140.3, n=15)". */
function formatSample(values, unit = 'ms', digits = 1) {
  const d = describe(values);
  const f = (v) => round(v, digits).toFixed(digits);
  return `${f(d.median)} ${unit} (IQR ${f(d.q1)}–${f(d.q3)}, range ${f(d.min)}–${f(d.max)}, n=${d.n})`;
}

/** Ratio of medians, plus the spread of the per-round (paired) ratios. */
function ratio(numerator, denominator) {
  const paired = numerator.map((value, index) => value / denominator[index]).filter(Number.isFinite);
  return { ratioOfMedians: median(numerator) / median(denominator), paired: describe(paired) };
}

function formatRatio(r, digits = 2) {
  const f = (v) => round(v, digits).toFixed(digits);
  return `${f(r.ratioOfMedians)}× (paired per-round ratios: median ${f(r.paired.median)}, IQR ${f(r.paired.q1)}–${f(r.paired.q3)}, range ${f(r.paired.min)}–${f(r.paired.max)})`;
}

/** Least-squares slope of log(y) against log(x): the scaling exponent (1 = linear). */
function scalingExponent(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

module.exports = { quantile, median, describe, formatSample, ratio, formatRatio, scalingExponent, round };

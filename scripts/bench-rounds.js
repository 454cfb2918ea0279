// Which of a size's runs the bench reports. This machine runs the same work 20–50% slower in some
// spells, so one run says little and the fastest of several says too much: the bench reports the
// median run (of an even number, the slower of the two middle ones), and shows the fastest and the
// slowest beside it.

/**
 * The median of `runs` by `seconds` (of an even number, the slower middle one); ties keep the earlier
 * run. `runs` is not reordered. Throws on an empty list: a size always has at least one run.
 */
export function medianRun(runs) {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  const order = runs.map((_, i) => i).sort((a, b) => runs[a].seconds - runs[b].seconds || a - b);
  return runs[order[Math.floor(runs.length / 2)]];
}

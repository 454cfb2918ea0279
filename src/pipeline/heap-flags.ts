import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Turns off V8's allocation-site pretenuring for this process (and the ingest workers it starts
 * afterwards: V8's flags are process-wide). Once one of ingest's allocation sites (the record literal,
 * the cache results) has seen most of its objects survive, V8 starts allocating that site's objects
 * straight in the old generation. Those records then receive young values field by field, and the
 * old generation grows fast enough that the collector is marking much of the time, which makes every
 * such store slower. At a million persons, two whole runs each way, interleaved: 76.6 and 76.9 s
 * without pretenuring against 92.4 and 98.7 s with it, every stage faster (ingest 35.2–35.9 s against
 * 39.9–41.1 s, reconcile 8.3–9.6 s against 12.8–13.5 s), the same outputs byte for byte. Reading the
 * census and register alone: 27.1–28.5 s against 31.2–35.0 s.
 * The flag is read when V8 next decides a site, so setting it at run time works; it is set once,
 * before anything is read.
 */
export function disablePretenuring(): void {
  if (applied) return;
  setFlagsFromString('--no-allocation-site-pretenuring');
  applied = true;
}

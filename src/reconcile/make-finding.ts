import * as crypto from 'node:crypto';
import type { Finding, FindingType } from '../model.js';
import type { Location, PersonContext } from './build-context.js';
import { FINDING_PRIORITY } from './finding-priority.js';
import { detach } from '../lib/flat-string.js';

export interface FindingDraft {
  type: FindingType;
  location: Location;
  /** The person the finding is about; null for dwelling-level findings. */
  person: PersonContext | null;
  refs: Iterable<string>;
  score: number | null;
  reasonZh: string;
  reasonEn: string;
  detail?: string;
  /** Defaults to the type's FINDING_PRIORITY. */
  priority?: 1 | 2 | 3;
  extra?: Record<string, string>;
  /**
   * Part of the finding's identity besides type and refs, for types that emit several findings on
   * the same records (ATTRIBUTE_CONFLICT: one per field).
   */
  identity?: string;
}

// crypto.hash (Node ≥ 20.12) skips the Hash object per finding; createHash elsewhere
const sha1Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'hex') : (text) => crypto.createHash('sha1').update(text).digest('hex');

/** Stable finding id: 'F' + 16 hex of sha1(type[/identity] + sorted refs); one flat string, as personId's. */
export function findingId(type: string, sortedRefs: readonly string[], identity = ''): string {
  const key = (identity ? `${type}/${identity}` : type) + '\n' + sortedRefs.join(';');
  return detach('F' + sha1Hex(key).slice(0, 16));
}

/** Builds a finding from a rule's draft: sorts and dedupes refs, computes id and priority. */
export function makeFinding(d: FindingDraft): Finding {
  const refs = sortedUnique(d.refs);
  return {
    findingId: findingId(d.type, refs, d.identity),
    type: d.type,
    priority: d.priority ?? FINDING_PRIORITY[d.type],
    areaCode: d.location.areaCode,
    enumeratorId: d.location.enumeratorId,
    address: d.location.address,
    personId: d.person?.personId ?? '',
    personIndex: d.person?.index ?? -1,
    recordRefs: refs,
    score: d.score,
    // flat copies: a reason built by a template is a tree of concatenations, flattened on its first read
    reasonZh: detach(d.reasonZh),
    reasonEn: detach(d.reasonEn),
    detail: d.detail ?? '',
    extra: d.extra ?? {},
  };
}

/** The refs sorted, each once: what `[...new Set(refs)].sort()` gives, without a Set per finding (250,000 at a million persons). */
function sortedUnique(refs: Iterable<string>): string[] {
  const out = Array.isArray(refs) ? (refs as string[]).slice() : Array.from(refs);
  // most findings have one or two refs: Array.prototype.sort took a ~400-byte workspace for each
  // (130 MB at a million persons); `<` orders strings as sort's default comparison does
  if (out.length === 2) {
    if (out[1]! < out[0]!) out.reverse();
  } else if (out.length > 2) out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  out.length = n;
  // a ref is `source:key` built by concatenation (recordRef): kept flat, as findings keep them to the end
  for (let i = 0; i < n; i++) out[i] = detach(out[i]!);
  return out;
}

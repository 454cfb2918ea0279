import { UsageError } from './command.js';

type FlagSpec = Record<string, 'string' | 'boolean' | 'number'>;

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | number>;
}

/** Parses `--name value`, `--name=value` and boolean `--flag`; unknown flags are a UsageError. */
export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | boolean | number> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const type = spec[name];
    if (!type) throw new UsageError(`unknown option --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'}`);
    if (type === 'boolean') {
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`option --${name} needs a number, got "${value}"`);
      flags[name] = n;
    } else flags[name] = value;
  }
  return { positional, flags };
}

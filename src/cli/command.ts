/** Where a command writes: injected so tests can capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars), false under cron/CI. */
  isTty: boolean;
}

/** One sub-command of `census-recon`. Each lives in its own file under cli/commands/. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Runs the command; returns the exit status (0 done, 2 bad arguments or pipeline, 3 reject limit, 1 failure). */
  run(args: string[], io: Io): Promise<number>;
}

/** Raised for invalid arguments or pipeline files: the CLI prints the message and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

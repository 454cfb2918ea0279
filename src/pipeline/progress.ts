import cliProgress from 'cli-progress';

/** Stage-level progress: a bar per stage on a terminal, one log line per stage otherwise. Counts only, never personal data. */
export interface Progress {
  start(stage: string, total?: number, unit?: string): void;
  /** `done` of the stage's total; `count` is the number of rows or pairs behind it, shown beside the bar. */
  update(done: number, count?: number): void;
  /** Ends the current stage with a summary line. */
  end(summary: string): void;
  /** A free log line (also kept in the run's log). */
  log(line: string): void;
}

/** Formats one log line: ISO time, stage, message. */
function stamp(stage: string, message: string): string {
  return `${new Date().toISOString()} [${stage}] ${message}`;
}

export function createProgress(write: (text: string) => void, isTty: boolean, sink?: (line: string) => void): Progress {
  let stage = '';
  let startedAt = 0;
  let bar: cliProgress.SingleBar | null = null;
  const emit = (line: string): void => {
    sink?.(line);
    write(`${line}\n`);
  };
  return {
    start(name, total, unit = 'rows') {
      stage = name;
      startedAt = performance.now();
      if (isTty && total !== undefined) {
        bar = new cliProgress.SingleBar(
          {
            format: `${name.padEnd(10)} {bar} {percentage}% | {count} ${unit} | {duration_formatted}`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { count: 0 });
      }
    },
    update(done, count) {
      bar?.update(done, count === undefined ? undefined : { count: count.toLocaleString('en') });
    },
    end(summary) {
      if (bar) {
        bar.stop();
        bar = null;
      }
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
      emit(stamp(stage, `${summary} (${seconds} s)`));
    },
    log(line) {
      emit(stamp(stage || 'run', line));
    },
  };
}

/** A Progress that prints nothing (library use and tests). */
export const silentProgress: Progress = { start() {}, update() {}, end() {}, log() {} };

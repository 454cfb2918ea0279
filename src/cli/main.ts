import { UsageError, type Command, type Io } from './command.js';
import { evalCommand } from './commands/eval.js';
import { explainCommand } from './commands/explain.js';
import { runCommand } from './commands/run.js';
import { synthCommand } from './commands/synth.js';
import { validateCommand } from './commands/validate.js';

/** Every sub-command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [runCommand, validateCommand, explainCommand, synthCommand, evalCommand];

const HELP = `census-recon: reconcile a census enumeration with the household register and departmental records

Usage: census-recon <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "census-recon <command> --help" for a command's options.
`;

/** Testable entry: runs a command and returns the exit status; never calls process.exit. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const { TOOL_VERSION } = await import('../pipeline/tool-version.js');
    io.out(`${TOOL_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`census-recon: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`census-recon ${name}: ${err.message}\n`);
      return 2;
    }
    // Only the error's kind and message: messages here come from I/O and programmer errors, not from data rows.
    io.err(`census-recon ${name}: failed: ${(err as Error).message}\n`);
    if (process.env['CENSUS_RECON_DEBUG']) io.err(`${(err as Error).stack}\n`);
    return 1;
  }
}

/** Process entry used by bin/census-recon.js. */
export async function main(argv: readonly string[]): Promise<number> {
  return run(argv, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
  });
}

import { readFileSync } from 'node:fs';
import { MatchingInputError } from './errors.ts';
import { matchCohort, MODES, type Mode } from './match.ts';

const USAGE =
  'usage: npm run match -- <cohort.json> [--mode optimal|stable|greedy] [--maximize-matched] [--blocking-pairs]';

/** Parses the command line; returns an error message instead of throwing so `main` decides the exit code. */
function parseArgs(
  argv: readonly string[]
): { file: string; mode: Mode; maximizeMatched?: boolean; blocking: boolean } | string {
  let file: string | undefined;
  let mode: Mode = 'optimal';
  let maximizeMatched: boolean | undefined;
  let blocking = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--mode' || arg.startsWith('--mode=')) {
      const value = arg.includes('=') ? arg.slice(7) : argv[++k];
      if (!MODES.includes(value as Mode))
        return `--mode must be one of ${MODES.join(', ')} (got ${value === undefined ? 'nothing' : `"${value}"`})`;
      mode = value as Mode;
    } else if (arg === '--maximize-matched') maximizeMatched = true;
    else if (arg === '--blocking-pairs') blocking = true;
    else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('-')) return `unknown option "${arg}"`;
    else if (file === undefined) file = arg;
    else return `unexpected argument "${arg}"`;
  }
  if (file === undefined) return 'missing the cohort file';
  return { file, mode, ...(maximizeMatched ? { maximizeMatched } : {}), blocking };
}

/** Reads a cohort file, matches it and prints the explained result as JSON; errors go to stderr with exit code 2. */
function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`match: ${args}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (error) {
    process.stderr.write(`match: cannot read "${args.file}": ${(error as Error).message}\n`);
    return 2;
  }
  let json: unknown;
  try {
    // Editors on Windows (Notepad, Excel's "UTF-8" export) start files with a byte-order mark; JSON.parse refuses it.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    process.stderr.write(`match: "${args.file}" is not valid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const result = matchCohort(json, {
      mode: args.mode,
      ...(args.maximizeMatched ? { maximizeMatched: true } : {}),
      countBlockingPairs: args.blocking || args.mode === 'stable'
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof MatchingInputError) {
      process.stderr.write(`match: invalid cohort "${args.file}": ${error.message}\n`);
      return 2;
    }
    // Not the input's fault: one line a person can report, the stack only on request.
    process.stderr.write(
      `match: internal error on "${args.file}": ${error instanceof Error ? error.message : String(error)}` +
        ` (please report it; MATCH_DEBUG=1 prints the stack)\n`
    );
    if (process.env.MATCH_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));

/**
 * Runs the built action (dist/index.js) as a child process the way a GitHub runner does: from a copy of
 * the repository's files without node_modules, with the GITHUB_* variables, INPUT_* for every input
 * (action.yml's defaults filled in, as the runner does), and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 * What the step leaves behind (exit code, workflow commands on stdout, outputs, summary) is parsed back.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The repository this test file belongs to. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A copy of the action as a runner fetches it: the repository's files, no node_modules. */
export interface ActionCopy {
  readonly dir: string;
  readonly entry: string;
  /** Input name -> default, from the copy's action.yml. */
  readonly inputDefaults: Readonly<Record<string, string>>;
  readonly outputNames: readonly string[];
  cleanup(): void;
}

/**
 * Copies the files git would put in a commit of the working tree (tracked and untracked-but-not-ignored,
 * so dist/ and predictors/ as built are included) into a fresh temporary directory.
 */
export function copyAction(root = REPO_ROOT): ActionCopy {
  const bundles = existsSync(join(root, 'predictors'))
    ? readdirSync(join(root, 'predictors')).filter((id) =>
        existsSync(join(root, 'predictors', id, 'manifest.json')),
      )
    : [];
  if (!existsSync(join(root, 'dist', 'index.js')) || bundles.length === 0) {
    throw new Error(
      `dist/index.js or the predictor bundles are missing in ${root}: run \`npm run build\` and \`npm run predictors\` first`,
    );
  }
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const dir = mkdtempSync(join(tmpdir(), 'mec-action-'));
  for (const file of listed) {
    const from = join(root, file);
    // --cached also lists files deleted from the working tree but not yet from the index.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    const to = join(dir, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  const action = parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
    outputs?: Record<string, unknown>;
    runs?: { main?: string };
  };
  const inputDefaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const value = spec.default ?? '';
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(`action.yml: input '${name}' has a default that is not a scalar`);
    }
    inputDefaults[name] = String(value);
  }
  return {
    dir,
    entry: join(dir, action.runs?.main ?? 'dist/index.js'),
    inputDefaults,
    outputNames: Object.keys(action.outputs ?? {}),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every directory from `dir` up to the file-system root that holds a node_modules folder. */
export function nodeModulesOnTheWayUp(dir: string): string[] {
  const found: string[] = [];
  let current = dir;
  for (;;) {
    if (existsSync(join(current, 'node_modules'))) found.push(current);
    const parent = dirname(current);
    if (parent === current || current === parsePath(current).root) break;
    current = parent;
  }
  return found;
}

/** A workflow command printed on stdout (`::error file=a.onnx::text`). */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export interface StepResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  /** RUNNER_TEMP of the step. */
  readonly runnerTemp: string;
  readonly commands: readonly WorkflowCommand[];
  /** Lines of plain log (not workflow commands). */
  readonly log: string;
}

export interface StepOptions {
  readonly copy: ActionCopy;
  /** GITHUB_WORKSPACE: the checked-out repository. */
  readonly workspace: string;
  readonly eventName: string;
  readonly payload: unknown;
  readonly repository: string;
  readonly apiUrl: string;
  readonly sha: string;
  readonly ref?: string;
  /** Inputs by their action.yml names; the others get their defaults. `${{ github.token }}` becomes `token`. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The token the runner puts in for `${{ github.token }}`. */
  readonly token?: string;
  /** A directory for this step's files (event, outputs, summary, RUNNER_TEMP). */
  readonly scratch: string;
}

/** Runs dist/index.js once like a runner's `node` step and collects what it left behind. */
export async function runStep(options: StepOptions): Promise<StepResult> {
  mkdirSync(options.scratch, { recursive: true });
  const eventPath = join(options.scratch, 'event.json');
  const outputPath = join(options.scratch, 'github_output');
  const summaryPath = join(options.scratch, 'step_summary.md');
  const runnerTemp = join(options.scratch, 'runner_temp');
  mkdirSync(runnerTemp, { recursive: true });
  writeFileSync(eventPath, JSON.stringify(options.payload, null, 2));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');

  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: join(options.scratch, 'home'),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_REPOSITORY_OWNER: options.repository.split('/')[0],
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref ?? '',
    GITHUB_RUN_ID: '4242',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
  };
  mkdirSync(env['HOME']!, { recursive: true });
  const given = options.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in options.copy.inputDefaults)) throw new Error(`action.yml has no input '${name}'`);
  }
  for (const [name, fallback] of Object.entries(options.copy.inputDefaults)) {
    const value = given[name] ?? fallback.replace(/\$\{\{\s*github\.token\s*\}\}/g, options.token ?? '');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  const { exitCode, stdout, stderr } = await new Promise<{
    exitCode: number | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    // The runner starts the step in the workspace.
    const child = spawn(process.execPath, [options.copy.entry], {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code, stdout: out, stderr: err }));
  });
  const commands = parseCommands(stdout);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    runnerTemp,
    commands,
    log: stdout
      .split('\n')
      .filter((line) => !line.startsWith('::'))
      .join('\n'),
  };
}

/**
 * GITHUB_OUTPUT as the runner reads it: `name=value` lines, or `name<<DELIMITER` heredocs that end at a
 * line holding only the delimiter.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length)
        throw new Error(`GITHUB_OUTPUT: heredoc for '${name}' never ends with ${delimiter}`);
      outputs[name] = value.join('\n');
      continue;
    }
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`GITHUB_OUTPUT: unreadable line ${JSON.stringify(line)}`);
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

/** Workflow commands (`::name key=value,key=value::message`) with the runner's escapes undone. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    const [, command = '', props = '', message = ''] = m;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return commands;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

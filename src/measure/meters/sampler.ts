import { Worker } from 'node:worker_threads';
import { integratePower, type PowerSample } from './integrate.js';
import { MeterError, type EpochMs, type Joules, type Watts } from './types.js';

/**
 * Samples power on a worker thread. onnxruntime-node runs a session synchronously on the main
 * thread, so a timer there would only fire between runs; the worker keeps sampling while a kernel
 * runs and stamps each sample with its own clock (epoch milliseconds).
 */

/** A sysfs channel: power directly, or current x voltage. Factors convert the file's unit to W, A, V. */
export interface FileChannel {
  readonly name: string;
  readonly power?: { readonly path: string; readonly toWatts: number };
  readonly current?: { readonly path: string; readonly toAmps: number };
  readonly voltage?: { readonly path: string; readonly toVolts: number };
}

export type SamplerSource =
  | { readonly kind: 'files'; readonly intervalMs: number; readonly channels: readonly FileChannel[] }
  | {
      /** A process printing one line per sample: comma-separated values, one per channel. */
      readonly kind: 'command';
      readonly intervalMs: number;
      readonly file: string;
      readonly args: readonly string[];
      readonly channels: readonly string[];
      readonly toWatts: number;
    };

interface SampleMessage {
  readonly type: 'sample';
  readonly t: EpochMs;
  readonly watts: readonly Watts[];
}
interface ProblemMessage {
  readonly type: 'problem';
  readonly t: EpochMs;
  readonly path: string;
  readonly reason: string;
}
interface FlushedMessage {
  readonly type: 'flushed';
  readonly seq: number;
  readonly timedOut: boolean;
}
type WorkerMessage = SampleMessage | ProblemMessage | FlushedMessage;

// Plain CommonJS run with `eval: true`, so it works the same from tsx, vitest and the bundled dist.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const source = workerData;
const now = () => performance.timeOrigin + performance.now();
let lastSampleT = -Infinity;
let stopped = false;
const waiting = [];
const reported = new Set();

function problem(path, reason) {
  const key = path + '\n' + reason;
  if (reported.has(key)) return;
  reported.add(key);
  parentPort.postMessage({ type: 'problem', t: now(), path, reason });
}
function why(error) {
  const code = error && error.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (' + code + ')';
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EISDIR') return 'is a directory, not a file (EISDIR)';
  return String(error && error.message ? error.message : error);
}
function emit(t, watts) {
  lastSampleT = t;
  parentPort.postMessage({ type: 'sample', t, watts });
  for (let i = waiting.length - 1; i >= 0; i--) {
    if (t >= waiting[i].after) {
      clearTimeout(waiting[i].timer);
      parentPort.postMessage({ type: 'flushed', seq: waiting[i].seq, timedOut: false });
      waiting.splice(i, 1);
    }
  }
}
function readValue(path) {
  const text = fs.readFileSync(path, 'utf8').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new Error('not a number: ' + JSON.stringify(text.slice(0, 40)));
  return value;
}
function sampleFiles() {
  const watts = [];
  for (const ch of source.channels) {
    const path = ch.power ? ch.power.path : ch.current.path;
    try {
      if (ch.power) watts.push(readValue(ch.power.path) * ch.power.toWatts);
      else watts.push(readValue(ch.current.path) * ch.current.toAmps * readValue(ch.voltage.path) * ch.voltage.toVolts);
    } catch (error) {
      problem(path, why(error));
      return;
    }
  }
  emit(now(), watts);
}
let child;
if (source.kind === 'files') {
  const tick = () => {
    if (stopped) return;
    sampleFiles();
    setTimeout(tick, source.intervalMs);
  };
  tick();
} else {
  child = spawn(source.file, source.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const t = now();
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line === '') continue;
      const fields = line.split(',').map((f) => f.trim());
      const values = fields.map(Number);
      if (fields.length !== source.channels.length || values.some((v) => !Number.isFinite(v))) {
        problem(source.file, 'unexpected output line ' + JSON.stringify(line.slice(0, 80)));
        continue;
      }
      emit(t, values.map((v) => v * source.toWatts));
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-400); });
  child.on('error', (error) => problem(source.file, why(error)));
  child.on('exit', (code, signal) => {
    if (!stopped) problem(source.file, 'exited (' + (signal || 'code ' + code) + ')' + (stderr.trim() ? ': ' + stderr.trim() : ''));
  });
}
parentPort.on('message', (message) => {
  if (message.type === 'flush') {
    if (source.kind === 'files') sampleFiles();
    if (lastSampleT >= message.after) {
      parentPort.postMessage({ type: 'flushed', seq: message.seq, timedOut: false });
      return;
    }
    const entry = { seq: message.seq, after: message.after, timer: undefined };
    entry.timer = setTimeout(() => {
      const i = waiting.indexOf(entry);
      if (i >= 0) waiting.splice(i, 1);
      parentPort.postMessage({ type: 'flushed', seq: message.seq, timedOut: true });
    }, message.timeoutMs);
    waiting.push(entry);
  } else if (message.type === 'stop') {
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      // Wait for the child to exit so that it is reaped, not left a zombie.
      child.once('exit', () => process.exit(0));
      child.kill();
      setTimeout(() => child.kill('SIGKILL'), 1000).unref();
    } else {
      process.exit(0);
    }
  }
});
`;

interface ChannelSamples {
  readonly t: EpochMs;
  readonly watts: readonly Watts[];
}

export interface WindowEnergy {
  readonly energyJ?: Joules;
  readonly channelsJ: Readonly<Record<string, Joules>>;
  readonly samples: number;
  readonly problems: readonly MeterError[];
}

export class PowerSampler {
  private readonly samples: ChannelSamples[] = [];
  private readonly problems: { t: EpochMs; error: MeterError }[] = [];
  private readonly flushes = new Map<number, (timedOut: boolean) => void>();
  private seq = 0;
  private closed = false;
  private failure: MeterError | undefined;

  private constructor(
    private readonly meter: string,
    private readonly worker: Worker,
    readonly source: SamplerSource,
  ) {}

  get channelNames(): readonly string[] {
    return this.source.kind === 'files' ? this.source.channels.map((c) => c.name) : this.source.channels;
  }

  /** Starts sampling and waits for the first sample (rejects with what went wrong instead). */
  static start(meter: string, source: SamplerSource, firstSampleTimeoutMs = 5000): Promise<PowerSampler> {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: source });
    worker.unref();
    const sampler = new PowerSampler(meter, worker, source);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void sampler.close();
        reject(
          new MeterError(meter, sourcePath(source), `no power sample within ${firstSampleTimeoutMs} ms`),
        );
      }, firstSampleTimeoutMs);
      const settleFirst = (error?: MeterError): void => {
        clearTimeout(timer);
        if (error) {
          void sampler.close();
          reject(error);
        } else {
          resolve(sampler);
        }
      };
      worker.on('message', (message: WorkerMessage) => {
        const first = sampler.samples.length === 0 && sampler.problems.length === 0;
        sampler.receive(message);
        if (!first) return;
        if (message.type === 'sample') settleFirst();
        else if (message.type === 'problem') settleFirst(sampler.problems[0]!.error);
      });
      worker.on('error', (error) => {
        sampler.failure = new MeterError(
          meter,
          sourcePath(source),
          `sampler thread failed: ${error.message}`,
          { cause: error },
        );
        settleFirst(sampler.failure);
      });
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'sample') {
      this.samples.push({ t: message.t, watts: message.watts });
    } else if (message.type === 'problem') {
      this.problems.push({ t: message.t, error: new MeterError(this.meter, message.path, message.reason) });
    } else {
      const done = this.flushes.get(message.seq);
      this.flushes.delete(message.seq);
      done?.(message.timedOut);
    }
  }

  /** Waits until a sample at or after `after` has arrived (or the wait times out). */
  sync(after: EpochMs, timeoutMs: number): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed)
      return Promise.reject(new MeterError(this.meter, sourcePath(this.source), 'sampler closed'));
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.flushes.set(seq, (timedOut) => resolve(!timedOut));
      this.worker.postMessage({ type: 'flush', seq, after, timeoutMs });
    });
  }

  /** Energy per channel and in total over a window, from the samples received so far. */
  energy(startMs: EpochMs, endMs: EpochMs, maxGapMs: number): WindowEnergy {
    const problems = this.problems
      .filter((p) => p.t >= startMs - maxGapMs && p.t <= endMs + maxGapMs)
      .map((p) => p.error);
    const channelsJ: Record<string, Joules> = {};
    let total = 0;
    let samples = 0;
    this.channelNames.forEach((name, i) => {
      const series: PowerSample[] = this.samples.map((s) => ({ t: s.t, watts: s.watts[i]! }));
      const result = integratePower(series, startMs, endMs, maxGapMs);
      samples = result.samples;
      if (result.ok) {
        channelsJ[name] = result.energyJ;
        total += result.energyJ;
      } else {
        problems.push(new MeterError(this.meter, sourcePath(this.source), `${name}: ${result.reason}`));
      }
    });
    return { ...(problems.length === 0 ? { energyJ: total } : {}), channelsJ, samples, problems };
  }

  /** Drops samples and problems older than `beforeMs` (kept: one sample before it, for interpolation). */
  prune(beforeMs: EpochMs): void {
    let keepFrom = 0;
    while (keepFrom + 1 < this.samples.length && this.samples[keepFrom + 1]!.t < beforeMs) keepFrom++;
    this.samples.splice(0, keepFrom);
    while (this.problems.length > 0 && this.problems[0]!.t < beforeMs) this.problems.shift();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const done of this.flushes.values()) done(true);
    this.flushes.clear();
    // The worker kills its child process (nvidia-smi's loop) before exiting; terminating it first
    // would orphan the child, so wait for the exit and terminate only as a fallback.
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void this.worker.terminate().then(() => resolve());
      }, 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ type: 'stop' });
    });
  }
}

function sourcePath(source: SamplerSource): string {
  if (source.kind === 'command') return source.file;
  const first = source.channels[0];
  return first?.power?.path ?? first?.current?.path ?? 'sysfs';
}

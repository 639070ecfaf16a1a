import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  MEASUREMENT_COLUMNS,
  PROVENANCE_COLUMNS,
  buildKernelModel,
  formatDuration,
  parse,
  progressLine,
  sampleWithoutReplacement,
  seededRandom,
  shuffled
} from "./cli-SVQBESWO.mjs";
import {
  loadOrt
} from "./cli-CWVU76GI.mjs";
import "./cli-F4FCAN3U.mjs";
import {
  BUILTIN_KERNEL_TYPES,
  DEEPEN2023_CONFIG_COLUMNS,
  KERNEL_CONFIG_FIELDS,
  isKernelType,
  kernelTypeEntry
} from "./cli-7M2ORSNP.mjs";
import {
  EXIT_INTERRUPTED,
  InvalidArgumentError,
  Option,
  UsageError,
  UserError,
  parsePositiveInt,
  probeWritable
} from "./cli-M3NVEZ4U.mjs";
import "./cli-GX3RAGJV.mjs";
import "./cli-FW42YN46.mjs";
import "./cli-NVOR74CK.mjs";

// src/measure/attach.ts
import { readFileSync as readFileSync3, renameSync, writeFileSync } from "node:fs";
import { basename as basename2 } from "node:path";

// src/measure/csv.ts
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync
} from "node:fs";
var DEEPEN_COLUMNS = [
  "kernel_id",
  "kernel_type",
  ...DEEPEN2023_CONFIG_COLUMNS,
  "input_shapes",
  ...MEASUREMENT_COLUMNS
];
var MEASURE_COLUMNS = [...DEEPEN_COLUMNS, ...PROVENANCE_COLUMNS];
var LEGACY_MEASURE_COLUMNS = MEASURE_COLUMNS.filter(
  (c) => !["trials", "latency_cv", "energy_cv", "attempts", "batch", "load_avg"].includes(c)
);
var MeasureError = class extends UserError {
  constructor(file, problem, row, options) {
    super(`${file}${row === void 0 ? "" : `: row ${row}`}: ${problem}`, options);
    this.file = file;
    this.problem = problem;
    this.row = row;
    this.name = "MeasureError";
  }
  file;
  problem;
  row;
};
function headerLine(columns = MEASURE_COLUMNS) {
  return `${columns.map(csvField).join(",")}
`;
}
function csvField(value) {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function formatNumber(value) {
  if (value === void 0) return "";
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(Number(value.toPrecision(6)));
}
function rowValues(row) {
  const config = (field) => {
    const v = row.config[field];
    return v === void 0 ? "" : String(v);
  };
  return {
    kernel_id: row.kernelId,
    kernel_type: row.kernelType,
    HW: config("HW"),
    CIN: config("CIN"),
    COUT: config("COUT"),
    KERNEL_SIZE: config("KERNEL_SIZE"),
    STRIDES: config("STRIDES"),
    POOL_STRIDES: config("POOL_STRIDES"),
    CIN1: config("CIN1"),
    CIN2: config("CIN2"),
    CIN3: config("CIN3"),
    CIN4: config("CIN4"),
    input_shapes: JSON.stringify(row.inputShapes),
    energy_mj: formatNumber(row.energyMj),
    latency_ms: formatNumber(row.latencyMs),
    power_mw: formatNumber(row.powerMw),
    meter: row.meter,
    device: row.device,
    threads: String(row.threads),
    repetitions: String(row.repetitions),
    latency_spread_ms: formatNumber(row.latencySpreadMs),
    energy_spread_mj: formatNumber(row.energySpreadMj),
    idle_power_mw: formatNumber(row.idlePowerMw),
    trials: row.trials === void 0 ? "" : String(row.trials),
    latency_cv: formatNumber(row.latencyCv),
    energy_cv: formatNumber(row.energyCv),
    attempts: row.attempts === void 0 ? "" : String(row.attempts),
    batch: row.batch === void 0 ? "" : String(row.batch),
    load_avg: formatNumber(row.loadAverage),
    notes: row.notes.replace(/[\r\n]+/g, " ")
  };
}
function formatRow(row) {
  const values = rowValues(row);
  return `${MEASURE_COLUMNS.map((c) => csvField(values[c])).join(",")}
`;
}
function prepareCsv(path, columns = MEASURE_COLUMNS) {
  if (!existsSync(path)) {
    appendDurably(path, headerLine(columns));
    return { records: [], repairedBytes: 0, repairedText: "" };
  }
  const { repairedBytes, repairedText } = cutUnfinishedLine(path);
  const text = readFileSync(path, "utf8");
  if (text.trim() === "") {
    appendDurably(path, headerLine(columns));
    return { records: [], repairedBytes, repairedText };
  }
  const records = parseCsv(path, text, columns);
  return { records, repairedBytes, repairedText };
}
function parseCsv(path, text, columns) {
  const firstLine = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n")).replace(/\r$/, "");
  const expected = headerLine(columns).trimEnd();
  if (firstLine !== expected && columns === MEASURE_COLUMNS && firstLine === headerLine(LEGACY_MEASURE_COLUMNS).trimEnd()) {
    throw new MeasureError(
      path,
      "written by an earlier version, without the stability columns (trials, latency_cv, energy_cv, attempts, batch, load_avg): `train` reads it as it is; measure into another file to add rows",
      1
    );
  }
  if (firstLine !== expected) {
    throw new MeasureError(
      path,
      `unexpected columns:
  found    ${firstLine}
  expected ${expected}
(use another output file)`,
      1
    );
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true });
  } catch (error) {
    const line = error.lines;
    throw new MeasureError(path, error.message, line, { cause: error });
  }
}
function cutUnfinishedLine(path) {
  const fd = openSync(path, "r+");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { repairedBytes: 0, repairedText: "" };
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 10) return { repairedBytes: 0, repairedText: "" };
    let end = size;
    let cut = 0;
    const chunk = Buffer.alloc(64 * 1024);
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, end - start).lastIndexOf(10);
      if (nl >= 0) {
        cut = start + nl + 1;
        break;
      }
      end = start;
    }
    const tail = Buffer.alloc(size - cut);
    readSync(fd, tail, 0, tail.length, cut);
    ftruncateSync(fd, cut);
    fsyncSync(fd);
    return { repairedBytes: size - cut, repairedText: tail.toString("utf8") };
  } finally {
    closeSync(fd);
  }
}
function appendDurably(path, text) {
  const fd = openSync(path, "a");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
var DurableAppender = class {
  constructor(path) {
    this.path = path;
    this.fd = openSync(path, "a");
  }
  path;
  fd;
  append(text) {
    if (this.fd === void 0) throw new MeasureError(this.path, "written after close");
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }
  close() {
    if (this.fd === void 0) return;
    closeSync(this.fd);
    this.fd = void 0;
  }
};
var WINDOW_COLUMNS = ["kernel_id", "phase", "block", "runs", "start_ms", "end_ms"];
function formatWindows(windows) {
  return windows.map(
    (w) => `${csvField(w.kernelId)},${w.phase},${w.block},${w.runs},${w.startMs.toFixed(3)},${w.endMs.toFixed(3)}
`
  ).join("");
}
function readWindowLog(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new MeasureError(path, `cannot read the window log: ${error.message}`, void 0, {
      cause: error
    });
  }
  const nl = text.lastIndexOf("\n");
  const complete = nl < 0 ? "" : text.slice(0, nl + 1);
  const records = parseCsv(path, complete, WINDOW_COLUMNS);
  return records.map((r, i) => {
    const row = i + 2;
    const num = (key) => {
      const v = Number(r[key]);
      if (r[key] === void 0 || r[key] === "" || !Number.isFinite(v))
        throw new MeasureError(path, `${key} is not a number: ${JSON.stringify(r[key])}`, row);
      return v;
    };
    const phase = r.phase;
    if (phase !== "idle" && phase !== "block")
      throw new MeasureError(path, `phase must be idle or block, not ${JSON.stringify(phase)}`, row);
    return {
      kernelId: r.kernel_id ?? "",
      phase,
      block: num("block"),
      runs: num("runs"),
      startMs: num("start_ms"),
      endMs: num("end_ms")
    };
  });
}

// src/measure/meters/external-csv.ts
import { closeSync as closeSync2, createReadStream, fstatSync as fstatSync2, openSync as openSync2, readSync as readSync2 } from "node:fs";
import { basename } from "node:path";
import { StringDecoder } from "node:string_decoder";

// src/measure/meters/sysfs.ts
import { readFileSync as readFileSync2, readdirSync, realpathSync, statSync } from "node:fs";

// src/measure/meters/types.ts
var MeterError = class extends UserError {
  constructor(meter, path, reason, options) {
    super(`${meter}: ${path}: ${reason}`, options);
    this.meter = meter;
    this.path = path;
    this.reason = reason;
    this.name = "MeterError";
  }
  meter;
  path;
  reason;
};
function describeMeter(info) {
  const parts = [`${info.label} (${info.method}`];
  if (info.channels.length > 0) parts.push(`; channels: ${info.channels.join(", ")}`);
  parts.push(")");
  for (const note of info.notes) parts.push(`; ${note}`);
  for (const problem of info.problems) parts.push(`; could not read ${problem.path}: ${problem.reason}`);
  return parts.join("");
}
var MarkBook = class {
  constructor(meter) {
    this.meter = meter;
  }
  meter;
  next = 1;
  open = /* @__PURE__ */ new Map();
  add(state) {
    const id = this.next++;
    this.open.set(id, state);
    return { id, startMs: state.startMs };
  }
  take(mark) {
    const state = this.open.get(mark.id);
    if (state === void 0) {
      throw new MeterError(
        this.meter,
        `mark ${mark.id}`,
        "not an open window of this meter (stopped twice?)"
      );
    }
    this.open.delete(mark.id);
    return state;
  }
  /** Start of the oldest open window (samples before it are no longer needed). */
  oldestStart() {
    let oldest;
    for (const state of this.open.values()) {
      if (oldest === void 0 || state.startMs < oldest) oldest = state.startMs;
    }
    return oldest;
  }
};
function nowMs() {
  return performance.timeOrigin + performance.now();
}
function settle(work) {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

// src/measure/meters/sysfs.ts
function readFailureReason(error) {
  const code = error?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `permission denied (${code})`;
    case "ENOENT":
      return "no such file (ENOENT)";
    case "EISDIR":
      return "is a directory, not a file (EISDIR)";
    case "ENODATA":
    case "EIO":
    case "ENXIO":
      return `the driver returned no data (${code})`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
function isPermissionError(error) {
  return error.reason.startsWith("permission denied");
}
function readText(meter, path) {
  try {
    return readFileSync2(path, "utf8").trim();
  } catch (error) {
    throw new MeterError(meter, path, readFailureReason(error), { cause: error });
  }
}
function readNumber(meter, path) {
  const text = readText(meter, path);
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) {
    throw new MeterError(meter, path, `not a number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}
function listMatching(dir, pattern) {
  let names;
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return names.filter((name) => pattern.test(name)).sort(naturalCompare);
}
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
function realPath(path) {
  try {
    return realpathSync(path);
  } catch (error) {
    if (isMissing(error)) return path;
    throw error;
  }
}
function isMissing(error) {
  const code = error?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
function naturalCompare(a, b) {
  return a.localeCompare(b, "en", { numeric: true });
}

// src/measure/meters/series.ts
var SampleSeries = class {
  constructor(maxGapMs) {
    this.maxGapMs = maxGapMs;
  }
  maxGapMs;
  times = new Float64Array(1024);
  watts = new Float64Array(1024);
  /** Energy (J) from the first sample to sample i, trapezoids. */
  cumJ = new Float64Array(1024);
  count = 0;
  /** Start times of holes longer than the series' gap limit, with their lengths. */
  holes = [];
  get length() {
    return this.count;
  }
  get first() {
    return this.count > 0 ? this.times[0] : void 0;
  }
  get last() {
    return this.count > 0 ? this.times[this.count - 1] : void 0;
  }
  /** Appends a sample; times must not go back (the caller reports where they do). */
  push(t, watts) {
    if (this.count === this.times.length) this.grow();
    const i = this.count;
    this.times[i] = t;
    this.watts[i] = watts;
    if (i === 0) {
      this.cumJ[i] = 0;
    } else {
      const dt = t - this.times[i - 1];
      this.cumJ[i] = this.cumJ[i - 1] + (this.watts[i - 1] + watts) / 2 * (dt / 1e3);
      if (dt > this.maxGapMs) this.holes.push({ at: this.times[i - 1], length: dt });
    }
    this.count++;
  }
  /** Energy over [startMs, endMs] under the same rules as integratePower (linear, flat past the ends). */
  energy(startMs, endMs) {
    if (!(endMs > startMs)) return { ok: false, reason: `empty window (${startMs}..${endMs})`, samples: 0 };
    const first = this.first;
    const last = this.last;
    if (first === void 0 || last === void 0)
      return { ok: false, reason: "no power samples", samples: 0 };
    const inside = this.lowerBound(endMs + Number.EPSILON) - this.lowerBound(startMs);
    if (first > startMs + this.maxGapMs) {
      return {
        ok: false,
        reason: `the samples start ${(first - startMs).toFixed(0)} ms after the window start`,
        samples: inside
      };
    }
    if (last < endMs - this.maxGapMs) {
      return {
        ok: false,
        reason: `the samples end ${(endMs - last).toFixed(0)} ms before the window end`,
        samples: inside
      };
    }
    const hole = this.holes.find((h) => h.at < endMs && h.at + h.length > startMs);
    if (hole)
      return {
        ok: false,
        reason: `a ${hole.length.toFixed(0)} ms hole in the power samples inside the window`,
        samples: inside
      };
    return { ok: true, energyJ: this.cumulative(endMs) - this.cumulative(startMs), samples: inside };
  }
  cumulative(t) {
    const n = this.count;
    const t0 = this.times[0];
    const tn = this.times[n - 1];
    if (t <= t0) return -this.watts[0] * ((t0 - t) / 1e3);
    if (t >= tn) return this.cumJ[n - 1] + this.watts[n - 1] * ((t - tn) / 1e3);
    const i = this.lowerBound(t);
    const tb = this.times[i];
    if (tb === t) return this.cumJ[i];
    const ta = this.times[i - 1];
    const wa = this.watts[i - 1];
    const wt = wa + (this.watts[i] - wa) * (t - ta) / (tb - ta);
    return this.cumJ[i - 1] + (wa + wt) / 2 * ((t - ta) / 1e3);
  }
  lowerBound(t) {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  grow() {
    const size = this.times.length * 2;
    const grow = (a) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.times = grow(this.times);
    this.watts = grow(this.watts);
    this.cumJ = grow(this.cumJ);
  }
};

// src/measure/meters/window-meter.ts
var WindowMeter = class {
  constructor(info) {
    this.info = info;
    this.marks = new MarkBook(info.kind);
  }
  info;
  marks;
  describe() {
    return describeMeter(this.info);
  }
  async start() {
    return this.marks.add(await this.open());
  }
  async stop(mark) {
    return this.read(this.marks.take(mark));
  }
  close() {
    return Promise.resolve();
  }
  /** Start of the oldest open window (samples before it are no longer needed). */
  oldestStart() {
    return this.marks.oldestStart();
  }
};

// src/measure/meters/external-csv.ts
var METER = "external-csv";
var TIME_SCALE = { s: 1e3, ms: 1, us: 1e-3, ns: 1e-6 };
var POWER_SCALE = { W: 1, mW: 1e-3, uW: 1e-6 };
var CURRENT_SCALE = { A: 1, mA: 1e-3, uA: 1e-6 };
var VOLTAGE_SCALE = { V: 1, mV: 1e-3 };
var MIN_PLAUSIBLE_STEP_MS = 0.01;
var EPOCH_THRESHOLD_MS = 1e11;
function splitHeader(name) {
  const trimmed = name.trim().replace(/^"|"$/g, "");
  const paren = /^(.*?)\s*[([]\s*([a-zA-Zµμ]+)\s*[)\]]\s*$/.exec(trimmed);
  if (paren) return { name: trimmed, base: paren[1].toLowerCase(), unit: normaliseUnit(paren[2]) };
  const suffix = /^(.*?)[_ ]([a-zA-Zµμ]+)$/.exec(trimmed);
  if (suffix && normaliseUnit(suffix[2]) !== void 0) {
    return { name: trimmed, base: suffix[1].toLowerCase(), unit: normaliseUnit(suffix[2]) };
  }
  return { name: trimmed, base: trimmed.toLowerCase() };
}
function normaliseUnit(unit) {
  const u = unit.replace(/^[µμ]/, "u");
  const known = ["s", "ms", "us", "ns", "W", "mW", "uW", "A", "mA", "uA", "V", "mV"];
  const exact = known.find((k) => k === u);
  if (exact) return exact;
  const lower = known.find((k) => k.toLowerCase() === u.toLowerCase());
  return lower;
}
function unitKind(unit) {
  if (unit === void 0) return void 0;
  if (unit in TIME_SCALE) return "time";
  if (unit in POWER_SCALE) return "power";
  if (unit in CURRENT_SCALE) return "current";
  if (unit in VOLTAGE_SCALE) return "voltage";
  return void 0;
}
function nameKind(base) {
  if (/^(time|timestamp|t|epoch|epoch_time|unix_time)$/.test(base) || base.startsWith("time")) return "time";
  if (/power|watt/.test(base)) return "power";
  if (/voltage|volt/.test(base)) return "voltage";
  if (/current|amp/.test(base)) return "current";
  return void 0;
}
function detectLayout(header, path, options = {}) {
  const names = header.split(",");
  const columns = names.map(splitHeader);
  const find = (wanted, kind) => {
    if (wanted !== void 0) {
      const i = columns.findIndex((c) => c.name === wanted);
      if (i < 0)
        throw new MeterError(METER, path, `no column ${JSON.stringify(wanted)} in ${JSON.stringify(header)}`);
      return i;
    }
    const byUnit = columns.flatMap((c, i) => c.name !== "" && unitKind(c.unit) === kind ? [i] : []);
    const candidates = byUnit.length > 0 ? byUnit : columns.flatMap(
      (c, i) => c.name !== "" && c.unit === void 0 && nameKind(c.base) === kind ? [i] : []
    );
    if (candidates.length > 1) {
      throw new MeterError(
        METER,
        path,
        `several ${kind} columns (${candidates.map((i) => columns[i].name).join(", ")}): name the one to use`
      );
    }
    return candidates[0];
  };
  const timeIndex = find(options.timeColumn, "time");
  if (timeIndex === void 0)
    throw new MeterError(METER, path, `no time column in ${JSON.stringify(header)}: name it (timeColumn)`);
  const powerIndex = find(options.powerColumn, "power");
  const currentIndex = powerIndex === void 0 ? find(options.currentColumn, "current") : void 0;
  const voltageIndex = powerIndex === void 0 ? find(options.voltageColumn, "voltage") : void 0;
  if (powerIndex === void 0 && (currentIndex === void 0 || voltageIndex === void 0)) {
    throw new MeterError(
      METER,
      path,
      `neither a power column nor current and voltage columns in ${JSON.stringify(header)}`
    );
  }
  const unitOf = (index, given, fallback, scales) => {
    const unit = given ?? columns[index].unit ?? fallback;
    if (!(unit in scales))
      throw new MeterError(
        METER,
        path,
        `column ${columns[index].name}: unit ${unit} is not one of ${Object.keys(scales).join(", ")}`
      );
    return { index, scale: scales[unit], unit };
  };
  const timeUnitGiven = options.timeUnit ?? columns[timeIndex].unit;
  const time = timeUnitGiven === void 0 ? { index: timeIndex, scale: 1, unit: "auto" } : unitOf(timeIndex, timeUnitGiven, "s", TIME_SCALE);
  const parts = [`time=${columns[timeIndex].name} (${time.unit})`];
  let power;
  let current;
  let voltage;
  if (powerIndex !== void 0) {
    const p = unitOf(powerIndex, options.powerUnit, "W", POWER_SCALE);
    power = { index: p.index, scale: p.scale };
    parts.push(`power=${columns[powerIndex].name} (${p.unit})`);
  } else {
    const c = unitOf(currentIndex, options.currentUnit, "A", CURRENT_SCALE);
    const v = unitOf(voltageIndex, options.voltageUnit, "V", VOLTAGE_SCALE);
    current = { index: c.index, scale: c.scale };
    voltage = { index: v.index, scale: v.scale };
    parts.push(`power=${columns[c.index].name} (${c.unit}) x ${columns[v.index].name} (${v.unit})`);
  }
  return {
    columns: columns.map((c) => c.name),
    time,
    ...power ? { power } : {},
    ...current ? { current } : {},
    ...voltage ? { voltage } : {},
    summary: parts.join(", ")
  };
}
var MonitorLineParser = class {
  constructor(path, layout, options, series) {
    this.path = path;
    this.layout = layout;
    this.options = options;
    this.series = series;
    if (layout.time.unit !== "auto") this.timeScale = layout.time.scale;
  }
  path;
  layout;
  options;
  series;
  timeScale;
  offsetMs;
  lastT = -Infinity;
  row = 1;
  /** Parses one data line (without its newline) into the series. */
  line(text) {
    this.row++;
    if (text.trim() === "") return;
    const fields = text.split(",");
    const where = `${this.path}: row ${this.row}`;
    const timeText = (fields[this.layout.time.index] ?? "").trim().replace(/^"|"$/g, "");
    const t = this.time(timeText, where);
    const watts = this.power(fields, where);
    if (t < this.lastT) throw new MeterError(METER, where, `time goes back (${timeText})`);
    this.lastT = t;
    this.series.push(t, watts);
  }
  time(text, where) {
    if (this.timeScale === void 0) this.timeScale = guessTimeScale(text);
    let ms;
    if (this.timeScale === "iso") {
      ms = Date.parse(text);
      if (!Number.isFinite(ms)) throw new MeterError(METER, where, `not a date: ${JSON.stringify(text)}`);
    } else {
      const value = Number(text);
      if (text === "" || !Number.isFinite(value))
        throw new MeterError(METER, where, `time is not a number: ${JSON.stringify(text)}`);
      ms = value * this.timeScale;
    }
    if (this.offsetMs === void 0) {
      if (ms < EPOCH_THRESHOLD_MS && this.options.offsetMs === void 0) {
        throw new MeterError(
          METER,
          where,
          `times are relative to the recording's start (${text}): give the harness-clock time of the monitor's time 0 (offsetMs)`
        );
      }
      this.offsetMs = this.options.offsetMs ?? 0;
    }
    return ms + this.offsetMs;
  }
  power(fields, where) {
    const value = (index) => {
      const text = (fields[index] ?? "").trim().replace(/^"|"$/g, "");
      const v = Number(text);
      if (text === "" || !Number.isFinite(v)) {
        throw new MeterError(
          METER,
          where,
          `column ${this.layout.columns[index] ?? index} is not a number: ${JSON.stringify(text)}`
        );
      }
      return v;
    };
    const { power, current, voltage } = this.layout;
    if (power) return value(power.index) * power.scale;
    return value(current.index) * current.scale * value(voltage.index) * voltage.scale;
  }
};
function guessTimeScale(text) {
  const value = Number(text);
  if (text !== "" && Number.isFinite(value)) {
    if (value > 1e17) return TIME_SCALE.ns;
    if (value > 1e14) return TIME_SCALE.us;
    if (value > 1e11) return TIME_SCALE.ms;
    return TIME_SCALE.s;
  }
  return "iso";
}
async function loadMonitorCsv(path, options = {}) {
  const series = new SampleSeries(options.maxGapMs ?? 50);
  let parser;
  let rest = "";
  const stream = createReadStream(path, { encoding: "utf8" });
  try {
    for await (const chunk of stream) {
      rest += chunk;
      let nl;
      while ((nl = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, nl).replace(/\r$/, "");
        rest = rest.slice(nl + 1);
        if (parser === void 0) {
          if (line.trim() === "") continue;
          parser = new MonitorLineParser(path, detectLayout(line, path, options), options, series);
        } else {
          parser.line(line);
        }
      }
    }
  } catch (error) {
    if (error instanceof MeterError) throw error;
    throw new MeterError(METER, path, readFailureReason(error), { cause: error });
  }
  if (parser === void 0) throw new MeterError(METER, path, "empty file: no header");
  if (rest.trim() !== "") parser.line(rest.replace(/\r$/, ""));
  if (series.length === 0) throw new MeterError(METER, path, "no samples after the header");
  const stepMs = series.length > 1 ? (series.last - series.first) / (series.length - 1) : Infinity;
  if (stepMs < MIN_PLAUSIBLE_STEP_MS) {
    throw new MeterError(
      METER,
      path,
      `samples ${stepMs.toPrecision(2)} ms apart (${(1 / stepMs / 1e3).toPrecision(3)} MHz) as read (${parser.layout.summary}): is the time unit right? give it (timeUnit)`
    );
  }
  return { series, layout: parser.layout };
}
var ExternalCsvMeter = class extends WindowMeter {
  constructor(options) {
    super({
      kind: "external-csv",
      label: `external-csv:${basename(options.path)}`,
      measuresEnergy: true,
      method: "power-samples",
      channels: [basename(options.path)],
      minWindowMs: Math.max(100, 4 * (options.maxGapMs ?? 50)),
      notes: ["power samples from an external monitor, aligned on the harness clock"],
      problems: []
    });
    this.options = options;
    this.series = new SampleSeries(options.maxGapMs ?? 50);
  }
  options;
  series;
  parser;
  offset = 0;
  pending = "";
  decoder = new StringDecoder("utf8");
  describe() {
    return super.describe() + (this.parser ? `; ${this.parser.layout.summary}` : "");
  }
  /** Reads what the logger appended since the last call; returns the newest sample time. */
  poll() {
    const { path } = this.options;
    let fd;
    try {
      fd = openSync2(path, "r");
    } catch (error) {
      throw new MeterError(METER, path, readFailureReason(error), { cause: error });
    }
    try {
      const size = fstatSync2(fd).size;
      if (size < this.offset)
        throw new MeterError(METER, path, "the file shrank while being read (was it restarted?)");
      const buffer = Buffer.alloc(Math.min(size - this.offset, 64 * 1024 * 1024));
      const read = readSync2(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      this.pending += this.decoder.write(buffer.subarray(0, read));
    } finally {
      closeSync2(fd);
    }
    let nl;
    while ((nl = this.pending.indexOf("\n")) >= 0) {
      const line = this.pending.slice(0, nl).replace(/\r$/, "");
      this.pending = this.pending.slice(nl + 1);
      if (this.parser === void 0) {
        if (line.trim() === "") continue;
        this.parser = new MonitorLineParser(
          path,
          detectLayout(line, path, this.options),
          this.options,
          this.series
        );
      } else {
        this.parser.line(line);
      }
    }
    return this.series.last;
  }
  open() {
    this.poll();
    return { startMs: nowMs() };
  }
  async read({ startMs }) {
    const endMs = nowMs();
    const deadline = endMs + (this.options.waitMs ?? 1e4);
    const pollMs = this.options.pollMs ?? 100;
    let last = this.poll();
    while ((last === void 0 || last < endMs) && nowMs() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      last = this.poll();
    }
    const result = this.series.energy(startMs, endMs);
    if (!result.ok) {
      return {
        startMs,
        endMs,
        samples: result.samples,
        problems: [new MeterError(METER, this.options.path, result.reason)]
      };
    }
    return { startMs, endMs, energyJ: result.energyJ, samples: result.samples, problems: [] };
  }
};
function openExternalCsvMeter(options) {
  return settle(() => {
    const meter = new ExternalCsvMeter(options);
    meter.poll();
    return meter;
  });
}

// src/measure/stats.ts
function quantile(values, q) {
  if (values.length === 0) throw new RangeError("quantile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function median(values) {
  return quantile(values, 0.5);
}
function iqr(values) {
  return quantile(values, 0.75) - quantile(values, 0.25);
}
function summariseEnergy(blocks, idle) {
  const notes = [];
  const unread = [...idle ? [idle] : [], ...blocks].flatMap((w) => w.problems);
  if (unread.length > 0) {
    const unique = [...new Set(unread)];
    notes.push(
      `energy not measured: ${unique.slice(0, 3).join("; ")}${unique.length > 3 ? ` (+${unique.length - 3} more)` : ""}`
    );
  }
  if (blocks.length === 0 || blocks.some((b) => b.energyJ === void 0 || b.runs <= 0) || idle && idle.energyJ === void 0) {
    if (unread.length === 0) notes.push("energy not measured: incomplete windows");
    return { notes };
  }
  const idleWatts = idle ? idlePowerW(idle) : 0;
  const perRunMj = blocks.map((b) => (b.energyJ - idleWatts * (b.durationMs / 1e3)) / b.runs * 1e3);
  const energy = median(perRunMj);
  const idlePowerMw = idle ? idleWatts * 1e3 : void 0;
  if (!(energy > 0)) {
    notes.push(
      `net energy ${energy.toPrecision(3)} mJ per run is not above the idle baseline: below the meter's resolution`
    );
    return { ...idlePowerMw === void 0 ? {} : { idlePowerMw }, notes };
  }
  return {
    energyMj: energy,
    energySpreadMj: iqr(perRunMj),
    ...idlePowerMw === void 0 ? {} : { idlePowerMw },
    notes
  };
}
function idlePowerW(idle) {
  return idle.durationMs > 0 ? idle.energyJ / (idle.durationMs / 1e3) : 0;
}
function mergeIdle(windows) {
  if (windows.length === 0) return void 0;
  if (windows.length === 1) return windows[0];
  let durationMs = 0;
  let energyJ = 0;
  const problems = [];
  for (const w of windows) {
    durationMs += w.durationMs;
    energyJ = energyJ === void 0 || w.energyJ === void 0 ? void 0 : energyJ + w.energyJ;
    for (const p of w.problems) problems.push(p);
  }
  return { durationMs, runs: 0, ...energyJ === void 0 ? {} : { energyJ }, problems };
}
function netEnergyPerRunMj(block, idle) {
  if (block.energyJ === void 0 || block.runs <= 0) return void 0;
  if (idle && idle.energyJ === void 0) return void 0;
  const idleWatts = idle ? idlePowerW(idle) : 0;
  return (block.energyJ - idleWatts * (block.durationMs / 1e3)) / block.runs * 1e3;
}
function mean(values) {
  if (values.length === 0) throw new RangeError("mean of no values");
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
function coefficientOfVariation(values) {
  if (values.length < 2) return 0;
  const m = mean(values);
  if (m === 0) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1)) / Math.abs(m);
}
function summariseStability(rows, maxCv) {
  const cvs = rows.map((r) => r.latencyCv ?? 0);
  let maxLatencyCv = 0;
  for (const cv of cvs) if (cv > maxLatencyCv) maxLatencyCv = cv;
  return {
    rows: rows.length,
    medianLatencyCv: cvs.length === 0 ? 0 : median(cvs),
    maxLatencyCv,
    remeasured: rows.filter((r) => (r.attempts ?? 1) > 1).length,
    unstable: rows.filter((r) => Math.max(r.latencyCv ?? 0, r.energyCv ?? 0) > maxCv).length,
    maxCv
  };
}
function formatStability(s) {
  const pct = (v) => `${(v * 100).toFixed(1)}%`;
  const verdict = s.unstable === 0 ? `all within --max-cv ${pct(s.maxCv)}` : `${s.unstable} above --max-cv ${pct(s.maxCv)} (noted in their notes column; a quieter machine or more --repetitions helps)`;
  return `stability: ${s.rows} row(s), trial-to-trial latency CV median ${pct(s.medianLatencyCv)}, max ${pct(s.maxLatencyCv)}; ${s.remeasured} re-measured; ${verdict}`;
}

// src/measure/attach.ts
async function attachMonitorEnergy(options) {
  const text = readCsvText(options.csv);
  const columns = text.startsWith(`${LEGACY_MEASURE_COLUMNS.join(",")}
`) ? LEGACY_MEASURE_COLUMNS : MEASURE_COLUMNS;
  const records = parseCsv(options.csv, text, columns);
  const sets = windowSets(readWindowLog(options.windows));
  const { series, layout } = await loadMonitorCsv(options.monitor, options.monitorOptions);
  const label = `external-csv:${basename2(options.monitor)}`;
  let attached = 0;
  const withoutWindows = [];
  const unmeasured = [];
  const lines = [`${columns.join(",")}
`];
  records.forEach((record, i) => {
    const row = { ...record };
    const id = row.kernel_id ?? "";
    const windows = sets.get(id);
    if (windows === void 0) {
      withoutWindows.push(id);
    } else {
      const metered = (w) => {
        const result = series.energy(w.startMs, w.endMs);
        return {
          durationMs: w.endMs - w.startMs,
          runs: w.runs,
          ...result.ok ? { energyJ: result.energyJ } : {},
          problems: result.ok ? [] : [`${options.monitor}: ${w.phase} ${w.block}: ${result.reason}`]
        };
      };
      const idle = mergeIdle(windows.filter((w) => w.phase === "idle").map(metered));
      const blocks = windows.filter((w) => w.phase === "block");
      const summary = summariseEnergy(blocks.map(metered), idle);
      if (columns.includes("energy_cv")) row.energy_cv = formatNumber(energyCv(blocks, windows, metered));
      const latency = Number(row.latency_ms);
      if (!Number.isFinite(latency) || latency <= 0) {
        throw new MeasureError(
          options.csv,
          `latency_ms is not a positive number: ${JSON.stringify(row.latency_ms)}`,
          i + 2
        );
      }
      row.meter = label;
      row.energy_mj = formatNumber(summary.energyMj);
      row.power_mw = summary.energyMj === void 0 ? "" : formatNumber(summary.energyMj / latency * 1e3);
      row.energy_spread_mj = formatNumber(summary.energySpreadMj);
      row.idle_power_mw = formatNumber(summary.idlePowerMw);
      row.notes = [
        ...idle ? [] : ["no idle window logged: energy includes the idle draw"],
        ...summary.notes
      ].join("; ");
      if (summary.energyMj === void 0) unmeasured.push({ kernelId: id, reason: summary.notes.join("; ") });
      else attached++;
    }
    lines.push(`${columns.map((c) => csvField(row[c] ?? "")).join(",")}
`);
  });
  const out = options.out ?? options.csv;
  const temp = `${out}.tmp-${process.pid}`;
  writeFileSync(temp, lines.join(""));
  renameSync(temp, out);
  return { out, attached, withoutWindows, unmeasured, monitorLayout: layout.summary };
}
function readCsvText(path) {
  try {
    return readFileSync3(path, "utf8");
  } catch (error) {
    throw new MeasureError(path, `cannot read the kernel CSV: ${error.message}`, void 0, {
      cause: error
    });
  }
}
function windowSets(windows) {
  const sets = /* @__PURE__ */ new Map();
  let current;
  for (const w of windows) {
    if (w.kernelId !== current) {
      sets.set(w.kernelId, []);
      current = w.kernelId;
    }
    sets.get(w.kernelId).push(w);
  }
  return sets;
}
function energyCv(blocks, windows, metered) {
  const energies = [];
  for (const b of blocks) {
    const idle = windows.find((w) => w.phase === "idle" && w.block === b.block);
    const e = netEnergyPerRunMj(metered(b), idle ? metered(idle) : void 0);
    if (e === void 0) return void 0;
    energies.push(e);
  }
  return energies.length === 0 ? void 0 : coefficientOfVariation(energies);
}

// src/measure/harness.ts
import { existsSync as existsSync2, mkdirSync, statSync as statSync2 } from "node:fs";
import { dirname, join as join2 } from "node:path";
import { arch, cpus as cpus2, type as osType } from "node:os";

// src/measure/sampling.ts
import { createHash } from "node:crypto";
var CONFIG_FIELDS = KERNEL_CONFIG_FIELDS;
var DEEPEN2023_SPACES = Object.fromEntries(
  BUILTIN_KERNEL_TYPES.flatMap((e) => "sampling" in e ? [[e.name, e.sampling]] : [])
);
var SAMPLED_KERNEL_TYPES = Object.keys(DEEPEN2023_SPACES);
function isSampledKernelType(value) {
  return Object.hasOwn(DEEPEN2023_SPACES, value);
}
function samplingOf(type) {
  const sampling = isKernelType(type) ? kernelTypeEntry(type).sampling : void 0;
  if (!sampling) throw new RangeError(`no configuration space for kernel type ${JSON.stringify(type)}`);
  return sampling;
}
function kernelParams(type, c) {
  return samplingOf(type).weights?.(c) ?? 0;
}
function kernelId(type, config) {
  const digest = createHash("sha256").update(canonicalKernel(type, config)).digest();
  return BigInt(`0x${digest.subarray(0, 8).toString("hex")}`).toString(36).toUpperCase().padStart(10, "0").slice(-10);
}
function canonicalKernel(type, config) {
  const parts = [type];
  for (const field of CONFIG_FIELDS) {
    const value = config[field];
    if (value !== void 0) parts.push(`${field}=${value}`);
  }
  return parts.join("|");
}
function sampleKernels(options) {
  const mode = options.mode ?? "random";
  const seed = options.seed ?? 1;
  if (!Number.isInteger(options.count) || options.count < 1)
    throw new RangeError(`count must be a positive integer, got ${options.count}`);
  const kernels = [];
  const shortfalls = [];
  const seen = /* @__PURE__ */ new Set();
  for (const [type, ranges] of Object.entries(options.ranges ?? {})) {
    if (!options.types.includes(type))
      throw new RangeError(`a range for kernel type ${type}, which is not among the types sampled`);
    const known = Object.keys(samplingOf(type).fields);
    for (const field of Object.keys(ranges ?? {}))
      if (!known.includes(field))
        throw new RangeError(`${type} has no field ${field}; its fields are ${known.join(", ")}`);
  }
  options.types.forEach((type, typeIndex) => {
    const space = samplingOf(type);
    const fields = { ...space.fields, ...options.ranges?.[type] ?? {} };
    for (const [field, range] of Object.entries(fields)) checkRange(type, field, range);
    const maxWork = options.maxWork?.[type] ?? space.maxWork;
    const random = seededRandom(seed * 2654435761 + typeIndex * 2246822507 + hashString(type));
    const valid = (config) => space.work(config) <= maxWork && (space.weights?.(config) ?? 0) <= (space.maxParams ?? Number.POSITIVE_INFINITY) && consistent(space, config);
    const picked = [];
    const add = (config) => {
      const id = kernelId(type, config);
      if (seen.has(id)) return;
      seen.add(id);
      picked.push({ id, type, config });
    };
    if (mode === "grid") {
      const grid = gridConfigs(space, fields, options.gridPoints ?? 3).filter(valid);
      const chosen = grid.length <= options.count ? grid : seededSubset(grid, options.count, random);
      chosen.forEach(add);
    } else {
      const attempts = options.count * 200;
      for (let i = 0; i < attempts && picked.length < options.count; i++) {
        const config = drawConfig(space, fields, random);
        if (valid(config)) add(config);
      }
    }
    if (picked.length < options.count) shortfalls.push({ type, wanted: options.count, got: picked.length });
    for (const k of picked) kernels.push(k);
  });
  return { kernels, shortfalls };
}
function checkRange(type, field, range) {
  if (range === void 0) return;
  const bad = (why) => {
    throw new RangeError(`${type} ${field}: ${why}`);
  };
  if (range.kind === "choice") {
    if (range.values.length === 0) bad("no values to choose from");
    if (range.values.some((v) => !Number.isInteger(v) || v < 0)) bad("values must be non-negative integers");
  } else if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min < 1 || range.max < range.min) {
    bad(`bad integer range [${range.min}, ${range.max}]`);
  }
}
function consistent(space, c) {
  if (space.consistent && !space.consistent(c)) return false;
  const optional = space.optional ?? [];
  return optional.every(
    (field, i) => c[field] !== 0 || optional.slice(i + 1).every((f) => (c[f] ?? 0) === 0)
  );
}
function finish(space, config) {
  space.complete?.(config);
  return config;
}
function drawConfig(space, fields, random) {
  const config = {};
  const optional = space.optional ?? [];
  const present = optional.length > 0 ? Math.floor(random.next() * (optional.length + 1)) : optional.length;
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === void 0) continue;
    const index = optional.indexOf(field);
    if (index >= present) {
      config[field] = 0;
      continue;
    }
    config[field] = drawValue(range, random);
  }
  return finish(space, config);
}
function drawValue(range, random) {
  if (range.kind === "choice") return range.values[Math.floor(random.next() * range.values.length)];
  const lo = Math.log(range.min);
  const hi = Math.log(range.max + 1);
  const value = Math.min(range.max, Math.floor(Math.exp(lo + random.next() * (hi - lo))));
  return roundToMultiple(value, range);
}
function roundToMultiple(value, range) {
  const m = range.multipleOf ?? 1;
  let v = Math.round(value / m) * m;
  if (v < range.min) v += m;
  if (v > range.max) v -= m;
  return v;
}
function gridValues(range, points) {
  if (range.kind === "choice") return [...range.values];
  if (points <= 1 || range.min === range.max) return [roundToMultiple(range.min, range)];
  const lo = Math.log(range.min);
  const hi = Math.log(range.max);
  const values = Array.from(
    { length: points },
    (_, i) => roundToMultiple(Math.round(Math.exp(lo + (hi - lo) * i / (points - 1))), range)
  );
  return [...new Set(values)];
}
function gridConfigs(space, fields, points) {
  const axes = [];
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === void 0) continue;
    const values = gridValues(range, points);
    if (space.optional?.includes(field) && !values.includes(0)) values.unshift(0);
    axes.push([field, values]);
  }
  let configs = [{}];
  for (const [field, values] of axes) {
    configs = configs.flatMap((c) => values.map((v) => ({ ...c, [field]: v })));
  }
  return configs.map((c) => finish(space, c));
}
function seededSubset(items, count, random) {
  return sampleWithoutReplacement(items.length, count, random).sort((a, b) => a - b).map((i) => items[i]);
}
function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// src/measure/harness-types.ts
var DEFAULT_MAX_CV = 0.1;
var MAX_BATCH_WEIGHT_BYTES = 512 * 2 ** 20;
var DEFAULT_TRIALS = 5;
var Aborted = class extends Error {
};

// src/measure/load.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { cpus, loadavg, platform } from "node:os";
import { join } from "node:path";
function readLoadAverage() {
  return platform() === "win32" ? void 0 : loadavg()[0];
}
function readMachineLoad(sysCpuRoot = "/sys/devices/system/cpu") {
  let governor;
  try {
    governor = readFileSync4(join(sysCpuRoot, "cpu0/cpufreq/scaling_governor"), "utf8").trim() || void 0;
  } catch {
    governor = void 0;
  }
  return { loadAverage: readLoadAverage(), cpus: Math.max(1, cpus().length), governor };
}
var BUSY_LOAD_PER_CPU = 0.5;
var SCALING_GOVERNORS = /* @__PURE__ */ new Set(["powersave", "ondemand", "conservative", "schedutil"]);
function loadWarnings(load) {
  const warnings = [];
  if (load.loadAverage !== void 0 && load.loadAverage >= BUSY_LOAD_PER_CPU * load.cpus) {
    warnings.push(
      `the machine is busy: load average ${load.loadAverage.toFixed(2)} on ${load.cpus} CPU(s) (1 minute, from the OS); latencies will be higher and noisier than on a quiet machine. Trials are interleaved and unsteady rows re-measured, which evens the load out across kernels but does not remove it`
    );
  }
  if (load.governor !== void 0 && SCALING_GOVERNORS.has(load.governor)) {
    warnings.push(
      `the CPU frequency governor is ${load.governor} (cpu0 cpufreq): the clock follows the load, so timings vary; the 'performance' governor gives steadier figures`
    );
  }
  return warnings;
}

// src/measure/harness-batch.ts
async function measureBatch(batch, build, options, setup) {
  const open = [];
  try {
    for (const kernel of batch) open.push(await openKernel(kernel, build, options, setup));
    const layout = blockLayout(options, open);
    let pending = open;
    while (pending.length > 0) {
      const loadAverage = readLoadAverage();
      for (const k of pending) {
        k.attempts++;
        k.loadAverage = loadAverage;
        k.trials = [];
        k.windows = [];
      }
      await runRounds(pending, layout, options, setup);
      pending = pending.filter((k) => k.attempts < setup.maxAttempts && spreadOf(k) > setup.maxCv);
    }
    return open.map((k) => ({
      index: k.kernel.index,
      row: rowOf(k, options, setup, batch.length),
      windows: k.windows
    }));
  } finally {
    await Promise.all(open.map((k) => k.session.release()));
  }
}
function blockLayout(options, open) {
  const measuresEnergy = options.meter.info.measuresEnergy;
  const offlineMonitor = !measuresEnergy && options.windowLog !== void 0;
  const minBlockMs = minBlockMsOf(options);
  const blockMs = median(open.map((k) => k.perBlock * k.estimateMs));
  return {
    blocks: blocksOf(options),
    measuresEnergy,
    idleBaseline: options.idleBaseline ?? (measuresEnergy || offlineMonitor),
    idleMs: Math.min(Math.max(blockMs, minBlockMs, 50), 5e3)
  };
}
function blocksOf(options) {
  return Math.max(1, options.blocks ?? DEFAULT_TRIALS);
}
function minBlockMsOf(options) {
  const { info } = options.meter;
  const offlineMonitor = !info.measuresEnergy && options.windowLog !== void 0;
  return options.minBlockMs ?? (info.measuresEnergy ? Math.max(info.minWindowMs, 200) : offlineMonitor ? 1e3 : 0);
}
async function openKernel(kernel, build, options, setup) {
  const { signal } = options;
  const where = `kernel ${kernel.id} (${kernel.type} ${JSON.stringify(kernel.config)})`;
  let bytes;
  try {
    bytes = await build(kernel.type, kernel.config);
  } catch (error) {
    throw new MeasureError(where, `the model builder failed: ${error.message}`, void 0, {
      cause: error
    });
  }
  const ort = await loadOrt();
  let session;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: setup.threads,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      executionProviders: [setup.ep]
    });
  } catch (error) {
    throw new MeasureError(
      where,
      `onnxruntime cannot load the model: ${error.message}`,
      void 0,
      { cause: error }
    );
  }
  try {
    const { feeds, inputShapes } = makeFeeds(ort, session, where, options.seed ?? 1);
    const clock = options.clock ?? (() => performance.now());
    const run = async () => {
      if (signal?.aborted) throw new Aborted();
      const t0 = clock();
      try {
        await session.run(feeds);
      } catch (error) {
        throw new MeasureError(
          where,
          `onnxruntime failed to run the model: ${error.message}`,
          void 0,
          { cause: error }
        );
      }
      return clock() - t0;
    };
    const warmupRuns = options.warmupRuns ?? 10;
    const warmupMs = options.warmupMs ?? 1e3;
    const warm = [];
    const warmStart = clock();
    for (let i = 0; i < Math.max(1, warmupRuns); i++) {
      warm.push(await run());
      if (i >= 1 && clock() - warmStart > warmupMs) break;
    }
    const estimateMs = Math.max(median(warm.length > 1 ? warm.slice(1) : warm), 1e-3);
    const blocks = blocksOf(options);
    const repetitions = options.repetitions ?? 50;
    const maxKernelMs = options.maxKernelMs ?? 3e4;
    let perBlock = Math.max(Math.ceil(repetitions / blocks), Math.ceil(minBlockMsOf(options) / estimateMs));
    perBlock = Math.max(1, Math.min(perBlock, Math.floor(maxKernelMs / (blocks * estimateMs))));
    return {
      kernel,
      where,
      session,
      run,
      inputShapes,
      perBlock,
      estimateMs,
      attempts: 0,
      loadAverage: void 0,
      trials: [],
      windows: []
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}
async function runRounds(pending, layout, options, setup) {
  const { meter, signal } = options;
  const check = () => {
    if (signal?.aborted) throw new Aborted();
  };
  const metered = async (work) => {
    const mark = await meterCall(() => meter.start());
    if (mark instanceof MeterError) return { value: await work(), reading: failedReading(mark) };
    let value;
    try {
      value = await work();
    } catch (error) {
      await meterCall(() => meter.stop(mark));
      throw error;
    }
    const reading = await meterCall(() => meter.stop(mark));
    return { value, reading: reading instanceof MeterError ? failedReading(reading) : reading };
  };
  const window = (reading, runs) => ({
    durationMs: reading.endMs - reading.startMs,
    runs,
    ...reading.energyJ === void 0 ? {} : { energyJ: reading.energyJ },
    problems: reading.problems.map((p) => p.message)
  });
  for (let round = 1; round <= layout.blocks; round++) {
    check();
    let idle;
    if (layout.idleBaseline) {
      await sleep(options.settleMs ?? 100, signal);
      check();
      const { reading } = await metered(() => sleep(layout.idleMs, signal));
      check();
      idle = { window: window(reading, 0), reading };
    }
    for (const k of shuffled(pending, setup.random)) {
      await k.run();
      const latencies = [];
      const { reading } = await metered(async () => {
        for (let i = 0; i < k.perBlock; i++) latencies.push(await k.run());
      });
      if (idle) k.windows.push(windowRecord(k.kernel.id, "idle", round, 0, idle.reading));
      k.windows.push(windowRecord(k.kernel.id, "block", round, k.perBlock, reading));
      k.trials.push({
        latencies,
        block: window(reading, k.perBlock),
        ...idle ? { idle: idle.window } : {}
      });
    }
  }
}
function windowRecord(kernelId2, phase, block, runs, reading) {
  return { kernelId: kernelId2, phase, block, runs, startMs: reading.startMs, endMs: reading.endMs };
}
function spreadOf(k) {
  const { latencyCv, energyCv: energyCv2 } = trialSpread(k.trials);
  return Math.max(latencyCv, energyCv2 ?? 0);
}
function trialSpread(trials) {
  const latencyCv = coefficientOfVariation(trials.map((t) => median(t.latencies)));
  const energies = trialEnergies(trials);
  return energies === void 0 ? { latencyCv } : { latencyCv, energyCv: coefficientOfVariation(energies) };
}
function trialEnergies(trials) {
  const out = [];
  for (const t of trials) {
    const e = netEnergyPerRunMj(t.block, t.idle);
    if (e === void 0) return void 0;
    out.push(e);
  }
  return out;
}
function rowOf(k, options, setup, batchSize) {
  const latencies = k.trials.flatMap((t) => t.latencies);
  const latencyMs = median(latencies);
  const energy = options.meter.info.measuresEnergy ? summariseEnergy(
    k.trials.map((t) => t.block),
    mergeIdle(k.trials.flatMap((t) => t.idle ? [t.idle] : []))
  ) : { notes: [] };
  const { latencyCv, energyCv: energyCv2 } = trialSpread(k.trials);
  const spread = Math.max(latencyCv, energy.energyMj === void 0 ? 0 : energyCv2 ?? 0);
  const notes = [...energy.notes];
  if (spread > setup.maxCv)
    notes.push(
      `unstable: trials spread ${(spread * 100).toFixed(1)}% (limit ${(setup.maxCv * 100).toFixed(0)}%) after ${k.attempts} attempt(s)`
    );
  const energyMj = energy.energyMj;
  return {
    kernelId: k.kernel.id,
    kernelType: k.kernel.type,
    config: k.kernel.config,
    inputShapes: k.inputShapes,
    ...energyMj === void 0 ? {} : { energyMj, powerMw: energyMj / latencyMs * 1e3 },
    latencyMs,
    meter: options.meter.info.label,
    device: setup.device,
    threads: setup.threads,
    repetitions: latencies.length,
    latencySpreadMs: iqr(latencies),
    ...energy.energySpreadMj === void 0 ? {} : { energySpreadMj: energy.energySpreadMj },
    ...energy.idlePowerMw === void 0 ? {} : { idlePowerMw: energy.idlePowerMw },
    trials: k.trials.length,
    latencyCv,
    ...energyMj === void 0 || energyCv2 === void 0 ? {} : { energyCv: energyCv2 },
    attempts: k.attempts,
    batch: batchSize,
    ...k.loadAverage === void 0 ? {} : { loadAverage: k.loadAverage },
    notes: notes.join("; ")
  };
}
async function meterCall(call) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MeterError) return error;
    throw error;
  }
}
function failedReading(error) {
  const t = nowMs();
  return { startMs: t, endMs: t, problems: [error] };
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
var FLOAT_TYPES = /* @__PURE__ */ new Set(["float32"]);
function makeFeeds(ort, session, where, seed) {
  const random = seededRandom(seed);
  const feeds = {};
  const inputShapes = [];
  for (const meta of session.inputMetadata) {
    if (!meta.isTensor) throw new MeasureError(where, `input ${meta.name} is not a tensor`);
    const dims = meta.shape.map((d) => {
      if (typeof d !== "number")
        throw new MeasureError(
          where,
          `input ${meta.name} has a symbolic dimension ${JSON.stringify(d)}: kernel models need fixed shapes`
        );
      return d;
    });
    const size = dims.reduce((a, b) => a * b, 1);
    if (FLOAT_TYPES.has(meta.type)) {
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = random.next() * 2 - 1;
      feeds[meta.name] = new ort.Tensor("float32", data, dims);
    } else if (meta.type === "int64") {
      feeds[meta.name] = new ort.Tensor("int64", new BigInt64Array(size), dims);
    } else if (meta.type === "int32") {
      feeds[meta.name] = new ort.Tensor("int32", new Int32Array(size), dims);
    } else {
      throw new MeasureError(
        where,
        `input ${meta.name} has element type ${meta.type}; kernel models take float32`
      );
    }
    inputShapes.push(toNhwc(dims));
  }
  return { feeds, inputShapes };
}
function toNhwc(dims) {
  if (dims.length === 4) return [dims[2], dims[3], dims[1]];
  return dims.slice(1);
}

// src/measure/harness.ts
function describeDevice(executionProvider = "cpu") {
  const model = (cpus2()[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  return `${osType()} ${arch()} ${model}${executionProvider === "cpu" ? "" : ` + ${executionProvider}`}`;
}
async function measureKernels(options) {
  const { meter, out, signal } = options;
  const threads = options.threads ?? 1;
  const ep = options.executionProvider ?? "cpu";
  const device = options.device ?? describeDevice(ep);
  const build = options.buildModel ?? buildKernelModel;
  const maxCv = options.maxCv ?? DEFAULT_MAX_CV;
  const maxAttempts = options.maxAttempts ?? 3;
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (!(maxCv > 0)) throw new RangeError(`max-cv must be a positive number, got ${maxCv}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError(`max attempts must be a positive integer, got ${maxAttempts}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  checkOutputFile(out, "--out");
  if (options.windowLog !== void 0) checkOutputFile(options.windowLog, "--windows");
  const existing = prepareCsv(out);
  checkSameSetup(out, existing.records, { meter: meter.info.label, device, threads });
  const present = new Set(existing.records.map((r) => r.kernel_id));
  if (options.windowLog !== void 0) prepareCsv(options.windowLog, WINDOW_COLUMNS);
  const todo = [];
  const ids = /* @__PURE__ */ new Set();
  for (const k of options.kernels) {
    const id = k.id ?? kernelId(k.type, k.config);
    if (ids.has(id)) continue;
    ids.add(id);
    if (!present.has(id)) todo.push({ ...k, id, index: todo.length });
  }
  const total = ids.size;
  const skipped = total - todo.length;
  const random = seededRandom((options.seed ?? 1) * 2654435761 + 1540483477);
  const queue = shuffled(todo, random);
  const rows = [];
  const csv = new DurableAppender(out);
  const windows = options.windowLog === void 0 ? void 0 : new DurableAppender(options.windowLog);
  const started = nowMs();
  const setup = { threads, ep, device, maxCv, maxAttempts, random };
  let aborted = false;
  try {
    let next = 0;
    while (next < queue.length) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      const batch = [];
      let weightBytes = 0;
      while (next < queue.length && batch.length < batchSize) {
        const bytes = kernelParams(queue[next].type, queue[next].config) * 4;
        if (batch.length > 0 && weightBytes + bytes > MAX_BATCH_WEIGHT_BYTES) break;
        batch.push(queue[next++]);
        weightBytes += bytes;
      }
      let measured;
      try {
        measured = await measureBatch(batch, build, options, setup);
      } catch (error) {
        if (error instanceof Aborted) {
          aborted = true;
          break;
        }
        throw error;
      }
      measured.sort((a, b) => a.index - b.index);
      windows?.append(measured.map((m) => formatWindows(m.windows)).join(""));
      csv.append(measured.map((m) => formatRow(m.row)).join(""));
      for (const m of measured) {
        rows.push(m.row);
        const elapsedMs = nowMs() - started;
        const perKernel = elapsedMs / rows.length;
        options.onProgress?.({
          done: skipped + rows.length,
          total,
          skipped,
          measured: rows.length,
          ratePerMinute: 6e4 / perKernel,
          etaMs: perKernel * (todo.length - rows.length),
          elapsedMs,
          row: m.row
        });
      }
    }
  } finally {
    csv.close();
    windows?.close();
  }
  return {
    out,
    total,
    skipped,
    rows,
    aborted,
    repaired: existing.repairedText,
    meter: meter.info.label,
    device,
    stability: summariseStability(rows, maxCv)
  };
}
function checkOutputFile(path, flag) {
  if (existsSync2(path) && statSync2(path).isDirectory()) {
    throw new MeasureError(
      path,
      `${flag} names a folder; it must name the CSV file to create or resume (e.g. ${join2(path, flag === "--out" ? "kernels.csv" : "windows.csv")})`
    );
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new MeasureError(
      path,
      `${flag}: cannot create its folder: ${error.message}`,
      void 0,
      {
        cause: error
      }
    );
  }
}
function checkSameSetup(file, records, setup) {
  records.forEach((r, i) => {
    const differs = [];
    if (r.meter !== setup.meter)
      differs.push(`meter ${JSON.stringify(r.meter)} (this run: ${JSON.stringify(setup.meter)})`);
    if (r.device !== setup.device)
      differs.push(`device ${JSON.stringify(r.device)} (this run: ${JSON.stringify(setup.device)})`);
    if (r.threads !== String(setup.threads))
      differs.push(`threads ${r.threads} (this run: ${setup.threads})`);
    if (differs.length > 0) {
      throw new MeasureError(
        file,
        `measured with ${differs.join(", ")}: resume with the same setup or write to another file`,
        i + 2
      );
    }
  });
}

// src/measure/meters/jetson.ts
import { join as join3 } from "node:path";

// src/measure/meters/sampled.ts
function maxGapFor(intervalMs) {
  return Math.max(5 * intervalMs, 100);
}
var SampledMeter = class extends WindowMeter {
  constructor(info, sampler, maxGapMs, syncTimeoutMs, clock = nowMs) {
    super(info);
    this.sampler = sampler;
    this.maxGapMs = maxGapMs;
    this.syncTimeoutMs = syncTimeoutMs;
    this.clock = clock;
  }
  sampler;
  maxGapMs;
  syncTimeoutMs;
  clock;
  open() {
    return { startMs: this.clock() };
  }
  async read({ startMs }) {
    const endMs = this.clock();
    await this.sampler.sync(endMs, this.syncTimeoutMs);
    const window = this.sampler.energy(startMs, endMs, this.maxGapMs);
    this.sampler.prune((this.oldestStart() ?? endMs) - this.maxGapMs);
    return {
      startMs,
      endMs,
      ...window.energyJ === void 0 ? {} : { energyJ: window.energyJ },
      channelsJ: window.channelsJ,
      samples: window.samples,
      problems: window.problems
    };
  }
  close() {
    return this.sampler.close();
  }
};

// src/measure/meters/sampler.ts
import { Worker } from "node:worker_threads";

// src/measure/meters/integrate.ts
function integratePower(samples, startMs, endMs, maxGapMs) {
  if (!(endMs > startMs)) return { ok: false, reason: `empty window (${startMs}..${endMs})`, samples: 0 };
  const lo = lowerBound(samples, startMs - maxGapMs);
  const hi = lowerBound(samples, endMs + maxGapMs + Number.EPSILON);
  const used = samples.slice(lo, hi);
  const first = used[0];
  const last = used[used.length - 1];
  if (first === void 0 || last === void 0) {
    return { ok: false, reason: `no power samples within ${maxGapMs} ms of the window`, samples: 0 };
  }
  if (first.t > startMs + maxGapMs) {
    return {
      ok: false,
      reason: `first sample ${fmt(first.t - startMs)} ms after the window start`,
      samples: used.length
    };
  }
  if (last.t < endMs - maxGapMs) {
    return {
      ok: false,
      reason: `last sample ${fmt(endMs - last.t)} ms before the window end`,
      samples: used.length
    };
  }
  for (let i = 1; i < used.length; i++) {
    const gap = used[i].t - used[i - 1].t;
    if (gap > maxGapMs && used[i].t > startMs && used[i - 1].t < endMs) {
      return {
        ok: false,
        reason: `a ${fmt(gap)} ms hole in the power samples inside the window`,
        samples: used.length
      };
    }
  }
  const points = [startMs];
  for (const s of used) if (s.t > startMs && s.t < endMs) points.push(s.t);
  points.push(endMs);
  let wattMs = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    wattMs += (powerAt(used, a) + powerAt(used, b)) / 2 * (b - a);
  }
  return {
    ok: true,
    energyJ: wattMs / 1e3,
    samples: used.filter((s) => s.t >= startMs && s.t <= endMs).length
  };
}
function powerAt(samples, t) {
  const i = lowerBound(samples, t);
  if (i === 0) return samples[0].watts;
  if (i >= samples.length) return samples[samples.length - 1].watts;
  const after = samples[i];
  const before = samples[i - 1];
  if (after.t === t || after.t === before.t) return after.watts;
  return before.watts + (after.watts - before.watts) * (t - before.t) / (after.t - before.t);
}
function lowerBound(samples, t) {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (samples[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function fmt(ms) {
  return ms.toFixed(ms < 10 ? 2 : 0);
}

// src/measure/meters/sampler.ts
var WORKER_SOURCE = String.raw`
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
var PowerSampler = class _PowerSampler {
  constructor(meter, worker, source) {
    this.meter = meter;
    this.worker = worker;
    this.source = source;
  }
  meter;
  worker;
  source;
  samples = [];
  problems = [];
  flushes = /* @__PURE__ */ new Map();
  seq = 0;
  closed = false;
  failure;
  get channelNames() {
    return this.source.kind === "files" ? this.source.channels.map((c) => c.name) : this.source.channels;
  }
  /** Starts sampling and waits for the first sample (rejects with what went wrong instead). */
  static start(meter, source, firstSampleTimeoutMs = 5e3) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: source });
    worker.unref();
    const sampler = new _PowerSampler(meter, worker, source);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void sampler.close();
        reject(
          new MeterError(meter, sourcePath(source), `no power sample within ${firstSampleTimeoutMs} ms`)
        );
      }, firstSampleTimeoutMs);
      const settleFirst = (error) => {
        clearTimeout(timer);
        if (error) {
          void sampler.close();
          reject(error);
        } else {
          resolve(sampler);
        }
      };
      worker.on("message", (message) => {
        const first = sampler.samples.length === 0 && sampler.problems.length === 0;
        sampler.receive(message);
        if (!first) return;
        if (message.type === "sample") settleFirst();
        else if (message.type === "problem") settleFirst(sampler.problems[0].error);
      });
      worker.on("error", (error) => {
        sampler.failure = new MeterError(
          meter,
          sourcePath(source),
          `sampler thread failed: ${error.message}`,
          { cause: error }
        );
        settleFirst(sampler.failure);
      });
    });
  }
  receive(message) {
    if (message.type === "sample") {
      this.samples.push({ t: message.t, watts: message.watts });
    } else if (message.type === "problem") {
      this.problems.push({ t: message.t, error: new MeterError(this.meter, message.path, message.reason) });
    } else {
      const done = this.flushes.get(message.seq);
      this.flushes.delete(message.seq);
      done?.(message.timedOut);
    }
  }
  /** Waits until a sample at or after `after` has arrived (or the wait times out). */
  sync(after, timeoutMs) {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed)
      return Promise.reject(new MeterError(this.meter, sourcePath(this.source), "sampler closed"));
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.flushes.set(seq, (timedOut) => resolve(!timedOut));
      this.worker.postMessage({ type: "flush", seq, after, timeoutMs });
    });
  }
  /** Energy per channel and in total over a window, from the samples received so far. */
  energy(startMs, endMs, maxGapMs) {
    const problems = this.problems.filter((p) => p.t >= startMs - maxGapMs && p.t <= endMs + maxGapMs).map((p) => p.error);
    const channelsJ = {};
    let total = 0;
    let samples = 0;
    this.channelNames.forEach((name, i) => {
      const series = this.samples.map((s) => ({ t: s.t, watts: s.watts[i] }));
      const result = integratePower(series, startMs, endMs, maxGapMs);
      samples = result.samples;
      if (result.ok) {
        channelsJ[name] = result.energyJ;
        total += result.energyJ;
      } else {
        problems.push(new MeterError(this.meter, sourcePath(this.source), `${name}: ${result.reason}`));
      }
    });
    return { ...problems.length === 0 ? { energyJ: total } : {}, channelsJ, samples, problems };
  }
  /** Drops samples and problems older than `beforeMs` (kept: one sample before it, for interpolation). */
  prune(beforeMs) {
    let keepFrom = 0;
    while (keepFrom + 1 < this.samples.length && this.samples[keepFrom + 1].t < beforeMs) keepFrom++;
    this.samples.splice(0, keepFrom);
    while (this.problems.length > 0 && this.problems[0].t < beforeMs) this.problems.shift();
  }
  close() {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const done of this.flushes.values()) done(true);
    this.flushes.clear();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void this.worker.terminate().then(() => resolve());
      }, 2e3);
      this.worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ type: "stop" });
    });
  }
};
function sourcePath(source) {
  if (source.kind === "command") return source.file;
  const first = source.channels[0];
  return first?.power?.path ?? first?.current?.path ?? "sysfs";
}

// src/measure/meters/jetson.ts
var METER2 = "jetson";
var DEFAULT_SYSFS_ROOT = "/sys";
var INPUT_RAIL = /^(VDD_IN|POM_5V_IN|VIN|VDD_IN_.+)$/i;
function discoverJetsonRails(root = DEFAULT_SYSFS_ROOT) {
  const rails = [];
  const seen = /* @__PURE__ */ new Set();
  const once = (dir) => {
    const real = realPath(dir);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const iioDriver = join3(root, "bus/i2c/drivers/ina3221x");
  for (const addr of listMatching(iioDriver, /^\d+-[0-9a-f]+$/)) {
    for (const dev of listMatching(join3(iioDriver, addr), /^iio(:device\d+|_device)$/)) {
      const dir = join3(iioDriver, addr, dev);
      if (once(dir)) rails.push(...iioRails(dir, addr));
    }
  }
  const hwmonDirs = [];
  const hwmonDriver = join3(root, "bus/i2c/drivers/ina3221");
  for (const addr of listMatching(hwmonDriver, /^\d+-[0-9a-f]+$/)) {
    for (const mon of listMatching(join3(hwmonDriver, addr, "hwmon"), /^hwmon\d+$/))
      hwmonDirs.push(join3(hwmonDriver, addr, "hwmon", mon));
  }
  const hwmonClass = join3(root, "class/hwmon");
  for (const mon of listMatching(hwmonClass, /^hwmon\d+$/)) {
    const dir = join3(hwmonClass, mon);
    if (sensorName(dir) === "ina3221") hwmonDirs.push(dir);
  }
  for (const dir of hwmonDirs) if (once(dir)) rails.push(...hwmonRails(dir));
  return rails;
}
function sensorName(dir) {
  try {
    return readText(METER2, join3(dir, "name"));
  } catch (error) {
    if (error instanceof MeterError) return void 0;
    throw error;
  }
}
function iioRails(dir, addr) {
  const rails = [];
  for (const file of listMatching(dir, /^in_(power|current)\d+_input$/)) {
    const index = /(\d+)_input$/.exec(file)[1];
    if (file.startsWith("in_current") && listMatching(dir, new RegExp(`^in_power${index}_input$`)).length > 0)
      continue;
    const label = optionalText(join3(dir, `rail_name_${index}`)) ?? `${addr}/power${index}`;
    const power = join3(dir, `in_power${index}_input`);
    const channel = file.startsWith("in_power") ? { name: label, power: { path: power, toWatts: 1e-3 } } : {
      name: label,
      current: { path: join3(dir, `in_current${index}_input`), toAmps: 1e-3 },
      voltage: { path: join3(dir, `in_voltage${index}_input`), toVolts: 1e-3 }
    };
    rails.push({ label, dir, driver: "iio", channel });
  }
  return rails;
}
function hwmonRails(dir) {
  const rails = [];
  for (const i of [1, 2, 3]) {
    const hasCurrent = listMatching(dir, new RegExp(`^curr${i}_input$`)).length > 0;
    const hasPower = listMatching(dir, new RegExp(`^power${i}_input$`)).length > 0;
    if (!hasCurrent && !hasPower) continue;
    const label = optionalText(join3(dir, `in${i}_label`)) ?? `${dir.split("/").pop()}/in${i}`;
    if (label.toUpperCase() === "NC") continue;
    const channel = hasPower ? { name: label, power: { path: join3(dir, `power${i}_input`), toWatts: 1e-6 } } : {
      name: label,
      current: { path: join3(dir, `curr${i}_input`), toAmps: 1e-3 },
      voltage: { path: join3(dir, `in${i}_input`), toVolts: 1e-3 }
    };
    rails.push({ label, dir, driver: "hwmon", channel });
  }
  return rails;
}
function optionalText(path) {
  try {
    return readText(METER2, path);
  } catch (error) {
    if (error instanceof MeterError && error.reason.startsWith("no such file")) return void 0;
    throw error;
  }
}
function probe(rail) {
  const ch = rail.channel;
  if (ch.power) readNumber(METER2, ch.power.path);
  if (ch.current) readNumber(METER2, ch.current.path);
  if (ch.voltage) readNumber(METER2, ch.voltage.path);
}
async function openJetsonMeter(options = {}) {
  const root = options.root ?? DEFAULT_SYSFS_ROOT;
  const intervalMs = options.intervalMs ?? 20;
  const rails = discoverJetsonRails(root);
  if (rails.length === 0) {
    const where = [
      join3(root, "bus/i2c/drivers/ina3221x"),
      join3(root, "bus/i2c/drivers/ina3221"),
      join3(root, "class/hwmon")
    ];
    const present = where.filter(isDirectory);
    throw new MeterError(
      METER2,
      root,
      `no INA3221 power rails found (looked in ${where.join(", ")}; present: ${present.join(", ") || "none"})`
    );
  }
  const explicit = options.rails !== void 0 && options.rails.length > 0;
  const notes = [];
  let selected;
  if (explicit) {
    selected = [];
    for (const want of options.rails ?? []) {
      const match = rails.filter((r) => r.label.toLowerCase() === want.toLowerCase());
      if (match.length === 0) {
        throw new MeterError(
          METER2,
          want,
          `no such rail; rails found: ${rails.map((r) => r.label).join(", ")}`
        );
      }
      selected.push(...match.filter((r) => !selected.includes(r)));
    }
  } else {
    const input = rails.filter((r) => INPUT_RAIL.test(r.label));
    selected = input.length > 0 ? input.slice(0, 1) : rails;
    notes.push(
      input.length > 0 ? `module input rail ${selected[0].label} (the other rails are parts of it)` : "no module input rail found: summing all rails (check they do not nest)"
    );
  }
  const good = [];
  const problems = [];
  for (const rail of selected) {
    try {
      probe(rail);
      good.push(rail);
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      problems.push(error);
    }
  }
  if (good.length === 0 || explicit && problems.length > 0) throw problems[0];
  notes.push(
    good.some((r) => r.channel.power) ? "rail power files" : "rail power = bus voltage x current",
    `sampled every ${intervalMs} ms`
  );
  const sampler = await PowerSampler.start(METER2, {
    kind: "files",
    intervalMs,
    channels: good.map((r) => r.channel)
  });
  return new SampledMeter(
    {
      kind: "jetson",
      label: `jetson:${good.map((r) => r.label).join("+")}`,
      measuresEnergy: true,
      method: "power-samples",
      channels: good.map((r) => r.label),
      minWindowMs: 20 * intervalMs,
      notes,
      problems
    },
    sampler,
    maxGapFor(intervalMs),
    maxGapFor(intervalMs) * 4,
    options.clock
  );
}

// src/measure/meters/none.ts
var NoMeter = class extends WindowMeter {
  constructor() {
    super({
      kind: "none",
      label: "none",
      measuresEnergy: false,
      method: "none",
      channels: [],
      minWindowMs: 0,
      notes: ["latency only: no energy is measured or written"],
      problems: []
    });
  }
  open() {
    return { startMs: nowMs() };
  }
  read({ startMs }) {
    return { startMs, endMs: nowMs(), problems: [] };
  }
};

// src/measure/meters/nvidia.ts
import { execFile } from "node:child_process";
var METER3 = "nvidia";
function queryGpu(nvidiaSmi, gpu, fields, timeoutMs) {
  const args = [`--query-gpu=${fields.join(",")}`, "--format=csv,noheader,nounits", "-i", gpu];
  const before = nowMs();
  return new Promise((resolve, reject) => {
    execFile(nvidiaSmi, args, { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      const after = nowMs();
      if (error) {
        const code = error.code;
        const output = `${stderr}${stdout}`.trim().split("\n")[0] ?? "";
        const reason = code === "ENOENT" ? "not found (ENOENT): install the NVIDIA driver utilities or give the path to nvidia-smi" : code === "EACCES" ? "not executable (EACCES)" : error.killed ? `no answer within ${timeoutMs} ms` : `failed (${error.code ?? "error"})${output ? `: ${output}` : ""}`;
        reject(new MeterError(METER3, `${nvidiaSmi} ${args.join(" ")}`, reason, { cause: error }));
        return;
      }
      const lines = stdout.split("\n").map((l) => l.trim()).filter((l) => l !== "");
      if (lines.length !== 1) {
        reject(
          new MeterError(
            METER3,
            `${nvidiaSmi} ${args.join(" ")}`,
            `expected one line, got ${lines.length}: ${JSON.stringify(stdout.slice(0, 120))}`
          )
        );
        return;
      }
      resolve({ fields: splitFields(lines[0], fields.length), atMs: (before + after) / 2 });
    });
  });
}
function splitFields(line, count) {
  const parts = line.split(",").map((p) => p.trim());
  if (parts.length <= count) return parts;
  const head = parts.slice(0, 1);
  const tail = parts.slice(parts.length - (count - 2));
  return [...head, parts.slice(1, parts.length - (count - 2)).join(", "), ...tail];
}
function numeric(text) {
  if (text === void 0 || text === "" || text.startsWith("[")) return void 0;
  const value = Number(text);
  return Number.isFinite(value) ? value : void 0;
}
var NvidiaEnergyMeter = class extends WindowMeter {
  constructor(info, nvidiaSmi, gpu, timeoutMs) {
    super(info);
    this.nvidiaSmi = nvidiaSmi;
    this.gpu = gpu;
    this.timeoutMs = timeoutMs;
  }
  nvidiaSmi;
  gpu;
  timeoutMs;
  async counter() {
    const query = await queryGpu(this.nvidiaSmi, this.gpu, ["total_energy_consumption"], this.timeoutMs);
    const mj = numeric(query.fields[0]);
    if (mj === void 0) {
      throw new MeterError(
        METER3,
        `${this.nvidiaSmi} --query-gpu=total_energy_consumption`,
        `not a number: ${JSON.stringify(query.fields[0])}`
      );
    }
    return { mj, atMs: query.atMs };
  }
  async open() {
    const { mj, atMs } = await this.counter();
    return { startMs: atMs, counterMj: mj };
  }
  async read(open) {
    try {
      const { mj, atMs } = await this.counter();
      if (mj < open.counterMj) {
        const reason = `energy counter went back from ${open.counterMj} to ${mj} mJ (driver reloaded?)`;
        return {
          startMs: open.startMs,
          endMs: atMs,
          problems: [new MeterError(METER3, this.nvidiaSmi, reason)]
        };
      }
      const energyJ = (mj - open.counterMj) / 1e3;
      return {
        startMs: open.startMs,
        endMs: atMs,
        energyJ,
        channelsJ: { [this.info.channels[0]]: energyJ },
        problems: []
      };
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      return { startMs: open.startMs, endMs: nowMs(), problems: [error] };
    }
  }
};
async function openNvidiaMeter(options = {}) {
  const nvidiaSmi = options.nvidiaSmi ?? "nvidia-smi";
  const gpu = String(options.gpu ?? 0);
  const mode = options.mode ?? "auto";
  const timeoutMs = options.timeoutMs ?? 1e4;
  const intervalMs = options.intervalMs ?? 50;
  const probe2 = await queryGpu(
    nvidiaSmi,
    gpu,
    ["index", "name", "total_energy_consumption", "power.draw"],
    timeoutMs
  );
  const [index, name, energyText, powerText] = probe2.fields;
  const channel = `gpu${index ?? gpu} ${name ?? ""}`.trim();
  const notes = [];
  if (mode !== "power") {
    if (numeric(energyText) !== void 0) {
      const info2 = {
        kind: "nvidia",
        label: `nvidia:gpu${index ?? gpu}`,
        measuresEnergy: true,
        method: "energy-counter",
        channels: [channel],
        minWindowMs: 1e3,
        notes: ["NVML total_energy_consumption (mJ), board power; counter updates every 20-100 ms"],
        problems: []
      };
      return new NvidiaEnergyMeter(info2, nvidiaSmi, gpu, timeoutMs);
    }
    const unsupported = new MeterError(
      METER3,
      `${nvidiaSmi} --query-gpu=total_energy_consumption`,
      `reads ${JSON.stringify(energyText ?? "")}: no energy counter on this GPU or driver`
    );
    if (mode === "energy") throw unsupported;
    notes.push(
      `total_energy_consumption reads ${JSON.stringify(energyText ?? "")}: using power samples instead`
    );
  }
  if (numeric(powerText) === void 0) {
    throw new MeterError(
      METER3,
      `${nvidiaSmi} --query-gpu=power.draw`,
      `reads ${JSON.stringify(powerText ?? "")}: this GPU reports no power either`
    );
  }
  const sampler = await PowerSampler.start(METER3, {
    kind: "command",
    intervalMs,
    file: nvidiaSmi,
    args: ["--query-gpu=power.draw", "--format=csv,noheader,nounits", "-i", gpu, `--loop-ms=${intervalMs}`],
    channels: [channel],
    toWatts: 1
  });
  const info = {
    kind: "nvidia",
    label: `nvidia:gpu${index ?? gpu}:power`,
    measuresEnergy: true,
    method: "power-samples",
    channels: [channel],
    minWindowMs: 20 * intervalMs,
    notes: [
      ...notes,
      `power.draw sampled every ${intervalMs} ms by nvidia-smi and integrated (on A100/H100 the sensor averages only part of each period)`
    ],
    problems: []
  };
  return new SampledMeter(
    info,
    sampler,
    maxGapFor(intervalMs),
    maxGapFor(intervalMs) * 4 + 1e3,
    options.clock
  );
}

// src/measure/meters/rapl.ts
import { join as join4 } from "node:path";
var DEFAULT_POWERCAP_ROOT = "/sys/class/powercap";
var METER4 = "rapl";
var ZONE_DIR = /^[a-z-]*rapl[a-z-]*:\d+(?::\d+)*$/;
var MAX_PLAUSIBLE_WATTS = 1e3;
var RAPL_PERMISSION_HINT = "energy_uj is readable by root only since Linux 5.10 (CVE-2020-8694): run as root, or grant read access until the next reboot with `sudo chmod o+r /sys/class/powercap/*/energy_uj`";
function discoverRaplZones(root = DEFAULT_POWERCAP_ROOT) {
  const folders = listMatching(root, ZONE_DIR);
  const names = /* @__PURE__ */ new Map();
  const problems = [];
  for (const folder of folders) {
    try {
      names.set(folder, readText(METER4, join4(root, folder, "name")));
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      problems.push(error);
    }
  }
  if (folders.length > 0 && names.size === 0) throw problems[0];
  const zones = [];
  for (const [folder, name] of names) {
    const parts = folder.split(":");
    const parentFolder = parts.length > 2 ? parts.slice(0, -1).join(":") : void 0;
    const parentName = parentFolder === void 0 ? void 0 : names.get(parentFolder);
    zones.push({
      dir: join4(root, folder),
      folder,
      name,
      channel: parentName === void 0 ? name : `${parentName}/${name}`,
      ...parentFolder === void 0 ? {} : { parentFolder },
      mmio: folder.includes("mmio")
    });
  }
  return zones.sort((a, b) => Number(a.mmio) - Number(b.mmio) || naturalCompare(a.folder, b.folder));
}
function selectDefault(zones) {
  const top = zones.filter((z) => z.parentFolder === void 0 && !z.mmio);
  const packages = top.filter((z) => z.name.startsWith("package"));
  if (packages.length === 0) return top.filter((z) => z.name === "psys");
  const packageFolders = new Set(packages.map((z) => z.folder));
  const drams = zones.filter((z) => z.name === "dram" && !z.mmio && packageFolders.has(z.parentFolder ?? ""));
  const topDrams = top.filter((z) => z.name === "dram");
  return [...packages, ...drams, ...topDrams];
}
function selectRequested(zones, requested) {
  const chosen = [];
  for (const want of requested) {
    const matches = zones.filter((z) => z.channel === want || z.name === want || z.folder === want);
    if (matches.length === 0) {
      const known = zones.map((z) => `${z.channel} (${z.folder})`).join(", ") || "none";
      throw new MeterError(METER4, want, `no such RAPL zone; zones found: ${known}`);
    }
    for (const zone of matches) {
      if (!chosen.some((c) => c.channel === zone.channel)) chosen.push(zone);
    }
  }
  for (const zone of chosen) {
    const parent = chosen.find((c) => c.folder === zone.parentFolder);
    if (parent && zone.name !== "dram") {
      throw new MeterError(
        METER4,
        zone.dir,
        `${zone.channel} is part of ${parent.channel}: selecting both counts it twice`
      );
    }
    if (zone.name === "psys" && chosen.length > 1) {
      throw new MeterError(METER4, zone.dir, "psys already includes the packages and DRAM: select it alone");
    }
  }
  return chosen;
}
var RaplMeter = class _RaplMeter extends WindowMeter {
  constructor(channels, problems) {
    super(raplInfo(channels, problems));
    this.channels = channels;
  }
  channels;
  static open(options = {}) {
    const root = options.root ?? DEFAULT_POWERCAP_ROOT;
    const zones = discoverRaplZones(root);
    if (zones.length === 0) {
      throw new MeterError(
        METER4,
        root,
        "no RAPL zones (intel-rapl:*) found: the kernel has no powercap RAPL driver loaded or this CPU has no RAPL"
      );
    }
    const explicit = options.zones !== void 0 && options.zones.length > 0;
    const selected = explicit ? selectRequested(zones, options.zones ?? []) : selectDefault(zones);
    if (selected.length === 0) {
      throw new MeterError(
        METER4,
        root,
        `no package or psys zone among ${zones.map((z) => z.channel).join(", ")}: name the zones to use`
      );
    }
    const channels = [];
    const problems = [];
    for (const zone of selected) {
      try {
        readNumber(METER4, join4(zone.dir, "energy_uj"));
        const rangeUj = readNumber(METER4, join4(zone.dir, "max_energy_range_uj"));
        if (!(rangeUj > 0))
          throw new MeterError(
            METER4,
            join4(zone.dir, "max_energy_range_uj"),
            `range must be positive, got ${rangeUj}`
          );
        channels.push({ zone, rangeUj });
      } catch (error) {
        if (!(error instanceof MeterError)) throw error;
        problems.push(withHint(error));
      }
    }
    if (explicit && problems.length > 0) throw problems[0];
    if (channels.length === 0) throw problems[0];
    return new _RaplMeter(channels, problems);
  }
  open() {
    const startMs = nowMs();
    const counters = this.channels.map((c) => readNumber(METER4, join4(c.zone.dir, "energy_uj")));
    return { startMs, counters };
  }
  read(open) {
    const endMs = nowMs();
    const problems = [];
    const channelsJ = {};
    let total = 0;
    this.channels.forEach((channel, i) => {
      const path = join4(channel.zone.dir, "energy_uj");
      let end;
      try {
        end = readNumber(METER4, path);
      } catch (error) {
        if (!(error instanceof MeterError)) throw error;
        problems.push(withHint(error));
        return;
      }
      const deltaUj = counterDelta(open.counters[i], end, channel.rangeUj);
      const maxWindowMs = channel.rangeUj / 1e6 / MAX_PLAUSIBLE_WATTS * 1e3;
      if (endMs - open.startMs > maxWindowMs) {
        problems.push(
          new MeterError(
            METER4,
            path,
            `window of ${(endMs - open.startMs).toFixed(0)} ms may span more than one counter wrap (range ${channel.rangeUj} uJ)`
          )
        );
        return;
      }
      channelsJ[channel.zone.channel] = deltaUj / 1e6;
      total += deltaUj / 1e6;
    });
    return {
      startMs: open.startMs,
      endMs,
      ...problems.length === 0 ? { energyJ: total } : {},
      channelsJ,
      problems
    };
  }
};
function raplInfo(channels, problems) {
  const smallestRangeJ = Math.min(...channels.map((c) => c.rangeUj / 1e6));
  return {
    kind: "rapl",
    label: `rapl:${channels.map((c) => c.zone.channel).join("+")}`,
    measuresEnergy: true,
    method: "energy-counter",
    channels: channels.map((c) => c.zone.channel),
    minWindowMs: 100,
    notes: [
      "RAPL energy of the CPU package (and DRAM where listed), not the wall power of the machine",
      `counter wraps every ${smallestRangeJ.toFixed(0)} J; one wrap per window is corrected`
    ],
    problems
  };
}
function counterDelta(start, end, rangeUj) {
  return end >= start ? end - start : rangeUj - start + end;
}
function withHint(error) {
  if (!isPermissionError(error) || !error.path.endsWith("energy_uj")) return error;
  return new MeterError(error.meter, error.path, `${error.reason}; ${RAPL_PERMISSION_HINT}`, {
    cause: error.cause
  });
}

// src/measure/meters/index.ts
var METER_KINDS = ["none", "rapl", "nvidia", "jetson", "external-csv"];
function parseMeterSpec(text) {
  const colon = text.indexOf(":");
  const kind = (colon < 0 ? text : text.slice(0, colon)).trim();
  const arg = colon < 0 ? void 0 : text.slice(colon + 1);
  const list = (value) => {
    const items = (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    return items.length > 0 ? items : void 0;
  };
  switch (kind) {
    case "none":
      if (arg !== void 0) throw new MeterError("meter", text, "`none` takes no argument");
      return { kind: "none" };
    case "rapl": {
      const zones = list(arg);
      return zones ? { kind: "rapl", zones } : { kind: "rapl" };
    }
    case "jetson": {
      const rails = list(arg);
      return rails ? { kind: "jetson", rails } : { kind: "jetson" };
    }
    case "nvidia": {
      const [gpu, mode] = (arg ?? "").split(":").map((s) => s.trim());
      if (mode !== void 0 && mode !== "auto" && mode !== "energy" && mode !== "power") {
        throw new MeterError(
          "meter",
          text,
          `nvidia mode must be auto, energy or power, not ${JSON.stringify(mode)}`
        );
      }
      return { kind: "nvidia", ...gpu ? { gpu } : {}, ...mode ? { mode } : {} };
    }
    case "external-csv":
    case "csv":
      if (!arg) throw new MeterError("meter", text, "give the monitor CSV: external-csv:PATH");
      return { kind: "external-csv", path: arg };
    default:
      throw new MeterError("meter", text, `unknown meter; one of ${METER_KINDS.join(", ")}`);
  }
}
async function openMeter(spec, env = {}) {
  const s = typeof spec === "string" ? parseMeterSpec(spec) : spec;
  switch (s.kind) {
    case "none":
      return new NoMeter();
    case "rapl":
      return RaplMeter.open({
        ...env.powercapRoot ? { root: env.powercapRoot } : {},
        ...s.zones ? { zones: s.zones } : {}
      });
    case "nvidia":
      return openNvidiaMeter({
        ...env.nvidiaSmi ? { nvidiaSmi: env.nvidiaSmi } : {},
        ...s.gpu ? { gpu: s.gpu } : {},
        ...s.mode ? { mode: s.mode } : {},
        ...env.intervalMs ? { intervalMs: env.intervalMs } : {}
      });
    case "jetson":
      return openJetsonMeter({
        ...env.sysfsRoot ? { root: env.sysfsRoot } : {},
        ...s.rails ? { rails: s.rails } : {},
        ...env.intervalMs ? { intervalMs: env.intervalMs } : {}
      });
    case "external-csv": {
      const { kind: _kind, ...options } = s;
      return openExternalCsvMeter(options);
    }
  }
}

// src/measure/index.ts
async function runMeasure(options) {
  const sampled = sampleKernels({
    types: options.kernels,
    count: options.samples,
    ...options.mode ? { mode: options.mode } : {},
    ...options.seed !== void 0 ? { seed: options.seed } : {},
    ...options.gridPoints !== void 0 ? { gridPoints: options.gridPoints } : {},
    ...options.ranges ? { ranges: options.ranges } : {}
  });
  const spec = parseMeterSpec(options.meter);
  const meter = await openMeter(
    spec.kind === "external-csv" ? { ...spec, ...options.monitor ?? {} } : spec,
    options.meterEnv ?? {}
  );
  try {
    const meterDescription = meter.describe();
    options.onMeter?.(meterDescription);
    for (const w of loadWarnings((options.machineLoad ?? readMachineLoad)())) options.onWarning?.(w);
    const result = await measureKernels({
      kernels: sampled.kernels,
      out: options.out,
      meter,
      ...pick(options, [
        "threads",
        "executionProvider",
        "warmupRuns",
        "repetitions",
        "blocks",
        "maxCv",
        "maxAttempts",
        "batchSize",
        "minBlockMs",
        "maxKernelMs",
        "idleBaseline",
        "device",
        "windowLog",
        "signal",
        "onProgress"
      ])
    });
    return { ...result, meterDescription, shortfalls: sampled.shortfalls };
  } finally {
    await meter.close();
  }
}
function runAttach(options) {
  return attachMonitorEnergy(options);
}
function formatProgress(p) {
  const row = p.row;
  const unmeasured = row.notes !== "" && row.meter !== "none" ? "no energy" : "";
  const energy = row.energyMj === void 0 ? unmeasured : `${row.energyMj.toPrecision(3)} mJ`;
  const left = p.etaMs < 6e4 ? `${Math.round(p.etaMs / 1e3)} s` : `${Math.round(p.etaMs / 6e4)} min`;
  const parts = [
    `[${p.done}/${p.total}]`,
    row.kernelType,
    row.kernelId,
    `${row.latencyMs.toPrecision(3)} ms`
  ];
  if (energy) parts.push(energy);
  return `${parts.join(" ")} | ${p.ratePerMinute.toFixed(1)}/min, ${left} left${row.notes ? ` | ${row.notes}` : ""}`;
}
function pick(from, keys) {
  const out = {};
  for (const key of keys) if (from[key] !== void 0) out[key] = from[key];
  return out;
}

// src/cli/measure.ts
function rangeFields(type) {
  return Object.keys(DEEPEN2023_SPACES[type].fields);
}
function parseRange(value, previous = {}) {
  const m = /^([a-z-]+)\.([A-Za-z0-9_]+)=(.+)$/.exec(value);
  if (!m) throw new UsageError(`--range '${value}': expected TYPE.FIELD=MIN..MAX or TYPE.FIELD=V1,V2,...`);
  const [, type, field, spec] = m;
  if (!isSampledKernelType(type)) throw new UsageError(`--range '${value}': unknown kernel type ${type}`);
  const fields = rangeFields(type);
  if (!fields.includes(field)) {
    const upper = fields.includes(field.toUpperCase()) ? ` (fields are upper-case: ${field.toUpperCase()})` : "";
    throw new UsageError(
      `--range '${value}': ${type} has no field ${field}${upper}; its fields are ${fields.join(", ")}`
    );
  }
  const numbers = (text) => text.split(/\.\.|,/).map((t) => {
    const n = Number(t);
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new UsageError(`--range '${value}': '${t}' is not a positive integer`);
    return n;
  });
  const range = spec.includes("..") ? (() => {
    const [min, max] = numbers(spec);
    if (min > max) throw new UsageError(`--range '${value}': ${min} is above ${max}`);
    return { kind: "int", min, max };
  })() : { kind: "choice", values: numbers(spec) };
  return { ...previous, [type]: { ...previous[type], [field]: range } };
}
var parseNumber = (value) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`'${value}' is not a number`);
  return n;
};
var parsePositiveNumber = (value) => {
  const n = parseNumber(value);
  if (!(n > 0)) throw new UsageError(`'${value}' is not a positive number`);
  return n;
};
function monitorOptions(flags) {
  return {
    ...flags.monitorOffsetMs !== void 0 ? { offsetMs: flags.monitorOffsetMs } : {},
    ...flags.monitorTimeUnit ? { timeUnit: flags.monitorTimeUnit } : {},
    ...flags.monitorTimeColumn ? { timeColumn: flags.monitorTimeColumn } : {},
    ...flags.monitorPowerColumn ? { powerColumn: flags.monitorPowerColumn } : {},
    ...flags.monitorCurrentColumn ? { currentColumn: flags.monitorCurrentColumn } : {},
    ...flags.monitorVoltageColumn ? { voltageColumn: flags.monitorVoltageColumn } : {}
  };
}
function addMonitorOptions(cmd) {
  return cmd.addOption(
    new Option(
      "--monitor-offset-ms <ms>",
      "harness-clock epoch ms of the monitor's time 0 (when its times are relative)"
    ).argParser(parseNumber)
  ).addOption(
    new Option("--monitor-time-unit <unit>", "unit of the monitor time column").choices([
      "s",
      "ms",
      "us",
      "ns"
    ])
  ).option("--monitor-time-column <name>", "time column of the monitor CSV").option("--monitor-power-column <name>", "power column of the monitor CSV").option("--monitor-current-column <name>", "current column of the monitor CSV").option("--monitor-voltage-column <name>", "voltage column of the monitor CSV");
}
function parseMeter(value) {
  try {
    parseMeterSpec(value);
  } catch (error) {
    if (error instanceof MeterError) throw new InvalidArgumentError(error.reason);
    throw error;
  }
  return value;
}
function registerMeasure(program, run) {
  const measure = program.command("measure").description(
    "build one small ONNX model per sampled kernel configuration (DeepEn2023 ranges), run it with onnxruntime on this machine, read the energy meter and append one row per kernel to a CSV that `train` reads (resumable; Ctrl-C keeps every finished row)"
  ).requiredOption("--kernels <types>", `kernel types, comma-separated (${SAMPLED_KERNEL_TYPES.join(", ")})`).addOption(
    new Option("--samples <n>", "configurations per kernel type").argParser(parsePositiveInt).makeOptionMandatory()
  ).addOption(
    new Option(
      "--meter <spec>",
      "none | rapl[:zones] | nvidia[:gpu[:auto|energy|power]] | jetson[:rails] | external-csv:PATH"
    ).argParser(parseMeter).makeOptionMandatory()
  ).requiredOption("--out <csv>", "kernel CSV to create or resume").option("--grid", "grid sampling instead of random").addOption(
    new Option(
      "--range <TYPE.FIELD=MIN..MAX|V1,V2>",
      "narrow a configuration field of a kernel type (repeatable)"
    ).argParser(parseRange)
  ).addOption(
    new Option("--grid-points <n>", "grid points per channel range (default 3)").argParser(
      parsePositiveInt
    )
  ).addOption(new Option("--seed <n>", "sampling seed (default 1)").argParser(parsePositiveInt)).addOption(
    new Option("--threads <n>", "onnxruntime intra-op threads (default 1)").argParser(parsePositiveInt)
  ).option("--execution-provider <ep>", "onnxruntime execution provider (default cpu)").addOption(new Option("--warmup <n>", "warm-up runs (default 10)").argParser(parsePositiveInt)).addOption(
    new Option("--repetitions <n>", "timed runs per kernel, at least (default 50)").argParser(
      parsePositiveInt
    )
  ).addOption(
    new Option(
      "--blocks <n>",
      "trials per kernel, each a metered block in its own round (default 5)"
    ).argParser(parsePositiveInt)
  ).addOption(
    new Option(
      "--max-cv <ratio>",
      "re-measure a kernel whose trials' coefficient of variation exceeds this (default 0.1)"
    ).argParser(parsePositiveNumber)
  ).addOption(
    new Option("--max-attempts <n>", "attempts per kernel at most (default 3)").argParser(parsePositiveInt)
  ).addOption(
    new Option(
      "--batch <n>",
      "kernels measured together, their trials interleaved in a shuffled order (default 16)"
    ).argParser(parsePositiveInt)
  ).addOption(
    new Option(
      "--min-block-ms <ms>",
      "shortest block (default: the meter's resolution, at least 200)"
    ).argParser(parseNumber)
  ).addOption(
    new Option("--max-kernel-ms <ms>", "time budget per kernel (default 30000)").argParser(parseNumber)
  ).option("--no-idle", "do not subtract an idle baseline").option("--device-label <text>", "the device column (default: OS, architecture, CPU model)").option("--windows <csv>", "log every metered window (for `attach` with an offline monitor)").addOption(new Option("--interval-ms <ms>", "sampling interval of sampled meters").argParser(parseNumber)).option("--nvidia-smi <path>", "the nvidia-smi binary");
  addMonitorOptions(measure).action(async (flags) => {
    const types = flags.kernels.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = types.filter((t) => !isSampledKernelType(t));
    if (unknown.length > 0)
      throw new UsageError(
        `unknown kernel type(s) ${unknown.join(", ")}; one of ${SAMPLED_KERNEL_TYPES.join(", ")}`
      );
    const unmeasured = Object.keys(flags.range ?? {}).filter((t) => !types.includes(t));
    if (unmeasured.length > 0)
      throw new UsageError(
        `--range for ${unmeasured.join(", ")}, which ${unmeasured.length === 1 ? "is" : "are"} not in --kernels (${types.join(", ")}): the range would be ignored; add the type to --kernels or drop the --range`
      );
    probeWritable(flags.out, "file");
    const status = progressLine(run.io);
    if (flags.windows !== void 0) probeWritable(flags.windows, "file", "--windows");
    const result = await runMeasure({
      kernels: types,
      samples: flags.samples,
      ...flags.grid ? { mode: "grid" } : {},
      ...flags.gridPoints ? { gridPoints: flags.gridPoints } : {},
      ...flags.seed !== void 0 ? { seed: flags.seed } : {},
      ...flags.range ? { ranges: flags.range } : {},
      meter: flags.meter,
      monitor: monitorOptions(flags),
      meterEnv: {
        ...flags.intervalMs ? { intervalMs: flags.intervalMs } : {},
        ...flags.nvidiaSmi ? { nvidiaSmi: flags.nvidiaSmi } : {}
      },
      out: flags.out,
      ...flags.threads ? { threads: flags.threads } : {},
      ...flags.executionProvider ? { executionProvider: flags.executionProvider } : {},
      ...flags.warmup ? { warmupRuns: flags.warmup } : {},
      ...flags.repetitions ? { repetitions: flags.repetitions } : {},
      ...flags.blocks ? { blocks: flags.blocks } : {},
      ...flags.maxCv !== void 0 ? { maxCv: flags.maxCv } : {},
      ...flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {},
      ...flags.batch ? { batchSize: flags.batch } : {},
      ...flags.minBlockMs !== void 0 ? { minBlockMs: flags.minBlockMs } : {},
      ...flags.maxKernelMs !== void 0 ? { maxKernelMs: flags.maxKernelMs } : {},
      ...flags.idle === false ? { idleBaseline: false } : {},
      ...flags.deviceLabel ? { device: flags.deviceLabel } : {},
      ...flags.windows ? { windowLog: flags.windows } : {},
      ...run.io.signal ? { signal: run.io.signal } : {},
      onMeter: (description) => run.io.stderr(`meter: ${description}
`),
      onWarning: (warning) => run.io.stderr(`warning: ${warning}
`),
      // On a terminal one redrawn line; piped, a line per kernel.
      onProgress: (p) => run.io.interactive ? status.update(`${formatProgress(p)} | ${formatDuration(p.elapsedMs)} elapsed`) : status.line(formatProgress(p))
    }).finally(() => status.done());
    for (const s of result.shortfalls)
      run.io.stderr(
        `note: only ${s.got} of ${s.wanted} distinct ${s.type} configurations exist in the sampled ranges
`
      );
    if (result.repaired) run.io.stderr(`repaired an unfinished last line of ${result.out} before resuming
`);
    run.io.stdout(
      `${result.aborted ? "stopped" : "done"}: ${result.rows.length} kernel(s) measured now, ${result.skipped} already in ${result.out}, ${result.total} in all (meter ${result.meter}; ${result.device})
`
    );
    if (result.rows.length > 0) run.io.stdout(`${formatStability(result.stability)}
`);
    if (result.aborted) {
      run.io.stdout("resume with the same command: finished rows are kept and skipped\n");
      run.fail(EXIT_INTERRUPTED);
    }
  });
  const attach = program.command("attach").description(
    "fill the energy of a `measure --meter none --windows FILE` run from an offline power monitor's CSV (e.g. a Monsoon export)"
  ).requiredOption("--csv <file>", "the kernel CSV of that run (rewritten in place, atomically)").requiredOption("--windows <file>", "the window log of that run").requiredOption("--monitor <file>", "the monitor's CSV").option("--out <file>", "write elsewhere instead of rewriting the kernel CSV");
  addMonitorOptions(attach).action(
    async (flags) => {
      const result = await runAttach({
        csv: flags.csv,
        windows: flags.windows,
        monitor: flags.monitor,
        monitorOptions: monitorOptions(flags),
        ...flags.out ? { out: flags.out } : {}
      });
      run.io.stdout(
        `filled the energy of ${result.attached} row(s) in ${result.out} (monitor read as: ${result.monitorLayout})
`
      );
      if (result.withoutWindows.length > 0)
        run.io.stdout(
          `no logged windows for ${result.withoutWindows.length} row(s): ${result.withoutWindows.slice(0, 5).join(", ")}
`
        );
      for (const u of result.unmeasured) run.io.stdout(`not measured: ${u.kernelId}: ${u.reason}
`);
    }
  );
}
export {
  registerMeasure
};

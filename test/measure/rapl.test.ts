import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaplMeter, counterDelta, discoverRaplZones } from '../../src/measure/meters/rapl.js';
import { MeterError } from '../../src/measure/meters/types.js';
import { fakePowercap, tempDir } from './helpers.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const isRoot = process.getuid?.() === 0;

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: root, cleanup } = tempDir('rapl-'));
});
afterEach(() => cleanup());

const set = (zone: string, value: number): void => writeFileSync(join(root, zone, 'energy_uj'), `${value}\n`);

describe('RAPL zones', () => {
  it('finds zones with channel names, subzones prefixed by their package', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    const zones = discoverRaplZones(root);
    expect(zones.map((z) => `${z.folder}=${z.channel}`)).toEqual([
      'intel-rapl:0=package-0',
      'intel-rapl:0:0=package-0/core',
      'intel-rapl:0:1=package-0/uncore',
      'intel-rapl:0:2=package-0/dram',
      'intel-rapl:1=psys',
      'intel-rapl-mmio:0=package-0',
    ]);
  });

  it('sums package and dram by default, leaving out core (inside the package), psys and the mmio copy', async () => {
    fakePowercap(root, { pkg: 1_000_000, dram: 500_000 });
    const meter = RaplMeter.open({ root });
    expect(meter.info.label).toBe('rapl:package-0+package-0/dram');
    expect(meter.info.channels).toEqual(['package-0', 'package-0/dram']);
    expect(meter.info.problems).toEqual([]);
    const mark = await meter.start();
    set('intel-rapl:0', 3_500_000);
    set('intel-rapl:0:2', 750_000);
    set('intel-rapl:1', 99_000_000); // psys moves too, but is not summed
    const reading = await meter.stop(mark);
    expect(reading.problems).toEqual([]);
    expect(reading.energyJ).toBeCloseTo(2.75, 9);
    expect(reading.channelsJ).toEqual({ 'package-0': 2.5, 'package-0/dram': 0.25 });
    expect(reading.endMs).toBeGreaterThanOrEqual(reading.startMs);
  });

  it('corrects one wrap-around of the counter at max_energy_range_uj', async () => {
    const range = 262143328850;
    fakePowercap(root, { pkg: range - 1_000_000, dram: 10 }, range);
    const meter = RaplMeter.open({ root, zones: ['package-0'] });
    const mark = await meter.start();
    set('intel-rapl:0', 500_000);
    const reading = await meter.stop(mark);
    expect(reading.energyJ).toBeCloseTo(1.5, 9);
    expect(counterDelta(10, 25, 100)).toBe(15);
    expect(counterDelta(90, 5, 100)).toBe(15);
  });

  it('takes requested zones by channel, zone name or folder, and refuses double counting', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    expect(RaplMeter.open({ root, zones: ['psys'] }).info.channels).toEqual(['psys']);
    expect(RaplMeter.open({ root, zones: ['intel-rapl:0', 'dram'] }).info.channels).toEqual([
      'package-0',
      'package-0/dram',
    ]);
    // package-0 matches the mmio copy as well; the MSR zone is preferred and the copy dropped.
    expect(RaplMeter.open({ root, zones: ['package-0'] }).info.label).toBe('rapl:package-0');
    expect(() => RaplMeter.open({ root, zones: ['package-0', 'core'] })).toThrow(/core is part of package-0/);
    expect(() => RaplMeter.open({ root, zones: ['psys', 'package-0'] })).toThrow(/psys already includes/);
    expect(() => RaplMeter.open({ root, zones: ['gpu'] })).toThrow(
      /no such RAPL zone; zones found: package-0 \(intel-rapl:0\)/,
    );
  });

  it('says clearly when there is no RAPL at all', () => {
    mkdirSync(join(root, 'dtpm'));
    expect(() => RaplMeter.open({ root })).toThrow(MeterError);
    expect(() => RaplMeter.open({ root })).toThrow(/no RAPL zones/);
  });

  it('reports a counter that cannot be read at the end of a window, without an energy', async () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    const meter = RaplMeter.open({ root });
    const mark = await meter.start();
    // A directory where the file was: unreadable for root and non-root alike (EISDIR).
    rmSync(join(root, 'intel-rapl:0:2', 'energy_uj'));
    mkdirSync(join(root, 'intel-rapl:0:2', 'energy_uj'));
    const reading = await meter.stop(mark);
    expect(reading.energyJ).toBeUndefined();
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]!.path).toBe(join(root, 'intel-rapl:0:2', 'energy_uj'));
    expect(reading.problems[0]!.reason).toMatch(/is a directory/);
    await expect(meter.stop(mark)).rejects.toThrow(/not an open window/);
  });
});

describe('RAPL permissions', () => {
  // energy_uj is 0400 root:root on Linux >= 5.10. Mode 000 reproduces that for a normal user, but
  // root reads a mode-000 file anyway: as root the denial is produced by running the real reader in
  // a child process under the `nobody` user, and the meter's handling of an unreadable zone is also
  // checked with a directory in place of the file (EISDIR), which no user can read.
  function denyEnergy(zone: string): void {
    chmodSync(join(root, zone, 'energy_uj'), 0o000);
  }

  it('leaves out an unreadable default zone and lists it, with the reason and path', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    rmSync(join(root, 'intel-rapl:0:2', 'energy_uj'));
    mkdirSync(join(root, 'intel-rapl:0:2', 'energy_uj'));
    const meter = RaplMeter.open({ root });
    expect(meter.info.channels).toEqual(['package-0']);
    expect(meter.info.problems.map((p) => p.path)).toEqual([join(root, 'intel-rapl:0:2', 'energy_uj')]);
    expect(meter.describe()).toContain('could not read');
  });

  it('fails when a requested zone cannot be read', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    rmSync(join(root, 'intel-rapl:1', 'energy_uj'));
    mkdirSync(join(root, 'intel-rapl:1', 'energy_uj'));
    expect(() => RaplMeter.open({ root, zones: ['psys'] })).toThrow(
      /intel-rapl:1\/energy_uj: is a directory/,
    );
  });

  it.skipIf(isRoot)('explains permission denied on energy_uj (mode 000, as a normal user)', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    denyEnergy('intel-rapl:0');
    denyEnergy('intel-rapl:0:2');
    let error: unknown;
    try {
      RaplMeter.open({ root });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeterError);
    expect((error as MeterError).path).toBe(join(root, 'intel-rapl:0', 'energy_uj'));
    expect((error as MeterError).reason).toMatch(
      /^permission denied \(EACCES\); energy_uj is readable by root only since Linux 5\.10/,
    );
  });

  it.runIf(isRoot)('explains permission denied on energy_uj (mode 000, read by the nobody user)', () => {
    fakePowercap(root, { pkg: 1, dram: 2 });
    chmodSync(root, 0o755);
    chownSync(root, 65534, 65534);
    denyEnergy('intel-rapl:0');
    const script = `import(${JSON.stringify(join(REPO, 'src/measure/meters/rapl.ts'))}).then((m) => {
      const meter = m.RaplMeter.open({ root: ${JSON.stringify(root)} });
      console.log(JSON.stringify({ channels: meter.info.channels, problems: meter.info.problems.map((p) => [p.path, p.reason]) }));
      try { m.RaplMeter.open({ root: ${JSON.stringify(root)}, zones: ['package-0'] }); } catch (e) { console.log(JSON.stringify([e.name, e.path, e.reason])); }
    });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: REPO,
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    const [opened, failed] = child.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    // Default selection: the package is left out and reported, dram still measured.
    expect(opened).toEqual({
      channels: ['package-0/dram'],
      problems: [
        [
          join(root, 'intel-rapl:0', 'energy_uj'),
          expect.stringMatching(/^permission denied \(EACCES\); energy_uj is readable by root only/),
        ],
      ],
    });
    expect(failed).toEqual([
      'MeterError',
      join(root, 'intel-rapl:0', 'energy_uj'),
      expect.stringMatching(/^permission denied \(EACCES\)/),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  GitRepo,
  modelsWithChangedData,
  NameStatusParseError,
  parseNameStatus,
  selectChanges,
  touchedPaths,
} from '../../src/git/index.js';
import { binaryBytes, isolatedGitEnv, makeTempDir, TempRepo } from './temp-repo.js';

describe('parseNameStatus', () => {
  it('reads every status git prints between two commits', () => {
    const out = [
      'A',
      'n.onnx',
      'M',
      'm.onnx',
      'T',
      't.onnx',
      'D',
      'd.onnx',
      'R087',
      'old.onnx',
      'new.onnx',
      'C100',
      'src.onnx',
      'copy.onnx',
      '',
    ].join('\0');
    expect(parseNameStatus(out)).toEqual([
      { status: 'added', path: 'n.onnx' },
      { status: 'modified', path: 'm.onnx' },
      { status: 'modified', path: 't.onnx' },
      { status: 'deleted', path: 'd.onnx' },
      { status: 'renamed', path: 'new.onnx', previousPath: 'old.onnx', similarity: 87 },
      { status: 'copied', path: 'copy.onnx', previousPath: 'src.onnx', similarity: 100 },
    ]);
    expect(parseNameStatus('')).toEqual([]);
  });

  it('refuses output it cannot read', () => {
    expect(() => parseNameStatus('R100\0only-one\0')).toThrow(NameStatusParseError);
    expect(() => parseNameStatus('U\0x.onnx\0')).toThrow(/unexpected status "U"/);
    expect(() => parseNameStatus('R1x\0a\0b\0')).toThrow(/bad score/);
  });
});

describe('selectChanges', () => {
  const isModel = (p: string): boolean => p.startsWith('models/') && p.endsWith('.onnx');

  it('keeps model changes and sees renames across the glob boundary from the matching side', () => {
    const selected = selectChanges(
      [
        { status: 'modified', path: 'models/a.onnx' },
        { status: 'modified', path: 'README.md' },
        { status: 'renamed', path: 'models/b.onnx', previousPath: 'models/b-old.onnx', similarity: 95 },
        { status: 'renamed', path: 'models/in.onnx', previousPath: 'attic/in.onnx', similarity: 100 },
        { status: 'renamed', path: 'attic/out.onnx', previousPath: 'models/out.onnx', similarity: 100 },
        { status: 'copied', path: 'attic/copy.onnx', previousPath: 'models/a.onnx', similarity: 100 },
      ],
      isModel,
    );
    expect(selected).toEqual([
      { status: 'modified', path: 'models/a.onnx' },
      { status: 'renamed', path: 'models/b.onnx', previousPath: 'models/b-old.onnx', similarity: 95 },
      { status: 'added', path: 'models/in.onnx' },
      { status: 'deleted', path: 'models/out.onnx' },
    ]);
  });

  it('collects the paths on both sides of renames', () => {
    expect([
      ...touchedPaths([
        { status: 'renamed', path: 'b', previousPath: 'a' },
        { status: 'added', path: 'c' },
      ]),
    ]).toEqual(['b', 'a', 'c']);
  });
});

describe('modelsWithChangedData (the external-data rule)', () => {
  it('re-checks a model whose external data file changed in a real commit, asking only plausible models', async () => {
    const tmp = makeTempDir();
    try {
      const origin = TempRepo.init(tmp.path);
      origin
        .write('models/ext/net.onnx', binaryBytes(64, 1))
        .write('models/ext/weights/net.bin', binaryBytes(4096, 2))
        .write('models/other/solo.onnx', binaryBytes(64, 3))
        .write('models/root.onnx', binaryBytes(64, 4));
      const base = origin.commit('base');
      origin.write('models/ext/weights/net.bin', binaryBytes(4096, 5));
      const head = origin.commit('new weights');
      const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });

      const changes = await repo.diff(base, head);
      expect(changes).toEqual([{ status: 'modified', path: 'models/ext/weights/net.bin' }]);

      const asked: string[] = [];
      const locations: Record<string, string[]> = {
        'models/ext/net.onnx': ['weights/net.bin'],
        'models/root.onnx': ['ext/elsewhere.bin'],
      };
      const affected = await modelsWithChangedData(
        touchedPaths(changes),
        await repo.listFiles(head),
        (model) => {
          asked.push(model);
          return locations[model] ?? [];
        },
      );
      expect(affected).toEqual(['models/ext/net.onnx']);
      expect(asked).not.toContain('models/other/solo.onnx');
    } finally {
      tmp.cleanup();
    }
  });

  it('ignores locations that climb out of the model directory and models that changed themselves', async () => {
    const affected = await modelsWithChangedData(
      ['shared.bin', 'models/m.onnx', 'models/m.bin'],
      ['models/a.onnx', 'models/m.onnx'],
      async (model) => Promise.resolve(model === 'models/a.onnx' ? ['../shared.bin'] : ['m.bin']),
    );
    expect(affected).toEqual([]);
  });
});

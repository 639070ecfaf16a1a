import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/compare/compare.js';
import { accuracyText } from '../../src/report/accuracy.js';
import type { LoadedBundle } from '../../src/predict/bundle.js';
import type { BundleManifest } from '../../src/predict/manifest.js';

function bundle(kind: BundleManifest['provenance']['kind']): LoadedBundle {
  const manifest = {
    id: 'my-board-cpu',
    device: 'my-board',
    processor: 'cpu',
    targets: ['energy'],
    provenance: {
      kind,
      data: { description: 'my measurements', files: [], rows: 40 },
      command: 'hand-made',
      notes: ['Accuracy: 5-fold median APE 9%'],
    },
  } as unknown as BundleManifest;
  return { manifest } as unknown as LoadedBundle;
}

describe('bundle provenance in reports', () => {
  it('names each kind as the manifest does: trained, calibrated transfer, or external', () => {
    expect(provenanceOf(bundle('trained')).method).toBe('trained');
    expect(provenanceOf(bundle('transfer')).method).toBe('calibrated-transfer');
    const external = provenanceOf(bundle('external'));
    expect(external.method).toBe('external');
    expect(external.accuracy).toEqual({ statements: ['5-fold median APE 9%'] });
    expect(accuracyText(external.accuracy)).toBe('5-fold median APE 9%');
  });
});

describe('known accuracy in words', () => {
  it('says k-fold figures, naming a target other than energy, then statements; a range only alone', () => {
    const kfold = { kernels: 714, within10Pct: 63.4, medianApePct: 6.06 };
    expect(accuracyText({ kfold: { target: 'energy', ...kfold }, statements: ['app level 16 of 16'] })).toBe(
      'k-fold on 714 kernels: 63% within ±10%, median error 6.1%; app level 16 of 16',
    );
    expect(accuracyText({ kfold: { target: 'latency', ...kfold } })).toMatch(
      /^latency k-fold on 714 kernels \(no energy predictor\): /,
    );
    expect(accuracyText({ transferRange: { low: 0.8, high: 1.25, coverage: 0.9 } })).toBe(
      'transfer range ×0.80–×1.25 (90% coverage)',
    );
    expect(accuracyText({})).toBe('no accuracy figures in the manifest');
  });
});

import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/compare/compare.js';
import { accuracyText } from '../../src/report/accuracy.js';
import type { LoadedBundle } from '../../src/predict/bundle.js';
import type { BundleManifest, Provenance } from '../../src/predict/manifest.js';

function bundle(kind: Provenance['kind'], more: Partial<Provenance> = {}): LoadedBundle {
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
      ...more,
    },
  } as unknown as BundleManifest;
  return { manifest } as unknown as LoadedBundle;
}

const CPU_CHECKS = {
  appLevel: {
    predictions: 16,
    withinTolerance: 15,
    tolerancePct: 30,
    ratioRange: { coverage: 0.9, low: 0.871234, high: 1.15 },
  },
  documentation: 'docs/accuracy.md',
};

describe('bundle provenance in reports', () => {
  it('names each kind as the manifest does: trained, calibrated transfer, or external', () => {
    expect(provenanceOf(bundle('trained')).method).toBe('trained');
    expect(provenanceOf(bundle('transfer')).method).toBe('calibrated-transfer');
    expect(provenanceOf(bundle('external')).method).toBe('external');
  });

  it("copies the manifest's out-of-sample figures and nothing else; a note is only a note", () => {
    expect(provenanceOf(bundle('external')).accuracy).toEqual({});
    const ratioRange = { ...CPU_CHECKS.appLevel.ratioRange, source: 'leave one app out' };
    const accuracy = provenanceOf(
      bundle('transfer', { accuracy: { ...CPU_CHECKS, appLevel: { ...CPU_CHECKS.appLevel, ratioRange } } }),
    ).accuracy;
    expect(accuracy).toEqual({ outOfSample: CPU_CHECKS });
  });
});

describe('known accuracy in words', () => {
  it('says k-fold figures, naming a target other than energy, then out-of-sample checks; a range only alone', () => {
    const kfold = { kernels: 714, within10Pct: 63.4, medianApePct: 6.06 };
    expect(accuracyText({ kfold: { target: 'energy', ...kfold }, outOfSample: CPU_CHECKS })).toBe(
      'k-fold on 714 kernels: 63% within ±10%, median error 6.1%; out of sample, 15 of 16 app-level ' +
        'predictions within ±30%; 90% of measured/predicted in [0.87, 1.15] (docs/accuracy.md)',
    );
    expect(accuracyText({ kfold: { target: 'latency', ...kfold } })).toMatch(
      /^latency k-fold on 714 kernels \(no energy predictor\): /,
    );
    expect(accuracyText({ transferRange: { low: 0.8, high: 1.25, coverage: 0.9 } })).toBe(
      'transfer range ×0.80–×1.25 (90% coverage)',
    );
    expect(accuracyText({})).toBe('no accuracy figures in the manifest');
  });

  it("words a GPU transfer's kernel range before its app-level count", () => {
    const gpuKernelRange = { coverage: 0.9, low: 0.594, high: 1.686, method: 'kernel extremes left out' };
    const appLevel = { predictions: 16, withinTolerance: 16, tolerancePct: 30 };
    expect(
      accuracyText({ outOfSample: { gpuKernelRange, appLevel, documentation: 'docs/accuracy.md' } }),
    ).toBe(
      'GPU kernel range ×0.59–×1.69 (90%, from kernel extremes left out); ' +
        'out of sample, 16 of 16 app-level predictions within ±30% (docs/accuracy.md)',
    );
  });
});

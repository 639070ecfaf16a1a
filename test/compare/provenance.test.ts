import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/compare/compare.js';
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
    expect(external.accuracy).toBe('5-fold median APE 9%');
  });
});

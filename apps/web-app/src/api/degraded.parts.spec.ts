import { degradedParts } from './degraded.parts';

describe('degradedParts', () => {
  it('names each missing part once, whether the body or the header says so', () => {
    expect(degradedParts({ degraded: ['recommendations'] }, 'recommendations')).toEqual(['recommendations']);
    expect(degradedParts({ degraded: [] }, 'recommendations, products')).toEqual(['recommendations', 'products']);
    expect(degradedParts({ degraded: ['products'] }, null)).toEqual(['products']);
  });

  it('finds nothing missing in a whole answer', () => {
    expect(degradedParts({ degraded: [] }, null)).toEqual([]);
    expect(degradedParts(undefined, '')).toEqual([]);
  });
});

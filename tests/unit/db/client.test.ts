import { describe, expect, it } from 'vitest';
import { reconnectDelayS } from '../../../src/db/client.ts';

describe('reconnectDelayS', () => {
  it.each([
    [0, 0.075, 0.125],
    [1, 0.15, 0.25],
    [3, 0.6, 1.0],
    [5, 1.5, 2.5],
    [8, 1.5, 2.5],
    [1000, 1.5, 2.5],
  ])('after %i failures waits between %f and %f s', (failures, low, high) => {
    for (let i = 0; i < 50; i++) {
      const s = reconnectDelayS(failures);
      expect(s).toBeGreaterThanOrEqual(low);
      expect(s).toBeLessThanOrEqual(high);
    }
  });
});

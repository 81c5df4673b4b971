import { describe, expect, it } from 'vitest';
import { articleJobId, feedPollJobId, feedSchedulerId } from '../../../src/queue/queues.ts';

describe('job ids', () => {
  const ids = [
    articleJobId('https://www.example.org/afrique/article-1'),
    articleJobId('https://www.example.org/afrique/article-2'),
    feedSchedulerId(42),
    feedPollJobId(42, 'a1b2c3'),
  ];

  it('never contain ":" and are never all digits (BullMQ rejects both)', () => {
    for (const id of ids) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
  });

  it('are deterministic per canonical URL and distinct between URLs', () => {
    expect(articleJobId('https://www.example.org/afrique/article-1')).toBe(ids[0]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^article-[0-9a-f]{32}$/);
  });
});

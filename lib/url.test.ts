import { describe, expect, it } from 'vitest';
import { decodeSegment } from './url';

describe('decodeSegment', () => {
  it('decodes percent-encoded Chinese and leaves decoded text alone', () => {
    expect(decodeSegment('%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93')).toBe('民族团结');
    expect(decodeSegment('民族团结')).toBe('民族团结');
  });
  it('returns null for malformed escapes', () => {
    expect(decodeSegment('%E0%A4%A')).toBeNull();
  });
});

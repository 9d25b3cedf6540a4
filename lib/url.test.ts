import { describe, expect, it } from 'vitest';
import { decodeSegment, escapeBarePercents, segmentCandidates } from './url';

describe('decodeSegment', () => {
  it('decodes percent-encoded Chinese and leaves decoded text alone', () => {
    expect(decodeSegment('%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93')).toBe('民族团结');
    expect(decodeSegment('民族团结')).toBe('民族团结');
  });
  it('returns null for malformed escapes', () => {
    expect(decodeSegment('%E0%A4%A')).toBeNull();
  });
});

describe('segmentCandidates', () => {
  it('keeps a decoded tag holding % as it is, and offers the decoded form of an encoded one', () => {
    expect(segmentCandidates('50%增长')).toEqual(['50%增长']);
    expect(segmentCandidates('50%25%E5%A2%9E%E9%95%BF')).toEqual([
      '50%25%E5%A2%9E%E9%95%BF',
      '50%增长',
    ]);
    expect(segmentCandidates('R&D')).toEqual(['R&D']);
  });
});

describe('escapeBarePercents', () => {
  it('escapes each % that starts no escape, as a browser sends a typed URL', () => {
    expect(escapeBarePercents('/tags/50%%E5%A2%9E%E9%95%BF')).toBe('/tags/50%25%E5%A2%9E%E9%95%BF');
    expect(escapeBarePercents('/tags/%E5%8D%A0%E6%AF%9430%')).toBe('/tags/%E5%8D%A0%E6%AF%9430%25');
  });
  it('leaves well-formed paths alone and still refuses broken UTF-8', () => {
    expect(escapeBarePercents('/tags/50%25')).toBeUndefined();
    expect(escapeBarePercents('/%E0%A4%A')).toBeUndefined();
  });
});

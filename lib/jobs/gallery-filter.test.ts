import { describe, expect, it } from 'vitest';
import { galleryFilterFromParams, galleryFilterToParams, isFiltered } from './gallery-filter';

describe('the gallery filter in the URL', () => {
  it('reads every filter back from the URL it writes', () => {
    const filter = {
      q: 'red fox',
      status: 'completed' as const,
      by: 'mine',
      starred: true,
      board: '3f1c2b9e-0000-4000-8000-000000000001',
      approval: 'approved' as const,
      from: '2026-12-01',
      to: '2026-12-05',
    };
    const url = `/?${galleryFilterToParams(filter)}`;
    expect(url).toBe(
      '/?q=red+fox&status=completed&by=mine&starred=1&board=3f1c2b9e-0000-4000-8000-000000000001&approval=approved&from=2026-12-01&to=2026-12-05',
    );
    expect(galleryFilterFromParams(new URL(url, 'http://x').searchParams)).toEqual(filter);
    expect(isFiltered(filter)).toBe(true);
    expect(isFiltered({})).toBe(false);
  });

  it('leaves out what it cannot use, so a stale or edited link still opens the gallery', () => {
    const params = new URLSearchParams(
      'status=exploded&by=../../x&starred=yes&approval=maybe&from=2026-13-45&to=yesterday&board=&q=%20',
    );
    expect(galleryFilterFromParams(params)).toEqual({});
  });

  it("keeps a client's approval (review links) apart from the team's", () => {
    const url = `/?${galleryFilterToParams({ approval: 'none', clientApproved: true })}`;
    expect(url).toBe('/?approval=none&client=approved');
    expect(galleryFilterFromParams(new URL(url, 'http://x').searchParams)).toEqual({
      approval: 'none',
      clientApproved: true,
    });
    expect(galleryFilterFromParams(new URLSearchParams('client=yes'))).toEqual({});
  });

  it('accepts the page props form (a record of strings or arrays)', () => {
    expect(galleryFilterFromParams({ by: ['person-1', 'person-2'], approval: 'none', starred: '1' })).toEqual({
      by: 'person-1',
      approval: 'none',
      starred: true,
    });
  });
});

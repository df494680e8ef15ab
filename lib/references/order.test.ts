import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileSha256, findDuplicate, makeBase, moveItem } from './order';

const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, sha256: `${id}-hash` }));
const ids = (list: { id: string }[]) => list.map((item) => item.id).join('');

describe('moveItem', () => {
  it('moves down and up, leaving the input untouched', () => {
    expect(ids(moveItem(items, 0, 1))).toBe('bacd');
    expect(ids(moveItem(items, 3, 1))).toBe('adbc');
    expect(ids(items)).toBe('abcd');
  });

  it('clamps at the ends, so ArrowUp on the base is a no-op', () => {
    expect(ids(moveItem(items, 0, -1))).toBe('abcd');
    expect(ids(moveItem(items, 3, 9))).toBe('abcd');
    expect(ids(moveItem(items, 7, 0))).toBe('abcd');
  });
});

describe('makeBase', () => {
  it('puts the item first and keeps the rest in order', () => {
    expect(ids(makeBase(items, 'c'))).toBe('cabd');
    expect(ids(makeBase(items, 'a'))).toBe('abcd');
    expect(ids(makeBase(items, 'zz'))).toBe('abcd');
  });
});

describe('duplicates by content', () => {
  it('finds the reference with the same hash, whatever its name', () => {
    expect(findDuplicate(items, 'c-hash')?.id).toBe('c');
    expect(findDuplicate(items, 'other')).toBeNull();
  });

  it('hashes like the server (lowercase hex SHA-256)', async () => {
    const bytes = new TextEncoder().encode('overpaint');
    expect(await fileSha256(new Blob([bytes]))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps paths on this origin', () => {
    expect(safeNextPath('/shares')).toBe('/shares');
    expect(safeNextPath('/?q=cat&status=failed#top')).toBe('/?q=cat&status=failed#top');
    expect(safeNextPath('/settings/../shares')).toBe('/shares');
  });

  it('refuses every way of reaching another site', () => {
    for (const attack of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '/\\/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/a/..//evil.example',
      '/./\t/evil.example',
      ' /evil',
      '/\u0000/evil.example',
    ]) {
      const target = safeNextPath(attack);
      expect(new URL(target, 'https://studio.example').origin, JSON.stringify(attack)).toBe('https://studio.example');
      expect(target.startsWith('//')).toBe(false);
    }
    expect(safeNextPath('/\t/evil.example')).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/x'])).toBe('/');
  });
});

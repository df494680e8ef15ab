import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, ACTIVITY_LABELS, describeActivity, isActivityKind } from './activity-kinds';

const names = new Map([['p-1', 'Milo Member']]);
const nameOf = (id: string) => names.get(id);

describe('activity entries read as sentences', () => {
  it('names the person a change was about', () => {
    expect(describeActivity('person.role', { personId: 'p-1', role: 'viewer' }, nameOf)).toBe(
      'changed Milo Member’s role to viewer',
    );
    expect(describeActivity('person.deactivated', { personId: 'p-1' }, nameOf)).toBe('deactivated Milo Member');
  });

  it('tells an admin-made reset link from one asked for by mail', () => {
    expect(describeActivity('password.reset-link', { personId: 'p-1', by: 'admin' }, nameOf)).toBe(
      'made a password reset link for Milo Member',
    );
    expect(describeActivity('password.reset-link', { personId: 'p-1', by: 'mail' }, nameOf)).toBe(
      'asked for a password reset link by mail',
    );
  });

  it('reads an entry missing its details, or naming someone unknown, without failing', () => {
    expect(describeActivity('person.role', {}, nameOf)).toBe('changed someone’s role');
    expect(describeActivity('person.reactivated', { personId: 'gone' }, nameOf)).toBe('reactivated someone');
    expect(describeActivity('person.joined', { role: 42 }, nameOf)).toBe('joined by invitation');
  });

  it('shows a kind it does not know as it was stored', () => {
    expect(describeActivity('something.new', {}, nameOf)).toBe('something.new');
  });

  it('has a filter label for every kind, and recognises only known kinds', () => {
    for (const kind of ACTIVITY_KINDS) expect(ACTIVITY_LABELS[kind]).toMatch(/^[A-Z]/);
    expect(isActivityKind('share.created')).toBe(true);
    expect(isActivityKind('share.created ')).toBe(false);
    expect(isActivityKind(undefined)).toBe(false);
  });
});

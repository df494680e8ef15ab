'use client';

import { createContext, useContext, type ReactNode } from 'react';

/**
 * What the person looking at the page may do, for the controls that spend or change (the server checks again on
 * every action: this only hides or disables a control and says why). Absent: everything is allowed (open and
 * password modes).
 */
export interface PagePermissions {
  /** Null when they may generate; otherwise the sentence the Generate button is described by. */
  generateRefusal: string | null;
  /** Approve, Reject, boards, delete: false for viewers, whose result rows then show only what they may do. */
  mayCurate: boolean;
  /** Share links. */
  mayShare: boolean;
}

export const EVERYTHING_ALLOWED: PagePermissions = { generateRefusal: null, mayCurate: true, mayShare: true };

const PermissionsContext = createContext<PagePermissions>(EVERYTHING_ALLOWED);

export function PermissionsProvider({ value, children }: { value: PagePermissions; children: ReactNode }) {
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
}

export function usePagePermissions(): PagePermissions {
  return useContext(PermissionsContext);
}

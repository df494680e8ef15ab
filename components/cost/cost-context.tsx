'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Pricing } from '@/lib/cost/estimate';

/** The prices the server reserves with and the admin's confirmation threshold (null: never ask). */
export interface CostContext {
  pricing: Pricing;
  confirmAboveMicros: number | null;
}

const Context = createContext<CostContext | null>(null);

/** Gives every Generate-like control of the page the same prices, so each shows the figure the server reserves. */
export function CostProvider({ value, children }: { value: CostContext | undefined; children: ReactNode }) {
  return <Context.Provider value={value ?? null}>{children}</Context.Provider>;
}

/** The page's prices, or null where none were given (then no estimate is shown). */
export function useCost(): CostContext | null {
  return useContext(Context);
}

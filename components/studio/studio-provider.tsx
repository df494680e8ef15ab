'use client';

import { useRef, useState, type ReactNode } from 'react';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';
import { createStudioStore } from '@/lib/studio/store';
import { StudioContext, type StudioContextValue } from './use-studio';

/**
 * Makes one store per studio. A context rather than a module instance: the server renders many requests in one
 * process (a module store would carry one visitor's draft into another's page), and each test or story gets a fresh
 * store by rendering a fresh provider.
 */
export function StudioProvider({ children }: { children: ReactNode }) {
  const maskEditor = useRef<MaskEditorHandle | null>(null);
  const [value] = useState<StudioContextValue>(() => ({ store: createStudioStore(), maskEditor }));
  return <StudioContext value={value}>{children}</StudioContext>;
}

'use client';

import { decode } from 'fast-png';
import { useRef, useState } from 'react';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';

export type SegmentTarget = 'subject' | 'background';

interface Foreground {
  url: string;
  width: number;
  height: number;
  values: Uint8Array;
}

export interface SegmentationState {
  running: SegmentTarget | null;
  progress: number;
  stage: string;
  error: string | null;
}

/**
 * Select subject / background: sends the base image to /api/segment (offline model on the server),
 * follows its NDJSON progress, and loads the result as one undoable mask step the user can refine.
 * The foreground of a base is kept, so the other button is instant.
 */
export function useSegmentation(editor: MaskEditorCore) {
  const [state, setState] = useState<SegmentationState>({ running: null, progress: 0, stage: '', error: null });
  const cache = useRef<Foreground | null>(null);

  const select = async (target: SegmentTarget) => {
    const base = editor.getSnapshot().base;
    if (!base || state.running) return;
    setState({ running: target, progress: 0, stage: 'Sending the image', error: null });
    try {
      let foreground = cache.current?.url === base.url ? cache.current : null;
      if (!foreground) {
        foreground = await segment(base.url, (progress, stage) => setState((s) => ({ ...s, progress, stage })));
        cache.current = foreground;
      }
      const alpha = new Uint8Array(foreground.values.length);
      // Subject: the subject is repainted (alpha 0). Background: everything but the subject.
      for (let i = 0; i < alpha.length; i++)
        alpha[i] = target === 'subject' ? 255 - foreground.values[i]! : foreground.values[i]!;
      editor.loadMask(
        { width: foreground.width, height: foreground.height, alpha },
        target === 'subject' ? 'Selected the subject' : 'Selected the background',
      );
      setState({ running: null, progress: 1, stage: '', error: null });
    } catch (error) {
      setState({
        running: null,
        progress: 0,
        stage: '',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return { state, select };
}

async function segment(url: string, onProgress: (progress: number, stage: string) => void): Promise<Foreground> {
  const image = await fetch(url);
  if (!image.ok) throw new Error('The base image could not be read for selection.');
  const response = await fetch('/api/segment', { method: 'POST', body: await image.blob() });
  if (!response.body) throw new Error('The server did not answer the selection request.');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line) as {
        progress?: number;
        stage?: string;
        png?: string;
        error?: { message: string };
      };
      if (message.error) throw new Error(message.error.message);
      if (message.progress !== undefined) onProgress(message.progress, message.stage ?? '');
      if (message.png) {
        const bytes = Uint8Array.from(atob(message.png), (c) => c.charCodeAt(0));
        const png = decode(bytes);
        const values = new Uint8Array(png.width * png.height);
        for (let i = 0; i < values.length; i++) values[i] = Number(png.data[i * png.channels]);
        return { url, width: png.width, height: png.height, values };
      }
    }
    if (done) throw new Error('The selection ended without a result; please try again.');
  }
}

/**
 * Start points on the server: an inpaint submit needs a base and a mask (the page checks first, the server still
 * refuses), the job keeps its start point for the gallery and Retry, and the draft remembers it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { addReference, sample, setUpPipeline } from '@/lib/testing/pipeline';

setUpPipeline('start', { completeAfterPolls: 1 });

const input = (key: string, referenceIds: string[], startPoint?: string | null) => ({
  idempotencyKey: `start-${key}`,
  prompt: 'Replace the cup with a glass of orange juice',
  options: DEFAULT_OPTIONS,
  referenceIds,
  startPoint,
});

describe('start points on the server', () => {
  it('refuses an inpaint submit without a mask or a base, naming what is missing, and makes no job', async () => {
    const { submitJob } = await import('./submit');
    const { listJobViews } = await import('./repository');
    const base = await addReference('coffee.png');
    const noMask = await submitJob(input('no-mask', [base.id], 'inpaint'), null);
    expect(noMask).toMatchObject({ ok: false, error: { code: 'mask:missing', field: 'mask' } });
    if (!noMask.ok) expect(noMask.error.message).toMatch(/no mask painted/i);
    const noBase = await submitJob(input('no-base', [], 'inpaint'), null);
    expect(noBase).toMatchObject({ ok: false, error: { code: 'mask:missing', field: 'references' } });
    expect(await listJobViews()).toHaveLength(0);
  });

  it('keeps the start point on the job, and a plain submit without one still works', async () => {
    const { submitJob } = await import('./submit');
    const base = await addReference('coffee.png');
    const mask = new Blob([sample('coffee-mask.png')], { type: 'image/png' });
    const inpaint = await submitJob(input('with-mask', [base.id], 'inpaint'), mask);
    expect(inpaint).toMatchObject({ ok: true, data: { startPoint: 'inpaint', hasMask: true } });
    const plain = await submitJob(input('plain', [base.id]), null);
    expect(plain).toMatchObject({ ok: true, data: { startPoint: null, hasMask: false } });
    const refused = await submitJob(input('bogus', [base.id], 'sketch'), null);
    expect(refused.ok).toBe(false);
  });

  it('remembers the start point with the draft, keeps it when not sent, and forgets it on null', async () => {
    const { saveDraft, loadDraft } = await import('../drafts/drafts');
    const browser = '6f1c1b1e-4c1f-4b8e-9a49-0d6f0c7f4b11';
    const draft = { prompt: '', options: DEFAULT_OPTIONS, referenceIds: [] };
    await saveDraft(browser, { ...draft, startPoint: 'style' });
    expect((await loadDraft(browser))?.startPoint).toBe('style');
    await saveDraft(browser, { ...draft, prompt: 'watercolour' });
    expect(await loadDraft(browser)).toMatchObject({ startPoint: 'style', prompt: 'watercolour' });
    await saveDraft(browser, { ...draft, startPoint: null });
    expect((await loadDraft(browser))?.startPoint).toBeNull();
  });
});

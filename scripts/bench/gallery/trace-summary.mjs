#!/usr/bin/env node
/**
 * Where a page's main-thread time goes, from a Chromium trace (Playwright's `browser.startTracing`): self time per
 * event (script, style, layout, paint, GC, image decode…) over the whole trace, and the breakdown of each long task.
 *
 *   node scripts/bench/gallery/trace-summary.mjs trace.json [--long 16]
 *
 * Self time, not total: a Layout inside a FunctionCall counts as Layout, not twice.
 */
import { readFileSync } from 'node:fs';

/** Complete events ('X') of the renderer's main thread (the busiest CrRendererMain), with self times. */
export function summariseTrace(trace, { longTaskMs = 16 } = {}) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mainThreads = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const counts = new Map();
  for (const e of events) if (e.ph === 'X') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = mainThreads
    .map((t) => `${t.pid}:${t.tid}`)
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
  const own = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);

  // Nest by time: an event inside the one below it on the stack is its child; self = duration − children.
  const stack = [];
  const topLevel = [];
  for (const event of own) {
    const node = { name: event.name, ts: event.ts, dur: event.dur, self: event.dur, children: [], args: event.args };
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= event.ts) stack.pop();
    if (stack.length) {
      stack.at(-1).children.push(node);
      stack.at(-1).self -= node.dur;
    } else topLevel.push(node);
    stack.push(node);
  }
  const selfByName = (nodes, into = new Map()) => {
    for (const node of nodes) {
      into.set(node.name, (into.get(node.name) ?? 0) + Math.max(0, node.self));
      selfByName(node.children, into);
    }
    return into;
  };
  const ms = (us) => +(us / 1000).toFixed(1);
  const table = (map, limit) =>
    Object.fromEntries(
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([name, us]) => [name, ms(us)]),
    );
  const start = topLevel[0]?.ts ?? 0;
  const end = topLevel.length ? Math.max(...topLevel.map((n) => n.ts + n.dur)) : 0;
  const longTasks = topLevel.filter((n) => n.dur > longTaskMs * 1000);
  // Off the main thread: image decoding and rasterisation on the raster workers (they share the same cores).
  const offMain = (name) =>
    ms(
      events
        .filter((e) => e.ph === 'X' && e.name === name && `${e.pid}:${e.tid}` !== main)
        .reduce((sum, e) => sum + e.dur, 0),
    );
  return {
    traceSeconds: +((end - start) / 1e6).toFixed(1),
    mainThreadBusyMs: ms(topLevel.reduce((sum, n) => sum + n.dur, 0)),
    imageDecodeMs: offMain('ImageDecodeTask'),
    rasterMs: offMain('RasterTask'),
    selfTimeMs: table(selfByName(topLevel), 15),
    longTasks: longTasks.length,
    longTaskSelfTimeMs: table(selfByName(longTasks), 12),
    longest: longTasks
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 5)
      .map((task) => ({
        ms: ms(task.dur),
        atS: +((task.ts - start) / 1e6).toFixed(2),
        self: table(selfByName([task]), 6),
      })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const i = process.argv.indexOf('--long');
  const longTaskMs = i > 0 ? Number(process.argv[i + 1]) : 16;
  console.log(JSON.stringify(summariseTrace(JSON.parse(readFileSync(file, 'utf8')), { longTaskMs }), null, 2));
}

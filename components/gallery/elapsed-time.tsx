'use client';

import { useEffect, useState } from 'react';

/** "12 s", "3 min 4 s": ticking while `to` is null (the task still runs), fixed once it is known. */
export function ElapsedTime({ from, to }: { from: string; to: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (to) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [to]);
  const seconds = Math.max(0, Math.round(((to ? Date.parse(to) : now) - Date.parse(from)) / 1000));
  const text = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return <time dateTime={`PT${seconds}S`}>{text}</time>;
}

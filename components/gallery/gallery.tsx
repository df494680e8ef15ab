'use client';

import { useQuery } from '@tanstack/react-query';
import { galleryQuery } from '@/lib/jobs/queries';
import { JobCard } from './job-card';

/** The region `Gallery`: every task, newest first, updated live while any is running. */
export function Gallery() {
  const { data: jobs, error, isPending } = useQuery(galleryQuery());

  return (
    <section aria-labelledby="gallery-heading" className="flex min-h-0 flex-col gap-3">
      <h2 id="gallery-heading" className="text-sm font-semibold text-zinc-100">
        Gallery
      </h2>
      {error && (
        <p role="alert" className="rounded-lg border border-amber-900/60 bg-amber-950/40 p-3 text-sm text-amber-200">
          {error.message} Retrying…
        </p>
      )}
      {isPending && <p className="text-sm text-zinc-400">Loading your tasks…</p>}
      {jobs?.length === 0 && (
        <p className="rounded-xl border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-400">
          No results yet. Add an image, paint what to change, describe it, and press Generate.
        </p>
      )}
      <div className="flex flex-col gap-3">
        {jobs?.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </div>
    </section>
  );
}

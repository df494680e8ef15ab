'use client';

import { useId, type ReactNode, type RefObject } from 'react';

/**
 * The studio's small modal: a `<dialog>` card with its title and a Close button, closed also by a click on the
 * backdrop. Open it with `showModal()` on `dialogRef` (see `useDialogOnDemand`); the content follows the title.
 */
export function ModalCard({
  dialogRef,
  title,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={headingId}
      onClick={(event) => event.target === event.currentTarget && dialogRef.current?.close()}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-zinc-800 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/70"
    >
      <div className="flex flex-col gap-3 p-5">
        <div className="flex items-start justify-between gap-3">
          <h3 id={headingId} className="text-base font-semibold text-zinc-50">
            {title}
          </h3>
          <button
            type="button"
            onClick={() => dialogRef.current?.close()}
            className="rounded px-2 py-0.5 text-sm text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100"
          >
            Close
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}

'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/**
 * A modal `<dialog>` that is rendered only once it is first asked for. A gallery card carries several (share, share
 * for review) and a scroll through 2,000 results mounts a card every few frames: closed dialogs were a third of
 * each card's DOM. Once opened it stays rendered, so what it made (a link) is still there when reopened.
 *
 *   const share = useDialogOnDemand();
 *   <button onClick={share.show}>…</button>
 *   {share.rendered && <dialog ref={share.ref}>…</dialog>}
 */
export function useDialogOnDemand() {
  const ref = useRef<HTMLDialogElement>(null);
  const [rendered, setRendered] = useState(false);
  const [showAsked, setShowAsked] = useState(0);

  const show = useCallback(() => {
    if (ref.current) ref.current.showModal();
    else {
      setRendered(true);
      setShowAsked((n) => n + 1);
    }
  }, []);

  // The first show happens once React has put the dialog in the page, before the browser paints.
  useLayoutEffect(() => {
    if (showAsked > 0 && !ref.current?.open) ref.current?.showModal();
  }, [showAsked]);

  return { ref, rendered, show };
}

'use client';

import { Icon } from './icons';
import { Tooltip } from './tooltip';

const iconButton =
  'inline-flex size-8 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 disabled:opacity-40';

/** Previous / Next result, with their arrow-key shortcuts in the tooltips (the dialog handles the keys). */
export function LightboxNav({
  canGoBack,
  canGoOn,
  go,
}: {
  canGoBack: boolean;
  canGoOn: boolean;
  go(step: 1 | -1): void;
}) {
  return (
    <div className="flex items-center">
      <Tooltip text="Previous result" shortcut="←">
        <button type="button" className={iconButton} disabled={!canGoBack} onClick={() => go(-1)}>
          <Icon name="previous" />
          <span className="sr-only">Previous result</span>
        </button>
      </Tooltip>
      <Tooltip text="Next result" shortcut="→">
        <button type="button" className={iconButton} disabled={!canGoOn} onClick={() => go(1)}>
          <Icon name="next" />
          <span className="sr-only">Next result</span>
        </button>
      </Tooltip>
    </div>
  );
}

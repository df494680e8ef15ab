'use client';

import { useId, useState, type FormEvent } from 'react';
import { saveCostSettingsAction } from '@/app/settings/cost-actions';
import { fromMicros } from '@/lib/cost/money';
import { DEFAULT_PRICES_AS_OF, DEFAULT_PRICES_SOURCE, type ModelPrices, type PriceTable } from '@/lib/cost/prices';
import { QUALITIES, RESOLUTIONS, type Quality, type Resolution } from '@/lib/jobs/options';

interface CostSettingsFormProps {
  model: string;
  prices: PriceTable;
  modelPrices: ModelPrices;
  confirmAboveMicros: number | null;
  teamBudgetMicros: number | null;
  /** "team" with accounts, "studio" in an open studio: whose budget the field is. */
  budgetOwner: string;
  mayEdit: boolean;
}

const amount = (micros: number | null) => (micros === null ? '' : String(fromMicros(micros)));

/** Settings › Costs: the price table of the model in use, the currency, the confirmation threshold and the budget. */
export function CostSettingsForm(props: CostSettingsFormProps) {
  const id = useId();
  const [currency, setCurrency] = useState(props.prices.currency);
  const [perImage, setPerImage] = useState(() => {
    const typed = {} as Record<Quality, Record<Resolution, string>>;
    for (const q of QUALITIES) {
      typed[q] = {} as Record<Resolution, string>;
      for (const r of RESOLUTIONS) typed[q][r] = String(props.modelPrices.perImage[q][r]);
    }
    return typed;
  });
  const [perInput, setPerInput] = useState(String(props.modelPrices.perInputImage));
  const [confirmAbove, setConfirmAbove] = useState(amount(props.confirmAboveMicros));
  const [teamBudget, setTeamBudget] = useState(amount(props.teamBudgetMicros));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const disabled = !props.mayEdit || busy;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    const row: ModelPrices = {
      perImage: Object.fromEntries(
        QUALITIES.map((q) => [q, Object.fromEntries(RESOLUTIONS.map((r) => [r, number(perImage[q][r])]))]),
      ) as ModelPrices['perImage'],
      perInputImage: number(perInput),
    };
    const prices: PriceTable = { currency, models: { ...props.prices.models, [props.model]: row } };
    try {
      const saved = await saveCostSettingsAction({ prices, confirmAbove, teamBudget });
      setMessage(saved.ok ? { ok: true, text: 'Cost settings saved.' } : { ok: false, text: saved.error.message });
    } catch {
      setMessage({ ok: false, text: 'The studio could not reach the server; nothing was saved. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  const input =
    'w-full rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm tabular-nums text-zinc-100 disabled:opacity-60';
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4">
      <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-50">
        Costs
      </h2>
      <p className="mt-1 text-sm text-zinc-400">
        Every figure is an estimate: the studio reserves it against budgets when a task is submitted and keeps the
        actual cost instead when the image service reports one. The offline engine costs nothing.
      </p>
      {!props.mayEdit && <p className="mt-2 text-sm text-amber-200">Only an admin or the owner can change these.</p>}
      <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="text-sm text-zinc-200">
            Currency
            <input
              className={`${input} mt-1 uppercase`}
              value={currency}
              maxLength={3}
              disabled={disabled}
              onChange={(e) => setCurrency(e.target.value)}
            />
          </label>
          <label className="text-sm text-zinc-200">
            Monthly budget
            <input
              className={`${input} mt-1`}
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={teamBudget}
              disabled={disabled}
              aria-describedby={`${id}-budget-help`}
              onChange={(e) => setTeamBudget(e.target.value)}
            />
            <span id={`${id}-budget-help`} className="mt-1 block text-xs text-zinc-400">
              For the whole {props.budgetOwner}, per calendar month (UTC). Empty: none.
            </span>
          </label>
          <label className="text-sm text-zinc-200">
            Confirm above
            <input
              className={`${input} mt-1`}
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={confirmAbove}
              disabled={disabled}
              aria-describedby={`${id}-confirm-help`}
              onChange={(e) => setConfirmAbove(e.target.value)}
            />
            <span id={`${id}-confirm-help`} className="mt-1 block text-xs text-zinc-400">
              Generate asks first when its estimate is above this. Empty: never.
            </span>
          </label>
        </div>
        <table className="w-full text-sm">
          <caption className="mb-2 text-left text-sm text-zinc-300">
            Price of one image for <span className="font-mono text-zinc-100">{props.model}</span>, in {currency}
          </caption>
          <thead>
            <tr className="text-left text-xs text-zinc-400">
              <th scope="col" className="pb-1 font-medium">
                Quality
              </th>
              {RESOLUTIONS.map((r) => (
                <th key={r} scope="col" className="pb-1 font-medium">
                  {r}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {QUALITIES.map((q) => (
              <tr key={q}>
                <th scope="row" className="py-1 pr-2 text-left font-normal capitalize text-zinc-200">
                  {q}
                </th>
                {RESOLUTIONS.map((r) => (
                  <td key={r} className="py-1 pr-2">
                    <input
                      aria-label={`Price per image, ${q} quality, ${r}`}
                      className={input}
                      type="number"
                      min="0"
                      step="any"
                      inputMode="decimal"
                      value={perImage[q][r]}
                      disabled={disabled}
                      onChange={(e) => setPerImage((prev) => ({ ...prev, [q]: { ...prev[q], [r]: e.target.value } }))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <label className="text-sm text-zinc-200 sm:w-1/3">
          Price per input image
          <input
            className={`${input} mt-1`}
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            value={perInput}
            disabled={disabled}
            onChange={(e) => setPerInput(e.target.value)}
          />
        </label>
        <p className="text-xs text-zinc-400">
          {DEFAULT_PRICES_SOURCE} (as of {DEFAULT_PRICES_AS_OF})
        </p>
        {message && (
          <p
            role={message.ok ? 'status' : 'alert'}
            className={message.ok ? 'text-sm text-emerald-300' : 'text-sm text-red-300'}
          >
            {message.text}
          </p>
        )}
        {props.mayEdit && (
          <button
            type="submit"
            aria-busy={busy}
            className="self-start rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-600"
          >
            Save cost settings
          </button>
        )}
      </form>
    </section>
  );
}

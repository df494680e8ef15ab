/** What the settings page knows about the engine and the key (built by lib/server/jobs/engine-status.ts). */
import type { EngineKind } from './types';

export type EngineState = 'ok' | 'offline' | 'unauthorized' | 'no_credit' | 'unreachable' | 'error';

/** Never the key; the host only, not the whole base URL (it may carry a token). */
export interface UpstreamStatusView {
  engine: EngineKind;
  model: string;
  host: string;
  webhooks: boolean;
  state: EngineState;
  /** One sentence for the user about the state. */
  message: string;
  /** Model ids the key may use (`GET /v1/models?type=image`); empty when the list could not be read. */
  models: string[];
  /** Whether the configured model is in that list (null when there is no list). */
  modelListed: boolean | null;
}

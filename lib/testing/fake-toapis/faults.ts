/**
 * The fake ToAPIs server's programmable misbehaviours: what a fault is, which request it hits, and ready-made
 * faults for the cases the client must survive. Plain data, so a Playwright test can send them over HTTP.
 */
export type FaultTarget = 'create' | 'status' | 'upload' | 'download' | 'models';

/** One programmed misbehaviour. JSON-serialisable, so it can be sent to `POST /__control`. */
export interface Fault {
  on: FaultTarget;
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** Answer with this status. Without it the request is only delayed, then handled normally. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. `{{id}}`, `{{url}}` and `{{key}}` are filled in. */
  body?: unknown;
  contentType?: string;
  /** Wait this long first (a hang, when longer than the client's timeout). */
  delayMs?: number;
}

export interface ControlCommand {
  /** Keep tasks in_progress until `release`. */
  hold?: boolean;
  release?: boolean;
  /** Appended to the fault list; consumed in order. */
  faults?: Fault[];
  /** Forget requests, tasks, uploads, faults and hold. */
  reset?: boolean;
  completeAfterPolls?: number;
  /** Drift mode: edits behave like a regenerating model (`driftedImage`). */
  drift?: boolean;
  /** Fields added to every completed task's JSON, as a relay that bills adds `usage` or `cost`; null removes them. */
  completedExtras?: Record<string, unknown> | null;
}

/** Ready-made faults for the cases the client must survive. */
export const fakeFaults = {
  rateLimited: (on: FaultTarget = 'create', retryAfter = '1'): Fault => ({
    on,
    status: 429,
    headers: { 'Retry-After': retryAfter, 'X-RateLimit-Category': on === 'status' ? 'async_query' : 'async_submit' },
    contentType: 'application/json',
    body: { error: { code: 'rate_limit_exceeded', message: 'Async task request rate exceeded' } },
  }),
  htmlBadGateway: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 502,
    contentType: 'text/html',
    body:
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
      '<hr><center>tengine</center>\r\n<script>var x = "<b>never shown</b>";</script></body>\r\n</html>\r\n',
  }),
  unauthorized: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 401,
    contentType: 'application/json',
    body: {
      error: { code: 401, message: 'Authentication failed, please check your API key', type: 'authentication_error' },
    },
  }),
  badRequest: (param = 'prompt', on: FaultTarget = 'create'): Fault => ({
    on,
    status: 400,
    contentType: 'application/json',
    body: {
      error: {
        code: 'invalid_request',
        message: `The '${param}' field is required.`,
        param,
        type: 'invalid_request_error',
      },
    },
  }),
  insufficientQuota: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 402,
    contentType: 'application/json',
    body: { error: { code: 402, message: 'Insufficient account balance, please top up', type: 'payment_required' } },
  }),
  tooLarge: (on: FaultTarget = 'upload'): Fault => ({
    on,
    status: 413,
    contentType: 'application/json',
    body: { success: false, message: 'Image too large. Maximum size is 10MB' },
  }),
  unavailable: (on: FaultTarget = 'create', retryAfter = '2'): Fault => ({
    on,
    status: 503,
    headers: { 'Retry-After': retryAfter },
    contentType: 'application/json',
    body: { error: { code: 'rate_limit_unavailable', message: 'Submit limiter unavailable' } },
  }),
  /** Cut-off JSON with a 200. */
  malformedJson: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 200,
    contentType: 'application/json',
    body: '{"id": "tsk_broken", "status": "que',
  }),
  /** A 400 whose message echoes the caller's key (the client must scrub it). */
  echoesKey: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 400,
    contentType: 'application/json',
    body: { error: { code: 'invalid_request', message: 'Token {{key}} is not valid for this model' } },
  }),
  unknownStatusWord: (word = 'thinking'): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: { id: '{{id}}', object: 'generation.task', status: word, progress: 40 },
  }),
  completedWithoutUrl: (): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: {
      id: '{{id}}',
      object: 'generation.task',
      status: 'completed',
      progress: 100,
      result: { type: 'image', data: [] },
    },
  }),
  failedWithError: (message = 'call upstream API failed: upstream returned status 422'): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: {
      id: '{{id}}',
      object: 'generation.task',
      status: 'failed',
      progress: 0,
      error: { code: 'generation_failed', message },
    },
  }),
  resultNotFound: (): Fault => ({ on: 'download', status: 404, contentType: 'text/plain', body: 'Not Found' }),
  /** No answer for `delayMs`, then a normal one: longer than the client's timeout, it is a hang. */
  hang: (on: FaultTarget = 'create', delayMs = 30_000): Fault => ({ on, delayMs }),
} satisfies Record<string, (...args: never[]) => Fault>;

/** Which kind of request a method and path are, for matching faults. */
export function targetOf(method: string, pathname: string): FaultTarget | undefined {
  if (method === 'POST' && pathname === '/v1/uploads/images') return 'upload';
  if (method === 'POST' && pathname === '/v1/images/generations') return 'create';
  if (method === 'GET' && /^\/v1\/images\/generations\/[^/]+$/.test(pathname)) return 'status';
  if (method === 'GET' && pathname === '/v1/models') return 'models';
  if (method === 'GET' && pathname.startsWith('/files/')) return 'download';
  return undefined;
}

export interface SettingsFacts {
  engine: 'toapis' | 'offline';
  model: string;
  password: boolean;
  database: 'pglite' | 'postgres';
  blobs: 'file' | 's3';
  webhooks: boolean;
}

interface Row {
  name: string;
  now: string;
  how: string;
  variables: string[];
}

function rows(facts: SettingsFacts): Row[] {
  return [
    {
      name: 'Image engine',
      now: facts.engine === 'toapis' ? 'ToAPIs' : 'Offline engine (no key set)',
      how: 'Set a key to use ToAPIs; remove it for the offline engine.',
      variables: ['TOAPIS_API_KEY'],
    },
    {
      name: 'Model',
      now: facts.model,
      how: 'The model id sent with every task, and where it is sent.',
      variables: ['TOAPIS_MODEL', 'TOAPIS_BASE_URL'],
    },
    {
      name: 'Task updates',
      now: facts.webhooks ? 'Webhooks, with polling as fallback' : 'Polling',
      how: 'Set the signing secret to accept ToAPIs webhooks.',
      variables: ['TOAPIS_WEBHOOK_SECRET'],
    },
    {
      name: 'Studio access',
      now: facts.password ? 'Password required' : 'Open to anyone who can reach it',
      how: 'One shared password; changing it signs everyone out.',
      variables: ['APP_PASSWORD'],
    },
    {
      name: 'Database',
      now: facts.database === 'postgres' ? 'PostgreSQL server' : 'Embedded (PGlite) in the data folder',
      how: 'A PostgreSQL server is needed to run several instances.',
      variables: ['DATABASE_URL', 'DATA_DIR'],
    },
    {
      name: 'Image storage',
      now: facts.blobs === 's3' ? 'S3-compatible bucket' : 'Files in the data folder',
      how: 'An S3-compatible bucket instead of the data folder.',
      variables: ['BLOB_STORE', 'S3_BUCKET'],
    },
  ];
}

/**
 * What can be changed and where: every setting lives in the server's environment, so the page says what each one
 * is now (never a secret's value) and which variable changes it. Accounts and budgets get their place here too.
 */
export function SettingsOverview({ facts }: { facts: SettingsFacts }) {
  return (
    <>
      <section aria-labelledby="change-heading" className="rounded-xl border border-zinc-800 bg-zinc-900 p-4">
        <h2 id="change-heading" className="text-sm font-semibold text-zinc-100">
          What you can change
        </h2>
        <p className="mt-1 text-sm text-zinc-400">
          Set in the server&apos;s environment (<code className="font-mono text-zinc-300">.env</code> or the host&apos;s
          settings) and applied when the server restarts. Keys and passwords are never shown or sent to the browser.
        </p>
        <dl className="mt-3 divide-y divide-zinc-800 text-sm">
          {rows(facts).map((row) => (
            <div key={row.name} className="grid gap-x-4 gap-y-0.5 py-2.5 sm:grid-cols-[10rem_1fr]">
              <dt className="text-zinc-400">{row.name}</dt>
              <dd className="flex flex-col gap-0.5">
                <span className="text-zinc-100">{row.now}</span>
                <span className="text-xs text-zinc-400">
                  {row.how}{' '}
                  {row.variables.map((name, index) => (
                    <span key={name}>
                      {index > 0 ? ', ' : ''}
                      <code className="font-mono text-zinc-300">{name}</code>
                    </span>
                  ))}
                </span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-zinc-400">
          Option presets are saved in the studio itself (Save as preset, under the options); the README lists every
          variable.
        </p>
      </section>
      <section aria-labelledby="accounts-heading" className="rounded-xl border border-dashed border-zinc-800 p-4">
        <h2 id="accounts-heading" className="text-sm font-semibold text-zinc-100">
          Accounts and budgets
        </h2>
        <p className="mt-1 text-sm text-zinc-400">
          Not yet: the studio has one shared password today. Personal accounts and spending budgets will be managed on
          this page.
        </p>
      </section>
    </>
  );
}

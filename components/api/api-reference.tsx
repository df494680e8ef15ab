/** The OpenAPI document as a page: each operation with its parameters, body and answers, then the schemas. */
type Json = Record<string, unknown>;

interface Operation {
  summary?: string;
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string }>;
}

function schemaName(schema: Json | undefined): string {
  const target = schema?.$ref;
  return typeof target === 'string' ? target.split('/').pop()! : 'inline';
}

export function ApiReference({ document }: { document: Json }) {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
  const info = document.info as { title: string; version: string; description: string };
  return (
    <div className="flex flex-col gap-4 text-sm text-zinc-300">
      <p>{info.description}</p>
      <p>
        Base path <span className="font-mono">/api/v1</span> · version {info.version} ·{' '}
        <a className="underline" href="/api/v1/openapi.json">
          openapi.json
        </a>
      </p>
      {Object.entries(paths).flatMap(([route, operations]) =>
        Object.entries(operations).map(([method, operation]) => (
          <section
            key={`${method} ${route}`}
            aria-label={`${method.toUpperCase()} ${route}`}
            className="flex flex-col gap-2 rounded-xl border border-zinc-800 p-4"
          >
            <h2 className="font-mono text-zinc-100">
              <span className="text-sky-300">{method.toUpperCase()}</span> /api/v1{route}
            </h2>
            <p>{operation.summary}</p>
            {operation.parameters && operation.parameters.length > 0 && (
              <ul className="list-disc pl-5">
                {operation.parameters.map((parameter) => (
                  <li key={`${parameter.in}-${parameter.name}`}>
                    <span className="font-mono">{parameter.name}</span> ({parameter.in}
                    {parameter.required ? ', required' : ''}){parameter.description ? `: ${parameter.description}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {operation.requestBody && (
              <p>
                Body:{' '}
                {Object.entries(operation.requestBody.content)
                  .map(([type, content]) => `${type} (${schemaName(content.schema)})`)
                  .join(' or ')}
              </p>
            )}
            <ul className="list-disc pl-5">
              {Object.entries(operation.responses).map(([status, response]) => (
                <li key={status}>
                  <span className="font-mono">{status}</span>: {response.description}
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
      <section aria-label="Schemas" className="flex flex-col gap-2 rounded-xl border border-zinc-800 p-4">
        <h2 className="text-zinc-100">Schemas</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <details key={name}>
            <summary className="cursor-pointer font-mono">{name}</summary>
            <pre className="overflow-x-auto rounded-lg bg-zinc-950 p-2 text-xs">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </section>
    </div>
  );
}

/** The OpenAPI document validates as OpenAPI 3.1 and lists exactly the routes under app/api/v1, method by method. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { API_BASE_PATH, openApiDocument } from './openapi';

const ROUTES_DIR = path.join('app', API_BASE_PATH);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : [];
  });
}

/** `GET /tasks/{id}` for every handler exported by a route file, its `[id]` folders as `{id}`. */
function routesOnDisk(): string[] {
  return routeFiles(ROUTES_DIR).flatMap((file) => {
    const route = `/${path.relative(ROUTES_DIR, path.dirname(file)).split(path.sep).join('/')}`.replace(
      /\[(\w+)\]/g,
      '{$1}',
    );
    const methods = [...readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)];
    return methods.map((m) => `${m[1]} ${route}`);
  });
}

function routesInDocument(): string[] {
  const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([route, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
  );
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists exactly the routes under app/api/v1', () => {
    expect(routesInDocument().sort()).toEqual(routesOnDisk().sort());
    expect(routesOnDisk()).toContain('POST /tasks');
  });

  it('describes the task input with the server’s own limits', () => {
    const schemas = (
      openApiDocument().components as { schemas: Record<string, { properties: Record<string, unknown> }> }
    ).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Error', 'Task', 'TaskInput', 'Asset', 'TaskPage']));
    expect(schemas.TaskInput!.properties.prompt).toMatchObject({ minLength: 1, maxLength: 32000 });
  });
});

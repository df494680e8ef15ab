import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { request as playwrightRequest, type Page } from '@playwright/test';
import { startFakeToapis } from '../lib/testing/fake-toapis/server';
import { verifyDelivery } from '../lib/webhooks/signing';
import { saveCostSettings } from './support/costs';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { createAccessToken } from './support/access-tokens';
import { createOwner, invite, join, MEMBER, VIEWER } from './support/people';

// The public API against the built app: tokens made and revoked in Settings, the whole flow over HTTP with a
// token (upload, create with a mask, wait, download, list), each refusal, and a webhook receiver that gets a
// signed delivery, sees a failing one retried and shown as failed, then resent.

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(state.status).end(state.status === 200 ? 'ok' : 'receiver down');
    });
  });
  return new Promise<{ url: string; received: Received[]; state: typeof state; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        received,
        state,
        close: () => server.close(),
      }),
    ),
  );
}

test('the API with a token, its refusals, and signed webhooks with retry and Resend', async ({ page, launchApp }) => {
  test.setTimeout(240_000);
  const app = await launchApp({ env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' } });
  const receiver = await startReceiver();

  // Settings: a write token and a read token, each shown once.
  await page.goto(`${app.url}/settings`);
  const writeToken = await createAccessToken(page, 'Product feed');
  const readToken = await createAccessToken(page, 'Dashboard', 'Read');
  expect(writeToken).toMatch(/^op_[\w-]{43}$/);
  await expectNoSeriousA11yViolations(page);

  // Settings: a webhook endpoint; its signing secret is shown once.
  await page.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);
  await page.getByRole('button', { name: 'Register webhook' }).click();
  const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole('list', { name: 'Webhook endpoints' })).toContainText(receiver.url);
  await expectNoSeriousA11yViolations(page);

  const api = await playwrightRequest.newContext({ baseURL: `${app.url}/api/v1/` });
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  // The document is public; everything else needs a token.
  expect((await api.get('openapi.json')).status()).toBe(200);
  const anonymous = await api.get('tasks');
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: 'api:token_required', field: 'Authorization' } });

  // Upload, then create with a mask (twice with one Idempotency-Key: one task).
  const upload = await api.post('references', {
    headers: as(writeToken),
    multipart: { file: { name: 'coffee.png', mimeType: 'image/png', buffer: readFileSync(samplePath('coffee.png')) } },
  });
  expect(upload.status()).toBe(201);
  const reference = (await upload.json()) as { id: string };
  const create = (token: string, key: string, prompt = 'Remove the cup') =>
    api.post('tasks', {
      headers: { ...as(token), 'Idempotency-Key': key },
      multipart: {
        payload: JSON.stringify({
          prompt,
          referenceIds: [reference.id],
          startPoint: 'inpaint',
          options: { quality: 'low' },
        }),
        mask: { name: 'mask.png', mimeType: 'image/png', buffer: readFileSync(samplePath('coffee-mask.png')) },
      },
    });
  const first = await create(writeToken, 'e2e-flow-0001');
  expect(first.status(), await first.text()).toBe(201);
  const task = (await first.json()) as { id: string };
  const again = await create(writeToken, 'e2e-flow-0001');
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { id: string }).id).toBe(task.id);

  // A read-only token may read but not create.
  const readOnly = await create(readToken, 'e2e-flow-0002');
  expect(readOnly.status()).toBe(403);
  expect(await readOnly.json()).toMatchObject({ error: { code: 'api:read_only' } });

  // Wait, download, list.
  let finished: { status: string; results: { download: string }[] } = { status: 'queued', results: [] };
  await expect
    .poll(
      async () => {
        finished = (await (await api.get(`tasks/${task.id}`, { headers: as(readToken) })).json()) as typeof finished;
        return finished.status;
      },
      { timeout: 90_000 },
    )
    .toBe('completed');
  const download = await api.get(`${app.url}${finished.results[0]!.download}`, { headers: as(readToken) });
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('image/png');
  expect((await download.body()).subarray(1, 4).toString()).toBe('PNG');
  const listed = (await (await api.get('tasks?q=cup', { headers: as(readToken) })).json()) as {
    tasks: { id: string }[];
  };
  expect(listed.tasks.map((t) => t.id)).toContain(task.id);

  // The receiver got a signed task.completed delivery.
  await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const delivered = receiver.received[0]!;
  const header = (name: string) => (delivered.headers[name] as string | undefined) ?? null;
  expect(verifyDelivery(secret, { get: header }, delivered.body)).toBe(true);
  expect(JSON.parse(delivered.body)).toMatchObject({ event: 'task.completed', data: { taskId: task.id } });

  // A failing receiver: the delivery is kept with its answer and waits to retry; Resend sends it again.
  receiver.state.status = 500;
  const second = await create(writeToken, 'e2e-flow-0003', 'Remove the saucer');
  const secondTask = (await second.json()) as { id: string };
  await expect.poll(() => receiver.received.length, { timeout: 90_000 }).toBe(2);
  await page.reload();
  const deliveries = page.getByRole('list', { name: 'Webhook deliveries' });
  const failing = deliveries.getByRole('listitem').filter({ hasText: 'Waiting to retry' });
  await expect(failing).toContainText('answer 500: receiver down');
  await expectNoSeriousA11yViolations(page);
  receiver.state.status = 200;
  await failing.getByRole('button', { name: 'Resend' }).click();
  await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(3);
  expect(JSON.parse(receiver.received[2]!.body)).toMatchObject({ data: { taskId: secondTask.id } });
  await page.reload();
  await expect(deliveries.getByRole('listitem').filter({ hasText: 'Waiting to retry' })).toHaveCount(0);

  // Revoked in Settings: the token is refused at once.
  await page
    .getByRole('listitem', { name: 'Product feed' })
    .getByRole('button', { name: /Revoke/ })
    .click();
  await expect(page.getByRole('listitem', { name: 'Product feed' })).toHaveCount(0);
  const revoked = await api.get('tasks', { headers: as(writeToken) });
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toMatchObject({ error: { code: 'api:token_invalid' } });

  await api.dispose();
  receiver.close();
});

test('in a team: a viewer’s token cannot create, and a member’s own budget refuses over the API and in the studio', async ({
  browser,
  launchApp,
}) => {
  test.setTimeout(180_000);
  const key = 'sk-e2e-api-team';
  const fake = await startFakeToapis({ apiKey: key, completeAfterPolls: 1 });
  const app = await launchApp({
    env: { AUTH_MODE: 'accounts', APP_PASSWORD: undefined, TOAPIS_API_KEY: key, TOAPIS_BASE_URL: fake.url },
  });
  const upstream = (path: string) => fake.state.requests.filter((r) => r.method === 'POST' && r.path === path);

  // The owner prices the work (a medium 1k image with its base: $0.06) and gives Milo $0.10 a month.
  const ownerContext = await browser.newContext({ baseURL: app.url });
  const owner = await ownerContext.newPage();
  await createOwner(owner);
  await owner.goto('/settings');
  await saveCostSettings(owner, { prices: true, budget: '', confirmAbove: '' });
  const milo = await join(browser, app.url, await invite(owner, 'member'), MEMBER);
  const vera = await join(browser, app.url, await invite(owner, 'viewer'), VIEWER);
  await owner.goto('/people');
  const miloBudget = owner.getByRole('row', { name: new RegExp(MEMBER.name) });
  await miloBudget.getByRole('spinbutton', { name: 'Monthly budget' }).fill('0.10');
  await miloBudget.getByRole('spinbutton', { name: 'Monthly budget' }).press('Enter');
  await expect(miloBudget.getByRole('status')).toHaveText('Saved');
  await expectNoSeriousA11yViolations(owner);

  // Each makes a read-and-write token of their own in Settings.
  const tokenOf = async (page: Page, name: string) => {
    await page.goto('/settings');
    return createAccessToken(page, name);
  };
  const miloToken = await tokenOf(milo.page, 'Milo’s feed');
  const veraToken = await tokenOf(vera.page, 'Vera’s dashboard');

  const api = await playwrightRequest.newContext({ baseURL: `${app.url}/api/v1/` });
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const upload = await api.post('references', {
    headers: as(miloToken),
    multipart: { file: { name: 'coffee.png', mimeType: 'image/png', buffer: readFileSync(samplePath('coffee.png')) } },
  });
  expect(upload.status()).toBe(201);
  const reference = (await upload.json()) as { id: string };
  const create = (token: string, key: string) =>
    api.post('tasks', {
      headers: { ...as(token), 'Idempotency-Key': key },
      data: {
        prompt: 'A brighter cup',
        referenceIds: [reference.id],
        options: { quality: 'medium', resolution: '1k', n: 1 },
      },
    });

  // The viewer's token reads, but the viewer's role does not create, whatever the token's scope.
  expect((await api.get('tasks', { headers: as(veraToken) })).status()).toBe(200);
  const viewer = await create(veraToken, 'team-viewer-0001');
  expect(viewer.status()).toBe(403);
  expect(await viewer.json()).toMatchObject({ error: { code: 'auth:forbidden' } });
  // Nor start a batch: the role is checked at the door, before the recipe or the images are looked at.
  const viewerBatch = await api.post('batches', {
    headers: { ...as(veraToken), 'Idempotency-Key': 'team-viewer-batch-0001' },
    data: { recipeId: 'any-recipe', imageIds: [reference.id] },
  });
  expect(viewerBatch.status()).toBe(403);
  expect(await viewerBatch.json()).toMatchObject({ error: { code: 'auth:forbidden' } });

  // Milo's $0.10: the first $0.06 task goes through, the second would cross it and is refused by name.
  const first = await create(miloToken, 'team-member-0001');
  expect(first.status(), await first.text()).toBe(201);
  // It reaches the upstream in the background; counted once it has.
  await expect.poll(() => upstream('/v1/images/generations').length, { timeout: 30_000 }).toBe(1);
  const uploadsBefore = upstream('/v1/uploads/images').length;
  const createsBefore = upstream('/v1/images/generations').length;
  const over = await create(miloToken, 'team-member-0002');
  expect(over.status()).toBe(403);
  const refusal = (await over.json()) as { error: { code: string; message: string } };
  expect(refusal.error.code).toBe('budget:exceeded');
  expect(refusal.error.message).toMatch(
    /^Your monthly budget of \$0\.10 has \$0\.04 left, and this would cost ≈ \$0\.06/,
  );

  // The same budget holds in Milo's studio: Generate is refused by name before anything is uploaded.
  await milo.goto();
  await milo.addFiles(samplePath('coffee.png'));
  await milo.select('Quality').selectOption('medium');
  await milo.select('Resolution').selectOption('1k');
  await expect(milo.page.locator('[data-cost-estimate=generate]')).toHaveText('Estimated cost: ≈ $0.06 for 1 image');
  await milo.prompt.fill('A brighter cup, again');
  await expect(milo.prompt).toHaveValue('A brighter cup, again');
  await milo.generate.click();
  await expect(milo.refusals).toContainText(/^Your monthly budget of \$0\.10 has \$0\.04 left/);
  expect(upstream('/v1/uploads/images')).toHaveLength(uploadsBefore);
  expect(upstream('/v1/images/generations')).toHaveLength(createsBefore);

  // The owner, with no budget of their own and none for the team, is not held by Milo's.
  const ownerToken = await tokenOf(owner, 'Owner’s script');
  expect((await create(ownerToken, 'team-owner-0001')).status()).toBe(201);

  await api.dispose();
  await Promise.all([ownerContext.close(), milo.page.context().close(), vera.page.context().close()]);
  await fake.close();
});

/**
 * A team on one studio, in three browsers: an admin and a member who generate, and a viewer who looks. Each keeps
 * their own draft; all see one gallery with names; they filter by person, star, approve and build a board; the
 * viewer cannot Generate (the button says why) and a Generate replayed from the viewer's session is refused.
 * The same story runs on the embedded defaults (one instance, PGlite, offline engine) and on a team's deployment
 * (two instances on PostgreSQL and S3 behind a round-robin balancer, the ToAPIs contract served by the fake).
 */
import type { Browser, BrowserContext, Locator, Request } from '@playwright/test';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { testPostgres } from '../lib/testing/postgres';
import { startS3, type TestS3 } from '../lib/testing/s3-server';
import { StudioPage } from './pages/studio-page';
import { expect, expectNoSeriousA11yViolations, test } from './support/fixtures';
import { ADMIN, createOwner, invite, join, MEMBER, VIEWER } from './support/people';
import { startRoundRobin } from './support/round-robin';

const ADA_PROMPT = 'A lighthouse on a cliff at dusk';
const MILO_PROMPT = 'A harbour full of red boats';

/**
 * Types a prompt and waits for the autosave to store it (a server action posting the draft with that prompt). Typed
 * before the page has hydrated, the text is replaced by the store's; then it is typed again.
 */
async function typeDraft(studio: StudioPage, prompt: string) {
  await expect(async () => {
    const saved = studio.page.waitForResponse(
      (response) => {
        const request = response.request();
        const headers = request.headers();
        return (
          Boolean(headers['next-action']) &&
          !headers['content-type']?.startsWith('multipart/form-data') &&
          (request.postData() ?? '').includes(prompt)
        );
      },
      { timeout: 5_000 },
    );
    await studio.prompt.fill('');
    await studio.prompt.fill(prompt);
    expect((await saved).status()).toBe(200);
  }).toPass({ timeout: 45_000 });
}

/** The prompts of the task cards the gallery shows now, exactly. */
async function shows(studio: StudioPage, prompts: string[]) {
  await expect(studio.gallery.getByRole('article')).toHaveCount(prompts.length);
  for (const prompt of prompts) await expect(studio.task(prompt)).toBeVisible();
}

const filters = (studio: StudioPage) => studio.page.getByRole('search', { name: 'Filter the gallery' });
const star = (card: Locator) => card.getByRole('button', { name: 'Star', exact: true });

async function jobCount(context: BrowserContext): Promise<number> {
  const response = await context.request.get('/api/jobs');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { jobs: unknown[] }).jobs.length;
}

/** The whole story, against one origin (an instance, or a balancer in front of two). */
async function workTogether(browser: Browser, origin: string) {
  // The owner opens the workspace and invites an admin, who runs it from then on.
  const ownerContext = await browser.newContext({ baseURL: origin });
  const owner = await ownerContext.newPage();
  await createOwner(owner);
  const ada = await join(browser, origin, await invite(owner, 'admin'), ADMIN);
  await ownerContext.close();
  const milo = await join(browser, origin, await invite(ada.page, 'member'), MEMBER);
  const vera = await join(browser, origin, await invite(ada.page, 'viewer'), VIEWER);
  await ada.goto();

  // Each person's draft is their own: typed in two browsers at once, each comes back to its writer.
  await Promise.all([typeDraft(ada, ADA_PROMPT), typeDraft(milo, MILO_PROMPT)]);
  await ada.page.reload();
  await milo.page.reload();
  await expect(ada.prompt).toHaveValue(ADA_PROMPT);
  await expect(milo.prompt).toHaveValue(MILO_PROMPT);
  await expect(vera.prompt).toHaveValue('');

  // Both generate; Milo's Generate request is kept, to be replayed from the viewer's session.
  let miloGenerate: Request | null = null;
  milo.page.on('request', (request) => {
    const multipart = request.headers()['content-type']?.startsWith('multipart/form-data');
    if (request.headers()['next-action'] && multipart && request.postData()?.includes(MILO_PROMPT))
      miloGenerate = request;
  });
  await ada.generateSmall(ADA_PROMPT);
  await milo.generateSmall(MILO_PROMPT);

  // One gallery for everyone, each card with its person's name, live in the viewer's browser.
  const adaCard = vera.task(ADA_PROMPT);
  const miloCard = vera.task(MILO_PROMPT);
  await expect(adaCard).toContainText(`by ${ADMIN.name}`);
  await expect(miloCard).toContainText(`by ${MEMBER.name}`);
  await expect(miloCard).toContainText('Completed');

  // The viewer cannot Generate and is told why; their result rows offer Star but not Approve.
  await expect(vera.generate).toBeDisabled();
  await expect(vera.generate).toHaveAccessibleDescription(/Viewers can look, star and comment/);
  await expect(vera.addReferences).toBeDisabled();
  await expect(miloCard.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await vera.page.screenshot({ path: test.info().outputPath('viewer-studio.png') });
  await expectNoSeriousA11yViolations(vera.page);

  // A Generate replayed over HTTP with the viewer's cookies is refused on the server, and creates nothing.
  await expect.poll(() => miloGenerate !== null).toBe(true);
  const post = miloGenerate as unknown as Request;
  const before = await jobCount(vera.page.context());
  const replay = await vera.page.context().request.post(post.url(), {
    headers: {
      'next-action': post.headers()['next-action']!,
      'content-type': post.headers()['content-type']!,
      accept: 'text/x-component',
      origin,
    },
    data: post.postDataBuffer()!,
  });
  expect(await replay.text()).toContain('auth:forbidden');
  expect(await jobCount(vera.page.context())).toBe(before);

  // Whose work: Mine, a person, Everyone.
  await filters(milo).getByRole('button', { name: 'Mine', exact: true }).click();
  await shows(milo, [MILO_PROMPT]);
  await filters(milo).getByLabel('Person').selectOption({ label: ADMIN.name });
  await shows(milo, [ADA_PROMPT]);
  await expect(milo.page).toHaveURL(/[?&]by=[\w-]+/);
  await filters(milo).getByRole('button', { name: 'Everyone', exact: true }).click();
  await shows(milo, [MILO_PROMPT, ADA_PROMPT]);

  // Stars are each person's own: Milo stars Ada's result, the viewer stars Milo's from the lightbox.
  await star(milo.task(ADA_PROMPT)).click();
  await expect(star(milo.task(ADA_PROMPT))).toHaveAttribute('aria-pressed', 'true');
  await miloCard.getByRole('button', { name: /^Open result 1 of/ }).click();
  const lightbox = vera.page.getByRole('dialog');
  await expect(lightbox).toBeVisible();
  await star(lightbox).click();
  await expect(star(lightbox)).toHaveAttribute('aria-pressed', 'true');
  await expectNoSeriousA11yViolations(vera.page);
  await vera.page.screenshot({ path: test.info().outputPath('lightbox-viewer.png') });
  await lightbox.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(star(miloCard)).toHaveAttribute('aria-pressed', 'true');
  await expect(star(adaCard)).toHaveAttribute('aria-pressed', 'false');

  // The admin approves Milo's result; everyone sees who decided.
  await ada.task(MILO_PROMPT).getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(ada.task(MILO_PROMPT).getByText(`Approved by ${ADMIN.name}`)).toBeVisible();
  await expect(miloCard.getByText(`Approved by ${ADMIN.name}`)).toBeVisible();

  // The member gathers both results on a board.
  await milo.task(ADA_PROMPT).getByRole('checkbox', { name: 'Select result 1' }).check();
  await milo.task(MILO_PROMPT).getByRole('checkbox', { name: 'Select result 1' }).check();
  await milo.page.getByRole('button', { name: 'Add selected to board' }).click();
  const dialog = milo.page.getByRole('dialog', { name: 'Add 2 results to a board' });
  await dialog.getByLabel('New board name').fill('Harbour campaign');
  await dialog.getByRole('button', { name: 'Add to board' }).click();
  await expect(milo.page.getByText('2 results added to “Harbour campaign”.')).toBeVisible();

  // The viewer narrows the shared gallery by the board, their own stars and the team's approval; the URL keeps it.
  await vera.page.reload();
  await filters(vera).getByLabel('Board').selectOption({ label: 'Harbour campaign' });
  await shows(vera, [MILO_PROMPT, ADA_PROMPT]);
  await filters(vera).getByRole('checkbox', { name: 'Starred' }).check();
  await shows(vera, [MILO_PROMPT]);
  await filters(vera).getByRole('checkbox', { name: 'Starred' }).uncheck();
  await filters(vera).getByLabel('Approval').selectOption({ label: 'Approved only' });
  await shows(vera, [MILO_PROMPT]);
  await vera.page.reload();
  await shows(vera, [MILO_PROMPT]);
  await expect(filters(vera).getByLabel('Board')).toHaveValue(/[\w-]{36}/);

  // Milo's stars are not the viewer's: his Starred view is Ada's result.
  await filters(milo).getByRole('checkbox', { name: 'Starred' }).check();
  await shows(milo, [ADA_PROMPT]);

  // The admin's activity log names who did what, in words.
  await ada.page.goto('/people');
  const log = ada.page.getByRole('list', { name: 'Activity entries' });
  await expect(log.getByRole('listitem').filter({ hasText: `${VIEWER.name} joined as viewer` })).toHaveCount(1);
  await expect(log.getByRole('listitem').filter({ hasText: `${ADMIN.name} invited a new member` })).toHaveCount(1);
  await ada.page.screenshot({ path: test.info().outputPath('people.png'), fullPage: true });

  for (const studio of [ada, milo, vera]) await studio.page.context().close();
}

test('a team on one studio: own drafts, one gallery with names, filters, a board, stars and approvals, roles', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(240_000);
  const app = await launchApp({ env: { AUTH_MODE: 'accounts', APP_PASSWORD: undefined } });
  await workTogether(browser, app.url);
});

test.describe('on a team deployment', () => {
  let fake: FakeToapis | undefined;
  let s3: TestS3 | undefined;
  test.afterAll(async () => {
    await fake?.close();
    await s3?.close();
  });

  test('the same team story on two instances on PostgreSQL behind a round-robin balancer', async ({
    launchApp,
    browser,
  }) => {
    const found = await testPostgres();
    test.skip(!found.ok, `needs PostgreSQL: ${found.ok ? '' : found.reason}`);
    if (!found.ok) return;
    test.setTimeout(240_000);
    s3 = await startS3();
    fake = await startFakeToapis({ apiKey: 'sk-e2e-team-workspace', completeAfterPolls: 1 });
    const env = {
      AUTH_MODE: 'accounts',
      APP_PASSWORD: undefined,
      TOAPIS_API_KEY: 'sk-e2e-team-workspace',
      TOAPIS_BASE_URL: fake.url,
      DATABASE_URL: await found.pg.createDatabase('overpaint_team'),
      ...s3.env,
    };
    const instances = await Promise.all([launchApp({ env }), launchApp({ env })]);
    const balancer = await startRoundRobin(instances.map((instance) => instance.url));
    try {
      await workTogether(browser, balancer.url);
      // Both instances served the team: the story did not pass by one of them.
      expect(Math.min(...balancer.served)).toBeGreaterThan(20);
    } finally {
      await balancer.close();
    }
  });
});

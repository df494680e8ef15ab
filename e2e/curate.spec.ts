import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Curation on embedded defaults, in a real browser with the offline engine: star, approve, a board with its
// share link, and every gallery filter kept in the URL. (One person until accounts land: the built-in owner, "You".)

/** The prompts of the task cards the gallery shows now. */
async function shownPrompts(studio: StudioPage, expected: string[]) {
  await expect(studio.gallery.getByRole('article')).toHaveCount(expected.length);
  for (const prompt of expected) await expect(studio.task(prompt)).toBeVisible();
}

test('star, approve, a board and its share link, and filters that survive a reload', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.paintAcrossCentre();
  const red = 'Paint the cup bright red';
  const blue = 'Paint the cup deep blue';
  const redTask = await studio.generateSmall(red, 45_000);
  const blueTask = await studio.generateSmall(blue, 45_000);

  // Attribution: each card names its person.
  await expect(redTask).toContainText('by You');

  // Star the red result (the viewer's own toggle), approve the blue one.
  const star = redTask.getByRole('button', { name: 'Star', exact: true });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await blueTask.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(blueTask.getByText('Approved by You')).toBeVisible();
  await expect(blueTask.getByRole('button', { name: 'Approve', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Both results onto a new board at once: multi-select, then Add selected to board.
  await redTask.getByRole('checkbox', { name: 'Select result 1' }).check();
  await blueTask.getByRole('checkbox', { name: 'Select result 1' }).check();
  await page.getByRole('button', { name: 'Add selected to board' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add 2 results to a board' });
  await dialog.getByLabel('New board name').fill('Launch picks');
  await dialog.getByRole('button', { name: 'Add to board' }).click();
  await expect(page.getByText('2 results added to “Launch picks”.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Selected results' })).toHaveCount(0);

  await expectNoSeriousA11yViolations(page);
  // For a designer's look: the gallery with names, a star, an approval.
  await page.setViewportSize({ width: 1440, height: 1400 });
  await studio.gallery.screenshot({ path: test.info().outputPath('gallery-curated.png') });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Filters: each one narrows the gallery and is written to the URL.
  const filters = page.getByRole('search', { name: 'Filter the gallery' });
  await filters.getByRole('checkbox', { name: 'Starred' }).check();
  await shownPrompts(studio, [red]);
  await expect(page).toHaveURL(/[?&]starred=1/);
  await filters.getByRole('checkbox', { name: 'Starred' }).uncheck();
  await filters.getByLabel('Approval').selectOption({ label: 'Approved only' });
  await shownPrompts(studio, [blue]);
  await expect(page).toHaveURL(/[?&]approval=approved/);
  await filters.getByLabel('Approval').selectOption({ label: 'Rejected' });
  await expect(page.getByText('No task matches this filter.')).toBeVisible();
  await filters.getByLabel('Approval').selectOption({ label: 'Any decision' });
  await filters.getByText('Dates', { exact: true }).click();
  await filters.getByLabel('From').fill('2099-01-01');
  await expect(page.getByText('No task matches this filter.')).toBeVisible();
  await expect(page).toHaveURL(/[?&]from=2099-01-01/);
  await filters.getByLabel('From').fill('');
  await shownPrompts(studio, [blue, red]);
  await filters.getByRole('button', { name: 'Mine', exact: true }).click();
  await expect(filters.getByRole('button', { name: 'Mine', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await shownPrompts(studio, [blue, red]);
  await expect(page).toHaveURL(/[?&]by=mine/);
  await filters.getByRole('button', { name: 'Everyone', exact: true }).click();
  await expect(page).not.toHaveURL(/by=/);
  await filters.getByLabel('Board').selectOption({ label: 'Launch picks' });
  await shownPrompts(studio, [blue, red]);
  await filters.getByRole('checkbox', { name: 'Starred' }).check();
  await filters.getByRole('button', { name: 'Mine', exact: true }).click();
  await shownPrompts(studio, [red]);

  // The filtered URL, reloaded, is the same view.
  const filteredUrl = page.url();
  expect(filteredUrl).toMatch(/board=[\w-]+/);
  await page.reload();
  await shownPrompts(studio, [red]);
  await expect(filters.getByRole('checkbox', { name: 'Starred' })).toBeChecked();
  await expect(filters.getByLabel('Board')).toHaveValue(/[\w-]{36}/);
  await expect(filters.getByRole('button', { name: 'Mine', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(studio.task(red).getByRole('button', { name: 'Star', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The board's page, and its share link opened by a stranger.
  await page.getByRole('link', { name: 'Boards', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Rename Launch picks' }).click();
  await page.getByRole('textbox', { name: 'New name for Launch picks' }).fill('Launch shortlist');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Board renamed to “Launch shortlist”.')).toBeVisible();
  await page.getByRole('link', { name: 'Launch shortlist' }).click();
  await expect(page.getByRole('heading', { name: 'Launch shortlist' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Results on this board' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = page.getByRole('textbox', { name: 'Board share link' });
  await expect(link).toHaveValue(/\/s\/b\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('board.png'), fullPage: true });

  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  const response = await visitor.goto(url);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { name: 'Launch shortlist' })).toBeVisible();
  const images = visitor.getByRole('img', { name: /^Board result \d: Image \d of 2$/ });
  await expect(images).toHaveCount(2);
  await expect
    .poll(() => images.first().evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
  await expect(visitor.getByText(red)).toHaveCount(0);
  await expect(visitor.getByText('Approved')).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);
  await visitor.screenshot({ path: test.info().outputPath('shared-board.png'), fullPage: true });

  // The Shared links page lists board links beside result links; revoked there, the page and its images answer 404
  // at once.
  const imageSrc = (await images.first().getAttribute('src'))!;
  await page.getByRole('link', { name: 'Shared links', exact: true }).click();
  const boardLinks = page.getByRole('list', { name: 'Active board links' });
  await expect(boardLinks.getByRole('link', { name: 'Launch shortlist' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('shares.png'), fullPage: true });
  await boardLinks.getByRole('button', { name: 'Revoke the link to Launch shortlist' }).click();
  await expect(page.getByText('The link to “Launch shortlist” is revoked')).toBeVisible();
  await expect(boardLinks).toHaveCount(0);
  expect((await visitor.goto(url))?.status()).toBe(404);
  expect((await visitor.request.get(imageSrc)).status()).toBe(404);
  await stranger.close();
});

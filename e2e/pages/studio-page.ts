import { expect, type Locator, type Page } from '@playwright/test';

/** The studio as a user and a screen reader find it: by role and accessible name. */
export class StudioPage {
  readonly addReferences: Locator;
  readonly references: Locator;
  readonly maskEditor: Locator;
  readonly prompt: Locator;
  readonly generate: Locator;
  readonly gallery: Locator;
  readonly refusals: Locator;

  constructor(readonly page: Page) {
    this.addReferences = page.getByLabel('Add reference images', { exact: true });
    this.references = page.getByRole('list', { name: 'References' });
    this.maskEditor = page.getByRole('group', { name: 'Mask editor' });
    this.prompt = page.getByRole('textbox', { name: 'Prompt' });
    // Exact: the Start section's "Generate from text" card is a button too.
    this.generate = page.getByRole('button', { name: 'Generate', exact: true });
    this.gallery = page.getByRole('region', { name: 'Gallery' });
    this.refusals = page.getByRole('alert').filter({ hasText: /./ });
  }

  /** Opens the studio and waits until it has restored the draft (typing before that would race it). */
  async goto(url = '/'): Promise<void> {
    await this.page.goto(url);
    await expect(this.gallery).toBeVisible();
    await expect(this.page.locator('html[data-draft-restored]')).toHaveCount(1, { timeout: 20_000 });
  }

  async addFiles(files: string | string[] | Parameters<Locator['setInputFiles']>[0]): Promise<void> {
    await this.addReferences.setInputFiles(files);
  }

  /** Drags across the middle of the canvas, from 30 % to 70 % of its width. */
  async paintAcrossCentre(): Promise<void> {
    const canvas = this.maskEditor.locator('canvas').last();
    await expect(canvas).toBeVisible();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('The mask canvas has no box');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * 0.3, y);
    await this.page.mouse.down();
    for (let step = 1; step <= 10; step++) await this.page.mouse.move(box.x + box.width * (0.3 + 0.04 * step), y);
    await this.page.mouse.up();
  }

  select(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Generates `prompt` small and fast (1k, low quality) with what the studio holds, and waits for it to complete. */
  async generateSmall(prompt: string, timeout = 60_000): Promise<Locator> {
    await this.prompt.fill(prompt);
    await this.select('Resolution').selectOption('1k');
    await this.select('Quality').selectOption('low');
    await this.generate.click();
    const task = this.task(prompt);
    await expect(task).toContainText('Completed', { timeout });
    return task;
  }

  /** The newest task's card. Right after Generate it may still be the previous task: prefer `task(prompt)`. */
  newestTask(): Locator {
    return this.gallery.getByRole('article').first();
  }

  /** The card of the task with this prompt (the newest, if several share it). */
  task(prompt: string): Locator {
    return this.gallery.getByRole('article', { name: `Task: ${prompt}`, exact: true }).first();
  }

  /** A result's less used actions (Compare, Copy, Delete) live in its "More actions" menu: opens it, picks one. */
  async resultMenuAction(scope: Locator, result: string, action: string): Promise<void> {
    const item = this.page.getByRole('menuitem', { name: `${action} ${result}` });
    // The gallery may re-render the card as a task's last step lands (restore status, live stamp): open again if so.
    await expect(async () => {
      if (!(await item.isVisible())) await scope.getByRole('button', { name: `More actions for ${result}` }).click();
      await expect(item).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await item.click();
  }
}

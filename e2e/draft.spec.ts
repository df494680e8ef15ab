import { expect, samplePath, test } from './support/fixtures';
import { MaskEditorPage } from './pages/mask-editor-page';
import { StudioPage } from './pages/studio-page';

// The draft lives on the server (keyed by this browser's id): reload and a server restart find it; Edit again
// reopens a task's inputs.

test('the draft (references, prompt, options) survives a reload and a server restart', async ({ page, app }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addFiles([samplePath('coffee.png'), samplePath('rocket.jpg')]);
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Make base rocket.jpg' }).click();
  await studio.prompt.fill('Paint the rocket red');
  await studio.select('Aspect ratio').selectOption('16:9');
  await studio.select('Quality').selectOption('high');
  // The draft is saved a moment after the last change.
  await page.waitForTimeout(1200);

  await page.reload();
  await expect(studio.prompt).toHaveValue('Paint the rocket red');
  await expect(studio.references.getByRole('listitem').first()).toContainText('rocket.jpg');
  await expect(studio.references.getByRole('listitem').first()).toContainText('Base');
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await expect(studio.select('Aspect ratio')).toHaveValue('16:9');
  await expect(studio.select('Quality')).toHaveValue('high');

  await app.restart();
  await page.reload();
  await expect(studio.prompt).toHaveValue('Paint the rocket red');
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await expect(studio.select('Aspect ratio')).toHaveValue('16:9');
});

test('the painted mask survives a reload and a server restart, pixel for pixel', async ({ page, app }) => {
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  // A soft stroke, so the saved mask must keep intermediate alpha too, not just 0 and 255.
  await mask.root.getByRole('slider', { name: 'Hardness' }).fill('40');
  await studio.paintAcrossCentre();
  expect(await mask.maskAlphaAt(0.5, 0.5)).toBe(0);
  expect(await mask.maskAlphaAt(0.05, 0.05)).toBe(255);
  const painted = await mask.maskChecksum();
  // The mask is saved a moment after the last stroke.
  await page.waitForTimeout(1500);

  await page.reload();
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expect.poll(() => mask.maskChecksum(), { timeout: 10_000 }).toBe(painted);

  await app.restart();
  await page.reload();
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expect.poll(() => mask.maskChecksum(), { timeout: 10_000 }).toBe(painted);
});

test('Edit again reopens a task’s references, prompt and options', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  await studio.prompt.fill('Swap the cup for a glass');
  await studio.select('Aspect ratio').selectOption('3:2');
  await studio.select('Quality').selectOption('low');
  await studio.generate.click();
  const task = studio.task('Swap the cup for a glass');
  await expect(task).toContainText('Completed', { timeout: 45_000 });

  // Start over: nothing left in the form.
  await studio.references.getByRole('button', { name: 'Remove coffee.png' }).click();
  await studio.prompt.fill('');
  await studio.select('Aspect ratio').selectOption('1:1');
  await studio.select('Quality').selectOption('medium');

  await task.getByRole('button', { name: 'Edit again' }).click();
  await expect(studio.prompt).toHaveValue('Swap the cup for a glass');
  await expect(studio.prompt).toBeFocused();
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await expect(studio.references.getByRole('listitem').first()).toContainText('coffee.png');
  await expect(studio.select('Aspect ratio')).toHaveValue('3:2');
  await expect(studio.select('Quality')).toHaveValue('low');
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
});

test('Edit again restores the task’s exact mask', async ({ page }) => {
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  const submitted = await mask.maskChecksum();
  await studio.prompt.fill('Mask round trip');
  await studio.generate.click();
  const task = studio.task('Mask round trip');
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  const clear = studio.maskEditor.getByRole('button', { name: 'Clear mask' });
  await clear.click();
  await expect(clear).toBeDisabled();
  expect(await mask.maskChecksum()).not.toBe(submitted);
  await task.getByRole('button', { name: 'Edit again' }).click();
  // The task's mask is back, every pixel of it.
  await expect.poll(() => mask.maskChecksum(), { timeout: 10_000 }).toBe(submitted);
  await expect(clear).toBeEnabled();
  await expect(page.getByText('The saved mask could not be restored')).toHaveCount(0);
  // The restored mask is a change like any other: autosaved with the draft (onMaskChange), back after a reload.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expect.poll(() => mask.maskChecksum(), { timeout: 10_000 }).toBe(submitted);
});

import type { Locator, Page } from '@playwright/test';

/** The Start section and the start guide that replaces it, found by role and name. */
export class StartSectionPage {
  readonly section: Locator;
  readonly newEdit: Locator;
  readonly examples: Locator;
  readonly showMaskEditor: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Start', exact: true });
    this.newEdit = page.getByRole('button', { name: 'New edit' });
    this.examples = page.getByRole('list', { name: 'Example prompts' });
    this.showMaskEditor = page.getByRole('button', { name: 'Show mask editor' });
  }

  choose(
    label: 'Blend references' | 'Inpaint with a mask' | 'Style transfer (4k)' | 'Generate from text',
  ): Promise<void> {
    // The name is the card's whole text: the label, then its one-line explanation.
    return this.section.getByRole('button', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} `) }).click();
  }

  /** The guide line naming the chosen start point. */
  current(label: string): Locator {
    return this.page.getByText(`Start point: ${label}`);
  }
}

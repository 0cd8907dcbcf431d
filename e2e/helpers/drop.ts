import type { Page } from 'playwright-core';

/**
 * Drags files over an element and drops them, as a file manager does: the page sees `dragover` then
 * `drop` with a DataTransfer holding the files (built in the page, since files cannot cross the wire).
 */
export async function dropFiles(page: Page, selector: string, files: Record<string, string>): Promise<void> {
  const transfer = await page.evaluateHandle((entries) => {
    const data = new DataTransfer();
    for (const [name, text] of Object.entries(entries)) data.items.add(new File([text], name));
    return data;
  }, files);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

import { expect, type Page } from '@playwright/test';

/** Selects the first occurrence of `text` in the open article, as a user's drag would. */
export async function selectText(page: Page, text: string): Promise<void> {
  // The reader loads the clicked article asynchronously: wait until its text is there.
  await expect(page.locator('article .body')).toContainText(text);
  const found = await page.evaluate((text) => {
    const body = document.querySelector('article .body');
    if (!body) return false;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(text) ?? -1;
      if (index >= 0) {
        // A user selects what they can see.
        node.parentElement?.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + text.length);
        const selection = document.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return true;
      }
    }
    return false;
  }, text);
  if (!found) throw new Error(`"${text}" is not in one text run of the article`);
}

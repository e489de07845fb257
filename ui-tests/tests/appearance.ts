/**
 * What a person sees, measured in the page: the contrast of every text of ours, and the
 * layout at JupyterLab's default sidebar width (nothing sticks out, no word is broken,
 * no placeholder or choice is cut). Each check returns one sentence per problem, so that
 * a failing test says what to fix.
 */
import { expect, Locator, Page } from '@playwright/test';

export type Theme = 'JupyterLab Light' | 'JupyterLab Dark';

/** Switch JupyterLab's theme from its Settings menu, as a person would, and wait for it. */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  const body = page.locator('body');
  if ((await body.getAttribute('data-jp-theme-name')) === theme) {
    return;
  }
  await page.getByRole('menuitem', { name: 'Settings', exact: true }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Theme$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${theme}$`) }).click();
  await expect(body).toHaveAttribute('data-jp-theme-name', theme);
  // The theme's stylesheet arrives after the attribute: wait until its colours apply.
  const light = theme === 'JupyterLab Light';
  await expect
    .poll(() =>
      page.evaluate(() => {
        const [r, g, b] = getComputedStyle(document.body)
          .getPropertyValue('--jp-layout-color1')
          .trim()
          .match(/[0-9a-f]{2}/gi)
          ?.slice(0, 3)
          .map(hex => parseInt(hex, 16)) ?? [128, 128, 128];
        return (r + g + b) / 3;
      })
    )
    [light ? 'toBeGreaterThan' : 'toBeLessThan'](128);
}

/**
 * Every visible text under `root` whose contrast with what is behind it is below WCAG AA:
 * 4.5:1, or 3:1 for large text (24px, or 18.66px bold). Disabled controls are exempt, as
 * WCAG exempts inactive components.
 */
export function contrastProblems(root: Locator): Promise<string[]> {
  return root.evaluate((top: Element) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    /** Any CSS colour (rgb(), color(srgb …), color-mix(…) as computed) → [r, g, b, a]. */
    const rgba = (css: string): number[] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = 'rgba(0, 0, 0, 0)';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = Array.from(ctx.getImageData(0, 0, 1, 1).data);
      return [r, g, b, a / 255];
    };
    const over = (fg: number[], bg: number[]): number[] => [
      fg[0] * fg[3] + bg[0] * (1 - fg[3]),
      fg[1] * fg[3] + bg[1] * (1 - fg[3]),
      fg[2] * fg[3] + bg[2] * (1 - fg[3]),
      1
    ];
    const luminance = (c: number[]): number => {
      const [r, g, b] = c.slice(0, 3).map(v => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    /** What is painted behind `el`: its own and its ancestors' backgrounds, composited. */
    const backdrop = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let node = el; node; node = node.parentElement) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        if (color[3] > 0) {
          layers.push(color);
        }
        if (color[3] >= 1) {
          break;
        }
      }
      let result = [255, 255, 255, 1];
      for (const layer of layers.reverse()) {
        result = over(layer, result);
      }
      return result;
    };
    const visible = (el: Element): boolean =>
      el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden' &&
      !el.closest('[aria-hidden="true"]');
    const inactive = (el: Element): boolean =>
      el.matches(':disabled') ||
      !!el.closest('button:disabled, [aria-disabled="true"], fieldset:disabled');
    const describe = (el: Element, text: string) =>
      `"${text.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${[...el.classList].join('.')})`;

    const problems: string[] = [];
    const check = (el: Element, text: string, color: string) => {
      const style = getComputedStyle(el);
      const bg = backdrop(el);
      const fg = over(rgba(color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      // The text's own opacity (and its ancestors') fades it further.
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) {
        opacity *= Number(getComputedStyle(node).opacity);
      }
      const faded = opacity < 1 ? over([...fg.slice(0, 3), opacity], bg) : fg;
      const [h2, l2] = [luminance(faded), luminance(bg)].sort((a, b) => b - a);
      const seen = Math.min(ratio, (h2 + 0.05) / (l2 + 0.05));
      if (seen < needed) {
        problems.push(
          `${describe(el, text)}: contrast ${seen.toFixed(2)}:1, needs ${needed}:1`
        );
      }
    };

    for (const el of [top, ...top.querySelectorAll('*')]) {
      if (!visible(el) || inactive(el) || el instanceof SVGElement) {
        continue;
      }
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        if (el.type === 'checkbox' || el.type === 'radio' || el.type === 'file') {
          continue;
        }
        if (el.value) {
          check(el, el.value, getComputedStyle(el).color);
        } else if (el.placeholder) {
          check(el, el.placeholder, getComputedStyle(el, '::placeholder').color);
        }
        continue;
      }
      if (el instanceof HTMLSelectElement) {
        const option = el.selectedOptions[0];
        if (option) {
          check(el, option.text, getComputedStyle(el).color);
        }
        continue;
      }
      const own = [...el.childNodes]
        .filter(node => node.nodeType === Node.TEXT_NODE)
        .map(node => node.textContent ?? '')
        .join('');
      if (own.trim()) {
        check(el, own, getComputedStyle(el).color);
      }
      // Text put in by CSS (the best value's star).
      const after = getComputedStyle(el, '::after');
      const content = after.content;
      if (content && content !== 'none' && content !== 'normal' && /\w|★/.test(content)) {
        check(el, content.replace(/^"|"$/g, ''), after.color);
      }
    }
    return problems;
  });
}

/**
 * What is wrong with the layout of `root` at its current width: anything reaching past
 * its right edge or scrolling sideways (except inside `.jp-dsws-scroll-x`, the data
 * sheets meant to scroll), a word broken across two lines, a placeholder or a chosen
 * option wider than its field.
 */
export function layoutProblems(root: Locator): Promise<string[]> {
  return root.evaluate((top: Element) => {
    const problems: string[] = [];
    const right = top.getBoundingClientRect().right;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` +
      (el.textContent ? ` "${el.textContent.trim().slice(0, 30)}"` : '');
    const visible = (el: Element): boolean =>
      el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const scroller = (el: Element) => el.closest('.jp-dsws-scroll-x');

    const ctx = document.createElement('canvas').getContext('2d')!;
    const textWidth = (text: string, style: CSSStyleDeclaration) => {
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return ctx.measureText(text).width;
    };
    const room = (el: HTMLElement, style: CSSStyleDeclaration) =>
      el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);

    for (const el of [top, ...top.querySelectorAll('*')]) {
      if (!visible(el)) {
        continue;
      }
      const inScroller = scroller(el);
      const box = el.getBoundingClientRect();
      if (!inScroller && box.right > right + 1 && box.width > 0) {
        problems.push(
          `${name(el)} reaches ${Math.round(box.right - right)}px past the edge`
        );
      }
      const style = getComputedStyle(el);
      if (
        !el.matches('.jp-dsws-scroll-x') &&
        !inScroller &&
        ['auto', 'scroll'].includes(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1
      ) {
        problems.push(
          `${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`
        );
      }
      if (el instanceof HTMLInputElement && el.placeholder && !el.value) {
        const need = textWidth(el.placeholder, getComputedStyle(el, '::placeholder'));
        if (need > room(el, style) + 1) {
          problems.push(
            `the placeholder "${el.placeholder}" is cut (${Math.round(need)}px in ${room(el, style)}px)`
          );
        }
      }
      if (el instanceof HTMLSelectElement && el.selectedOptions[0]) {
        const text = el.selectedOptions[0].text;
        const need = textWidth(text, style);
        if (need > room(el, style) + 1) {
          problems.push(
            `the choice "${text}" is cut (${Math.round(need)}px in ${room(el, style)}px)`
          );
        }
      }
    }

    // A word split over two lines: letters and digits (with . and _ inside) whose
    // characters do not all sit on one line.
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent)) {
        continue;
      }
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*/gu)) {
        if (match[0].length < 2) {
          continue;
        }
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
        const line = parseFloat(getComputedStyle(parent).fontSize);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > line / 2) {
          problems.push(`"${match[0]}" is broken across lines in ${name(parent)}`);
        }
      }
    }
    return problems;
  });
}

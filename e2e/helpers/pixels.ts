import type { Page } from 'playwright-core';

/**
 * The colour of one pixel of a PNG screenshot, as `[r, g, b]`, decoded by the browser itself (a canvas
 * in the page), so no image library is needed.
 */
export async function pixelAt(page: Page, png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ({ data, x, y }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const [r, g, b] = context.getImageData(x, y, 1, 1).data;
      return [r!, g!, b!] as [number, number, number];
    },
    { data: png.toString('base64'), x, y },
  );
}

/** Relative luminance-ish brightness, 0 (black) to 255 (white). */
export const brightness = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

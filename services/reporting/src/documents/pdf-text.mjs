// Test helper: the text of a PDF (read from stdin) as JSON { numPages, pages, extents }: one string
// per page, extracted by the current pdf.js, and per page its width and the x range its text spans
// (what a layout must keep within the margins). Run in its own Node process because pdf.js is
// published as ES modules only, which jest's CommonJS runtime cannot load.
// On each page, items on one baseline are joined (with a tab where there is a gap, as between
// table cells) and lines are separated by '\n'.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0, useSystemFonts: false }).promise;
const pages = [];
const extents = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const { items } = await page.getTextContent();
  let out = '';
  let lastY;
  let lastEnd = 0;
  let space = false;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const item of items) {
    if (!('str' in item)) continue;
    // pdf.js reports the gaps between runs as items of spaces: a separator, not text.
    if (item.str.trim() === '') {
      space = true;
      continue;
    }
    const x = item.transform[4];
    const y = item.transform[5];
    if (lastY !== undefined && Math.abs(y - lastY) < 1) out += x - lastEnd > 6 ? '\t' : space || x - lastEnd > 1 ? ' ' : '';
    else if (lastY !== undefined) out += '\n';
    out += item.str;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + item.width);
    lastY = y;
    lastEnd = x + item.width;
    space = false;
  }
  pages.push(
    out
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
  );
  extents.push({ width: page.view[2] - page.view[0], minX, maxX });
  page.cleanup();
}
process.stdout.write(JSON.stringify({ numPages: doc.numPages, pages, extents }));
await doc.destroy();

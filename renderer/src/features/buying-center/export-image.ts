import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const PADDING = 40;
const MAX_SIDE = 8000;

/**
 * Renders the whole map (every node, not just what is on screen) at 1:1 scale, capped so a huge
 * map still fits a canvas.
 */
export interface MapPicture {
  dataUrl: string;
  /** Size in CSS pixels; a PNG has twice as many for sharpness. */
  width: number;
  height: number;
}

async function render(kind: 'png' | 'svg', nodes: Node[], viewportEl: HTMLElement, background: string): Promise<MapPicture> {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width + 2 * PADDING, bounds.height + 2 * PADDING));
  const width = Math.ceil((bounds.width + 2 * PADDING) * scale);
  const height = Math.ceil((bounds.height + 2 * PADDING) * scale);
  const vp = getViewportForBounds(bounds, width, height, scale, scale, PADDING / Math.max(width, height));
  const options = {
    backgroundColor: background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
    // Controls and handles are for editing, not for the picture.
    filter: (el: HTMLElement) => !el.classList?.contains('react-flow__handle'),
  };
  const dataUrl = kind === 'png' ? await toPng(viewportEl, { ...options, pixelRatio: 2 }) : await toSvg(viewportEl, options);
  return { dataUrl, width, height };
}

export function download(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

export function mapImage(kind: 'png' | 'svg', nodes: Node[], container: HTMLElement, background: string): Promise<MapPicture> {
  const viewport = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The map is not on screen');
  return render(kind, nodes, viewport, background);
}

/** Prints the map alone: the picture goes into a print-only element, then the print dialog opens. */
export function printImage(dataUrl: string, title: string): void {
  const holder = document.createElement('div');
  holder.className = 'print-only-map';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const img = document.createElement('img');
  img.src = dataUrl;
  holder.append(heading, img);
  document.body.append(holder);
  document.body.classList.add('printing-map');
  const done = () => {
    holder.remove();
    document.body.classList.remove('printing-map');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  img.decode().finally(() => window.print());
}

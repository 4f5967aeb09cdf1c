import type { Action } from 'svelte/action';

export interface DropZoneOptions {
  /** Files (or folders) were dropped. */
  ondrop(files: File[]): void;
  /** Files are being dragged over the element (true), or no longer (false). */
  onactive(active: boolean): void;
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * `use:dropZone`: takes files dropped anywhere on the element. Other drags (text, links)
 * are left alone. The enter/leave count keeps the overlay up while the pointer crosses
 * children, each of which sends its own enter and leave.
 */
export const dropZone: Action<HTMLElement, DropZoneOptions> = (node, initial) => {
  let options = initial;
  let depth = 0;
  const setDepth = (next: number): void => {
    if (depth > 0 !== next > 0) options.onactive(next > 0);
    depth = next;
  };
  const ondragenter = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDepth(depth + 1);
  };
  const ondragover = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const ondragleave = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    setDepth(Math.max(0, depth - 1));
  };
  const ondrop = (event: DragEvent): void => {
    event.preventDefault();
    setDepth(0);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) options.ondrop(files);
  };
  const listeners = {
    dragenter: ondragenter,
    dragover: ondragover,
    dragleave: ondragleave,
    drop: ondrop,
  };
  for (const [type, listener] of Object.entries(listeners))
    node.addEventListener(type, listener as EventListener);
  return {
    update(next) {
      options = next;
    },
    destroy() {
      for (const [type, listener] of Object.entries(listeners))
        node.removeEventListener(type, listener as EventListener);
    },
  };
};

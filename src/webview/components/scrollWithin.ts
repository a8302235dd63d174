// Scrolls one container so that an element inside it is in view. Element.scrollIntoView would also scroll
// every ancestor, up to the editor that holds the webview frame, which moves the whole panel out of sight.
export function scrollWithin(el: HTMLElement | null | undefined, container: HTMLElement | null | undefined): void {
  if (!el || !container) return;
  const box = el.getBoundingClientRect();
  const view = container.getBoundingClientRect();
  if (box.top < view.top) container.scrollTop -= view.top - box.top;
  else if (box.bottom > view.bottom) container.scrollTop += Math.min(box.bottom - view.bottom, box.top - view.top);
}
